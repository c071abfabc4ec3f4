import Foundation
import Testing

@testable import CookieCore

/// What a test expects of one cookie, in one readable line.
struct FmtExpected: CustomStringConvertible, Sendable {
  var name: String
  var value: String
  var domain: String
  var hostOnly: Bool
  var path: String
  var expiresMicros: Int64?
  var secure: Bool
  var httpOnly: Bool
  var sameSite: SameSite

  init(_ c: Cookie) {
    self.init(
      c.name, c.value, c.domain, hostOnly: c.hostOnly, c.path, c.expires?.microseconds, secure: c.secure,
      httpOnly: c.httpOnly, c.sameSite)
  }
  init(
    _ name: String, _ value: String, _ domain: String, hostOnly: Bool, _ path: String,
    _ expiresMicros: Int64?,
    secure: Bool, httpOnly: Bool, _ sameSite: SameSite
  ) {
    self.name = name
    self.value = value
    self.domain = domain
    self.hostOnly = hostOnly
    self.path = path
    self.expiresMicros = expiresMicros
    self.secure = secure
    self.httpOnly = httpOnly
    self.sameSite = sameSite
  }
  var description: String {
    "\(name)=\(value) \(hostOnly ? "" : ".")\(domain)\(path) exp=\(expiresMicros.map(String.init) ?? "session")"
      + " secure=\(secure) httpOnly=\(httpOnly) sameSite=\(sameSite)"
  }
}

extension FmtExpected: Equatable {}

@Suite struct JSONReaderTests {
  static let examples: [(String, [FmtExpected])] = [
    (
      "examples/cookie-editor-chrome.json",
      [
        FmtExpected(
          "lang", "en-US", "example.com", hostOnly: false, "/", 1_812_536_294_123_456, secure: false,
          httpOnly: false,
          .unset),
        FmtExpected(
          "sid", "31d4d96e407aad42", "www.example.com", hostOnly: true, "/", 1_812_536_294_000_000,
          secure: true,
          httpOnly: true, .lax),
        FmtExpected(
          "theme", "dark", "www.example.com", hostOnly: true, "/app", nil, secure: false, httpOnly: false,
          .strict),
        FmtExpected(
          "__Host-embed", "e1", "widget.example.net", hostOnly: true, "/", 1_812_536_294_000_000,
          secure: true,
          httpOnly: true, .none),
      ]
    ),
    (
      "examples/cookie-editor-firefox.json",
      [
        FmtExpected(
          "lang", "en-US", "example.com", hostOnly: false, "/", 1_812_536_294_000_000, secure: false,
          httpOnly: false,
          .none),
        FmtExpected(
          "sid", "31d4d96e407aad42", "www.example.com", hostOnly: true, "/", nil, secure: true,
          httpOnly: true, .lax),
      ]
    ),
    (
      "examples/editthiscookie.json",
      [
        FmtExpected(
          "lang", "en-US", "example.com", hostOnly: false, "/", 1_812_536_294_000_000, secure: false,
          httpOnly: false,
          .unset),
        FmtExpected(
          "sid", "31d4d96e407aad42", "www.example.com", hostOnly: true, "/", nil, secure: true,
          httpOnly: true, .lax),
      ]
    ),
  ]

  @Test(arguments: examples)
  func readsExtensionExports(file: String, expected: [FmtExpected]) throws {
    let r = try FmtFixtures.read(JSONCookieReader.self, file)
    #expect(r.cookies.map(FmtExpected.init) == expected)
    #expect(r.diagnostics == [])
    #expect(JSONCookieReader.sniff(try FmtFixtures.data(file), fileName: file) > 0)
  }

  @Test func keepsChromePartitionKeyFirefoxKeysAndEditThisCookieID() throws {
    let chrome = try FmtFixtures.read(JSONCookieReader.self, "examples/cookie-editor-chrome.json").cookies
    #expect(
      chrome[3].partitionKey == PartitionKey(topLevelSite: "https://example.org", hasCrossSiteAncestor: true))
    #expect(chrome[3].partitioned)
    #expect(chrome[0].partitionKey == nil && !chrome[0].partitioned)
    #expect(chrome[0].sourceLine == 2 && chrome[1].sourceLine == 15 && chrome[0].sourceRecord == "[0]")

    let firefox = try FmtFixtures.read(JSONCookieReader.self, "examples/cookie-editor-firefox.json").cookies
    #expect(firefox[0].unknownFields == ["json.firstPartyDomain": "\"\"", "json.partitionKey": "null"])

    let etc = try FmtFixtures.read(JSONCookieReader.self, "examples/editthiscookie.json").cookies
    #expect(etc.map(\.unknownFields) == [["json.id": "1"], ["json.id": "2"]])
    #expect(etc.map(\.storeId) == ["0", "0"])
  }

  /// REFERENCE §0.2: every SameSite spelling of chrome.cookies, Firefox, CDP and Playwright.
  @Test(arguments: [
    ("\"no_restriction\"", SameSite.none), ("\"NO_RESTRICTION\"", .none), ("\"lax\"", .lax),
    ("\"Lax\"", .lax),
    ("\"strict\"", .strict), ("\"STRICT\"", .strict), ("\"unspecified\"", .unset), ("null", .unset),
    ("\"None\"", .none),
  ])
  func sameSiteSpellings(json: String, expected: SameSite) throws {
    let r = try FmtFixtures.read(
      JSONCookieReader.self, text: #"[{"name":"a","value":"b","domain":"x.test","sameSite":\#(json)}]"#)
    #expect(r.cookies.first?.sameSite == expected)
    #expect(r.diagnostics == [])
  }

  @Test func unknownSameSiteIsKeptRawWithAWarning() throws {
    let r = try FmtFixtures.read(
      JSONCookieReader.self, text: #"[{"name":"a","value":"b","domain":"x.test","sameSite":"extended"}]"#)
    #expect(r.cookies.first?.sameSite == .unset)
    #expect(r.cookies.first?.sameSiteRaw == "extended")
    #expect(r.diagnostics.count == 1 && r.diagnostics[0].message.contains("extended"))
  }

  /// REFERENCE §0.1: Chrome µs fractions, Firefox ≥142 ms fractions, integers, CDP -1.
  @Test(arguments: [
    (#""expirationDate": 1812536294.123456"#, Int64?(1_812_536_294_123_456)),
    (#""expirationDate": 1791464381.742"#, 1_791_464_381_742_000),
    (#""expirationDate": 1791464381"#, 1_791_464_381_000_000),
    (#""expirationDate": 1.791464381e9"#, 1_791_464_381_000_000),
    (#""expires": 1795728173.755239"#, 1_795_728_173_755_239),
    (#""expires": -1"#, nil),
    (#""expires": -1, "session": true"#, nil),
    (#""session": true"#, nil),
  ])
  func expiry(fields: String, micros: Int64?) throws {
    let r = try FmtFixtures.read(
      JSONCookieReader.self, text: #"[{"name":"a","value":"b","domain":"x.test",\#(fields)}]"#)
    #expect(r.cookies.first?.expires?.microseconds == micros)
    #expect(r.diagnostics == [])
  }

  @Test func quotedExpiryIsReadWithAWarningAndGarbageIsSession() throws {
    let r = try FmtFixtures.read(
      JSONCookieReader.self,
      text:
        #"[{"name":"a","value":"1","domain":"x","expirationDate":"1812536294.5"},{"name":"b","value":"2","domain":"x","expirationDate":"soon"}]"#
    )
    #expect(r.cookies.map(\.expires) == [Instant(microseconds: 1_812_536_294_500_000), nil])
    #expect(r.diagnostics.map(\.message).count == 2)
    #expect(r.diagnostics.last?.message.contains("read as a session cookie") == true)
  }

  @Test func derivesHostOnlyAndSessionAndReadsWrappers() throws {
    let text =
      #"{"cookies": [{"name":"a","value":"1","domain":".Example.COM"},{"name":"b","value":"2","domain":"www.example.com","path":"/p"}]}"#
    let r = try FmtFixtures.read(JSONCookieReader.self, text: text)
    #expect(
      r.cookies.map(FmtExpected.init) == [
        FmtExpected(
          "a", "1", "example.com", hostOnly: false, "/", nil, secure: false, httpOnly: false, .unset),
        FmtExpected(
          "b", "2", "www.example.com", hostOnly: true, "/p", nil, secure: false, httpOnly: false, .unset),
      ])
    #expect(r.cookies[1].sourceRecord == "cookies[1]")
  }

  @Test func readsCDPCookieArrayAsChromiumWroteIt() throws {
    let file = "captured/cdp-network-getallcookies.json"
    let r = try FmtFixtures.read(JSONCookieReader.self, file)
    // The expectation comes from Foundation's own JSON parser, not ours.
    let raw = try #require(try JSONSerialization.jsonObject(with: FmtFixtures.data(file)) as? [[String: Any]])
    #expect(r.cookies.count == raw.count && raw.count >= 15)
    #expect(r.diagnostics == [])
    for (c, o) in zip(r.cookies, raw) {
      let domain = try #require(o["domain"] as? String)
      #expect(c.name == o["name"] as? String)
      #expect(c.value == o["value"] as? String)
      #expect((c.hostOnly ? "" : ".") + c.domain == domain)
      #expect(c.path == o["path"] as? String)
      let expires = try #require(o["expires"] as? Double)
      if o["session"] as? Bool == true {
        #expect(c.expires == nil && expires == -1)
      } else {
        #expect(abs(Double(c.expires?.microseconds ?? 0) - expires * 1e6) < 2)
      }
      #expect(c.secure == o["secure"] as? Bool && c.httpOnly == o["httpOnly"] as? Bool)
      #expect(c.sameSite.displayName == (o["sameSite"] as? String ?? ""))
      #expect(c.priority?.displayName == o["priority"] as? String)
      #expect(c.sourceScheme == (o["sourceScheme"] as? String == "Secure" ? .https : .http))
      #expect(c.sourcePort == o["sourcePort"] as? Int)
      let key = o["partitionKey"] as? [String: Any]
      #expect(c.partitionKey?.topLevelSite == key?["topLevelSite"] as? String)
      #expect(c.partitionKey?.hasCrossSiteAncestor == key?["hasCrossSiteAncestor"] as? Bool)
      #expect(c.partitioned == (key != nil))
    }
    #expect(r.cookies.contains { $0.partitionKey != nil }, "the capture has a CHIPS cookie")
    #expect(r.cookies.contains { !$0.hostOnly && $0.domain == "example.test" })
  }

  @Test func puppeteerPartitionKeyShapesAndExtras() throws {
    let text = #"""
      [
        {"name":"p","value":"1","domain":"w.test","path":"/","expires":-1,"size":2,"httpOnly":false,
         "secure":true,"session":true,"sameSite":"None","priority":"High","sameParty":false,
         "sourceScheme":"Secure","sourcePort":443,"partitionKey":{"sourceOrigin":"https://top.test","hasCrossSiteAncestor":false}},
        {"name":"q","value":"2","domain":"w.test","path":"/","expires":-1,"partitionKey":"https://top.test"}
      ]
      """#
    let r = try FmtFixtures.read(JSONCookieReader.self, text: text)
    #expect(r.cookies.count == 2)
    #expect(
      r.cookies[0].partitionKey == PartitionKey(topLevelSite: "https://top.test", hasCrossSiteAncestor: false)
    )
    #expect(r.cookies[0].priority == .high && r.cookies[0].sourcePort == 443)
    #expect(r.cookies[0].unknownFields == ["json.sameParty": "false"])
    #expect(r.cookies[1].partitionKey == PartitionKey(topLevelSite: "https://top.test"))
    #expect(r.cookies.map(\.sourceLine) == [2, 5])
  }

  @Test func badEntriesAreReportedWithLineAndTheRestLoads() throws {
    let text = """
      [
        {"name": "ok1", "value": "1", "domain": "a.test"},
        42,
        {"value": "no name", "domain": "a.test"},
        {"name": "n", "value": 7, "domain": "a.test"},
        {"name": "ok2", "value": "2", "domain": "a.test", "secure": "yes"}
      ]
      """
    let r = try FmtFixtures.read(JSONCookieReader.self, text: text, name: "bad.json")
    #expect(r.cookies.map(\.name) == ["ok1", "ok2"])
    let described = r.diagnostics.map(\.description)
    #expect(
      described == [
        "bad.json:3: error: [1]: expected a cookie object, found a number; entry skipped",
        "bad.json:4: error: [2]: cookie object has no \"name\"; entry skipped",
        "bad.json:5: error: [3] \"n\": \"value\" is a number, expected a string; entry skipped",
        "bad.json:6: warning: [4] \"ok2\": \"secure\" is a string, expected a boolean; read as false",
      ])
  }

  @Test(arguments: [
    ("[{\"name\": \"a\",}]", 1, 15, "expected a member name"),
    ("[\n  {\"name\": \"a\"\n  \"value\": \"b\"}\n]", 3, 3, "expected ',' or '}'"),
    ("[{\"name\": \"a\"", 1, 14, "end of input"),
    ("[1, 2] x", 1, 8, "after the top-level value"),
    ("{\"cookies\": [\"caf\u{E9}\u{1}\"]}", 1, 19, "control character"),
  ])
  func malformedJSONIsOneErrorWithLineAndColumn(text: String, line: Int, column: Int, reason: String) throws {
    let e = #expect(throws: CookieFormatError.self) {
      try FmtFixtures.read(JSONCookieReader.self, text: text, name: "broken.json")
    }
    #expect(e?.line == line && e?.column == column)
    #expect(e?.message.contains(reason) == true, "\(e?.description ?? "")")
    #expect(e?.description.hasPrefix("broken.json:\(line):\(column): error: invalid JSON") == true)
  }

  @Test func notACookieDocument() {
    #expect(throws: CookieFormatError.self) {
      try FmtFixtures.read(JSONCookieReader.self, text: #"{"log": {}}"#)
    }
    #expect(throws: CookieFormatError.self) { try FmtFixtures.read(JSONCookieReader.self, text: "\"text\"") }
  }
}
