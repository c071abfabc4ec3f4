import CrumbsTestSupport
import Foundation
import Testing

/// `crumbs header` through the built binary (`TestEnvironment.crumbsBinary`).
@Suite struct HeaderCommandTests {
  static var root: URL { TestEnvironment.root }
  static var binary: URL { TestEnvironment.crumbsBinary }
  static var fixtures: URL { TestEnvironment.fixtures }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ executable: URL, _ args: [String], stdin: Data? = nil) throws -> Run {
    let r = try runProcess(executable, args, stdin: stdin, in: root)
    return Run(status: r.status, stdout: r.text, stderr: r.stderr)
  }

  static func crumbs(_ args: String..., stdin: Data? = nil) throws -> Run {
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      Issue.record("\(binary.path) is missing: run `swift build` before `swift test`")
      return Run(status: -1, stdout: "", stderr: "")
    }
    return try run(binary, args, stdin: stdin)
  }

  static let now = "1795642535"  // the Flask captures' Date: 2026-11-25T21:35:35Z
  static func fixture(_ path: String) -> String { fixtures.appendingPathComponent(path).path }

  @Test func harGivesTheHeaderAndCurlArgument() throws {
    let r = try Self.crumbs(
      "header", "--now", Self.now, "--url", "https://www.example.com/app/x",
      Self.fixture("examples/example.har"))
    #expect(r.status == 0)
    #expect(r.stdout == "pref=1; visited=yes; sid=31d4d96e407aad42; lang=en-US\n")
    let c = try Self.crumbs(
      "header", "--curl", "--now", Self.now, "--url", "https://www.example.com/",
      Self.fixture("examples/example.har"))
    #expect(c.stdout == "-b 'pref=1; visited=yes; sid=31d4d96e407aad42; lang=en-US'\n")
    // http: the Secure sid is not sent; another host gets nothing at all.
    let h = try Self.crumbs(
      "header", "--now", Self.now, "--url", "http://www.example.com/", Self.fixture("examples/example.har"))
    #expect(h.stdout == "pref=1; visited=yes; lang=en-US\n")
    let none = try Self.crumbs(
      "header", "--now", Self.now, "--url", "https://other.test/", Self.fixture("examples/example.har"))
    #expect(none.status == 0 && none.stdout.isEmpty)
  }

  @Test func laterFilesReplaceAndDeleteThroughTheStorageModel() throws {
    let set = Self.fixture("headers/flask-curl-i-set.txt")
    let url = "http://www.example.com:18766/app/echo"
    let a = try Self.crumbs(
      "header", "--now", Self.now, "--origin", "http://www.example.com:18766/set", "--url", url, set)
    #expect(a.stdout.hasPrefix("scoped=app-only; username=flask; "))
    // The -v capture ends with /delete, which expires username and scoped (Max-Age=0).
    let b = try Self.crumbs(
      "header", "--now", Self.now, "--origin", "http://www.example.com:18766/set", "--url", url, set,
      Self.fixture("headers/flask-curl-v-set-delete.txt"))
    #expect(b.status == 0)
    #expect(!b.stdout.contains("username=") && !b.stdout.contains("scoped="))
    #expect(b.stdout.contains("max_age=one-hour"))
    // Without --origin the -i dump's cookies have no domain and match nothing; stderr says why.
    let c = try Self.crumbs("header", "--now", Self.now, "--url", url, set)
    #expect(c.stdout == "domain_wide=all-subdomains\n")
    #expect(c.stderr.contains("pass --origin URL"))
  }

  @Test func stdinRejectionsAndErrors() throws {
    let input = Data("Set-Cookie: a=1; Secure\nSet-Cookie: b=2; Domain=example.org\nSet-Cookie: c=3\n".utf8)
    let r = try Self.crumbs(
      "header", "--origin", "http://www.other.test/", "--url", "http://www.other.test/", "-", stdin: input)
    #expect(r.stdout == "c=3\n")
    #expect(
      r.stderr.contains("-:1: warning: Set-Cookie rejected: Secure cookie set from the insecure origin"))
    #expect(
      r.stderr.contains(
        "-:2: warning: Set-Cookie rejected: Domain=example.org does not domain-match the request host www.other.test"
      ))
    let missing = try Self.crumbs("header", "--url", "http://a.test/", "/nonexistent/jar.txt")
    #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/jar.txt: error: no such file"))
    let badURL = try Self.crumbs("header", "--url", "not a url", Self.fixture("examples/example.har"))
    #expect(badURL.status == 64)
  }

  /// A fully qualified public suffix (`com.`) is refused like `com`, so a cookie set from
  /// example.com. never reaches victim.com.; the same for `co.uk.`.
  @Test(arguments: [
    ("com.", "http://example.com./", "http://victim.com./"),
    ("co.uk.", "http://example.co.uk./", "http://victim.co.uk./"),
  ])
  func trailingDotPublicSuffix(_ domain: String, _ origin: String, _ victim: String) throws {
    let input = Data("Set-Cookie: a=b; Domain=\(domain)\n".utf8)
    let r = try Self.crumbs("header", "--origin", origin, "--url", victim, "-", stdin: input)
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty, "Domain=\(domain) from \(origin) was sent to \(victim)")
    #expect(
      r.stderr.contains("-:1: warning: Set-Cookie rejected: Domain=\(domain) is a public suffix"),
      "\(r.stderr)")
  }

  /// `Domain=` naming the request's own IP address, bracketed for IPv6 as in the URL, is a
  /// host-only cookie for that address.
  @Test(arguments: [("[::1]", "http://[::1]/"), ("127.0.0.1", "http://127.0.0.1/")])
  func ownIPAddressDomain(_ domain: String, _ url: String) throws {
    let input = Data("Set-Cookie: a=b; Domain=\(domain)\n".utf8)
    let r = try Self.crumbs("header", "--origin", url, "--url", url, "-", stdin: input)
    #expect(r.status == 0)
    #expect(r.stdout == "a=b\n", "\(r.stderr)")
    #expect(r.stderr.isEmpty)
  }

  /// A cookies.txt jar goes in as it is: domain-match (`.example.com` reaches the shop),
  /// path-match (`/cart`), Secure only over https, expired ones left out, longer path
  /// first, then file order (RFC 6265bis §5.8.3).
  @Test func headerFromANetscapeJar() throws {
    let jar = Self.root.appendingPathComponent("Examples/cookies.txt").path
    let https = try Self.crumbs(
      "header", "--now", "1764000000", "--url", "https://shop.example.com/cart/checkout", jar)
    #expect(https.status == 0, "\(https.stderr)")
    let names = https.stdout.trimmingCharacters(in: .newlines).components(separatedBy: "; ")
      .map { String($0.prefix { $0 != "=" }) }
    #expect(names == ["cart", "session", "_ga", "_gid", "prefs", "csrftoken"])
    let http = try Self.crumbs("header", "--now", "1764000000", "--url", "http://shop.example.com/", jar)
    #expect(http.stdout.hasPrefix("prefs=%7B%22theme%22") && !http.stdout.contains("session="))
    let elsewhere = try Self.crumbs("header", "--now", "1764000000", "--url", "https://other.test/", jar)
    #expect(elsewhere.status == 0 && elsewhere.stdout.isEmpty)
  }

  /// Cases where the engine deliberately differs from the suite (see HTTPStateTests.chosen).
  static let chosen: Set<String> = [
    "0004", "0021", "0023", "0024", "0025", "0026", "0027", "0028", "chromium0009", "chromium0010",
    "chromium0012", "mozilla0012", "mozilla0014", "mozilla0015", "mozilla0016", "mozilla0017", "name0017",
    "name0023", "name0025", "name0028", "name0031", "name0032", "name0033", "optional-domain0042",
    "disabled-chromium0022", "disabled-chromium0023", "disabled-path0029",
  ]

  /// The http-state suite's own runner drives `crumbs header` once per case, on the copy of
  /// the data under Tests/Fixtures/http-state.
  @Test(.requires(.python3)) func httpStateRunnerThroughTheCLI() throws {
    // The suite's runner is copied next to its data, so a clone alone can run it.
    let runner = Self.root.appendingPathComponent("Tests/Fixtures/http-state/run_http_state.py")
    let python = try #require(Tool.python3.url)
    try #require(FileManager.default.fileExists(atPath: runner.path), "\(runner.path) is missing")
    let json = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crumbs-http-state-\(getpid()).json")
    defer { try? FileManager.default.removeItem(at: json) }
    let r = try Self.run(
      python,
      [
        runner.path, "--data-dir", Self.fixture("http-state/parser"), "--json", json.path, "--cmd",
        "'\(Self.binary.path)' header --origin {origin} --url {url} {headers}",
      ])
    #expect(r.stdout.contains("TOTAL     pass 195  fail  27  (of 222)"), "\(r.stdout)")
    let data = try Data(contentsOf: json)
    let results = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(results.count == 222)
    for item in results {
      let name = item["name"] as? String ?? "?"
      let ok = item["ok"] as? Bool ?? false
      #expect(ok != Self.chosen.contains(name), "\(name): ok=\(ok) actual=\(item["actual"] ?? "nil")")
      #expect(item["error"] is NSNull, "\(name): \(item["error"] ?? "")")
    }
  }
}

/// `header --site` and `--explain` through the real binary.
@Suite struct HeaderExplainTests {
  @Test func explainListsWhatIsNotSentAndSiteAppliesSameSite() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = dir.appendingPathComponent("jar.txt")
    try Data(
      """
      # Netscape HTTP Cookie File
      .example.com\tTRUE\t/\tFALSE\t1900000000\tlang\ten
      .example.com\tTRUE\t/\tTRUE\t1900000000\tsec\t1
      www.example.com\tFALSE\t/app\tFALSE\t1900000000\tapp\t1

      """.utf8
    ).write(to: jar)
    guard let r = try CrumbsRunner.run(["header", "--url", "http://www.example.com/", "--explain", jar.path])
    else { return }
    #expect(r.status == 0)
    #expect(r.text == "lang=en\n")
    #expect(r.stderr.contains("1 sent, 2 not sent"))
    #expect(r.stderr.contains("jar.txt:3: not sent: sec @ .example.com/: Secure cookie"))
    #expect(r.stderr.contains("jar.txt:4: not sent: app @ www.example.com/app: path /app does not match"))
    guard
      let cross = try CrumbsRunner.run([
        "header", "--url", "https://www.example.com/app/", "--site", "https://news.test/", "--explain",
        jar.path,
      ])
    else { return }
    #expect(cross.text.isEmpty, "unset SameSite is Lax on a cross-site subresource request")
    #expect(cross.stderr.contains("cross-site from https://news.test"))
    guard
      let nav = try CrumbsRunner.run([
        "header", "--url", "https://www.example.com/app/", "--site", "https://news.test/", "--navigation",
        jar.path,
      ])
    else { return }
    #expect(nav.text == "app=1; lang=en; sec=1\n")
    guard let bad = try CrumbsRunner.run(["header", "--url", "https://a.test/", "--site", "nope", jar.path])
    else {
      return
    }
    #expect(bad.status == 64)
  }
}
