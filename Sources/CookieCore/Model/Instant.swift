import Foundation

/// A point in time as integer microseconds since the Unix epoch (UTC).
///
/// One unit for every format: Chromium and Firefox keep microseconds, Firefox expiry
/// milliseconds, Netscape seconds (REFERENCE §0.1). Converting happens at a format's edge.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var microseconds: Int64

  public init(microseconds: Int64) { self.microseconds = microseconds }
  public init(milliseconds: Int64) {
    self.microseconds =
      milliseconds.multipliedReportingOverflow(by: 1000).overflow
      ? (milliseconds < 0 ? Instant.distantPast.microseconds : Instant.distantFuture.microseconds)
      : milliseconds * 1000
  }
  public init(seconds: Int64) {
    let (v, o) = seconds.multipliedReportingOverflow(by: 1_000_000)
    self.microseconds =
      o ? (seconds < 0 ? Instant.distantPast.microseconds : Instant.distantFuture.microseconds) : v
  }
  /// Fractional seconds (JSON exports carry µs or ms fractions); clamped, NaN → epoch.
  public init(fractionalSeconds seconds: Double) {
    guard seconds.isFinite else {
      self.microseconds =
        seconds.isNaN
        ? 0 : (seconds < 0 ? Instant.distantPast.microseconds : Instant.distantFuture.microseconds)
      return
    }
    let us = (seconds * 1_000_000).rounded()
    if us >= Double(Instant.distantFuture.microseconds) {
      self.microseconds = Instant.distantFuture.microseconds
    } else if us <= Double(Instant.distantPast.microseconds) {
      self.microseconds = Instant.distantPast.microseconds
    } else {
      self.microseconds = Int64(us)
    }
  }
  public init(_ date: Date) { self.init(fractionalSeconds: date.timeIntervalSince1970) }

  /// Whole seconds, rounded toward negative infinity.
  public var seconds: Int64 {
    microseconds >= 0 ? microseconds / 1_000_000 : -((-microseconds + 999_999) / 1_000_000)
  }
  public var milliseconds: Int64 {
    microseconds >= 0 ? microseconds / 1000 : -((-microseconds + 999) / 1000)
  }
  /// Unix seconds as a decimal number with exactly the microseconds the instant holds:
  /// `1812536294`, `1812536294.123456`, `1791464381.742` (REFERENCE §0.1: Chrome has µs
  /// fractions, Firefox ms). Printed from integers, so no binary-float noise.
  public var decimalSeconds: String {
    let s = seconds
    let frac = microseconds - s * 1_000_000
    if frac == 0 { return String(s) }
    var f = String(frac)
    f = String(repeating: "0", count: 6 - f.count) + f
    while f.hasSuffix("0") { f.removeLast() }
    return "\(s).\(f)"
  }
  public var secondsDouble: Double { Double(microseconds) / 1_000_000 }
  public var date: Date { Date(timeIntervalSince1970: secondsDouble) }

  /// Bounds that keep arithmetic from overflowing (about ±290,000 years).
  public static let distantPast = Instant(microseconds: Int64.min / 2)
  public static let distantFuture = Instant(microseconds: Int64.max / 2)

  public static func < (a: Instant, b: Instant) -> Bool { a.microseconds < b.microseconds }

  public func adding(seconds: Int64) -> Instant {
    let (d, o1) = seconds.multipliedReportingOverflow(by: 1_000_000)
    if o1 { return seconds < 0 ? .distantPast : .distantFuture }
    let (v, o2) = microseconds.addingReportingOverflow(d)
    if o2 { return seconds < 0 ? .distantPast : .distantFuture }
    return Instant(
      microseconds: min(max(v, Instant.distantPast.microseconds), Instant.distantFuture.microseconds))
  }

  /// ISO 8601 in UTC, e.g. `2027-06-09T10:18:14Z` (fraction only when present).
  public var iso8601: String {
    let s = seconds
    let frac = microseconds - s * 1_000_000
    let (y, mo, d, h, mi, sec) = Instant.civil(fromUnixSeconds: s)
    guard (0...9999).contains(y) else { return iso8601Formatted }
    // Digits written straight into the string: `String(format:)` costs microseconds, and a
    // lint of a million cookies formats a date for each expired one.
    return String(unsafeUninitializedCapacity: 27) { buf in
      var n = 0
      func put(_ v: Int, _ width: Int) {
        var v = v
        for k in stride(from: width - 1, through: 0, by: -1) {
          buf[n + k] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
          v /= 10
        }
        n += width
      }
      func char(_ c: Character) {
        buf[n] = c.asciiValue!
        n += 1
      }
      put(y, 4)
      char("-")
      put(mo, 2)
      char("-")
      put(d, 2)
      char("T")
      put(h, 2)
      char(":")
      put(mi, 2)
      char(":")
      put(sec, 2)
      if frac != 0 {
        char(".")
        var f = Int(frac)
        var width = 6
        while f % 10 == 0 {
          f /= 10
          width -= 1
        }
        put(f, width)
      }
      char("Z")
      return n
    }
  }

  /// `iso8601` by `String(format:)`: the simple path, for years outside 0…9999 and for the
  /// test that holds the fast path equal to it.
  var iso8601Formatted: String {
    let s = seconds
    let frac = microseconds - s * 1_000_000
    let (y, mo, d, h, mi, sec) = Instant.civil(fromUnixSeconds: s)
    var out = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, sec)
    if frac != 0 {
      var f = String(format: "%06d", Int(frac))
      while f.hasSuffix("0") { f.removeLast() }
      out += "." + f
    }
    return out + "Z"
  }

  public var description: String { iso8601 }

  /// Proleptic Gregorian civil date from Unix seconds (Howard Hinnant's algorithm), UTC.
  public static func civil(fromUnixSeconds t: Int64) -> (Int, Int, Int, Int, Int, Int) {
    var days = t / 86400
    var rem = t % 86400
    if rem < 0 {
      rem += 86400
      days -= 1
    }
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return (Int(y), Int(m), Int(d), Int(rem / 3600), Int(rem % 3600 / 60), Int(rem % 60))
  }

  /// Unix seconds from a civil UTC date; nil when a field is out of range.
  public static func unixSeconds(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0
  ) -> Int64? {
    guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
      (0...59).contains(minute), (0...60).contains(second)
    else { return nil }
    let mdays = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard day <= mdays[month - 1] else { return nil }
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = Int64(month > 2 ? month - 3 : month + 9)
    let doy = (153 * mp + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return days * 86400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
  }

  public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
}
