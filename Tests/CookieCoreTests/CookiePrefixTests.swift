import Testing

@testable import CookieCore

/// `CookiePrefix` is the one prefix rule: the storage model (`CookieJar`) and the lint must
/// agree on which names carry a prefix, in any letter case.
@Suite struct CookiePrefixTests {
  static let now = Instant(seconds: 1_795_000_000)
  static let https = RequestURL("https://www.example.com/app/page")!

  static func jarRejection(_ header: String) -> String? {
    var jar = CookieJar()
    if case .rejected(let r) = jar.receive(header, from: https, at: now) { return r.description }
    return nil
  }

  static func lintRules(_ c: Cookie) -> Set<String> {
    Set(CookieLint.issues(of: c, now: now).map(\.rule))
  }

  @Test(
    "a prefix is found in any letter case, the longest first",
    arguments: [
      ("__Secure-x", CookiePrefix.secure), ("__secure-x", .secure), ("__SECURE-x", .secure),
      ("__Host-x", .host), ("__HOST-x", .host), ("__host-x", .host),
      ("__Http-x", .http), ("__HTTP-x", .http), ("__Host-Http-x", .hostHttp), ("__host-http-x", .hostHttp),
    ])
  func prefixOfName(name: String, expected: CookiePrefix) {
    #expect(CookiePrefix.of(name: name) == expected)
  }

  @Test("no prefix", arguments: ["x", "", "__Secure", "_Secure-x", "__Secur-x", "Secure-x", "__Hosts-x"])
  func unprefixed(name: String) {
    #expect(CookiePrefix.of(name: name) == nil)
  }

  @Test("violations, in the order Secure, Domain, Path, HttpOnly")
  func violations() {
    #expect(
      CookiePrefix.host.violations(secure: false, hasDomain: true, pathIsRoot: false, httpOnly: false)
        == [.notSecure, .hasDomain, .pathNotRoot])
    #expect(
      CookiePrefix.hostHttp.violations(secure: true, hasDomain: false, pathIsRoot: true, httpOnly: false)
        == [.notHttpOnly])
    #expect(
      CookiePrefix.secure.violations(secure: true, hasDomain: true, pathIsRoot: false, httpOnly: false) == [])
    #expect(
      CookiePrefix.http.violations(secure: false, hasDomain: true, pathIsRoot: false, httpOnly: true) == [
        .notSecure
      ])
  }

  @Test(
    "the jar and the lint treat __secure-/__SECURE- alike",
    arguments: ["__Secure-x", "__secure-x", "__SECURE-x"])
  func securePrefixInBothPlaces(name: String) {
    #expect(Self.jarRejection("\(name)=v; Path=/")?.contains("__Secure- prefix requires the Secure") == true)
    #expect(Self.jarRejection("\(name)=v; Path=/; Secure") == nil)
    let c = Cookie(
      name: name, value: "v", domain: "www.example.com", hostOnly: true, path: "/", secure: false)
    #expect(Self.lintRules(c).contains("secure-prefix-insecure"))
  }

  @Test(
    "the jar and the lint treat __Host-/__HOST-/__host- alike",
    arguments: ["__Host-x", "__HOST-x", "__host-x"])
  func hostPrefixInBothPlaces(name: String) {
    #expect(Self.jarRejection("\(name)=v; Secure; Path=/app")?.contains("Path is not /") == true)
    #expect(
      Self.jarRejection("\(name)=v; Secure; Path=/; Domain=example.com")?.contains("has Domain") == true)
    #expect(Self.jarRejection("\(name)=v; Secure; Path=/") == nil)
    var c = Cookie(name: name, value: "v", domain: "example.com", hostOnly: false, path: "/app", secure: true)
    #expect(Self.lintRules(c).isSuperset(of: ["host-prefix-domain", "host-prefix-path"]))
    c.hostOnly = true
    c.path = "/"
    #expect(
      Self.lintRules(c).isDisjoint(with: ["host-prefix-domain", "host-prefix-path", "host-prefix-insecure"]))
  }

  @Test("a nameless cookie with a prefixed value, in any case", arguments: ["__HOST-x", "__secure-y"])
  func namelessPrefixedValue(value: String) {
    #expect(Self.jarRejection(value)?.contains("nameless cookie") == true)
    let c = Cookie(name: "", value: value, domain: "www.example.com", hostOnly: true, path: "/", secure: true)
    #expect(Self.lintRules(c).contains("nameless-prefix"))
  }
}
