import CookieCore

/// Epoch and unit conversions of the browser stores (REFERENCE §0.1), clamped so that a
/// nonsense value in a corrupt row cannot overflow later arithmetic.
enum StoreTime {
  /// Microseconds between 1601-01-01Z (Windows/WebKit epoch) and 1970-01-01Z.
  static let windowsEpochOffset: Int64 = 11_644_473_600_000_000
  /// Seconds between 1970-01-01Z and 2001-01-01Z (Mac absolute time).
  static let macEpochOffset: Double = 978_307_200

  static func microseconds(_ us: Int64) -> Instant {
    Instant(
      microseconds: min(max(us, Instant.distantPast.microseconds), Instant.distantFuture.microseconds))
  }

  /// Chromium `*_utc` columns: µs since 1601.
  static func chromium(_ us: Int64) -> Instant {
    let (v, overflow) = us.subtractingReportingOverflow(windowsEpochOffset)
    return overflow ? (us < 0 ? .distantPast : .distantFuture) : microseconds(v)
  }

  /// Safari: float64 seconds since 2001-01-01Z.
  static func mac(_ seconds: Double) -> Instant {
    Instant(fractionalSeconds: seconds + macEpochOffset)
  }
}
