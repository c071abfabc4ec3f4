import CrumbsTestSupport
import Foundation
import Testing

/// `crumbs list`, `purge-expired` and `convert` end to end on the built binary.
@Suite("crumbs list / purge-expired / convert")
struct NetscapeCommandTests {
  typealias R = CrumbsRunner
  static let example = R.fixture("examples/netscape-cookies.txt")
  /// 2026-11-26: after the curl fixture's `theme` (2026-11-25) expired, before 2027-06.
  static let now = "1795700000"

  @Test("list: a devtools-like table; expired cookies are listed and marked")
  func table() throws {
    guard
      let r = try R.run([
        "list", "--now", Self.now, Self.example, R.fixture("examples/netscape-written-by-curl-7.88.txt"),
      ])
    else { return }
    #expect(r.status == 0)
    let lines = r.text.split(separator: "\n").map(String.init)
    #expect(
      lines.first?.split(separator: " ", omittingEmptySubsequences: true) == [
        "Name", "Value", "Domain", "Path", "Expires", "Size", "HttpOnly", "Secure", "SameSite",
      ])
    #expect(lines.count == 6)
    let theme = try #require(lines.first { $0.hasPrefix("theme") })
    #expect(theme.contains("2026-11-25 21:49:11Z expired"))
    #expect(lines.contains { $0.hasPrefix("sid") && $0.contains("Session") && $0.contains("✓") })
    #expect(lines.contains { $0.hasPrefix("lang") && $0.contains(".example.com") })
    // Loading in order: the curl jar's three cookies replace the example's, and say so.
    #expect(r.stderr.components(separatedBy: "note: cookie").count == 4)
    #expect(r.stderr.contains("netscape-written-by-curl-7.88.txt:5: note: cookie theme"))
  }

  @Test("list --json: one array, the documented keys and types")
  func json() throws {
    guard let r = try R.run(["list", "--json", "--now", Self.now, Self.example]) else { return }
    #expect(r.status == 0)
    let array = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
    #expect(array.count == 5)
    let keys: Set = [
      "name", "value", "domain", "hostOnly", "path", "expires", "expired", "secure", "httpOnly", "sameSite",
      "partitioned", "partitionKey", "priority", "size", "source",
    ]
    for o in array { #expect(Set(o.keys) == keys) }
    let lang = array[0]
    #expect(lang["name"] as? String == "lang")
    #expect(lang["domain"] as? String == "example.com")
    #expect(lang["hostOnly"] as? Bool == false)
    #expect((lang["expires"] as? NSNumber)?.int64Value == 1_812_536_294)
    #expect(lang["sameSite"] as? String == "unset")
    #expect(lang["partitionKey"] is NSNull)
    #expect(lang["source"] as? String == "\(Self.example):5")
    #expect(lang["size"] as? Int == 9)
    let theme = array[2]
    #expect(theme["expires"] is NSNull)
    #expect(theme["expired"] as? Bool == false)
    #expect(array[1]["httpOnly"] as? Bool == true && array[1]["secure"] as? Bool == true)
  }

  @Test("control characters are shown escaped in the table and the JSON, never raw")
  func controlCharacters() throws {
    let jar = "# Netscape HTTP Cookie File\nx.example\tFALSE\t/\tFALSE\t0\tevil\ta\u{1b}[31mred\u{7}\u{9b}\n"
    guard let table = try R.run(["list", "-"], stdin: Data(jar.utf8)),
      let json = try R.run(["list", "--json", "-"], stdin: Data(jar.utf8))
    else { return }
    #expect(table.status == 0 && json.status == 0)
    for out in [table.stdout, json.stdout] {
      #expect(!out.contains(0x1B) && !out.contains(0x07))
      #expect(
        !String(decoding: out, as: UTF8.self).unicodeScalars.contains { $0.value >= 0x80 && $0.value <= 0x9F }
      )
    }
    #expect(table.text.contains("a\\x1b[31mred\\x07\\x9b"))
    #expect(json.text.contains("a\\u001b[31mred\\u0007\\u009b"))
    #expect(table.stderr.contains("-:2:"))
  }

  @Test("loading diagnostics go to stderr as file:line: warning: reason; the rest loads")
  func diagnostics() throws {
    let file = R.fixture("netscape/handmade-malformed.txt")
    guard let r = try R.run(["list", "--json", file]) else { return }
    #expect(r.status == 0)
    #expect(r.stderr.contains("\(file):7:27: warning: negative expiry '-5'; line skipped"))
    #expect(r.stderr.contains("\(file):5: warning: expected 7 TAB-separated fields, found 4; line skipped"))
    #expect((try JSONSerialization.jsonObject(with: r.stdout) as? [Any])?.count == 5)
  }

  @Test(
    "errors: exit 1 for unreadable input, 64 for bad usage",
    arguments: [
      (["list", "/nonexistent/jar.txt"], 1, "no such file"),
      (["list", "Tests/Fixtures/generate/cookie_app.py"], 1, "not a cookie file"),
      (["list", "--format", "netscape", "Tests/Fixtures/examples/example.har"], 1, "looks like JSON"),
      (["list", "--now", "soon", "x"], 64, "--now"),
      (
        ["purge-expired", "Tests/Fixtures/examples/netscape-cookies.txt"], 64,
        "exactly one of -o OUT and --in-place"
      ),
      (["purge-expired", "--in-place", "-"], 64, "standard input"),
      (["convert", "--to", "sqlite", "x"], 64, "formats that can be written: netscape"),
      (["convert", "--to", "netscape", "--dialect", "perl", "x"], 64, "known: curl, cpython, wget"),
      (
        [
          "convert", "--to", "netscape", "-o", "/nonexistent/dir/out.txt",
          "Tests/Fixtures/examples/netscape-cookies.txt",
        ], 1, "does not exist"
      ),
    ])
  func errors(args: [String], status: Int32, message: String) throws {
    guard let r = try R.run(args) else { return }
    #expect(r.status == status, "\(args): \(r.stderr)")
    #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
    // Errors never leave a half table or a partial jar on stdout.
    #expect(r.stdout.isEmpty, "\(args): \(r.text)")
  }

  @Test("--help documents every option and the exit codes", arguments: ["list", "purge-expired", "convert"])
  func help(command: String) throws {
    guard let r = try R.run([command, "--help"]) else { return }
    #expect(r.status == 0)
    #expect(r.text.contains("Exit codes: 0"))
    #expect(r.text.contains("64 bad usage"))
    #expect(r.text.contains("--now <EPOCH>"))
  }

  @Test("purge-expired -o: drops expired cookies, says how many, writes a 0600 curl jar")
  func purgeToFile() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out.txt").path
    guard let r = try R.run(["purge-expired", "--now", Self.now, R.fixture("netscape/curl.txt"), "-o", out])
    else { return }
    #expect(r.status == 0, "\(r.stderr)")
    // curl.txt was captured at 1795641690 (2026-11-25 21:21); by --now the four cookies
    // with a lifetime of an hour or less have expired.
    #expect(r.stderr.contains("purged 4 expired cookies of 14; 10 written"))
    #expect(try R.mode(out) == 0o600)
    let text = try String(contentsOfFile: out, encoding: .utf8)
    #expect(text.hasPrefix("# Netscape HTTP Cookie File\n"))
    #expect(
      !text.contains("multi0") && !text.contains("max_age") && text.contains("#HttpOnly_www.example.com"))
    #expect(text.split(separator: "\n").filter { !$0.hasPrefix("# ") }.count == 10)
  }

  @Test("purge-expired --in-place keeps the file's permissions; stdin to stdout works", .requires(.python3))
  func purgeInPlace() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = dir.appendingPathComponent("jar.txt").path
    try FileManager.default.copyItem(
      atPath: R.fixture("examples/netscape-written-by-curl-7.88.txt"), toPath: jar)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: jar)
    guard let r = try R.run(["purge-expired", "--now", Self.now, "--in-place", jar]) else { return }
    #expect(r.status == 0)
    #expect(r.stderr.contains("purged 1 expired cookie of 3"))
    #expect(try R.mode(jar) == 0o640)
    #expect(try !String(contentsOfFile: jar, encoding: .utf8).contains("theme"))

    let input = try Data(
      contentsOf: URL(fileURLWithPath: R.fixture("examples/netscape-written-by-curl-7.88.txt")))
    guard let s = try R.run(["purge-expired", "--now", Self.now, "-", "-o", "-"], stdin: input) else {
      return
    }
    #expect(s.status == 0)
    #expect(s.text.contains("\tlang\ten-US\n") && !s.text.contains("theme"))
  }

  @Test(
    "purge-expired --in-place on a CPython jar keeps CPython's dialect, so CPython keeps its session cookies")
  func purgeKeepsCPythonDialect() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = dir.appendingPathComponent("jar.txt").path
    try FileManager.default.copyItem(atPath: R.fixture("netscape/cpython-mozillacookiejar.txt"), toPath: jar)
    guard let r = try R.run(["purge-expired", "--now", Self.now, "--in-place", jar]) else { return }
    #expect(r.status == 0, "\(r.stderr)")
    let text = try String(contentsOfFile: jar, encoding: .utf8)
    // Session cookies stay with an empty expiry, as CPython wrote them (a `0` would make
    // CPython drop them as expired, REFERENCE §1.5).
    #expect(text.contains("www.example.com\tFALSE\t/\tFALSE\t\tusername\tflask\n"))
    let python = try #require(Tool.python3.url)
    let check = try runProcess(
      python,
      [
        "-c",
        "import http.cookiejar,sys; j=http.cookiejar.MozillaCookieJar(); j.load(sys.argv[1], ignore_discard=True); print(sorted(c.name for c in j))",
        jar,
      ])
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.text.contains("'username'"), "CPython lost the session cookie: \(check.text)")
  }

  @Test("convert --to netscape: stdout by default, dialects, writer warnings on stderr")
  func convert() throws {
    guard let r = try R.run(["convert", "--to", "netscape", "--dialect", "cpython", Self.example]) else {
      return
    }
    #expect(r.status == 0)
    #expect(r.text.contains("www.example.com\tFALSE\t/app\tFALSE\t\ttheme\tdark\n"))
    guard let w = try R.run(["convert", "--to", "netscape", R.fixture("netscape/handmade-malformed.txt")])
    else {
      return
    }
    #expect(w.status == 0)
    #expect(
      w.stderr.contains("handmade-malformed.txt:10: warning: cookie tabbed @ www.example.com/ not written"))
    #expect(!w.text.contains("tabbed"))
    #expect(w.text.contains("good2"))
  }

  @Test("convert -o writes a new jar 0600 that curl loads", .requires(.curl))
  func convertToFile() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out.txt").path
    guard let r = try R.run(["convert", "--to", "netscape", "-o", out, R.fixture("netscape/wget.txt")]) else {
      return
    }
    #expect(r.status == 0)
    #expect(try R.mode(out) == 0o600)
    #expect(
      try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("# ") }
        .count == 13)
    // curl has no spelling for wget's host:port: the loss is reported.
    #expect(r.stderr.contains("port restriction of 12 cookies"))
    let curl = try CurlCheck.load(out)
    // curl drops what has expired by now; these two never expire before 2027-06.
    #expect(curl.contains("www.example.com\tFALSE\t/\tFALSE\t1812536294\texpires_fixed\tuntil-2027\n"))
    #expect(curl.contains("www.example.com\tFALSE\t/\tFALSE\t0\tusername\tflask\n"))
  }

  @Test("several files load in order; a later identical identity replaces the earlier, with a note")
  func severalFiles() throws {
    guard
      let r = try R.run([
        "convert", "--to", "netscape", R.fixture("netscape/wget.txt"), R.fixture("netscape/yt-dlp.txt"),
      ])
    else { return }
    #expect(r.status == 0)
    // Port is not part of a cookie's identity: yt-dlp's 14 replace wget's 13.
    #expect(r.text.split(separator: "\n").filter { !$0.hasPrefix("# ") }.count == 14)
    #expect(r.stderr.components(separatedBy: ": note: cookie ").count == 14)
    #expect(r.stderr.contains("yt-dlp.txt:4: note: cookie username @ www.example.com/ replaces the one from"))
    #expect(!r.stderr.contains("port restriction"))
  }
}

/// curl's own view of a jar: `curl -b jar -c again file:///dev/null`, then `again`.
enum CurlCheck {
  /// Tests that call this say `.requires(.curl)`.
  static func load(_ jar: String) throws -> String {
    let again = jar + ".again"
    let r = try runProcess(try #require(Tool.curl.url), ["-s", "-b", jar, "-c", again, "file:///dev/null"])
    #expect(r.status == 0, "\(r.stderr)")
    return try String(contentsOfFile: again, encoding: .utf8)
  }
}
