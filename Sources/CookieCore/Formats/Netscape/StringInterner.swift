import Foundation

/// Turns byte ranges into `String`s, returning the same string storage for equal bytes.
///
/// A million-cookie jar repeats a few thousand domains and paths; sharing one heap buffer
/// per distinct text instead of one per cookie saves tens of megabytes. Strings of up to 15
/// UTF-8 bytes are stored inline by Swift and need no sharing, so they bypass the table.
struct StringInterner {
  private var table: [Int32]
  private var hashes: [UInt64]
  private var strings: [String] = []
  /// Above this many distinct strings the table stops growing (unique values would only
  /// cost memory) and further strings are made fresh.
  private let limit: Int

  init(limit: Int = 1 << 18) {
    self.limit = limit
    table = Array(repeating: -1, count: 1024)
    hashes = Array(repeating: 0, count: 1024)
  }

  /// FNV-1a over the bytes.
  private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h = (h ^ UInt64(b)) &* 0x100_0000_01b3
    }
    return h
  }

  /// The string for valid UTF-8 `bytes` (the caller checked validity).
  mutating func intern(_ bytes: UnsafeRawBufferPointer) -> String {
    if bytes.count <= 15 { return String(decoding: bytes, as: UTF8.self) }
    let h = StringInterner.hash(bytes)
    let mask = table.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let e = table[i]
      if e < 0 { break }
      if hashes[i] == h {
        var s = strings[Int(e)]
        let same = s.withUTF8 { u in
          u.count == bytes.count && (u.count == 0 || memcmpEqual(u.baseAddress!, bytes))
        }
        if same { return s }
      }
      i = (i + 1) & mask
    }
    let s = String(decoding: bytes, as: UTF8.self)
    if strings.count >= limit { return s }
    table[i] = Int32(strings.count)
    hashes[i] = h
    strings.append(s)
    if strings.count * 2 > table.count { grow() }
    return s
  }

  private mutating func grow() {
    let cap = table.count * 2
    var t = Array(repeating: Int32(-1), count: cap)
    var hs = Array(repeating: UInt64(0), count: cap)
    for j in table.indices where table[j] >= 0 {
      var k = Int(truncatingIfNeeded: hashes[j]) & (cap - 1)
      while t[k] >= 0 { k = (k + 1) & (cap - 1) }
      t[k] = table[j]
      hs[k] = hashes[j]
    }
    table = t
    hashes = hs
  }
}

private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafeRawBufferPointer) -> Bool {
  guard let bb = b.baseAddress else { return false }
  return memcmp(a, bb, b.count) == 0
}
