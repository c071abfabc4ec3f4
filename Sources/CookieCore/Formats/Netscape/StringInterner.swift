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
  private var hitsWhenFull = 0
  private var missesWhenFull = 0
  /// Set once the table is full and lookups mostly miss; strings are then made fresh.
  private var gaveUp = false

  init(limit: Int = 1 << 18) {
    self.limit = limit
    table = Array(repeating: -1, count: 1024)
    hashes = Array(repeating: 0, count: 1024)
  }

  /// A multiply-xorshift hash over 8-byte words (domains are 10–40 bytes; a byte-wise
  /// hash showed up in profiles of a million-cookie load).
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var i = 0
    while i + 8 <= bytes.count {
      h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 29
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < bytes.count {
      tail |= UInt64(bytes[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    return h ^ (h >> 31)
  }

  /// The string for valid UTF-8 `bytes` (the caller checked validity).
  mutating func intern(_ bytes: UnsafeRawBufferPointer) -> String {
    if bytes.count <= 15 || gaveUp { return String(decoding: bytes, as: UTF8.self) }
    let h = StringInterner.hash(bytes)
    let mask = table.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let e = table[i]
      if e < 0 { break }
      if hashes[i] == h {
        let same = strings[Int(e)].utf8.withContiguousStorageIfAvailable { u in
          u.count == bytes.count && (u.count == 0 || memcmpEqual(u.baseAddress!, bytes))
        }
        if same == true {
          if strings.count >= limit { hitsWhenFull += 1 }
          return strings[Int(e)]
        }
      }
      i = (i + 1) & mask
    }
    let s = String(decoding: bytes, as: UTF8.self)
    if strings.count >= limit {
      // Full and mostly missing (unique names): stop paying for lookups.
      missesWhenFull += 1
      if missesWhenFull >= 4096 && hitsWhenFull * 3 < missesWhenFull { gaveUp = true }
      return s
    }
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
