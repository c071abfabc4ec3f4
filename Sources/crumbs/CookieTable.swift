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
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(y)-\(two(mo))-\(two(d)) \(two(h)):\(two(mi)):\(two(s))Z"
  }

  /// Escapes control characters, then cuts to `limit` characters with `…`.
  static func cut(_ raw: String, _ limit: Int) -> String {
    let s = ControlEscaping.escaped(raw)
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

  /// Writes the table for `cookies` to standard output.
  static func print(_ cookies: [Cookie], now: Instant) {
    var widths = columns.map { $0.title.count }
    // First pass: widths only (cells are cheap to rebuild; keeping a million rows of
    // strings would double the memory).
    for c in cookies {
      let row = cells(c, now: now)
      for i in row.indices { widths[i] = max(widths[i], width(row[i])) }
    }
    var chunk = ""
    chunk.reserveCapacity(1 << 20)
    func emit(_ row: [String]) {
      for i in row.indices {
        let pad = widths[i] - width(row[i])
        let last = i == row.count - 1
        if columns[i].rightAligned {
          chunk += String(repeating: " ", count: pad) + row[i]
        } else {
          chunk += row[i]
          if !last { chunk += String(repeating: " ", count: pad) }
        }
        if !last { chunk += "  " }
      }
      while chunk.hasSuffix(" ") { chunk.removeLast() }
      chunk += "\n"
      if chunk.utf8.count >= 1 << 20 {
        CLIStreams.stdout(chunk)
        chunk.removeAll(keepingCapacity: true)
      }
    }
    emit(columns.map(\.title))
    for c in cookies { emit(cells(c, now: now)) }
    CLIStreams.stdout(chunk)
  }
}
