/// Short relative times for decoded claims: `2 h ago`, `in 3 d`.
enum RelativeTime {
  /// The distance between `t` and `now` in the largest unit that fits (s, min, h, d).
  static func span(_ seconds: Int64) -> String {
    let s = seconds.magnitude
    if s < 60 { return "\(s) s" }
    if s < 3600 { return "\(s / 60) min" }
    if s < 2 * 86400 { return "\(s / 3600) h" }
    return "\(s / 86400) d"
  }

  /// `in 3 d`, `2 h ago` or `now`.
  static func describe(_ t: Instant, now: Instant) -> String {
    let delta = t.seconds &- now.seconds
    if delta == 0 { return "now" }
    return delta > 0 ? "in \(span(delta))" : "\(span(delta)) ago"
  }

  /// A JSON number of Unix seconds as an instant; nil when it is not a finite number.
  static func instant(fromJSONNumber text: String) -> Instant? {
    guard let d = Double(text), d.isFinite else { return nil }
    return Instant(fractionalSeconds: d)
  }
}
