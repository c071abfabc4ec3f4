import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

/// The `headers` reader on the real curl/raw examples and on every dump shape of REFERENCE §5.
@Suite struct HeadersReaderTests {
  static let now = Instant(seconds: 1_795_640_000)  // 2026-11-25T20:53:20Z, just after the captures

  static func example(_ name: String) throws -> Data {
    try Data(contentsOf: HTTPStateCase.fixtures.appendingPathComponent("examples/\(name)"))
  }

  static func read(_ data: Data, origin: String? = nil, name: String = "dump.txt") throws -> CookieReadResult
  {
    try HeadersReader.read(data, options: CookieReadOptions(sourceName: name, now: now, origin: origin))
  }

  static func read(_ text: String, origin: String? = nil) throws -> CookieReadResult {
    try read(Data(text.utf8), origin: origin)
  }

  static func cookie(_ r: CookieReadResult, _ name: String) -> Cookie? {
    r.cookies.first { $0.name == name }
  }

  @Test(arguments: [
    "curl-i-output.txt", "curl-D-headers-with-redirect.txt", "curl-v-stderr.txt", "raw-http-request.txt",
    "raw-http-response.txt",
  ])
  func examplesSniffAsHeaders(_ name: String) throws {
    let data = try Self.example(name)
    #expect(HeadersReader.sniff(data, fileName: name) >= 70)
    #expect(HARReader.sniff(data, fileName: name) == 0)
  }

  @Test(arguments: ["netscape-cookies.txt", "lwp-set-cookie3-written-by-cpython.txt", "example.har"])
  func otherFormatsDoNotSniffAsHeaders(_ name: String) throws {
    #expect(HeadersReader.sniff(try Self.example(name), fileName: name) == 0)
  }

  /// `curl -v` logs its own reading of each Set-Cookie (`* Added cookie sid="…" for domain D,
  /// path P, expire E`) before the header: the same file read by us must agree with curl.
  @Test func curlVerboseAgreesWithCurlsOwnCookieLog() throws {
    let data = try Self.example("curl-v-stderr.txt")
    let r = try Self.read(data)
    let log = String(decoding: data, as: UTF8.self)
    let re = try NSRegularExpression(
      pattern: #"Added cookie (\S*)="([^"]*)" for domain (\S+), path (\S+), expire (\d+)"#)
    let matches = re.matches(in: log, range: NSRange(log.startIndex..., in: log))
    #expect(matches.count == 3)
    for m in matches {
      func g(_ i: Int) -> String { String(log[Range(m.range(at: i), in: log)!]) }
      let c = try #require(Self.cookie(r, g(1)), "curl added \(g(1)), we did not")
      #expect(c.value == g(2))
      #expect(c.domain == g(3))
      #expect(c.path == g(4))
      #expect((c.expires?.seconds ?? 0) == Int64(g(5)) ?? -1)
    }
    // The request's Cookie header: pairs with the request host, not invented further.
    let pref = try #require(Self.cookie(r, "pref"))
    #expect(pref.domain == "www.example.com" && pref.hostOnly && pref.value == "1")
    #expect(r.diagnostics.allSatisfy { $0.severity != .warning })
  }

  @Test func curlIWithoutOriginKeepsDomainUnknownAndSaysSo() throws {
    let r = try Self.read(try Self.example("curl-i-output.txt"))
    #expect(r.cookies.map(\.name) == ["sid", "lang", "theme"])
    #expect(Self.cookie(r, "sid")?.domain == "")
    #expect(Self.cookie(r, "lang")?.domain == "example.com")
    #expect(Self.cookie(r, "lang")?.hostOnly == false)
    #expect(r.diagnostics.contains { $0.severity == .warning && $0.message.contains("pass --origin URL") })
  }

  @Test func curlIWithOriginUsesTheDateHeaderForMaxAge() throws {
    let r = try Self.read(
      try Self.example("curl-i-output.txt"), origin: "http://www.example.com:8766/app/page?x=1")
    let theme = try #require(Self.cookie(r, "theme"))
    #expect(theme.domain == "www.example.com" && theme.hostOnly && theme.path == "/app")
    // Date: Wed, 25 Nov 2026 20:49:11 GMT + Max-Age=3600, as curl computed it.
    #expect(theme.expires == Instant(seconds: 1_795_643_351))
    #expect(theme.sourceLine == 7)
    #expect(!r.diagnostics.contains { $0.message.contains("--origin") })
  }

  @Test func curlDFollowsLocationForTheSecondHop() throws {
    let r = try Self.read(
      try Self.example("curl-D-headers-with-redirect.txt"), origin: "https://www.example.com/login")
    // Hop 1 (302 from /login): csrf stored (secure origin), flow deleted by Max-Age=0.
    #expect(Self.cookie(r, "csrf")?.secure == true)
    #expect(Self.cookie(r, "flow") == nil)
    #expect(r.diagnostics.contains { $0.message.contains("flow arrived already expired") })
    // Hop 2 answers Location: /app/page?x=1, so theme's default... explicit Path=/app here.
    #expect(Self.cookie(r, "theme")?.path == "/app")
    #expect(Self.cookie(r, "sid")?.domain == "www.example.com")
    // From an insecure origin the Secure cookie is rejected with a reason.
    let insecure = try Self.read(
      try Self.example("curl-D-headers-with-redirect.txt"), origin: "http://www.example.com/login")
    #expect(Self.cookie(insecure, "csrf") == nil)
    #expect(
      insecure.diagnostics.contains {
        $0.line == 5
          && $0.message.hasPrefix("Set-Cookie rejected: Secure cookie set from the insecure origin")
      })
  }

  @Test func locationSetsTheDefaultPathOfTheNextHop() throws {
    let dump =
      "HTTP/1.1 302 Found\r\nLocation: https://other.example.net/a/b/c\r\nSet-Cookie: one=1\r\n\r\n"
      + "HTTP/1.1 200 OK\r\nSet-Cookie: two=2\r\n\r\nbody\r\n"
    let r = try Self.read(dump, origin: "https://www.example.com/start/here")
    #expect(Self.cookie(r, "one")?.domain == "www.example.com")
    #expect(Self.cookie(r, "one")?.path == "/start")
    #expect(Self.cookie(r, "two")?.domain == "other.example.net")
    #expect(Self.cookie(r, "two")?.path == "/a/b")
  }

  @Test func rawRequestResponsePairGivesTheURL() throws {
    let req = String(decoding: try Self.example("raw-http-request.txt"), as: UTF8.self)
    let resp = String(decoding: try Self.example("raw-http-response.txt"), as: UTF8.self)
    let r = try Self.read(req + resp)
    #expect(Self.cookie(r, "pref")?.domain == "www.example.com")
    // http by default (port 80): the Secure and __Host- cookies of the response are refused.
    #expect(Self.cookie(r, "sid") == nil)
    #expect(Self.cookie(r, "lang")?.domain == "example.com")
    #expect(r.diagnostics.filter { $0.message.hasPrefix("Set-Cookie rejected") }.count == 2)
    // --origin with the same host supplies the scheme the raw request does not state.
    let s = try Self.read(req + resp, origin: "https://www.example.com/")
    #expect(Self.cookie(s, "sid")?.secure == true)
    #expect(Self.cookie(s, "__Host-csrf")?.path == "/")
    #expect(Self.cookie(s, "gone") == nil)
  }

  @Test func obsFoldIsJoinedWithOneSpace() throws {
    let r = try Self.read(
      "HTTP/1.0 200 OK\nSet-Cookie: a=b;\n\tPath=/x;\n  HttpOnly\n\n", origin: "http://h.example/")
    let a = try #require(Self.cookie(r, "a"))
    #expect(a.path == "/x" && a.httpOnly)
  }

  @Test func http2VerboseUsesTheOpenedStreamURL() throws {
    let trace = """
      * Connected to example.com (127.0.0.1) port 443 (#0)
      * ALPN: server accepted h2
      * [HTTP/2] [1] OPENED stream for https://example.com/shop/cart?id=3
      * [HTTP/2] [1] [:method: GET]
      > GET /shop/cart?id=3 HTTP/2
      > Host: example.com
      >\u{20}
      < HTTP/2 200\u{20}
      < set-cookie: cart=9; Secure
      < date: Wed, 25 Nov 2026 20:49:11 GMT
      <\u{20}
      """
    let r = try Self.read(trace)
    let cart = try #require(Self.cookie(r, "cart"))
    #expect(cart.domain == "example.com" && cart.path == "/shop" && cart.secure)
    #expect(cart.created == Instant(seconds: 1_795_639_751))
  }

  @Test func bareLinesAndCookieHeaders() throws {
    let r = try Self.read("set-cookie: a=1\nSET-COOKIE: b=2; Domain=.Example.org\nCookie: c=3; d\n")
    #expect(r.cookies.map(\.name) == ["a", "b", "c", ""])
    #expect(Self.cookie(r, "b")?.domain == "example.org")
    #expect(Self.cookie(r, "c")?.domain == "")
    let withOrigin = try Self.read("Set-Cookie: a=1\nCookie: c=3\n", origin: "http://www.example.org/p")
    #expect(Self.cookie(withOrigin, "c")?.domain == "www.example.org")
  }

  @Test func commaJoinedSetCookieIsNotedNotSplit() throws {
    let r = try Self.read(
      "Set-Cookie: a=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT, b=2; Path=/\nSet-Cookie: c=x,y; Expires=Wed, 09 Jun 2027 10:18:14 GMT\n",
      origin: "https://h.test/")
    #expect(r.cookies.map(\.name) == ["a", "c"])
    #expect(r.diagnostics.filter { $0.message.contains("joined with commas") }.map(\.line) == [1])
  }

  @Test func badLinesAreDiagnosedAndTheRestLoads() throws {
    let r = try Self.read(
      "Set-Cookie: ok=1\nSet-Cookie: bad=\u{07}x\nSet-Cookie: x=1; Domain=com\n", origin: "https://a.com/")
    #expect(r.cookies.map(\.name) == ["ok"])
    #expect(r.diagnostics.contains { $0.line == 2 && $0.message.contains("U+0007") })
    #expect(r.diagnostics.contains { $0.line == 3 && $0.message.contains("public suffix") })
    let empty = try Self.read("just some text\n")
    #expect(empty.cookies.isEmpty && empty.diagnostics.contains { $0.message.contains("no Set-Cookie") })
  }

  /// Random line soup from dump fragments never crashes the reader.
  @Test func randomDumpsAreSafe() throws {
    var rng = SplitMix(seed: 5)
    let pieces = [
      "HTTP/1.1 302 Found\r\n", "Location: /x\r\n", "Location: http://[::1\r\n", "Set-Cookie: a=1\r\n",
      "set-cookie: =\r\n", "\r\n", " folded\r\n", "> GET / HTTP/1.1\r\n", "> Host: h:99999999999\r\n",
      "> \r\n",
      "< HTTP/2 200\r\n", "< set-cookie: b=2; Domain=h\r\n", "< \r\n",
      "* [HTTP/2] [1] OPENED stream for \r\n",
      "* Connected to h (1.2.3.4) port \r\n", "GET http://a.test/p HTTP/1.1\r\n", "Cookie: ; ;=; x\r\n",
      "\u{FEFF}",
      "Date: Thu, 99 Foo 99999 GMT\r\n", "<\n", ">\n", "*\n",
    ]
    for _ in 0..<500 {
      var s = ""
      for _ in 0..<Int(rng.next() % 20) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
      let r = try Self.read(s, origin: rng.next() % 2 == 0 ? "https://h/" : nil)
      #expect(r.cookies.allSatisfy { $0.path.hasPrefix("/") })
    }
  }
}
