/// IMF-fixdate, the preferred HTTP date (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`,
/// which every cookie-date parser (RFC 6265bis §5.1.1) reads.
enum HTTPDate {
  static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
  /// The cookie-date algorithm fails below year 1601 (§5.1.1) and the grammar has 4 digits.
  static let earliest = Instant(seconds: -11_644_473_600)  // 1601-01-01T00:00:00Z
  static let latest = Instant(seconds: 253_402_300_799)  // 9999-12-31T23:59:59Z

  /// The instant clamped into the representable range, whole seconds.
  static func format(_ t: Instant) -> String {
    let secs = min(max(t, earliest), latest).seconds
    let (y, mo, d, h, mi, s) = Instant.civil(fromUnixSeconds: secs)
    var dayIndex = Int((secs >= 0 ? secs / 86400 : (secs - 86399) / 86400) % 7)
    dayIndex = (dayIndex + 4 + 7) % 7  // 1970-01-01 was a Thursday
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(days[dayIndex]), \(two(d)) \(months[mo - 1]) \(y) \(two(h)):\(two(mi)):\(two(s)) GMT"
  }
}
