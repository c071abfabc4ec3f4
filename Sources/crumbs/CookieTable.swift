import CookieCore
import Foundation

/// The `crumbs list` table: the columns of the browser devtools cookie pane.
///
/// Cells are escaped (`\x1b`, never a raw control character) and cut to a column limit
/// with `…`; rows are streamed to stdout in chunks, so a million cookies never build one
/// giant string.
struct CookieTable {
  struct Column {
    var title: String
    var limit: Int
    var rightAligned = false
  }

  static let columns = [
    Column(title: "Name", limit: 32), Column(title: "Value", limit: 48), Column(title: "Domain", limit: 40),
    Column(title: "Path", limit: 24), Column(title: "Expires", limit: 28),
    Column(title: "Size", limit: 6, rightAligned: true), Column(title: "HttpOnly", limit: 8),
    Column(title: "Secure", limit: 6), Column(title: "SameSite", limit: 8),
  ]

  /// The cells of one cookie, escaped and cut.
  static func cells(_ c: Cookie, now: Instant) -> [String] {
    var expires = "Session"
    if let e = c.expires {
      expires = CookieTable.date(e)
      if c.isExpired(at: now) { expires += " expired" }
    }
    return [
      cut(c.name, 32), cut(c.value, 48), cut((c.hostOnly ? "" : ".") + c.domain, 40), cut(c.path, 24),
      expires, String(c.size), c.httpOnly ? "✓" : "", c.secure ? "✓" : "", c.sameSite.displayName,
    ]
  }

  /// `2027-06-09 10:18:14Z`, without Foundation's formatter (fast for a million rows).
  static func date(_ t: Instant) -> String {
    if t >= Instant(seconds: 253_402_300_799) { return "9999-12-31 23:59:59Z+" }
    if t < Instant(seconds: 0) { return "1970-01-01 00:00:00Z-" }
    let (y, mo, d, h, mi, s) = Instant.civil(fromUnixSeconds: t.seconds)
    // Filled byte by byte: string interpolation here dominated listing a million rows.
    var b: [UInt8] = Array("0000-00-00 00:00:00Z".utf8)
    func put(_ v: Int, at i: Int, digits: Int) {
      var v = v
      for k in stride(from: i + digits - 1, through: i, by: -1) {
        b[k] = UInt8(0x30 + v % 10)
        v /= 10
      }
    }
    put(y, at: 0, digits: 4)
    put(mo, at: 5, digits: 2)
    put(d, at: 8, digits: 2)
    put(h, at: 11, digits: 2)
    put(mi, at: 14, digits: 2)
    put(s, at: 17, digits: 2)
    return String(decoding: b, as: UTF8.self)
  }

  /// Escapes control characters, then cuts to `limit` characters with `…`.
  static func cut(_ raw: String, _ limit: Int) -> String {
    let s = TerminalSafe.escape(raw)
    if s.utf8.count <= limit { return s }
    var out = ""
    var n = 0
    for ch in s {
      if n == limit - 1 { return out + "…" }
      out.append(ch)
      n += 1
    }
    return out
  }

  /// Display width of a cell: characters (wide East Asian text counts one per character
  /// here; the table stays readable, the full-screen inspector measures exactly).
  static func width(_ s: String) -> Int {
    var ascii = true
    for b in s.utf8 where b >= 0x80 {
      ascii = false
      break
    }
    return ascii ? s.utf8.count : s.count
  }

  /// Display width of a cell cut to `limit`, computed without building the cell when the
  /// text needs no escaping (the common case; keeps the sizing pass cheap).
  static func cellWidth(_ raw: String, _ limit: Int) -> Int {
    if TerminalSafe.needsEscaping(raw) { return width(cut(raw, limit)) }
    return min(width(raw), limit)
  }

  /// Writes the table for `cookies` to standard output.
  static func print(_ cookies: [Cookie], now: Instant) {
    render(cookies, now: now) { CLIStreams.stdout(bytes: $0) }
  }

  /// The table's bytes, handed to `sink` a megabyte at a time. Rows whose name, value,
  /// domain and path are printable ASCII are written straight to bytes unless `fast` is
  /// false; the others (and every row when it is) go through `cells`, the simple path a
  /// test holds the fast one equal to.
  static func render(
    _ cookies: [Cookie], now: Instant, fast: Bool = true, to sink: (UnsafeRawBufferPointer) -> Void
  ) {
    var widths = columns.map { $0.title.count }
    // Rows for the fast path: nothing to escape, one column per byte.
    var plain = [Bool](repeating: false, count: fast ? cookies.count : 0)
    // First pass: widths only, from lengths (a million rows of cell strings would double
    // the memory and the time). Cookies are passed by index, borrowed, never copied.
    for k in cookies.indices {
      if fast && isPlain(cookies[k]) {
        plain[k] = true
        measurePlain(cookies[k], &widths)
      } else {
        measure(cookies[k], &widths)
      }
      measureExpiryAndSize(cookies[k], now: now, &widths)
    }
    var rows = TableRows(widths: widths, rightAligned: columns.map(\.rightAligned))
    rows.emit(columns.map(\.title))
    for k in cookies.indices {
      if fast && plain[k] {
        rows.emitPlain(cookies[k], now: now)
      } else {
        rows.emit(cells(cookies[k], now: now))
      }
      if rows.chunk.count >= 1 << 20 {
        rows.chunk.withUnsafeBytes { sink($0) }
        rows.chunk.removeAll(keepingCapacity: true)
      }
    }
    rows.chunk.withUnsafeBytes { sink($0) }
  }

  /// Name, value, domain and path are printable ASCII: nothing to escape, a column a byte.
  static func isPlain(_ c: Cookie) -> Bool {
    TextBytes.of(c.name).union(.ofValue(c)).union(.of(c.domain)).union(.of(c.path)).isDisjoint(
      with: .unprintable)
  }

  /// `measure` for a plain cookie.
  static func measurePlain(_ c: Cookie, _ widths: inout [Int]) {
    widths[0] = max(widths[0], min(c.name.utf8.count, 32))
    widths[1] = max(widths[1], min(c.valueByteCount, 48))
    widths[2] = max(widths[2], min(c.domain.utf8.count + (c.hostOnly ? 0 : 1), 40))
    widths[3] = max(widths[3], min(c.path.utf8.count, 24))
  }

  /// Widens the Name, Value, Domain and Path columns to fit `c`'s cells.
  static func measure(_ c: Cookie, _ widths: inout [Int]) {
    widths[0] = max(widths[0], cellWidth(c.name, 32))
    widths[1] = max(widths[1], cellWidth(c.value, 48))
    widths[2] = max(
      widths[2],
      TerminalSafe.needsEscaping(c.domain)
        ? width(cut((c.hostOnly ? "" : ".") + c.domain, 40))
        : min(40, width(c.domain) + (c.hostOnly ? 0 : 1)))
    widths[3] = max(widths[3], cellWidth(c.path, 24))
  }

  static func measureExpiryAndSize(_ c: Cookie, now: Instant, _ widths: inout [Int]) {
    if let e = c.expires {
      widths[4] = max(widths[4], c.isExpired(at: now) ? 28 : 20 + (e.seconds > 253_402_300_799 ? 1 : 0))
    }
    widths[5] = max(widths[5], DecimalDigits.count(Int64(c.size)))
  }
}
