import Foundation

/// ASCII strings as bytes in an open-addressing table (at most half full): a lookup hashes
/// the bytes (FNV-1a) and compares them with `memcmp`, where `Set<String>` hashes and
/// compares through Unicode normalisation. The lint asks the public-suffix list about every
/// cookie's domain, a million times for a large jar.
struct ASCIIByteSet: Sendable {
  /// Index into `starts` of the string in each slot, or -1.
  private var slots: [Int32]
  private var starts: [Int32] = [0]
  private var bytes: [UInt8] = []

  /// The strings of `strings` that are ASCII, or canonically equal to an ASCII string (a
  /// few characters decompose to one: U+212A KELVIN SIGN to `K`, U+037E to `;`), as the
  /// ASCII bytes: an ASCII text is `==` to a string exactly when their bytes are then equal.
  init(_ strings: Set<String>) {
    var size = 16
    while size < 2 * strings.count { size *= 2 }
    slots = [Int32](repeating: -1, count: size)
    for s in strings {
      var ascii = Array(s.utf8)
      if !ascii.allSatisfy({ $0 < 0x80 }) {
        ascii = Array(s.decomposedStringWithCanonicalMapping.utf8)
        if !ascii.allSatisfy({ $0 < 0x80 }) { continue }
      }
      ascii.withUnsafeBufferPointer { b in
        if contains(b) { return }
        var slot = Self.hash(b) & (size - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
        slots[slot] = Int32(starts.count - 1)
        bytes += b
        starts.append(Int32(bytes.count))
      }
    }
  }

  private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01B3 }
    return Int(truncatingIfNeeded: h ^ (h >> 29))
  }

  /// No closure here: one that reads the arrays captures them, retaining each for every
  /// lookup, and the lint's threads look up in one shared list.
  func contains(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let mask = slots.count - 1
    var slot = Self.hash(b) & mask
    while true {
      let k = Int(slots[slot])
      if k < 0 { return false }
      let from = Int(starts[k])
      if Int(starts[k + 1]) - from == b.count {
        var same = true
        for x in 0..<b.count where bytes[from + x] != b[x] {
          same = false
          break
        }
        if same { return true }
      }
      slot = (slot + 1) & mask
    }
  }
}

extension PublicSuffixList {
  /// `isListedPublicSuffix` for a domain of lower-case ASCII without leading or trailing
  /// dots (what cookie domains nearly always are), by bytes; nil for any other domain,
  /// which goes the simple way. A test holds the two equal.
  func listedASCIIVerdict(_ d: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard let first = d.first, let last = d.last, first != UInt8(ascii: "."), last != UInt8(ascii: ".")
    else { return nil }
    for b in d where b >= 0x80 || (b >= 0x41 && b <= 0x5A) { return nil }
    if asciiRules.contains(d) { return !asciiExceptions.contains(d) }
    guard let dot = d.firstIndex(of: UInt8(ascii: ".")) else { return false }
    return asciiWildcards.contains(UnsafeBufferPointer(rebasing: d[(dot + 1)...]))
      && !asciiExceptions.contains(d)
  }
}
