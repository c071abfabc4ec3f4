import Foundation
import Testing

@testable import CookieCore

/// A HAR that Chromium itself recorded (through Playwright) while visiting cookie_app.py,
/// held against the cookies Chromium kept after the same visits
/// (`generate/capture_har.py`).
@Suite struct HARCaptureTests {
  struct Held: Decodable {
    var name: String
    var value: String
    var domain: String
    var path: String
    var expires: Double
    var secure: Bool
    var httpOnly: Bool
    var sameSite: String
  }

  @Test func chromiumHARLoadsAsChromiumStoredIt() throws {
    let har = NetscapeTestSupport.fixture("captured/chromium-playwright.har")
    let expectedURL = NetscapeTestSupport.fixture("captured/chromium-playwright.har.expected.json")
    let held = try JSONDecoder().decode([Held].self, from: Data(contentsOf: expectedURL))
    let result = try HARReader.read(
      Data(contentsOf: har),
      options: CookieReadOptions(sourceName: "c.har", now: Instant(seconds: 1_764_108_000)))
    #expect(result.diagnostics.allSatisfy { $0.severity != .error })
    // Later Set-Cookies replace earlier ones and the two deleted by /delete are gone, as in
    // Chromium's jar: one cookie per identity, the same set.
    let store = CookieStore(loading: result.cookies)
    let cookies = store.cookies
    #expect(cookies.count == held.count)
    for h in held {
      let hostOnly = !h.domain.hasPrefix(".")
      let domain = hostOnly ? h.domain : String(h.domain.dropFirst())
      let id = CookieID(name: h.name, domain: domain, hostOnly: hostOnly, path: h.path)
      guard let handle = store.handle(for: id) else {
        Issue.record("missing \(id)")
        continue
      }
      let c = store[handle]
      #expect(c.value == h.value, "\(h.name)")
      #expect(c.secure == h.secure && c.httpOnly == h.httpOnly, "\(h.name)")
      if h.expires < 0 {
        #expect(c.expires == nil, "\(h.name) is a session cookie")
      } else {
        // The HAR times each entry by its start; Chromium by the response: within seconds.
        let e = try #require(c.expires, "\(h.name) has an expiry")
        #expect(abs(e.secondsDouble - h.expires) < 2, "\(h.name): \(e) vs \(h.expires)")
      }
      // Chromium reports an absent SameSite as Lax (its default); the HAR keeps "unset".
      switch h.sameSite {
      case "Strict": #expect(c.sameSite == .strict, "\(h.name)")
      case "None": #expect(c.sameSite == .none, "\(h.name)")
      default: #expect(c.sameSite == .lax || c.sameSite == .unset, "\(h.name)")
      }
    }
  }
}
