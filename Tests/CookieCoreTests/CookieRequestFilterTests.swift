import CookieCore
import Foundation
import Testing

/// `header` leaves out of the jar every cookie `CookieJar.concerns(request)` rejects; the
/// answer (sent cookies, and the explained ones) must be what the full jar gives.
@Suite struct CookieRequestFilterTests {
  @Test(arguments: [
    "https://www.example.com/a/b", "http://example.com/", "https://a.b.example.com/x",
    "https://other.org/", "http://127.0.0.1/a", "https://co.uk/",
  ])
  func filteredJarAnswersTheSame(url: String) throws {
    let hosts = [
      "example.com", "www.example.com", "a.b.example.com", "b.example.com", "other.org", "x.other.org",
      "127.0.0.1", "", "unrelated.net", "co.uk", "foo.co.uk", "com",
    ]
    var cookies: [Cookie] = []
    var n = 0
    for h in hosts {
      for hostOnly in [true, false] {
        for path in ["/", "/a", "/x/y"] {
          for site in [nil, "https://example.com", "https://other.org"] as [String?] {
            n += 1
            var c = Cookie(
              name: "c\(n % 7)", value: "\(n)", domain: h, hostOnly: hostOnly, path: path,
              expires: Instant(seconds: n % 4 == 0 ? 1_000 : 2_000_000_000), secure: n % 3 == 0,
              sameSite: [.unset, .lax, .strict, .none][n % 4])
            if let site {
              c.partitioned = true
              c.partitionKey = PartitionKey(topLevelSite: site)
            }
            cookies.append(c)
          }
        }
      }
    }
    let target = try #require(RequestURL(url))
    for top in [nil, "https://other.org/"] as [String?] {
      let request = CookieRequest(
        url: target, topLevel: top.flatMap(RequestURL.init), isTopLevelNavigation: false)
      let now = Instant(seconds: 1_800_000_000)
      let full = CookieJar(loading: cookies).evaluate(request, at: now)
      let keep = CookieJar.concerns(request)
      let filtered = CookieJar(loading: cookies.filter(keep)).evaluate(request, at: now)
      #expect(filtered.sent == full.sent)
      #expect(filtered.excluded.map(\.cookie) == full.excluded.map(\.cookie))
      #expect(
        filtered.excluded.map { $0.reasons.map(\.description) }
          == full.excluded.map { $0.reasons.map(\.description) })
      #expect(cookies.filter(keep).count < cookies.count)
    }
  }
}
