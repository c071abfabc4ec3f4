/// An expiry as a user types it (the inspector's edit form): `session`, ISO dates
/// (`2027-01-31`, `2027-01-31T12:00:00Z`, `2027-01-31 12:00`, `2027-01-31T12:00:00.25Z`),
/// Unix seconds (`1812536294`) or a span from now (`+30d`, `+2h`).
public enum ExpiryInput {
  public struct Problem: Error, Equatable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
  }

  /// 9999-12-31T23:59:59Z: the form shows an expiry as `Instant.iso8601`, which only this
  /// parser's four-digit years read back, so a later one would make the form reject the
  /// cookie it just saved.
  public static let latest = Instant(seconds: 253_402_300_799)

  /// The instant `raw` names (nil for a session cookie), or why it names none.
  public static func parse(_ raw: String, now: Instant) -> Result<Instant?, Problem> {
    switch unbounded(raw, now: now) {
    case .success(let t?) where t.microseconds > latest.microseconds + 999_999:
      return .failure(Problem(message: "after 9999-12-31, the latest expiry the field can show"))
    case let r: return r
    }
  }

  static func unbounded(_ raw: String, now: Instant) -> Result<Instant?, Problem> {
    var trimmed = Substring(raw)
    while trimmed.first == " " { trimmed.removeFirst() }
    while trimmed.last == " " { trimmed.removeLast() }
    let s = String(trimmed)
    let help = "use 2027-01-31, 2027-01-31T12:00:00Z, Unix seconds, +30d or session"
    if s.isEmpty || s.lowercased() == "session" { return .success(nil) }
    if s.hasPrefix("+") {
      var digits = ""
      var unit = ""
      for c in s.dropFirst() {
        if c.isASCII && c.isNumber && unit.isEmpty { digits.append(c) } else if c != " " { unit.append(c) }
      }
      guard let n = Int64(digits) else { return .failure(Problem(message: "a number after + (\(help))")) }
      let mult: Int64
      switch unit.lowercased() {
      case "s": mult = 1
      case "m", "min": mult = 60
      case "h": mult = 3600
      case "d", "": mult = 86400
      case "w": mult = 7 * 86400
      case "y": mult = 365 * 86400
      default:
        return .failure(Problem(message: "unit \(TerminalSafe.escape(unit)): use s, min, h, d, w or y"))
      }
      // A wrapped product would be a date in the past; `parse` rejects what is too far.
      let (span, overflow) = n.multipliedReportingOverflow(by: mult)
      // Whole seconds: the clock's fraction would be noise in every format and dialog.
      return .success(overflow ? .distantFuture : Instant(seconds: now.seconds).adding(seconds: span))
    }
    if s.allSatisfy({ $0.isASCII && $0.isNumber }) {
      guard let n = Int64(s) else { return .failure(Problem(message: "number too large")) }
      return .success(Instant(seconds: n))
    }
    if let t = iso(s) { return .success(t) }
    return .failure(Problem(message: help))
  }

  /// `YYYY-MM-DD[(T| )HH:MM[:SS[.ffffff]]][Z]`, UTC. The fraction (up to microseconds) is
  /// how `Instant.iso8601` shows a Chromium or JSON expiry, so the form reads back what it shows.
  static func iso(_ s: String) -> Instant? {
    let chars = Array(s.uppercased())
    func num(_ a: Int, _ n: Int) -> Int? {
      guard a + n <= chars.count else { return nil }
      var v = 0
      for c in chars[a..<(a + n)] {
        guard let d = c.wholeNumberValue, c.isASCII else { return nil }
        v = v * 10 + d
      }
      return v
    }
    guard chars.count >= 10, chars[4] == "-", chars[7] == "-", let y = num(0, 4), let mo = num(5, 2),
      let d = num(8, 2)
    else { return nil }
    var h = 0
    var mi = 0
    var sec = 0
    var micros: Int64 = 0
    var i = 10
    if i < chars.count && (chars[i] == "T" || chars[i] == " ") {
      guard let hh = num(i + 1, 2), i + 3 < chars.count, chars[i + 3] == ":", let mm = num(i + 4, 2) else {
        return nil
      }
      h = hh
      mi = mm
      i += 6
      if i < chars.count && chars[i] == ":" {
        guard let ss = num(i + 1, 2) else { return nil }
        sec = ss
        i += 3
        if i < chars.count && chars[i] == "." {
          var digits = 0
          i += 1
          while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII {
            guard digits < 6 else { return nil }
            micros = micros * 10 + Int64(d)
            digits += 1
            i += 1
          }
          guard digits > 0 else { return nil }
          for _ in digits..<6 { micros *= 10 }
        }
      }
    }
    if i < chars.count && chars[i] == "Z" { i += 1 }
    guard i == chars.count else { return nil }
    guard let t = Instant.unixSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: sec) else {
      return nil
    }
    return Instant(microseconds: Instant(seconds: t).microseconds + micros)
  }
}
