import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

private func text(_ r: CookieWriteResult) -> String { String(decoding: r.data, as: UTF8.self) }
private let opts = CookieWriteOptions(now: FmtFixtures.now)

@Suite struct WriterTests {
  @Test func everyWriterIsRegistered() {
    for f in [CookieFormat.json, .playwright, .lwp, .setCookie, .cookieHeader] {
      #expect(CookieFormats.writer(for: f) != nil, "\(f)")
    }
  }

  /// A Cookie-Editor export read and written again is the same file (REFERENCE §3.3 shape:
  /// 4-space indent, alphabetical keys, null sameSite/storeId, float expirationDate).
  @Test func cookieEditorChromeExportComesBackByteForByte() throws {
    let file = "examples/cookie-editor-chrome.json"
    let original = String(decoding: try FmtFixtures.data(file), as: UTF8.self)
    let r = try FmtFixtures.read(JSONCookieReader.self, file)
    let w = JSONCookieWriter.write(r.cookies, options: opts)
    #expect(w.warnings == [] && w.skipped == 0)
    #expect(text(w).trimmingCharacters(in: .newlines) == original.trimmingCharacters(in: .newlines))
  }

  /// Firefox and EditThisCookie exports: same objects after a JSON parse, except what the
  /// Cookie-Editor shape changes on purpose (storeId null, "unspecified" → null).
  @Test(arguments: ["examples/cookie-editor-firefox.json", "examples/editthiscookie.json"])
  func otherExportsKeepEveryKey(file: String) throws {
    let r = try FmtFixtures.read(JSONCookieReader.self, file)
    let w = JSONCookieWriter.write(r.cookies, options: opts)
    let ours = try #require(try JSONSerialization.jsonObject(with: w.data) as? [[String: Any]])
    let theirs = try #require(
      try JSONSerialization.jsonObject(with: FmtFixtures.data(file)) as? [[String: Any]])
    #expect(ours.count == theirs.count)
    for (o, t) in zip(ours, theirs) {
      var t = t
      t["storeId"] = NSNull()
      if t["sameSite"] as? String == "unspecified" { t["sameSite"] = NSNull() }
      let a = try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
      let b = try JSONSerialization.data(withJSONObject: t, options: [.sortedKeys])
      #expect(String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self))
    }
    // storeId "0" is nulled, and the writer says so.
    #expect(w.warnings.allSatisfy { $0.message.hasPrefix("storeId") && $0.severity == .note })
  }

  @Test func cookieEditorShapeKeysAndTypes() throws {
    var c = Cookie(
      name: "a", value: "\u{1}x\"", domain: "example.com", hostOnly: false,
      expires: Instant(microseconds: 1_791_464_381_742_000))
    c.storeId = "firefox-container-2"
    let session = Cookie(name: "s", value: "1", domain: "h.test", sameSite: .none)
    let w = JSONCookieWriter.write([c, session], options: opts)
    let t = text(w)
    #expect(
      t.hasPrefix(
        "[\n    {\n        \"domain\": \".example.com\",\n        \"expirationDate\": 1791464381.742,\n"))
    #expect(t.contains(#""value": "\u0001x\"""#))
    let objects = try #require(try JSONSerialization.jsonObject(with: w.data) as? [[String: Any]])
    #expect(
      Set(objects[0].keys)
        == [
          "domain", "expirationDate", "hostOnly", "httpOnly", "name", "path", "sameSite", "secure", "session",
          "storeId", "value",
        ])
    #expect(objects[1]["expirationDate"] == nil && objects[1]["session"] as? Bool == true)
    #expect(objects[1]["sameSite"] as? String == "no_restriction" && objects[0]["sameSite"] is NSNull)
    #expect(objects[0]["storeId"] is NSNull)
    #expect(w.warnings.map(\.message).contains { $0.contains("firefox-container-2") })
  }

  /// Lines CPython's cookie jar (`make_cookies`, the real Set-Cookie consumer here) reads.
  @Test(.requires(.python3)) func setCookieLinesAsCPythonReadsThem() throws {
    let exp = Instant(seconds: 1_812_536_294)
    var part = Cookie(
      name: "__Host-p", value: "1", domain: "www.example.com", expires: exp, secure: true, sameSite: .none)
    part.partitioned = true
    part.priority = .high
    let cookies = [
      Cookie(
        name: "lang", value: "en-US", domain: "example.com", hostOnly: false, expires: exp, sameSite: .lax),
      Cookie(
        name: "sid", value: "31d4", domain: "www.example.com", path: "/app", secure: true, httpOnly: true),
      part,
      Cookie(name: "bad", value: "a;b", domain: "www.example.com"),
      Cookie(name: "crlf", value: "a\r\nSet-Cookie: evil=1", domain: "www.example.com"),
    ]
    let w = SetCookieWriter.write(cookies, options: opts)
    #expect(
      text(w) == """
        Set-Cookie: lang=en-US; Domain=example.com; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT; SameSite=Lax
        Set-Cookie: sid=31d4; Path=/app; Secure; HttpOnly
        Set-Cookie: __Host-p=1; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT; Secure; SameSite=None; Partitioned; Priority=High

        """)
    #expect(w.skipped == 2)
    #expect(
      w.warnings.map(\.message).contains { $0.hasPrefix("partition key") == false && $0.contains("crlf") })

    let script = #"""
      import sys, json, email.message, urllib.request, http.cookiejar
      msg = email.message.Message()
      for line in sys.stdin.read().splitlines():
          msg["Set-Cookie"] = line.split(": ", 1)[1]
      class R:
          def info(self): return msg
      req = urllib.request.Request("https://www.example.com/app/page")
      jar = http.cookiejar.CookieJar()
      print(json.dumps([dict(name=c.name, value=c.value, domain=c.domain, path=c.path, expires=c.expires,
          secure=c.secure, rest={k.lower(): v for k, v in c._rest.items()}) for c in jar.make_cookies(R(), req)]))
      """#
    let parsed = try #require(try FmtExternal.pythonJSON(script, input: text(w)) as? [[String: Any]])
    #expect(parsed.count == 3)
    #expect(parsed.map { $0["domain"] as? String } == [".example.com", "www.example.com", "www.example.com"])
    #expect(parsed.map { $0["path"] as? String } == ["/", "/app", "/"])
    #expect(parsed.map { ($0["expires"] as? NSNumber)?.int64Value } == [1_812_536_294, nil, 1_812_536_294])
    #expect(parsed.map { $0["secure"] as? Bool } == [false, true, true])
    let rest = parsed.map { $0["rest"] as? [String: Any] ?? [:] }
    #expect(rest[0]["samesite"] as? String == "Lax" && rest[1].keys.contains("httponly"))
    #expect(rest[2]["samesite"] as? String == "None" && rest[2].keys.contains("partitioned"))
  }

  @Test(arguments: [
    (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"), (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
    (-1, "Wed, 31 Dec 1969 23:59:59 GMT"), (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
    (999_999_999_999, "Fri, 31 Dec 9999 23:59:59 GMT"),
  ])
  func imfFixdate(seconds: Int64, expected: String) {
    #expect(HTTPDate.format(Instant(seconds: seconds)) == expected)
  }

  /// One `Cookie:` header, longest path first (RFC 6265bis §5.8.3), read back by Werkzeug
  /// (Flask's cookie parser, the server in `cookie_app.py`).
  @Test(.requires(.werkzeug)) func cookieHeaderAsWerkzeugReadsIt() throws {
    let cookies = [
      Cookie(name: "a", value: "1", domain: "w.test"),
      Cookie(name: "deep", value: "x=y", domain: "w.test", path: "/app/x"),
      Cookie(name: "", value: "nameless", domain: "w.test"),
      Cookie(name: "mid", value: "caf%C3%A9", domain: "w.test", path: "/app"),
      Cookie(name: "bad", value: "1;2", domain: "w.test"),
      Cookie(name: "old", value: "0", domain: "w.test", expires: Instant(seconds: 1)),
    ]
    let w = CookieHeaderWriter.write(cookies, options: opts)
    #expect(text(w) == "Cookie: deep=x=y; mid=caf%C3%A9; a=1; nameless; old=0\n")
    #expect(w.skipped == 1)
    let messages = w.warnings.map(\.message)
    #expect(messages.contains { $0.hasPrefix("expired cookie: 1 cookie (old @ w.test/)") })
    #expect(messages.contains { $0.contains("cookie bad @ w.test/ not written") })
    #expect(CookieHeaderWriter.write([], options: opts).data.isEmpty)

    let script = #"""
      import sys, json
      from werkzeug.http import parse_cookie
      print(json.dumps(dict(parse_cookie(sys.stdin.read().split(": ", 1)[1].strip()))))
      """#
    let parsed = try #require(try FmtExternal.pythonJSON(script, input: text(w)) as? [String: String])
    // Werkzeug reads a bare token as a name with an empty value, where RFC 6265bis §5.6 makes
    // it a nameless cookie's value: the ambiguity the writer warns about.
    #expect(parsed == ["deep": "x=y", "mid": "caf%C3%A9", "a": "1", "nameless": "", "old": "0"])
    #expect(messages.contains { $0.hasPrefix("nameless cookie: 1 cookie") })
  }

  /// REFERENCE §11: a warning for every field the target cannot hold.
  @Test(arguments: [
    (CookieFormat.json, "Priority: 1 cookie"), (.json, "source scheme/port: 1 cookie"),
    (.json, "creation/last-access time: 1 cookie"), (.json, "Comment: 1 cookie"),
    (.playwright, "Priority: 1 cookie"), (.playwright, "storeId/origin attributes: 1 cookie"),
    (.lwp, "Priority: 1 cookie"), (.lwp, "SameSite: 1 cookie"), (.lwp, "Partitioned: 1 cookie"),
    (.lwp, "creation/last-access time: 1 cookie"), (.setCookie, "partition key: 1 cookie"),
    (.setCookie, "Comment: 1 cookie"), (.setCookie, "Port: 1 cookie"),
  ])
  func warnsForEveryFieldTheTargetCannotHold(format: CookieFormat, prefix: String) throws {
    var c = Cookie(
      name: "rich", value: "v", domain: "example.com", hostOnly: false,
      expires: Instant(seconds: 1_812_536_294),
      secure: true, sameSite: .strict)
    c.partitioned = true
    c.partitionKey = PartitionKey(topLevelSite: "https://top.test")
    c.priority = .low
    c.sourceScheme = .https
    c.sourcePort = 443
    c.created = Instant(seconds: 1_700_000_000)
    c.comment = "c"
    c.port = "443"
    c.storeId = "1"
    let writer = try #require(CookieFormats.writer(for: format))
    let w = writer.write([c], options: opts)
    #expect(w.warnings.contains { $0.message.hasPrefix(prefix) }, "\(w.warnings)")
    #expect(w.skipped == 0 && !w.data.isEmpty)
  }
}
