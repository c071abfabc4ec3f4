import CookieCore
import Foundation
import Testing

/// Which cookies a request gets, and why not the others: SameSite from the top-level site,
/// partitioned cookies, and every exclusion reason.
@Suite struct CookieRequestTests {
  static let now = Instant(seconds: 1_800_000_000)
  static let later = Instant(seconds: 1_900_000_000)

  static func cookie(
    _ name: String, _ domain: String, hostOnly: Bool = false, path: String = "/", secure: Bool = false,
    sameSite: SameSite = .unset, expires: Instant? = later, partition: String? = nil
  ) -> Cookie {
    var c = Cookie(
      name: name, value: "1", domain: domain, hostOnly: hostOnly, path: path, expires: expires,
      secure: secure,
      sameSite: sameSite)
    if let partition {
      c.partitioned = true
      c.partitionKey = PartitionKey(topLevelSite: partition)
    }
    return c
  }

  static let jar = CookieJar(loading: [
    cookie("none", "example.com", secure: true, sameSite: .none),
    cookie("lax", "example.com", sameSite: .lax),
    cookie("strict", "example.com", sameSite: .strict),
    cookie("unset", "example.com"),
    cookie("deep", "example.com", path: "/app"),
    cookie("secure", "example.com", secure: true, sameSite: .none),
    cookie("api", "api.example.com", hostOnly: true, sameSite: .none),
    cookie("gone", "example.com", expires: Instant(seconds: 1_000), partition: nil),
    cookie("chips-here", "example.com", secure: true, sameSite: .none, partition: "https://example.com"),
    cookie("chips-news", "example.com", secure: true, sameSite: .none, partition: "https://news.test"),
    cookie("elsewhere", "other.test", sameSite: .none),
  ])

  static func names(_ r: CookieRequest) -> [String] { jar.evaluate(r, at: now).sent.map(\.name).sorted() }
  static func reasons(_ r: CookieRequest, _ name: String) -> [CookieExclusion] {
    jar.evaluate(r, at: now).excluded.first { $0.cookie.name == name }?.reasons ?? []
  }

  @Test func sameSiteRequestSendsAllButPathExpiredHostOnlyAndForeignPartition() {
    let r = CookieRequest(url: RequestURL("https://www.example.com/")!)
    #expect(r.isSameSite)
    #expect(Self.names(r) == ["chips-here", "lax", "none", "secure", "strict", "unset"])
    #expect(Self.reasons(r, "deep") == [.pathMismatch(cookie: "/app", request: "/")])
    #expect(Self.reasons(r, "gone") == [.expired(Instant(seconds: 1_000))])
    #expect(Self.reasons(r, "api") == [.hostOnly("api.example.com")])
    #expect(Self.reasons(r, "chips-news") == [.partitionedElsewhere("https://news.test")])
    // A cookie of another site is not "filtered out": it was never a candidate.
    #expect(!Self.jar.evaluate(r, at: Self.now).excluded.contains { $0.cookie.name == "elsewhere" })
  }

  @Test func crossSiteSubresourceRequestKeepsStrictLaxAndUnsetHome() {
    let r = CookieRequest(
      url: RequestURL("https://www.example.com/")!, topLevel: RequestURL("https://news.test/page")!)
    #expect(!r.isSameSite)
    #expect(Self.names(r) == ["chips-news", "none", "secure"], "news.test's own partition goes along")
    #expect(Self.reasons(r, "strict") == [.sameSiteStrict])
    #expect(Self.reasons(r, "lax") == [.sameSiteLax])
    #expect(Self.reasons(r, "unset") == [.sameSiteUnsetLax])
    #expect(Self.reasons(r, "chips-here") == [.partitionedElsewhere("https://example.com")])
  }

  @Test func crossSiteNavigationSendsLaxButNotStrict() {
    let r = CookieRequest(
      url: RequestURL("https://www.example.com/")!, topLevel: RequestURL("https://news.test/")!,
      isTopLevelNavigation: true)
    #expect(Self.names(r) == ["chips-news", "lax", "none", "secure", "unset"])
    #expect(Self.reasons(r, "strict") == [.sameSiteStrict])
  }

  @Test func plainHTTPLeavesSecureCookiesHome() {
    let r = CookieRequest(url: RequestURL("http://www.example.com/")!)
    #expect(Self.reasons(r, "secure") == [.secureOverInsecure])
    #expect(!Self.names(r).contains("none"))
  }

  @Test func schemeMattersForSameSite() {
    // RFC 6265bis: "schemelessly same-site" is not enough; http → https is cross-site.
    let r = CookieRequest(
      url: RequestURL("https://www.example.com/")!, topLevel: RequestURL("http://example.com/")!)
    #expect(!r.isSameSite)
  }

  @Test func retrievalIsEvaluateOfASameSiteRequest() {
    let url = RequestURL("https://www.example.com/app/x")!
    #expect(
      Self.jar.cookies(for: url, at: Self.now)
        == Self.jar.evaluate(CookieRequest(url: url), at: Self.now).sent)
  }
}
