import CookieCore
import Foundation
import Testing

@Suite("Netscape reader on real files")
struct NetscapeReaderTests {
  typealias S = NetscapeTestSupport

  @Test("the shared handmade example loads all five cookies as curl, CPython and yt-dlp do")
  func sharedExample() throws {
    let r = try S.read("examples/netscape-cookies.txt")
    #expect(r.diagnostics.isEmpty)
    let facts = r.cookies.map { NetscapeFacts($0) }
    #expect(
      facts == [
        NetscapeFacts(
          Cookie(
            name: "lang", value: "en-US", domain: "example.com", hostOnly: false,
            expires: Instant(seconds: 1_812_536_294))),
        NetscapeFacts(
          Cookie(
            name: "sid", value: "31d4d96e407aad42", domain: "www.example.com",
            expires: Instant(seconds: 1_812_536_294),
            secure: true, httpOnly: true)),
        NetscapeFacts(Cookie(name: "theme", value: "dark", domain: "www.example.com", path: "/app")),
        NetscapeFacts(
          Cookie(
            name: "__Secure-token", value: "abc%3D%3D", domain: "example.com", hostOnly: false,
            expires: Instant(seconds: 1_812_536_294), secure: true, httpOnly: true)),
        NetscapeFacts(
          Cookie(
            name: "empty", value: "", domain: "www.example.com", expires: Instant(seconds: 1_812_536_294))),
      ])
    #expect(r.cookies.map(\.sourceLine) == [5, 6, 7, 8, 9])
    #expect(r.cookies.allSatisfy { $0.sourceFile == "examples/netscape-cookies.txt" })
  }

  @Test("curl 7.88's own jar: newest first, #HttpOnly_ on a session cookie")
  func curl788() throws {
    let r = try S.read("examples/netscape-written-by-curl-7.88.txt")
    #expect(r.diagnostics.isEmpty)
    #expect(r.cookies.map(\.name) == ["theme", "lang", "sid"])
    let sid = try #require(r.cookies.last)
    #expect(sid.httpOnly && sid.isSession && sid.hostOnly && sid.domain == "www.example.com")
    #expect(r.cookies[0].expires == Instant(seconds: 1_795_643_351))
  }

  @Test("wget keeps the port in host:port; it goes to Cookie.port, not the domain")
  func wgetPort() throws {
    let r = try S.read("examples/netscape-written-by-wget-1.21-nondefault-port.txt")
    #expect(r.diagnostics.isEmpty)
    #expect(r.cookies.count == 2)
    for c in r.cookies {
      #expect(c.domain == "localhost")
      #expect(c.port == "8766")
    }
    let plain = try S.read("examples/netscape-written-by-wget-1.21.txt")
    #expect(plain.cookies.map(\.name) == ["lang", "theme", "sid"])
    #expect(plain.cookies.allSatisfy { $0.port == nil })
    #expect(plain.cookies[0].hostOnly == false && plain.cookies[0].domain == "example.com")
  }

  @Test("curl's captured jar loads exactly as curl stored it")
  func capturedCurl() throws {
    let r = try S.read("netscape/curl.txt")
    #expect(r.diagnostics.isEmpty)
    #expect(r.cookies.count == 14)
    let byName = Dictionary(uniqueKeysWithValues: r.cookies.map { ($0.name, $0) })
    #expect(byName["http_only"]?.httpOnly == true)
    #expect(byName["session"]?.httpOnly == true)
    #expect(byName["session"]?.isSession == true)
    #expect(byName["session"]?.value.hasPrefix("eyJ") == true)
    #expect(byName["username"]?.isSession == true)
    #expect(byName["scoped"]?.path == "/app")
    #expect(byName["expires_fixed"]?.expires == Instant(seconds: 1_812_536_294))
    #expect(byName["quoted"]?.value == #""\"a b\"""#)
    #expect(byName["domain_wide"]?.hostOnly == false)
    #expect(byName["domain_wide"]?.domain == "example.com")
    #expect(r.cookies.filter(\.httpOnly).count == 2)
  }

  @Test("curl over HTTPS: Secure and prefixed cookies load with their flag, as curl stored them")
  func capturedCurlHTTPS() throws {
    let r = try S.read("netscape/curl-https.txt")
    #expect(r.diagnostics.isEmpty)
    #expect(r.cookies.count == 17)
    #expect(Set(r.cookies.filter(\.secure).map(\.name)) == ["__Host-id", "__Secure-token", "secure_none"])
    let host = try #require(r.cookies.first { $0.name == "__Host-id" })
    #expect(host.hostOnly && host.path == "/" && host.domain == "www.example.com")
    // cookies.txt has no SameSite field: `lax`, `strict` and `secure_none` read as unset.
    #expect(r.cookies.allSatisfy { $0.sameSite == .unset })
  }

  @Test("wget's captured jar: every host-only cookie carries port 8791, as wget stored it")
  func capturedWget() throws {
    let r = try S.read("netscape/wget.txt")
    #expect(r.diagnostics.isEmpty)
    #expect(r.cookies.count == 13)
    for c in r.cookies where c.hostOnly {
      #expect(c.domain == "www.example.com" && c.port == "8791")
    }
    #expect(r.cookies.first { $0.name == "domain_wide" }?.port == nil)
    // wget's own mangling of the quoted value, kept as is.
    #expect(r.cookies.first { $0.name == "quoted" }?.value == #""\""#)
    #expect(!r.cookies.contains { $0.httpOnly })
  }

  @Test(
    "CPython and yt-dlp jars load exactly as the producer held them in memory",
    arguments: [
      ("netscape/cpython-mozillacookiejar.txt", 14), ("netscape/yt-dlp.txt", 14),
      ("netscape/cpython-https.txt", 17),
    ])
  func pythonProducers(file: String, count: Int) throws {
    let r = try S.read(file)
    #expect(r.diagnostics.isEmpty)
    let json = try Data(contentsOf: S.fixture(file + ".expected.json"))
    let objects = try #require(JSONSerialization.jsonObject(with: json) as? [[String: Any]])
    let expected = Set(objects.map { NetscapeFacts(python: $0) })
    #expect(expected.count == count)
    #expect(Set(r.cookies.map { NetscapeFacts($0) }) == expected)
    // The producers held `http_only` and Flask's `session` as HttpOnly in memory but wrote
    // no `#HttpOnly_` line (CPython gh-113775; yt-dlp never writes it): the file says not
    // HttpOnly, and so must we.
    #expect(objects.filter { $0["httpOnlyInMemory"] as? Bool == true }.count == 2)
    #expect(!r.cookies.contains { $0.httpOnly })
  }

  @Test(
    "a browser-extension export: fractional expiry kept to the millisecond, TRUE without dot, no final newline"
  )
  func extensionExport() throws {
    let r = try S.read("netscape/handmade-extension-export.txt")
    #expect(r.cookies.count == 3)
    #expect(r.cookies[0].expires == Instant(microseconds: 1_791_464_381_742_000))
    #expect(r.cookies[1].hostOnly == false && r.cookies[1].domain == "example.org")
    #expect(r.diagnostics.count == 1)
    #expect(r.diagnostics.first?.line == 5)
    #expect(r.diagnostics.first?.message.contains("without a leading dot") == true)
    #expect(r.cookies[2].httpOnly && r.cookies[2].path == "/account" && r.cookies[2].value == "abc123")
  }

  @Test("a BOM and CRLF line ends are read like LF")
  func crlfBom() throws {
    let r = try S.read("netscape/handmade-crlf-bom.txt")
    #expect(r.diagnostics.isEmpty)
    #expect(r.cookies.map(\.name) == ["lang", "sid"])
    #expect(r.cookies.map(\.value) == ["en-US", "31d4d96e407aad42"])
    #expect(r.cookies[1].httpOnly && r.cookies[1].isSession)
  }

  @Test("malformed lines become diagnostics with line and reason; the rest loads")
  func malformed() throws {
    let r = try S.read("netscape/handmade-malformed.txt")
    #expect(r.cookies.map(\.name) == ["good1", "tabbed", "nopath", "novalue", "good2"])
    var byLine: [Int: String] = [:]
    for d in r.diagnostics {
      #expect(d.file == "netscape/handmade-malformed.txt")
      byLine[d.line ?? 0, default: ""] += d.message
    }
    let expected: [(Int, String)] = [
      (5, "found 4"), (6, "'soon' is not a number"), (7, "negative expiry"),
      (8, "are the fields separated by spaces"), (9, "'YES' is not TRUE or FALSE"),
      (10, "contains a TAB"), (11, "path is missing"), (12, "empty value"), (13, "empty domain"),
    ]
    for (line, text) in expected {
      #expect(byLine[line]?.contains(text) == true, "line \(line): \(byLine[line] ?? "no diagnostic")")
    }
    #expect(byLine.count == expected.count)
    #expect(r.cookies.first { $0.name == "tabbed" }?.value == "a\tb")
    #expect(r.cookies.first { $0.name == "nopath" }?.path == "/")
    #expect(r.cookies.first { $0.name == "good2" }?.value == "")
  }

  @Test(
    "input that is not a cookie jar gets one clear error",
    arguments: [
      ("[{\"name\": \"a\", \"value\": \"b\"}]", "JSON"), ("<!DOCTYPE html><html></html>", "HTML"),
      ("SQLite format 3\u{0}\u{1}\u{2}", "SQLite"), ("hello\u{0}world", "binary"),
      ("Set-Cookie: a=b; Path=/\nSet-Cookie: c=d\n", "7 TAB-separated fields"),
    ])
  func notAJar(text: String, kind: String) throws {
    let data = Data(text.utf8)
    #expect(NetscapeReader.sniff(data, fileName: "x") < 50)
    do {
      _ = try NetscapeReader.read(
        data, options: CookieReadOptions(sourceName: "in.txt", now: Instant(seconds: 0)))
      Issue.record("expected an error for \(kind)")
    } catch let e as CookieFormatError {
      #expect(e.file == "in.txt")
      #expect(e.message.contains(kind))
    }
  }

  @Test("sniffing: a header is certain, bare cookie lines are likely, LWP is not ours")
  func sniffing() {
    func score(_ s: String) -> Int { NetscapeReader.sniff(Data(s.utf8), fileName: "f") }
    #expect(score("# Netscape HTTP Cookie File\n") == 100)
    #expect(score("\u{FEFF}# HTTP Cookie File\n") == 100)
    #expect(score("www.example.com\tFALSE\t/\tFALSE\t0\ta\tb\n") >= 50)
    #expect(score("#LWP-Cookies-2.0\nSet-Cookie3: a=b; path=\"/\"; domain=x\n") == 0)
    #expect(score("") == 0)
  }

  @Test("a line over curl's 5000-byte limit loads, with a warning that curl drops it")
  func longLine() throws {
    let text = "x.example\tFALSE\t/\tFALSE\t0\tbig\t" + String(repeating: "v", count: 6000) + "\n"
    let r = try NetscapeReader.read(
      Data(text.utf8), options: CookieReadOptions(sourceName: "-", now: Instant(seconds: 0)))
    #expect(r.cookies.first?.value.count == 6000)
    #expect(r.diagnostics.count == 1)
    #expect(r.diagnostics.first?.message.contains("5000-byte limit") == true)
  }

  @Test("a domain with a space (a hand-indented line) loads as written, with a warning")
  func spaceInDomain() throws {
    let text = "  x.example\tFALSE\t/\tFALSE\t0\ta\tb\n"
    let r = try NetscapeReader.read(
      Data(text.utf8), options: CookieReadOptions(sourceName: "-", now: Instant(seconds: 0)))
    #expect(r.cookies.first?.domain == "  x.example")
    #expect(r.diagnostics.first?.message.contains("contains a space") == true)
  }

  @Test("domains are lower-cased as CPython does (REFERENCE §1.4)")
  func domains() throws {
    let text = "WWW.Example.COM\tFALSE\t/\tFALSE\t0\ta\t1\nwww.example.com\tFALSE\t/\tFALSE\t0\tb\t2\n"
    let r = try NetscapeReader.read(
      Data(text.utf8), options: CookieReadOptions(sourceName: "-", now: Instant(seconds: 0)))
    #expect(r.cookies.map(\.domain) == ["www.example.com", "www.example.com"])
  }

  @Test(
    "the reader names the dialect that gives the producer its layout back",
    arguments: [
      ("netscape/cpython-mozillacookiejar.txt", "cpython"), ("netscape/wget.txt", "wget"),
      ("examples/netscape-written-by-wget-1.21-nondefault-port.txt", "wget"), ("netscape/curl.txt", nil),
      ("netscape/yt-dlp.txt", nil), ("examples/netscape-written-by-curl-7.88.txt", nil),
    ] as [(String, String?)])
  func dialect(file: String, expected: String?) throws {
    #expect(try NetscapeTestSupport.read(file).dialect == expected)
  }
}
