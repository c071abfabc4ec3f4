import CookieCore

/// A column's sort keys for a list of cookies, and the one comparison over them. The
/// one-shot sort (`SortCache.compute`) and the sliced one (`SortJob`) both build this
/// table and sort with `ordering`, so a jar orders the same way whatever its size.
///
/// Keys are 64-bit: numbers order-preserved; strings their first 8 bytes, ASCII-lower-cased,
/// then bytes 8–15 the same way, then the whole string byte by byte, then file order
/// (stable). Every step compares raw UTF-8 bytes: a character split at byte 8 stays bytes,
/// never a decoded U+FFFD, so the three steps agree with one folded byte comparison.
struct SortKeys: Sendable {
  let column: ColumnID
  let numeric: Bool
  /// Key and position side by side: the sort reads contiguous memory, not a key table.
  var pairs: [(key: UInt64, at: Int32)] = []
  /// The whole string of each element (string columns but the value).
  var strings: [String] = []
  /// The value of each element (the value column only): its bytes, not a string made of
  /// them (a million values as strings would take a hundred megabytes).
  var values: [ValueText] = []
  /// Bytes 8–15 of each string, folded: settles most prefix ties without a string compare.
  var second: [UInt64] = []

  init(column: ColumnID, capacity: Int) {
    self.column = column
    numeric = SortKeys.isNumeric(column)
    pairs.reserveCapacity(capacity)
    if column == .value {
      values.reserveCapacity(capacity)
      second.reserveCapacity(capacity)
    } else if !numeric {
      strings.reserveCapacity(capacity)
      second.reserveCapacity(capacity)
    }
  }

  static func isNumeric(_ column: ColumnID) -> Bool {
    switch column {
    case .expires, .flags, .size, .httpOnly, .secure, .sameSite, .priority, .status: true
    case .name, .value, .domain, .path, .partition, .source: false
    }
  }

  /// Adds the next element (its position is its index among those added).
  mutating func append(_ c: Cookie) {
    let at = Int32(pairs.count)
    let key: UInt64
    switch column {
    // Sessions sort after every date, as in devtools; the sign bit flipped keeps negative
    // (pre-1970) instants before positive ones in unsigned order.
    case .expires: key = UInt64(bitPattern: c.expires?.microseconds ?? Int64.max) ^ (1 << 63)
    case .flags:
      // HttpOnly first, then Secure, SameSite, Partitioned: the order the column reads.
      key =
        (c.httpOnly ? 1 << 12 : 0) | (c.secure ? 1 << 8 : 0) | UInt64(c.sameSite.rawValue) << 4
        | (c.partitioned ? 1 : 0)
    case .size: key = UInt64(c.size)
    case .httpOnly: key = c.httpOnly ? 1 : 0
    case .secure: key = c.secure ? 1 : 0
    case .sameSite: key = UInt64(c.sameSite.rawValue)
    case .priority: key = UInt64(c.priority?.rawValue ?? 1)
    // The compare status is not the cookie's own: the status column keeps the load order
    // (filter with status:… instead).
    case .status: key = 0
    case .value:
      let v = c.valueText
      values.append(v)
      let (first, next) = v.withBytes {
        (SortKeys.foldedBytes($0, from: 0), SortKeys.foldedBytes($0, from: 8))
      }
      key = first
      second.append(next)
    case .name, .domain, .path, .partition, .source:
      let s = SortKeys.text(c, column)
      strings.append(s)
      key = SortKeys.foldedBytes(s, from: 0)
      second.append(SortKeys.foldedBytes(s, from: 8))
    }
    pairs.append((key, at))
  }

  /// The comparison, holding only the tie-break tables: sort loops capture this, never the
  /// table itself, whose `pairs` would then be copied on write.
  var ordering: Ordering { Ordering(numeric: numeric, strings: strings, values: values, second: second) }

  struct Ordering: Sendable {
    let numeric: Bool
    let strings: [String]
    let values: [ValueText]
    let second: [UInt64]

    @inline(__always)
    func less(_ a: (key: UInt64, at: Int32), _ b: (key: UInt64, at: Int32)) -> Bool {
      if a.key != b.key { return a.key < b.key }
      if !numeric {
        let x = second[Int(a.at)]
        let y = second[Int(b.at)]
        if x != y { return x < y }
        let c =
          values.isEmpty
          ? SortKeys.foldedCompare(strings[Int(a.at)], strings[Int(b.at)])
          : values[Int(a.at)].withBytes { x in
            values[Int(b.at)].withBytes { y in SortKeys.foldedCompare(x, y) }
          }
        if c != 0 { return c < 0 }
      }
      return a.at < b.at
    }
  }

  static func text(_ c: Cookie, _ column: ColumnID) -> String {
    switch column {
    case .name: c.name
    case .value: c.value
    case .domain: c.domain
    case .path: c.path
    case .partition: c.partitionKey?.topLevelSite ?? ""
    default: c.sourceFile
    }
  }

  /// Eight UTF-8 bytes from byte `start` on, ASCII-lower-cased, big-endian, zero-padded
  /// past the end: comparing these compares those bytes of the folded strings.
  static func foldedBytes(_ s: UnsafeRawBufferPointer, from start: Int) -> UInt64 {
    var k: UInt64 = 0
    var n = 0
    for var b in s.dropFirst(start) {
      if n == 8 { break }
      if b >= 65 && b <= 90 { b += 32 }
      k = k << 8 | UInt64(b)
      n += 1
    }
    return n == 0 ? 0 : k << (8 * UInt64(8 - n))
  }

  static func foldedBytes(_ s: String, from start: Int) -> UInt64 {
    var s = s
    return s.withUTF8 { foldedBytes(UnsafeRawBufferPointer($0), from: start) }
  }

  /// Byte-wise comparison of ASCII-lower-cased bytes: -1, 0 or 1.
  static func foldedCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    var ia = a.makeIterator()
    var ib = b.makeIterator()
    while true {
      let x = ia.next()
      let y = ib.next()
      guard var x else { return y == nil ? 0 : -1 }
      guard var y else { return 1 }
      if x >= 65 && x <= 90 { x += 32 }
      if y >= 65 && y <= 90 { y += 32 }
      if x != y { return x < y ? -1 : 1 }
    }
  }

  /// The same for two strings' UTF-8.
  static func foldedCompare(_ a: String, _ b: String) -> Int {
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in foldedCompare(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) }
    }
  }

}
