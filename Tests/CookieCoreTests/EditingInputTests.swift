import CookieCore
import Testing

/// What a user types into the edit form: expiries (`ExpiryInput`) and domains
/// (`CookieSyntax`).
@Suite struct EditingInputTests {
  static let now = Instant(seconds: Instant.unixSeconds(year: 2026, month: 11, day: 25, hour: 12)!)

  @Test(arguments: [
    ("session", nil), ("", nil), ("2027-01-31", "2027-01-31T00:00:00Z"),
    ("2027-01-31T12:30:00Z", "2027-01-31T12:30:00Z"),
    ("2027-01-31 12:30", "2027-01-31T12:30:00Z"), ("1812536294", "2027-06-09T10:18:14Z"),
    ("+30d", "2026-12-25T12:00:00Z"),
    ("+2h", "2026-11-25T14:00:00Z"),
    // What the form shows for a Chromium (µs) or JSON (fractional) expiry reads back.
    ("2027-01-31T12:30:00.123456Z", "2027-01-31T12:30:00.123456Z"),
    ("2027-01-31T12:30:00.25", "2027-01-31T12:30:00.25Z"), ("253402300799", "9999-12-31T23:59:59Z"),
    ("+1y", "2027-11-25T12:00:00Z"), ("+90 min", "2026-11-25T13:30:00Z"),
  ])
  func accepted(_ input: String, _ iso: String?) {
    guard case .success(let t) = ExpiryInput.parse(input, now: EditingInputTests.now) else {
      Issue.record("\(input) rejected")
      return
    }
    #expect(t?.iso8601 == iso)
  }

  @Test(arguments: [
    "tomorrow", "2027-02-30", "2027-13-01", "+", "+5q", "12:00", "2027-01-31T25:00", "2027-01-31T12:30:00.",
    "2027-01-31T12:30:00.1234567Z",
    // Found by the edit-form fuzz target: past year 9999 the form showed an expiry it then
    // rejected (`Instant.iso8601` gives more than four year digits), and a span that
    // overflowed wrapped into the past.
    "6666666666666666", "253402300800", "+9999999999999999d", "+106751991167300d",
  ])
  func rejected(_ input: String) {
    guard case .failure = ExpiryInput.parse(input, now: EditingInputTests.now) else {
      Issue.record("\(input) accepted")
      return
    }
  }

  @Test(arguments: [
    ("example.com", true), (".example.com", true), ("localhost", true), ("a..b", false), ("", false),
    ("bad host", false),
    ("x/y", false), ("例え.jp", true), ("trailing.", false),
  ])
  func domains(_ d: String, _ ok: Bool) {
    #expect((CookieSyntax.domainError(d) == nil) == ok, "\(d)")
  }

  @Test(arguments: [
    ("sid", "=;", nil), ("a=b", "=;", "'=' is not allowed"), ("a;b", ";", "';' is not allowed"),
    ("tab\there", ";", "control character \\x09 is not allowed"), ("é中🍪", ";", nil),
  ])
  func badCharacters(_ text: String, _ extra: String, _ problem: String?) {
    #expect(CookieSyntax.badCharacter(in: text, extra: extra) == problem, "\(text)")
  }

  /// `+7d` typed with a clock that has microseconds gives whole seconds (a Netscape export
  /// then loses nothing, and the dialogs show no fraction).
  @Test(arguments: ["+7d", "+2h", "+90s", "+1w"])
  func relativeExpiryIsWholeSeconds(_ text: String) throws {
    let now = Instant(microseconds: 1_795_640_000_575_508)
    let t = try #require(try ExpiryInput.parse(text, now: now).get())
    #expect(t.microseconds % 1_000_000 == 0, "\(t.iso8601)")
    #expect(t.seconds > now.seconds)
    #expect(!t.iso8601.contains("."))
  }
}
