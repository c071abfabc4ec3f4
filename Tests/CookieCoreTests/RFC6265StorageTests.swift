import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

@Suite struct RFC6265StorageTests {
  static let now = Instant(seconds: 1_795_000_000)
  static let http = RequestURL("http://www.example.com/app/page?x=1")!
  static let https = RequestURL("https://www.example.com/app/page?x=1")!

  static func outcome(_ header: String, from url: RequestURL = https, jar: inout CookieJar)
    -> SetCookieOutcome
  {
    jar.receive(header, from: url, at: now)
  }

  static func rejection(_ header: String, from url: RequestURL = https) -> String? {
    var jar = CookieJar()
    if case .rejected(let r) = jar.receive(header, from: url, at: now) { return r.description }
    return nil
  }

  @Test(arguments: [
    ("a=b; Secure", "http://www.example.com/", "Secure cookie set from the insecure origin"),
    (
      "a=b; Domain=example.org", "https://www.other.test/",
      "Domain=example.org does not domain-match the request host www.other.test"
    ),
    ("a=b; Domain=com", "https://www.example.com/", "Domain=com is a public suffix"),
    ("a=b; Domain=co.uk", "https://www.example.co.uk/", "Domain=co.uk is a public suffix"),
    ("a=b; Domain=foo.kawasaki.jp", "https://a.foo.kawasaki.jp/", "is a public suffix"),  // *.kawasaki.jp
    ("a=b; Domain=1.2.3.4", "https://11.2.3.4/", "IP address"),
    ("a=b; Domain=2.3.4", "https://1.2.3.4/", "IP address"),
    ("__Secure-a=b", "https://www.example.com/", "__Secure- prefix requires the Secure"),
    ("__SECURE-a=b", "https://www.example.com/", "__Secure- prefix requires the Secure"),
    ("__Host-a=b; Secure", "https://www.example.com/", "Path is not /"),
    ("__host-a=b; Secure; Path=/; Domain=example.com", "https://www.example.com/", "has Domain"),
    ("__Host-a=b; Path=/", "https://www.example.com/", "no Secure"),
    ("__Host-x", "https://www.example.com/", "nameless cookie whose value starts with"),
    ("a=b; SameSite=None", "https://www.example.com/", "SameSite=None without Secure"),
    ("a=b; Partitioned", "https://www.example.com/", "Partitioned without Secure"),
    ("a=b\u{01}c", "https://www.example.com/", "control character U+0001"),
    ("=", "https://www.example.com/", "both name and value are empty"),
  ])
  func rejectedWithReason(_ header: String, _ origin: String, _ reason: String) throws {
    let url = try #require(RequestURL(origin))
    let message = try #require(Self.rejection(header, from: url), "\(header) was not rejected")
    #expect(message.hasPrefix("Set-Cookie rejected: "))
    #expect(message.contains(reason), "\(message)")
  }

  @Test(arguments: [
    ("a=b; Secure", "http://localhost:8080/"),  // loopback counts as secure
    ("a=b; Secure", "http://127.0.0.1/"),
    ("a=b; Domain=example.com", "https://www.example.com/"),
    ("a=b; Domain=.EXAMPLE.com", "https://www.example.com/"),
    ("a=b; Domain=www.ck", "https://www.ck/"),  // !www.ck exception: not a public suffix
    ("a=b; Domain=github.io", "https://github.io/"),  // public suffix equal to the host: host-only
    ("__Host-a=b; Secure; Path=/", "https://www.example.com/"),
    ("__Secure-a=b; Secure; Domain=example.com", "https://www.example.com/"),
    ("a=b; Secure; Partitioned", "https://www.example.com/"),
    ("a=b; Domain=1.2.3.4", "https://1.2.3.4/"),
  ])
  func accepted(_ header: String, _ origin: String) throws {
    let url = try #require(RequestURL(origin))
    #expect(Self.rejection(header, from: url) == nil)
  }

  @Test func publicSuffixAlgorithm() {
    let psl = PublicSuffixList.shared
    #expect(psl.ruleCount > 9000)
    #expect(psl.publicSuffix(of: "www.example.co.uk") == "co.uk")
    #expect(psl.publicSuffix(of: "a.b.kawasaki.jp") == "b.kawasaki.jp")  // wildcard
    #expect(psl.publicSuffix(of: "city.kawasaki.jp") == "kawasaki.jp")  // exception !city.kawasaki.jp
    #expect(psl.publicSuffix(of: "foo.unknowntld") == "unknowntld")  // default rule *
    #expect(psl.registrableDomain(of: "www.example.co.uk") == "example.co.uk")
    #expect(psl.registrableDomain(of: "co.uk") == nil)
    // Unicode rules also match hosts in their A-label form (公司.cn = xn--55qx5d.cn).
    #expect(psl.isPublicSuffix("xn--55qx5d.cn"))
    #expect(Punycode.toASCII(domain: "bücher.example") == "xn--bcher-kva.example")
  }

  @Test func hostOnlyForIPAndDomainCookiesOtherwise() throws {
    var jar = CookieJar()
    guard
      case .stored(let ip) = jar.receive(
        "a=b; Domain=1.2.3.4", from: RequestURL("http://1.2.3.4/")!, at: Self.now)
    else { Issue.record("not stored"); return }
    #expect(ip.hostOnly && ip.domain == "1.2.3.4")
    guard case .stored(let d) = jar.receive("c=d; Domain=.Example.COM", from: Self.https, at: Self.now)
    else { Issue.record("not stored"); return }
    #expect(!d.hostOnly && d.domain == "example.com" && d.path == "/app")
  }

  @Test func maxAgeWinsOverExpiresAndTheCapIs400Days() throws {
    let p = try SetCookieParser.parse("a=b; Max-Age=60; Expires=Wed, 09 Jun 2027 10:18:14 GMT", now: Self.now)
      .get()
    #expect(p.expiry == Self.now.adding(seconds: 60))
    let q = try SetCookieParser.parse("a=b; Expires=Fri, 31 Dec 9999 23:59:59 GMT", now: Self.now).get()
    #expect(q.expiry == Self.now.adding(seconds: 400 * 86400))
    let r = try SetCookieParser.parse("a=b; Max-Age=99999999999999999999999", now: Self.now).get()
    #expect(r.expiry == Self.now.adding(seconds: 400 * 86400))
    let s = try SetCookieParser.parse("a=b; Max-Age=1x; Expires=bogus", now: Self.now).get()
    #expect(s.expiry == nil && s.ignoredAttributes.count == 2)
  }

  @Test func sizeLimits() throws {
    let big = String(repeating: "v", count: 4095)
    #expect(Self.rejection("a=\(big)") == nil)
    #expect(Self.rejection("ab=\(big)")?.contains("4096") == true)
    let longPath = "/" + String(repeating: "p", count: 1024)
    let p = try SetCookieParser.parse("a=b; Path=\(longPath)", now: Self.now).get()
    #expect(p.path == nil && p.ignoredAttributes.first?.contains("1024") == true)
  }

  @Test func replaceKeepsCreationTimeAndExpiredSetCookieDeletes() {
    var jar = CookieJar()
    jar.receive("a=1; Path=/", from: Self.https, at: Self.now)
    let later = Self.now.adding(seconds: 10)
    guard case .replaced(let c, let old) = jar.receive("a=2; Path=/", from: Self.https, at: later) else {
      Issue.record("not replaced")
      return
    }
    #expect(old.value == "1" && c.value == "2" && c.created == Self.now)
    guard case .deleted(let gone?, _) = jar.receive("a=; Path=/; Max-Age=0", from: Self.https, at: later)
    else {
      Issue.record("not deleted")
      return
    }
    #expect(gone.value == "2" && jar.count == 0)
    guard
      case .deleted(nil, "z") = jar.receive(
        "z=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT", from: Self.https, at: later)
    else {
      Issue.record("expired cookie stored")
      return
    }
  }

  @Test func insecureOriginCannotShadowSecureCookie() {
    var jar = CookieJar()
    jar.receive("s=1; Secure; Path=/", from: Self.https, at: Self.now)
    let r = jar.receive("s=2; Path=/app", from: Self.http, at: Self.now)
    guard case .rejected(.shadowsSecureCookie) = r else {
      Issue.record("\(r)")
      return
    }
  }

  @Test func retrievalOrderAndSerialisation() {
    var jar = CookieJar()
    let u = Self.https
    jar.receive("a=1; Path=/", from: u, at: Self.now)
    jar.receive("b=2; Path=/app", from: u, at: Self.now.adding(seconds: 1))
    jar.receive("c=3", from: u, at: Self.now.adding(seconds: -5))  // default-path /app, created earlier
    jar.receive("nameless", from: u, at: Self.now)  // default-path /app too
    jar.receive("s=4; Secure", from: u, at: Self.now)
    jar.receive("e=; Path=/", from: u, at: Self.now)
    let at = Self.now.adding(seconds: 2)
    #expect(jar.cookieHeader(for: u, at: at) == "c=3; nameless; s=4; b=2; a=1; e=")
    #expect(
      jar.cookieHeader(for: RequestURL("http://www.example.com/app/x")!, at: at)
        == "c=3; nameless; b=2; a=1; e=")
    #expect(jar.cookieHeader(for: RequestURL("https://www.example.com/application")!, at: at) == "a=1; e=")
    #expect(jar.cookieHeader(for: RequestURL("https://example.com/app")!, at: at) == nil)
  }

  @Test func priorityPartitionedSameSite() throws {
    var jar = CookieJar()
    let r = jar.receive(
      "a=b; Secure; Partitioned; Priority=High; SameSite=lax", from: Self.https, at: Self.now)
    guard case .stored(let c) = r else {
      Issue.record("\(r)")
      return
    }
    #expect(c.partitioned && c.priority == .high && c.sameSite == .lax && c.secure)
    let odd = try SetCookieParser.parse("a=b; SameSite=Bogus", now: Self.now).get()
    #expect(odd.sameSite == .unset && odd.sameSiteRaw == "Bogus")
  }

  @Test func unicodeHostsAreCanonicalisedToALabels() throws {
    let url = try #require(RequestURL("https://BÜCHER.example/a"))
    #expect(url.host == "xn--bcher-kva.example")
    var jar = CookieJar()
    jar.receive("a=1; Domain=xn--bcher-kva.example", from: url, at: Self.now)
    #expect(jar.cookieHeader(for: RequestURL("https://www.bücher.example/")!, at: Self.now) == "a=1")
    // A Domain attribute itself must be ASCII (RFC 6265bis §5.7 step 8).
    #expect(Self.rejection("b=2; Domain=bücher.example", from: url)?.contains("not ASCII") == true)
  }

  @Test func loadedJarsGoInAsTheyAre() {
    let a = Cookie(name: "a", value: "1", domain: "example.com", hostOnly: false, path: "/")
    var b = a
    b.value = "2"
    let jar = CookieJar(loading: [a, b])
    #expect(jar.count == 1)
    #expect(jar.cookieHeader(for: RequestURL("http://www.example.com/x")!, at: Self.now) == "a=2")
  }

  /// Random input never crashes or hangs the parser, and whatever is stored keeps the
  /// storage model's invariants (no control characters, limits respected).
  /// A public suffix written fully qualified (`com.`) is still a public suffix: it must
  /// not become a domain cookie for every `*.com.` host (Chromium and Firefox refuse it).
  @Test(arguments: [
    ("a=b; Domain=com.", "http://example.com./", "http://victim.com./"),
    ("a=b; Domain=.com.", "http://example.com./", "http://victim.com./"),
    ("a=b; Domain=co.uk.", "http://example.co.uk./", "http://victim.co.uk./"),
    ("a=b; Domain=com..", "http://example.com../", "http://victim.com../"),
    ("a=b; Domain=github.io.", "https://me.github.io./", "https://victim.github.io./"),
  ])
  func trailingDotPublicSuffixIsRejected(_ header: String, _ origin: String, _ victim: String) throws {
    let from = try #require(RequestURL(origin))
    var jar = CookieJar()
    let outcome = jar.receive(header, from: from, at: Self.now)
    guard case .rejected(let r) = outcome else {
      Issue.record("\(header) from \(origin) was not rejected: \(outcome)")
      return
    }
    #expect(r.description.contains("is a public suffix"), "\(r)")
    #expect(jar.cookieHeader(for: try #require(RequestURL(victim)), at: Self.now) == nil)
  }

  /// The trailing dot stays significant otherwise, as in Chromium and Firefox: a domain
  /// with it matches only hosts with it; a public suffix equal to the host is host-only.
  @Test func trailingDotDomainsMatchOnlyFullyQualifiedHosts() throws {
    var jar = CookieJar()
    let from = try #require(RequestURL("http://www.example.com./"))
    guard case .stored(let c) = jar.receive("a=b; Domain=example.com.", from: from, at: Self.now) else {
      Issue.record("Domain=example.com. from www.example.com. not stored")
      return
    }
    #expect(!c.hostOnly && c.domain == "example.com.")
    #expect(
      jar.cookieHeader(for: try #require(RequestURL("http://other.example.com./")), at: Self.now) == "a=b")
    #expect(jar.cookieHeader(for: try #require(RequestURL("http://other.example.com/")), at: Self.now) == nil)
    #expect(Self.rejection("a=b; Domain=example.com", from: from)?.contains("does not domain-match") == true)
    guard
      case .stored(let h) = jar.receive("c=d; Domain=com.", from: RequestURL("http://com./")!, at: Self.now)
    else {
      Issue.record("Domain=com. from the host com. not stored host-only")
      return
    }
    #expect(h.hostOnly && h.domain == "com.")
  }

  /// A Domain naming the request's own IP address makes a host-only cookie for it, in the
  /// bracketed IPv6 form (as browsers write it) as well as the bare one.
  @Test(arguments: [
    ("a=b; Domain=[::1]", "http://[::1]/", "::1"),
    ("a=b; Domain=::1", "http://[::1]/", "::1"),
    ("a=b; Domain=[2001:DB8::1]", "http://[2001:db8::1]:8080/", "2001:db8::1"),
    ("a=b; Domain=127.0.0.1", "http://127.0.0.1/", "127.0.0.1"),
    ("a=b; Domain=.127.0.0.1", "http://127.0.0.1/", "127.0.0.1"),
  ])
  func ownIPAddressDomainIsHostOnly(_ header: String, _ origin: String, _ host: String) throws {
    let from = try #require(RequestURL(origin))
    var jar = CookieJar()
    guard case .stored(let c) = jar.receive(header, from: from, at: Self.now) else {
      Issue.record("\(header) from \(origin) not stored")
      return
    }
    #expect(c.hostOnly && c.domain == host)
    #expect(jar.cookieHeader(for: from, at: Self.now) == "a=b")
  }

  @Test(arguments: [
    ("a=b; Domain=[::2]", "http://[::1]/"),
    ("a=b; Domain=[::1]", "http://127.0.0.1/"),
    ("a=b; Domain=[127.0.0.1]", "http://127.0.0.1/"),
    ("a=b; Domain=127.0.0.1.", "http://127.0.0.1/"),
  ])
  func otherIPAddressDomainIsRejected(_ header: String, _ origin: String) throws {
    let message = Self.rejection(header, from: try #require(RequestURL(origin)))
    #expect(message?.contains("IP address") == true, "\(header): \(message ?? "stored")")
  }

  @Test func randomInputIsSafe() {
    var rng = SplitMix(seed: 6265)
    let alphabet = Array(
      "ab=; ,\t\"/.:-_%$\u{00}\u{7F}\r\né中😀SecureDomainPathMax-AgeExpires0123456789__Host-")
    var jar = CookieJar()
    for _ in 0..<3000 {
      let n = Int(rng.next() % 60)
      var s = ""
      for _ in 0..<n { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
      jar.receive(s, from: Self.https, at: Self.now)
    }
    for c in jar.cookies {
      #expect(
        !(c.name + c.value).unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F })
      #expect(c.size <= 4096 && c.path.hasPrefix("/"))
    }
  }
}
