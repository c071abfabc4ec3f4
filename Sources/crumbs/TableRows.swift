import CookieCore

/// The rows of the `list` table as bytes: cells padded to their column's width, two spaces
/// between columns, no trailing blanks. `emit` lays out cells given as strings (the simple
/// path); `emitPlain` writes a cookie's cells straight to bytes when its name, value,
/// domain and path are printable ASCII (one column per byte, nothing to escape).
struct TableRows {
  let widths: [Int]
  let rightAligned: [Bool]
  var chunk: [UInt8] = []
  /// Spaces owed; dropped at the end of the row (no trailing blanks).
  private var pending = 0

  init(widths: [Int], rightAligned: [Bool]) {
    self.widths = widths
    self.rightAligned = rightAligned
    chunk.reserveCapacity((1 << 20) + 4096)
  }

  private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 128)

  private mutating func pad(_ n: Int) {
    if n <= 0 { return }
    if n <= Self.spaces.count {
      chunk.append(contentsOf: Self.spaces[..<n])
    } else {
      chunk.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n))
    }
  }

  /// Cell `i`, `width` columns wide, written by `write`; an empty left-aligned cell only
  /// adds to the spaces owed.
  @inline(__always)
  private mutating func cell(_ i: Int, width w: Int, isEmpty: Bool, _ write: (inout [UInt8]) -> Void) {
    if rightAligned[i] {
      pad(pending + widths[i] - w)
      pending = 0
    } else {
      if isEmpty {
        pending += widths[i] + 2
        return
      }
      pad(pending)
      pending = 0
    }
    write(&chunk)
    pending = rightAligned[i] ? 2 : widths[i] - w + 2
  }

  private mutating func endRow() {
    chunk.append(UInt8(ascii: "\n"))
    pending = 0
  }

  /// One row of cells as `CookieTable.cells` gives them.
  mutating func emit(_ row: [String]) {
    for i in row.indices {
      let cell = row[i]
      self.cell(i, width: CookieTable.width(cell), isEmpty: cell.isEmpty) { $0.append(contentsOf: cell.utf8) }
    }
    endRow()
  }

  /// The row `emit(CookieTable.cells(c, now:))` writes, for a cookie whose name, value,
  /// domain and path are printable ASCII.
  mutating func emitPlain(_ c: Cookie, now: Instant) {
    text(0, c.name, limit: 32)
    c.withValueBytes { text(1, bytes: $0, limit: 48) }
    text(2, c.domain, limit: 40, dot: !c.hostOnly)
    text(3, c.path, limit: 24)
    if let e = c.expires {
      let expired = c.isExpired(at: now)
      // `date` marks a date it cannot show with a 21st character.
      let date = e >= Instant(seconds: 253_402_300_799) || e < Instant(seconds: 0) ? 21 : 20
      cell(4, width: date + (expired ? 8 : 0), isEmpty: false) {
        Self.appendDate(e, to: &$0)
        if expired { $0.append(contentsOf: " expired".utf8) }
      }
    } else {
      cell(4, width: 7, isEmpty: false) { $0.append(contentsOf: "Session".utf8) }
    }
    let size = Int64(c.size)
    cell(5, width: DecimalDigits.count(size), isEmpty: false) { Self.appendDecimal(size, to: &$0) }
    check(6, c.httpOnly)
    check(7, c.secure)
    let sameSite = c.sameSite.displayName
    cell(8, width: sameSite.utf8.count, isEmpty: sameSite.isEmpty) { $0.append(contentsOf: sameSite.utf8) }
    endRow()
  }

  /// `CookieTable.cut(s, limit)` (with a leading `.` when `dot`) for printable ASCII `s`.
  private mutating func text(_ i: Int, _ s: String, limit: Int, dot: Bool = false) {
    var s = s
    s.withUTF8 { text(i, bytes: UnsafeRawBufferPointer($0), limit: limit, dot: dot) }
  }

  /// As `text(_:_:limit:dot:)` for the UTF-8 bytes of printable ASCII text.
  private mutating func text(_ i: Int, bytes s: UnsafeRawBufferPointer, limit: Int, dot: Bool = false) {
    let n = s.count + (dot ? 1 : 0)
    cell(i, width: min(n, limit), isEmpty: n == 0) { out in
      if n <= limit {
        if dot { out.append(UInt8(ascii: ".")) }
        out.append(contentsOf: s)
      } else {
        // The first limit - 1 characters, then `…`.
        if dot { out.append(UInt8(ascii: ".")) }
        out.append(contentsOf: s.prefix(limit - 1 - (dot ? 1 : 0)))
        out.append(contentsOf: [0xE2, 0x80, 0xA6])
      }
    }
  }

  private mutating func check(_ i: Int, _ on: Bool) {
    cell(i, width: on ? 1 : 0, isEmpty: !on) { $0.append(contentsOf: [0xE2, 0x9C, 0x93]) }  // ✓
  }

  /// `CookieTable.date(t)`.
  static func appendDate(_ t: Instant, to out: inout [UInt8]) {
    if t >= Instant(seconds: 253_402_300_799) {
      out.append(contentsOf: "9999-12-31 23:59:59Z+".utf8)
      return
    }
    if t < Instant(seconds: 0) {
      out.append(contentsOf: "1970-01-01 00:00:00Z-".utf8)
      return
    }
    let (y, mo, d, h, mi, s) = Instant.civil(fromUnixSeconds: t.seconds)
    // Years 0...9999 here (the date is below 9999-12-31 23:59:59).
    appendTwoDigits(y / 100, to: &out)
    appendTwoDigits(y, to: &out)
    out.append(UInt8(ascii: "-"))
    appendTwoDigits(mo, to: &out)
    out.append(UInt8(ascii: "-"))
    appendTwoDigits(d, to: &out)
    out.append(UInt8(ascii: " "))
    appendTwoDigits(h, to: &out)
    out.append(UInt8(ascii: ":"))
    appendTwoDigits(mi, to: &out)
    out.append(UInt8(ascii: ":"))
    appendTwoDigits(s, to: &out)
    out.append(UInt8(ascii: "Z"))
  }

  /// The last two decimal digits of `v` (not negative).
  @inline(__always)
  static func appendTwoDigits(_ v: Int, to out: inout [UInt8]) {
    out.append(UInt8(truncatingIfNeeded: 0x30 + v / 10 % 10))
    out.append(UInt8(truncatingIfNeeded: 0x30 + v % 10))
  }

  static func appendDecimal(_ v: Int64, to out: inout [UInt8]) {
    if v < 0 { out.append(UInt8(ascii: "-")) }
    var x = v.magnitude
    let start = out.count
    repeat {
      out.append(UInt8(truncatingIfNeeded: x % 10) + 0x30)
      x /= 10
    } while x > 0
    out[start...].reverse()
  }
}
