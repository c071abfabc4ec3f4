import Foundation

/// Turns byte ranges into `String`s, returning the same string storage for equal bytes.
///
/// A million-cookie jar repeats a few thousand domains and paths; sharing one heap buffer
/// per distinct text instead of one per cookie saves tens of megabytes. Strings of up to 15
/// UTF-8 bytes are stored inline by Swift and need no sharing, so they bypass the table.
struct StringInterner {
  /// One open-addressing table of (hash, string) slots: a probe reads one slot, and the
  /// compare reads the string's own storage, whose reference count the returned copy then
  /// touches (the same cache line). An empty string marks a free slot: interned strings
  /// are longer than 15 bytes.
  private struct Slot {
    var hash: UInt64 = 0
    var string = ""
  }
  private var slots: [Slot]
  private var count = 0
  /// Above this many distinct strings the table stops growing (unique values would only
  /// cost memory) and further strings are made fresh.
  private let limit: Int
  private var hitsWhenFull = 0
  private var missesWhenFull = 0
  /// Set once the table is full and lookups mostly miss; strings are then made fresh.
  private var gaveUp = false

  init(limit: Int = 1 << 18) {
    self.limit = limit
    slots = Array(repeating: Slot(), count: 1024)
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
    let found = slots.withUnsafeBufferPointer { table -> (Int, String?) in
      let mask = table.count - 1
      var i = Int(truncatingIfNeeded: h) & mask
      while true {
        if table[i].string.isEmpty { return (i, nil) }
        if table[i].hash == h {
          let same = table[i].string.utf8.withContiguousStorageIfAvailable { u in
            u.count == bytes.count && memcmpEqual(u.baseAddress!, bytes)
          }
          if same == true { return (i, table[i].string) }
        }
        i = (i + 1) & mask
      }
    }
    if let string = found.1 {
      if count >= limit { hitsWhenFull += 1 }
      return string
    }
    let s = String(decoding: bytes, as: UTF8.self)
    if count >= limit {
      // Full and mostly missing (unique names): stop paying for lookups.
      missesWhenFull += 1
      if missesWhenFull >= 4096 && hitsWhenFull * 3 < missesWhenFull { gaveUp = true }
      return s
    }
    slots[found.0] = Slot(hash: h, string: s)
    count += 1
    if count * 2 > slots.count { grow() }
    return s
  }

  private mutating func grow() {
    let cap = slots.count * 2
    var t = Array(repeating: Slot(), count: cap)
    for slot in slots where !slot.string.isEmpty {
      var k = Int(truncatingIfNeeded: slot.hash) & (cap - 1)
      while !t[k].string.isEmpty { k = (k + 1) & (cap - 1) }
      t[k] = slot
    }
    slots = t
  }
}

private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafeRawBufferPointer) -> Bool {
  guard let bb = b.baseAddress else { return false }
  return memcmp(a, bb, b.count) == 0
}
