import Foundation
import Testing

@testable import CookieCore

@Suite struct HARReaderTests {
  static let now = Instant(seconds: 1_795_640_000)

  static func read(_ data: Data) throws -> CookieReadResult {
    try HARReader.read(data, options: CookieReadOptions(sourceName: "x.har", now: now))
  }

  static func har(_ entries: String) -> Data {
    Data(
      #"{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [\#(entries)]}}"#.utf8
    )
  }

  @Test func exampleHAR() throws {
    let data = try Data(contentsOf: HTTPStateCase.fixtures.appendingPathComponent("examples/example.har"))
    #expect(HARReader.sniff(data, fileName: "example.har") >= 90)
    #expect(HeadersReader.sniff(data, fileName: "example.har") == 0)
    let r = try Self.read(data)
    #expect(r.cookies.map(\.name) == ["pref", "visited", "sid", "lang"])
    let started = Instant(seconds: 1_795_564_800)  // 2026-11-25T00:00:00Z
    let sid = try #require(r.cookies.first { $0.name == "sid" })
    #expect(
      sid.domain == "www.example.com" && sid.hostOnly && sid.secure && sid.httpOnly && sid.sameSite == .lax)
    #expect(sid.created == started && sid.sourceRecord == "entry 1 response")
    #expect(sid.sourceRequest == "GET https://www.example.com/app/page?x=1")
    let lang = try #require(r.cookies.first { $0.name == "lang" })
    #expect(lang.domain == "example.com" && !lang.hostOnly && lang.expires == Instant(seconds: 1_812_536_294))
    let pref = try #require(r.cookies.first { $0.name == "pref" })
    #expect(pref.domain == "www.example.com" && pref.expires == nil)
    #expect(r.diagnostics.isEmpty)
  }

  @Test func sanitizedExportIsReported() throws {
    let r = try Self.read(
      Self.har(
        #"{"startedDateTime": "2026-11-25T00:00:00Z", "request": {"url": "https://a.example/", "headers": [], "cookies": []}, "response": {"headers": [{"name": "content-type", "value": "text/html"}], "cookies": []}}"#
      ))
    #expect(r.cookies.isEmpty)
    #expect(r.diagnostics.contains { $0.message.contains("no cookie data at all") })
  }

  @Test func lenientInput() throws {
    // No cookies arrays, expires null, lower-case and upper-case header names, HTTP/2
    // pseudo-headers instead of a url, Firefox's newline-joined Set-Cookie, Chrome extras.
    let entries = """
      {"startedDateTime": "2026-11-25T01:00:00.123+01:00",
       "request": {"headers": [{"name": ":authority", "value": "shop.example"}, {"name": ":path", "value": "/a/b"},
                               {"name": ":scheme", "value": "https"}]},
       "response": {"headers": [{"name": "set-cookie", "value": "one=1\\ntwo=2; Path=/"},
                                {"name": "SET-COOKIE", "value": "chip=3; Secure; Partitioned; Path=/"}],
                    "cookies": [{"name": "chip", "value": "3", "expires": null, "sameSite": "None",
                                 "partitionKey": "https://top.example"}]}},
      {"request": {"url": "https://b.example/x"},
       "response": {"cookies": [{"name": "obj", "value": "v", "domain": ".b.example", "path": "/",
                                 "expires": "2027-01-01T00:00:00.000Z", "sameSite": "Strict"}]}}
      """
    let r = try Self.read(Self.har(entries))
    #expect(r.cookies.map(\.name) == ["one", "two", "chip", "obj"])
    let one = try #require(r.cookies.first { $0.name == "one" })
    #expect(one.domain == "shop.example" && one.path == "/a")
    #expect(one.created == Instant(microseconds: 1_795_564_800_123_000))  // +01:00 offset applied
    let chip = try #require(r.cookies.first { $0.name == "chip" })
    #expect(chip.partitioned && chip.partitionKey?.topLevelSite == "https://top.example")
    let obj = try #require(r.cookies.first { $0.name == "obj" })
    #expect(!obj.hostOnly && obj.domain == "b.example" && obj.sameSite == .strict)
    #expect(obj.expires == Instant(seconds: 1_798_761_600))
  }

  @Test func entriesApplyInTimeOrder() throws {
    // Written out of order: the deletion (later) must win over the set (earlier).
    let r = try Self.read(
      Self.har(
        """
        {"startedDateTime": "2026-11-25T00:00:02Z", "request": {"url": "https://a.example/"},
         "response": {"headers": [{"name": "Set-Cookie", "value": "s=; Max-Age=0"}]}},
        {"startedDateTime": "2026-11-25T00:00:01Z", "request": {"url": "https://a.example/"},
         "response": {"headers": [{"name": "Set-Cookie", "value": "s=1"}, {"name": "Set-Cookie", "value": "t=2"}]}}
        """))
    #expect(r.cookies.map(\.name) == ["t"])
    #expect(r.cookies.first?.sourceRecord == "entry 2 response")
  }

  /// Each cookie keeps the request (method and URL) whose response set it, and a rejected
  /// Set-Cookie names that request; other formats leave it unset.
  @Test func cookiesAndRejectionsNameTheirRequest() throws {
    let r = try Self.read(
      Self.har(
        """
        {"startedDateTime": "2026-11-25T00:00:01Z", "request": {"method": "POST", "url": "https://accounts.example.net/login"},
         "response": {"headers": [{"name": "Set-Cookie", "value": "s=1"}, {"name": "Set-Cookie", "value": "bad=1; Domain=net"}]}},
        {"startedDateTime": "2026-11-25T00:00:02Z", "request": {"url": "https://b.example/"},
         "response": {"cookies": [{"name": "o", "value": "2"}]}}
        """))
    let s = try #require(r.cookies.first { $0.name == "s" })
    #expect(s.sourceRequest == "POST https://accounts.example.net/login")
    #expect(s.sourceRecord == "entry 1 response")
    let o = try #require(r.cookies.first { $0.name == "o" })
    #expect(o.sourceRequest == "https://b.example/")
    let rejected = try #require(r.diagnostics.first { $0.message.contains("Domain=net is a public suffix") })
    #expect(rejected.message.hasPrefix("entry 1 response (POST https://accounts.example.net/login): "))
    var plain = Cookie(name: "a", value: "1", domain: "example.com")
    #expect(plain.sourceRequest == nil)
    plain.sourceRequest = "GET https://example.com/"
    #expect(plain != Cookie(name: "a", value: "1", domain: "example.com"))
  }

  @Test func notAHARThrows() {
    #expect(throws: CookieFormatError.self) { try Self.read(Data("{\"foo\": 1}".utf8)) }
    #expect(throws: CookieFormatError.self) { try Self.read(Data("{not json".utf8)) }
  }
}
