import CookieCore
import TerminalKit

/// The table's columns, devtools order (visidata's column = name + getter + type + width
/// rule). A bad or unusual value renders as text, never as an error.
public enum ColumnID: String, CaseIterable, Sendable, Hashable {
  case name, status, value, domain, path, expires, flags, size, httpOnly, secure, sameSite, partition,
    priority,
    source

  /// Hidden until the user shows them (`+`): the Flags column sums them up.
  public static let hiddenByDefault: Set<ColumnID> = [.httpOnly, .secure, .sameSite]

  public var title: String {
    switch self {
    case .name: "Name"
    case .status: "Status"
    case .value: "Value"
    case .domain: "Domain"
    case .path: "Path"
    case .expires: "Expires / Max-Age"
    case .flags: "Flags"
    case .size: "Size"
    case .httpOnly: "HttpOnly"
    case .secure: "Secure"
    case .sameSite: "SameSite"
    case .partition: "Partition"
    case .priority: "Priority"
    case .source: "Source"
    }
  }

  /// The title for a column narrower than `title`, so a header is shortened, never cut to
  /// `…` (the column is never made narrower than this).
  public var shortTitle: String {
    switch self {
    case .expires: "Expires"
    default: title
    }
  }

  /// The title that fits `width`: the full one, else the short one.
  func title(fitting width: Int) -> String {
    DisplayWidth.of(title) <= width ? title : shortTitle
  }

  /// The narrowest the column gets when the table must fit a narrow screen (its short
  /// title still fits).
  var minimumWidth: Int {
    let floor: Int
    switch self {
    case .name, .value, .domain: floor = 10
    case .expires: floor = 10
    default: floor = 1
    }
    return max(floor, DisplayWidth.of(shortTitle))
  }

  /// Preferred width in columns; Value takes whatever is left.
  func preferredWidth(_ time: TimeDisplay) -> Int {
    switch self {
    case .name: 18
    case .status: 9
    case .value: 12
    case .domain: 20
    case .path: 8
    case .expires:
      switch time {
      case .both: 36
      case .absolute: 19
      case .relative: 17
      }
    case .flags: 12
    case .size: 5
    case .httpOnly: 8
    case .secure: 6
    case .sameSite: 8
    case .partition: 10
    case .priority: 8
    case .source: 22
    }
  }

  var alignRight: Bool { self == .size }

  /// The cell text, Expires in the given form (the one its column's width allows).
  func text(_ c: Cookie, now: Instant, time: TimeDisplay, form: ExpiryForm) -> String {
    self == .expires
      ? CookieText.expiry(c.expires, now: now, display: time, form: form) : text(c, now: now, time: time)
  }

  /// The cell text (not yet escaped; the buffer escapes control characters).
  func text(_ c: Cookie, now: Instant, time: TimeDisplay) -> String {
    switch self {
    case .name: c.name
    // The compare view's status needs the two jars: `AppState.cellText` fills it.
    case .status: ""
    case .value: c.value
    case .domain: c.hostOnly || c.domain.isEmpty ? c.domain : "." + c.domain
    case .path: c.path
    case .expires: CookieText.expiry(c.expires, now: now, display: time)
    case .flags: CookieText.flags(c)
    case .size: String(c.size)
    case .httpOnly: c.httpOnly ? "✓" : ""
    case .secure: c.secure ? "✓" : ""
    case .sameSite: c.sameSite.displayName.isEmpty ? (c.sameSiteRaw ?? "") : c.sameSite.displayName
    case .partition: c.partitionKey?.topLevelSite ?? (c.partitioned ? "✓" : "")
    case .priority: c.priority?.displayName ?? ""
    case .source: c.sourceFile
    }
  }
}

/// How the Expires column writes a time: as the display asks (`full`), relative only, the
/// date to the minute, the day, or a short relative time (`-2 h`).
public enum ExpiryForm: Sendable, Hashable { case full, relative, minute, day, short }

/// Cookie attributes as the user reads them.
enum CookieText {
  /// `2027-06-09 10:18:14` (UTC).
  static func date(_ t: Instant) -> String {
    let (y, mo, d, h, mi, s) = Instant.civil(fromUnixSeconds: t.seconds)
    return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2)) \(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
  }

  static func pad(_ v: Int, _ n: Int) -> String {
    let s = String(v)
    return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
  }

  /// `in 3 d`, `expired 2 h ago`.
  static func relative(_ t: Instant, now: Instant) -> String {
    let diff = t.seconds - now.seconds
    if t <= now {
      return diff == 0 ? "expired just now" : "expired \(span(-diff)) ago"
    }
    return "in \(span(diff))"
  }

  /// A duration in the largest unit that is at least one: `45 s`, `12 min`, `3 h`, `9 d`, `2 y`.
  static func span(_ s: Int64) -> String {
    switch s {
    case ..<60: "\(s) s"
    case ..<3600: "\(s / 60) min"
    case ..<86400: "\(s / 3600) h"
    case ..<(365 * 86400): "\(s / 86400) d"
    default: "\(s / (365 * 86400)) y"
    }
  }

  /// The Flags column: `H S Lax P` for HttpOnly, Secure, SameSite, Partitioned (only those set).
  static func flags(_ c: Cookie) -> String {
    var parts: [String] = []
    if c.httpOnly { parts.append("H") }
    if c.secure { parts.append("S") }
    let site = c.sameSite.displayName.isEmpty ? (c.sameSiteRaw ?? "") : c.sameSite.displayName
    if !site.isEmpty { parts.append(site) }
    if c.partitioned { parts.append("P") }
    return parts.joined(separator: " ")
  }

  /// The shapes an expiry can take, longest first: what the display asks for, then shorter
  /// ones for a narrow column (the whole column takes one shape, so it reads evenly).
  static func forms(_ display: TimeDisplay) -> [ExpiryForm] {
    switch display {
    case .both: [.full, .relative, .minute, .day, .short]
    case .absolute: [.full, .minute, .day, .short]
    case .relative: [.full, .short]
    }
  }

  /// The longest form whose widest text (`widths`, measured over the rows) fits `width`.
  static func form(fitting width: Int, display: TimeDisplay, widths: [ExpiryForm: Int]) -> ExpiryForm {
    let all = forms(display)
    return all.first { (widths[$0] ?? formWidth($0)) <= width } ?? all[all.count - 1]
  }

  /// The fixed width of a date form (the others are measured).
  static func formWidth(_ f: ExpiryForm) -> Int {
    switch f {
    case .minute: 16
    case .day: 10
    default: 0
    }
  }

  static func expiry(_ e: Instant?, now: Instant, display: TimeDisplay, form: ExpiryForm) -> String {
    guard let e else { return "Session" }
    switch form {
    case .full: return expiry(e, now: now, display: display)
    case .relative: return relative(e, now: now)
    case .minute: return String(date(e).prefix(16))
    case .day: return String(date(e).prefix(10))
    case .short: return shortRelative(e, now: now)
    }
  }

  /// `in 3 d`, `-2 h`: the relative time for a narrow column.
  static func shortRelative(_ t: Instant, now: Instant) -> String {
    t <= now ? "-" + span(now.seconds - t.seconds) : "in " + span(t.seconds - now.seconds)
  }

  static func expiry(_ e: Instant?, now: Instant, display: TimeDisplay) -> String {
    guard let e else { return "Session" }
    switch display {
    case .absolute: return date(e)
    case .relative: return relative(e, now: now)
    case .both: return String(date(e).prefix(16)) + " · " + relative(e, now: now)
    }
  }
}
