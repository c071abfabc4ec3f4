import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

/// CPython's own view of an LWP file: `LWPCookieJar.load(ignore_discard, ignore_expires)`.
private let cpythonLoad = #"""
  import sys, json, http.cookiejar
  j = http.cookiejar.LWPCookieJar()
  j.load(sys.argv[1], ignore_discard=True, ignore_expires=True)
  print(json.dumps([dict(name=c.name, value=c.value, domain=c.domain, path=c.path, secure=c.secure,
      expires=c.expires, discard=c.discard, port=c.port, comment=c.comment, rest=c._rest,
      version=c.version) for c in j]))
  """#

/// libwww-perl's own view: `HTTP::Cookies->load`, every cookie through `scan`, as JSON with
/// the same keys as the CPython dump.
private let perlLoad = #"""
  use strict; use warnings; use HTTP::Cookies; use JSON::PP;
  my $jar = HTTP::Cookies->new; $jar->load($ARGV[0]);
  my @out;
  $jar->scan(sub { my ($version, $key, $val, $path, $domain, $port, $path_spec, $secure, $expires, $discard, $rest) = @_;
    push @out, {name => $key, value => $val, path => $path, domain => $domain, port => $port,
      secure => $secure ? JSON::PP::true : JSON::PP::false, expires => $expires, rest => $rest // {}}; });
  print JSON::PP->new->canonical->encode(\@out);
  """#

private func perlCookies(ofFile path: String) throws -> [CPythonCookie] {
  let list = try #require(try FmtExternal.perlJSON(perlLoad, [path]) as? [[String: Any]])
  return list.map(CPythonCookie.init(python:))
}

/// A cookie as CPython (or libwww-perl) holds it, mapped to Crumbs' model (REFERENCE §2): a value of None is
/// the nameless cookie, a leading dot a domain cookie, HttpOnly/SameSite live in `_rest`.
private struct CPythonCookie: Equatable, CustomStringConvertible {
  var name, value, domain, path: String
  var hostOnly, secure, httpOnly: Bool
  var expires: Int64?
  var sameSite: String?
  var port: String?
  var comment: String?

  init(python o: [String: Any]) {
    let rawValue = o["value"] as? String
    name = rawValue == nil ? "" : (o["name"] as? String ?? "")
    value = rawValue ?? (o["name"] as? String ?? "")
    let d = o["domain"] as? String ?? ""
    hostOnly = !d.hasPrefix(".")
    domain = hostOnly ? d : String(d.dropFirst())
    path = o["path"] as? String ?? ""
    secure = o["secure"] as? Bool ?? false
    expires = (o["expires"] as? NSNumber)?.int64Value
    let rest = o["rest"] as? [String: Any] ?? [:]
    httpOnly = rest.keys.contains { $0.lowercased() == "httponly" }
    sameSite = rest.first { $0.key.lowercased() == "samesite" }?.value as? String
    port = o["port"] as? String
    // libwww-perl has no comment field: it keeps `comment` among the other attributes.
    comment = o["comment"] as? String ?? rest["comment"] as? String
  }

  init(_ c: Cookie) {
    name = c.name
    value = c.value
    domain = c.domain
    path = c.path
    hostOnly = c.hostOnly
    secure = c.secure
    httpOnly = c.httpOnly
    expires = c.expires?.seconds
    sameSite = c.sameSite == .unset ? c.sameSiteRaw : c.sameSite.displayName
    port = c.port
    comment = c.comment
  }

  var description: String { "\(name)=\(value) @\(hostOnly ? "" : ".")\(domain)\(path) exp=\(expires ?? -1)" }
}

private func cpythonCookies(ofFile path: String) throws -> [CPythonCookie] {
  let list = try #require(try FmtExternal.pythonJSON(cpythonLoad, [path]) as? [[String: Any]])
  return list.map(CPythonCookie.init(python:))
}

private func sortKey(_ c: CPythonCookie) -> String {
  "\(c.domain)\u{0}\(c.path)\u{0}\(c.name)\u{0}\(c.value)"
}

@Suite struct LWPTests {
  @Test func readsTheCPythonExample() throws {
    let r = try FmtFixtures.read(LWPReader.self, "examples/lwp-set-cookie3-written-by-cpython.txt")
    #expect(r.diagnostics == [])
    #expect(
      r.cookies.map(FmtExpected.init) == [
        FmtExpected(
          "sid", "31d4d96e407aad42", "www.example.com", hostOnly: true, "/", nil, secure: false,
          httpOnly: true, .unset),
        FmtExpected(
          "theme", "dark", "www.example.com", hostOnly: true, "/app", 1_795_643_373_000_000, secure: true,
          httpOnly: false,
          .lax),
        FmtExpected(
          "lang", "en-US", "example.com", hostOnly: false, "/", 1_812_536_294_000_000, secure: false,
          httpOnly: false, .unset),
      ])
    #expect(r.cookies.map(\.sourceLine) == [2, 3, 4])
  }

  /// The file CPython wrote from real Flask responses, held to what CPython reads from it.
  static let realFiles = [
    "captured/lwp-written-by-cpython-urllib.txt", "examples/lwp-set-cookie3-written-by-cpython.txt",
    "captured/lwp-written-by-libwww-perl.txt",
  ]

  /// Each real file, held to what libwww-perl reads from it.
  @Test(.requires(.perlHTTPCookies), arguments: realFiles)
  func readsLikeLibwwwPerl(file: String) throws {
    let r = try FmtFixtures.read(LWPReader.self, file)
    #expect(r.diagnostics == [])
    let expected = try perlCookies(ofFile: FmtFixtures.url(file).path).sorted { sortKey($0) < sortKey($1) }
    let ours = r.cookies.map(CPythonCookie.init).sorted { sortKey($0) < sortKey($1) }
    #expect(ours == expected)
  }

  @Test(.requires(.python3), arguments: realFiles)
  func readsLikeCPython(file: String) throws {
    let r = try FmtFixtures.read(LWPReader.self, file)
    #expect(r.diagnostics == [])
    #expect(r.cookies.count >= 3)
    let expected = try cpythonCookies(ofFile: FmtFixtures.url(file).path).sorted { sortKey($0) < sortKey($1) }
    let ours = r.cookies.map(CPythonCookie.init).sorted { sortKey($0) < sortKey($1) }
    #expect(ours == expected)
  }

  /// Tricky header words, split by CPython's `split_header_words` and by ours.
  @Test(.requires(.python3)) func headerWordsSplitLikeCPython() throws {
    let inputs = [
      #"a=b; path="/"; domain=".x.test"; path_spec; discard; version=0"#,
      #"q="\"a b\""; x = "y\\z" ; flag"#,
      #"a=b,c=d; e"#, #"=junk; ;; k = v"#, #"  k="unterminated; z=1"#,
      #"caf\#u{E9}=cr\#u{E8}me; n=\#u{4E2D}"#,
      #"a="x\"y"; b=\"; c="#, "", ";;;", "k=\"\"", #"a=1;b=2,=c"#, "t\u{A0}=v",
    ]
    let script = #"""
      import sys, json, http.cookiejar
      print(json.dumps([http.cookiejar.split_header_words([s]) for s in json.load(sys.stdin)]))
      """#
    let input = String(decoding: try JSONSerialization.data(withJSONObject: inputs), as: UTF8.self)
    let python = try #require(try FmtExternal.pythonJSON(script, input: input) as? [[[[Any]]]])
    for (text, theirs) in zip(inputs, python) {
      let ours = HeaderWords.split(text).map { $0.map { [$0.name, $0.value ?? "<None>"] } }
      let expected = theirs.map { $0.map { [$0[0] as? String ?? "?", $0[1] as? String ?? "<None>"] } }
      #expect(ours == expected, "input: \(text)")
    }
  }

  static func trickyCookies() -> [Cookie] {
    var out: [Cookie] = []
    func add(_ c: Cookie, _ edit: (inout Cookie) -> Void = { _ in }) {
      var c = c
      edit(&c)
      out.append(c)
    }
    let exp = Instant(seconds: 1_812_536_294)
    add(Cookie(name: "plain", value: "v1", domain: "www.example.com", expires: exp))
    add(
      Cookie(name: "lang", value: "en-US", domain: "example.com", hostOnly: false, expires: exp, secure: true)
    )
    add(Cookie(name: "quoted", value: #""a b" \ end"#, domain: "www.example.com", path: "/a path"))
    add(Cookie(name: "empty", value: "", domain: "www.example.com", httpOnly: true))
    add(Cookie(name: "caf\u{E9}", value: "cr\u{E8}me", domain: "www.example.com", expires: exp))
    add(Cookie(name: "decomposed", value: "e\u{301}", domain: "www.example.com", expires: exp))
    add(Cookie(name: "", value: "nameless", domain: "www.example.com", expires: exp))
    add(Cookie(name: "ss", value: "1", domain: "www.example.com", expires: exp, sameSite: .strict))
    add(
      Cookie(
        name: "frac", value: "1,2;3", domain: "www.example.com",
        expires: Instant(microseconds: 1_812_536_294_999_999)))
    add(Cookie(name: "rfc2965", value: "x", domain: "www.example.com", expires: exp)) {
      $0.port = "80,8080"
      $0.comment = "a comment; with \"quotes\""
    }
    add(
      Cookie(name: "old", value: "gone", domain: "www.example.com", expires: Instant(seconds: 1_000_000_000)))
    return out
  }

  /// REFERENCE §2: CPython must reload what we write, and its own re-save must give back the
  /// same lines (same quoting, same attribute order).
  @Test(.requires(.python3, .perlHTTPCookies)) func cpythonReloadsAndResavesOurOutputUnchanged() throws {
    let cookies = Self.trickyCookies()
    let w = LWPWriter.write(cookies, options: CookieWriteOptions(now: FmtFixtures.now))
    #expect(w.skipped == 0)
    let text = String(decoding: w.data, as: UTF8.self)
    #expect(text.hasPrefix("#LWP-Cookies-2.0\n"))
    #expect(
      text.contains(
        #"Set-Cookie3: quoted="\"a b\" \\ end"; path="/a path"; domain="www.example.com"; path_spec; discard; version=0"#
      ))
    #expect(
      text.contains(
        #"Set-Cookie3: caf\#u{E9}=cr\#u{E8}me; path="/"; domain="www.example.com"; path_spec; expires="2027-06-09 10:18:14Z"; version=0"#
      ))
    #expect(
      text.contains(
        #"Set-Cookie3: empty=""; path="/"; domain="www.example.com"; path_spec; discard; HttpOnly=None; version=0"#
      ))
    // Our own reader gets the same cookies back.
    let again = try LWPReader.read(w.data, options: CookieReadOptions(sourceName: "w", now: FmtFixtures.now))
    #expect(again.cookies.map(CPythonCookie.init) == cookies.map(CPythonCookie.init))

    let file = try FmtExternal.temporaryFile(w.data, suffix: ".lwp")
    defer { try? FileManager.default.removeItem(at: file) }
    let loaded = try cpythonCookies(ofFile: file.path).sorted { sortKey($0) < sortKey($1) }
    // Whole seconds only (time2isoz), which CPythonCookie(_:) already keeps.
    let expected = cookies.map(CPythonCookie.init).sorted { sortKey($0) < sortKey($1) }
    #expect(loaded == expected)
    // libwww-perl, the other LWP consumer, reads the same cookies.
    #expect(try perlCookies(ofFile: file.path).sorted { sortKey($0) < sortKey($1) } == expected)

    let resave = #"""
      import sys, http.cookiejar
      j = http.cookiejar.LWPCookieJar()
      j.load(sys.argv[1], ignore_discard=True, ignore_expires=True)
      sys.stdout.write(j.as_lwp_str(ignore_discard=True, ignore_expires=True))
      """#
    let r = try FmtExternal.run("python3", ["-c", resave, file.path])
    #expect(r.status == 0, "\(r.stderr)")
    let theirs = r.stdout.split(separator: "\n").map(String.init).sorted()
    let ours = text.split(separator: "\n").dropFirst().map(String.init).sorted()
    #expect(ours == theirs)
  }

  /// Flags and attributes CPython keeps (domain_dot, port_spec, version, commenturl, unknown
  /// attributes, a discard on a cookie with an expiry) are written back as they were read.
  @Test(.requires(.python3)) func rareLWPAttributesRoundTripAsCPythonWritesThem() throws {
    let lines = [
      #"Set-Cookie3: a=1; path="/"; domain=".example.com"; port="80,8080"; path_spec; port_spec; domain_dot; secure; expires="2027-06-09 10:18:14Z"; discard; comment=hi; commenturl="http://x.test/c"; Foo=bar; HttpOnly=None; Partitioned=None; SameSite=lax; Zed=None; version=1"#,
      #"Set-Cookie3: b=2; path="/p"; domain="www.example.com"; discard; version=0"#,
    ]
    let input = "#LWP-Cookies-2.0\n" + lines.joined(separator: "\n") + "\n"
    let r = try FmtFixtures.read(LWPReader.self, text: input)
    #expect(r.diagnostics == [])
    #expect(r.cookies[0].port == "80,8080" && r.cookies[0].comment == "hi" && r.cookies[0].partitioned)
    #expect(r.cookies[0].sameSite == .lax && r.cookies[0].httpOnly && r.cookies[0].secure)
    let w = LWPWriter.write(r.cookies, options: CookieWriteOptions(now: FmtFixtures.now))
    // SameSite is re-spelled the standard way (`Lax`); everything else is byte-identical.
    #expect(
      String(decoding: w.data, as: UTF8.self)
        == input.replacingOccurrences(of: "SameSite=lax", with: "SameSite=Lax"))
    let file = try FmtExternal.temporaryFile(w.data, suffix: ".lwp")
    defer { try? FileManager.default.removeItem(at: file) }
    let resave = #"""
      import sys, http.cookiejar
      j = http.cookiejar.LWPCookieJar()
      j.load(sys.argv[1], ignore_discard=True, ignore_expires=True)
      sys.stdout.write(j.as_lwp_str(ignore_discard=True, ignore_expires=True))
      """#
    let out = try FmtExternal.run("python3", ["-c", resave, file.path])
    #expect(
      out.stdout.split(separator: "\n").sorted()
        == String(decoding: w.data, as: UTF8.self).split(separator: "\n").dropFirst().sorted())
  }

  @Test func writerWarnsForFieldsLWPCannotHoldAndSkipsUnwritableNames() {
    var c = Cookie(
      name: "p", value: "1", domain: "w.test", expires: Instant(seconds: 1_812_536_294), secure: true)
    c.sameSite = .none
    c.partitioned = true
    c.partitionKey = PartitionKey(topLevelSite: "https://top.test")
    c.priority = .high
    c.unknownFields = ["json.id": "3"]
    let bad = Cookie(name: "a b", value: "1", domain: "w.test")
    let w = LWPWriter.write([c, bad], options: CookieWriteOptions(now: FmtFixtures.now))
    let messages = w.warnings.map(\.message)
    for field in [
      "SameSite: 1 cookie", "Partitioned: 1 cookie", "Priority: 1 cookie", "field json.id: 1 cookie",
    ] {
      #expect(messages.contains { $0.hasPrefix(field) }, "\(field) in \(messages)")
    }
    #expect(w.skipped == 1)
    #expect(messages.contains { $0.contains("cookie a b @ w.test/ not written to lwp output") })
    #expect(String(decoding: w.data, as: UTF8.self).contains("Partitioned=None; SameSite=None; version=0"))
  }

  @Test func badLinesAreReportedAndTheRestLoads() throws {
    let text = """
      #LWP-Cookies-2.0
      Set-Cookie3: a=1; path="/"; version=0
      Set-Cookie3: b=2; path="/"; domain="x.test"; expires="not a date"; version=0
      Set-Cookie3: c=3; path="/"; domain="x.test"; expires="2027-06-09T10:18:14+02:00"; version=0
      """
    let r = try FmtFixtures.read(LWPReader.self, text: text, name: "jar.lwp")
    #expect(r.cookies.map(\.name) == ["b", "c"])
    #expect(r.cookies[0].expires == nil)
    #expect(r.cookies[1].expires == Instant(seconds: 1_812_536_294 - 7200))
    #expect(
      r.diagnostics.map(\.description)[0]
        == #"jar.lwp:2: error: Set-Cookie3 "a" has no domain; cookie skipped"#)
    #expect(r.diagnostics.count == 2 && r.diagnostics[1].line == 3)
  }

  @Test func missingMagicLineIsAWarningAndNonLWPIsAnError() throws {
    let r = try FmtFixtures.read(LWPReader.self, text: "Set-Cookie3: a=1; domain=x.test\n")
    #expect(r.cookies.count == 1 && r.diagnostics.first?.line == 1)
    #expect(throws: CookieFormatError.self) { try FmtFixtures.read(LWPReader.self, text: "hello\nworld\n") }
    #expect(LWPReader.sniff(Data("#LWP-Cookies-2.0\n".utf8), fileName: "x") == 100)
    #expect(LWPReader.sniff(Data("# Netscape HTTP Cookie File\n".utf8), fileName: "x") == 0)
  }

  /// `iso2time` forms (CPython `ISO_DATE_RE`) and `time2isoz`.
  @Test(arguments: [
    ("2027-06-09 10:18:14Z", Int64?(1_812_536_294)), ("2027-06-09T10:18:14Z", 1_812_536_294),
    ("20270609T101814Z", 1_812_536_294), ("2027/06/09 10:18:14", 1_812_536_294),
    ("2027-06-09 10:18:14 +0200", 1_812_529_094), ("2027-06-09 10:18", 1_812_536_280),
    ("2027-06-09", 1_812_499_200), ("2027-02-30 00:00:00Z", nil), ("June 9 2027", nil), ("", nil),
  ])
  func lwpTime(text: String, seconds: Int64?) {
    #expect(LWPTime.parse(text)?.seconds == seconds)
    if let seconds, text.hasSuffix("Z"), text.count == 20, text.contains(" ") {
      #expect(LWPTime.format(Instant(seconds: seconds)) == text)
    }
  }
}
