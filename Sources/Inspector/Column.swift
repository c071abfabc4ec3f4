import CookieCore
import TerminalKit

/// The table's columns, devtools order (visidata's column = name + getter + type + width
/// rule). A bad or unusual value renders as text, never as an error.
public enum ColumnID: String, CaseIterable, Sendable, Hashable {
  case name, value, domain, path, expires, size, httpOnly, secure, sameSite, partition, priority, source

  public var title: String {
    switch self {
    case .name: "Name"
    case .value: "Value"
    case .domain: "Domain"
    case .path: "Path"
    case .expires: "Expires / Max-Age"
    case .size: "Size"
    case .httpOnly: "HttpOnly"
    case .secure: "Secure"
    case .sameSite: "SameSite"
    case .partition: "Partition"
    case .priority: "Priority"
    case .source: "Source"
    }
  }

  /// Preferred width in columns; Value takes whatever is left.
  func preferredWidth(_ time: TimeDisplay) -> Int {
    switch self {
    case .name: 18
    case .value: 12
    case .domain: 20
    case .path: 8
    case .expires:
      switch time {
      case .both: 36
      case .absolute: 19
      case .relative: 17
      }
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

  /// The cell text (not yet escaped; the buffer escapes control characters).
  func text(_ c: Cookie, now: Instant, time: TimeDisplay) -> String {
    switch self {
    case .name: c.name
    case .value: c.value
    case .domain: c.hostOnly || c.domain.isEmpty ? c.domain : "." + c.domain
    case .path: c.path
    case .expires: CookieText.expiry(c.expires, now: now, display: time)
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

  static func expiry(_ e: Instant?, now: Instant, display: TimeDisplay) -> String {
    guard let e else { return "Session" }
    switch display {
    case .absolute: return date(e)
    case .relative: return relative(e, now: now)
    case .both: return String(date(e).prefix(16)) + " · " + relative(e, now: now)
    }
  }
}
