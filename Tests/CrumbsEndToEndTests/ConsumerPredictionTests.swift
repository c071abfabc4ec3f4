import CrumbsTestSupport
import Foundation
import Testing

/// `lint --for CONSUMER` predicts what a program drops from the jar `convert --for CONSUMER`
/// writes; the program itself then loads that jar: every predicted drop happens, and no
/// other cookie goes missing.
@Suite("lint --for predicts what real consumers drop")
struct ConsumerPredictionTests {
  static var curl: URL? { Tool.curl.url }
  static var python: URL? { Tool.python3.url }

  /// A Cookie-Editor-shaped jar with one cookie per trap, times relative to the real clock
  /// (the consumers use it).
  static func hostileJar(in dir: URL) throws -> URL {
    let now = Int(Date().timeIntervalSince1970)
    func c(
      _ name: String, _ value: String = "1", domain: String = "www.example.com", hostOnly: Bool = true,
      expires: Int? = nil, secure: Bool = false, httpOnly: Bool = false, sameSite: String? = nil
    ) -> [String: Any] {
      var o: [String: Any] = [
        "name": name, "value": value, "domain": hostOnly ? domain : "." + domain, "path": "/",
        "hostOnly": hostOnly,
        "secure": secure, "httpOnly": httpOnly, "session": expires == nil,
      ]
      if let expires { o["expirationDate"] = expires }
      if let sameSite { o["sameSite"] = sameSite }
      return o
    }
    let day = 86400
    let cookies: [[String: Any]] = [
      c("normal", domain: "example.com", hostOnly: false, expires: now + day),
      c("sess"),
      c("old", domain: "example.com", hostOnly: false, expires: now - day),
      c("__Secure-nosec", expires: now + day),
      c("__Host-dom", domain: "example.com", hostOnly: false, expires: now + day, secure: true),
      c("ctl", "a\u{1b}b", expires: now + day),
      c("ho", expires: now + day, secure: true, httpOnly: true),
      c("emptyval", "", expires: now + day),
      c("psl", domain: "co.uk", hostOnly: false, expires: now + day),
      c("strict", expires: now + day, secure: true, sameSite: "strict"),
      // Last: curl ≥ 8.7 stops reading at an over-long line.
      c("big", String(repeating: "x", count: 6000), expires: now + day),
    ]
    let url = dir.appendingPathComponent("jar.json")
    try JSONSerialization.data(withJSONObject: cookies).write(to: url)
    return url
  }

  /// Names `lint --for` says are dropped (errors), and those only newer versions drop.
  static func predicted(_ consumer: String, _ jar: URL) throws -> (
    dropped: Set<String>, newer: Set<String>, all: Int
  ) {
    let r = try runProcess(TestEnvironment.crumbsBinary, ["lint", "--json", "--for", consumer, jar.path])
    let findings = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
    var dropped = Set<String>()
    var newer = Set<String>()
    for f in findings {
      let name = f["name"] as? String ?? ""
      let message = f["message"] as? String ?? ""
      if f["severity"] as? String == "error" && message.contains(": dropped: ") { dropped.insert(name) }
      if message.contains("dropped by newer versions") { newer.insert(name) }
    }
    return (dropped, newer, 11)
  }

  static func write(_ consumer: String, _ jar: URL, to out: URL) throws {
    let r = try runProcess(
      TestEnvironment.crumbsBinary, ["convert", "--for", consumer, jar.path, "-o", out.path])
    #expect(r.status == 0, "\(r.stderr)")
  }

  static let allNames: Set<String> = [
    "normal", "sess", "old", "__Secure-nosec", "__Host-dom", "ctl", "ho", "emptyval", "psl", "strict", "big",
  ]

  @Test(.requires(.curl))
  func curlDropsExactlyWhatWasPredicted() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = try Self.hostileJar(in: dir)
    let out = dir.appendingPathComponent("for-curl.txt")
    try Self.write("curl", jar, to: out)
    let kept = dir.appendingPathComponent("kept.txt")
    let r = try runProcess(
      try #require(Self.curl), ["-s", "-b", out.path, "-c", kept.path, "file:///dev/null"])
    #expect(r.status == 0)
    let names = Set(
      try String(contentsOf: kept, encoding: .utf8).split(separator: "\n").filter {
        !$0.hasPrefix("# ") && !$0.isEmpty
      }
      .compactMap {
        $0.split(separator: "\t", omittingEmptySubsequences: false).dropFirst(5).first.map(String.init)
      })
    // Releases from 2026 on also drop what `newer` lists; Debian's 7.88 keeps it.
    let version =
      try runProcess(try #require(Self.curl), ["--version"]).text.split(separator: " ").dropFirst().first
      ?? ""
    let parts = version.split(separator: ".").compactMap { Int($0) }
    let recent = parts.count >= 2 && (parts[0] > 8 || (parts[0] == 8 && parts[1] >= 17))
    let p = try Self.predicted("curl", jar)
    let expectedDrops = p.dropped.union(recent ? p.newer : [])
    #expect(!p.dropped.isEmpty)
    #expect(names == Self.allNames.subtracting(expectedDrops), "curl \(version) kept \(names.sorted())")
  }

  /// wget loads the jar and saves what it kept (it saves at exit, even when the download
  /// fails: the URL is a closed local port).
  @Test(.requires(.wget))
  func wgetDropsExactlyWhatWasPredicted() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = try Self.hostileJar(in: dir)
    let out = dir.appendingPathComponent("for-wget.txt")
    try Self.write("wget", jar, to: out)
    let kept = dir.appendingPathComponent("kept.txt")
    _ = try runProcess(
      try #require(Tool.wget.url),
      [
        "-q", "--load-cookies", out.path, "--save-cookies", kept.path, "--keep-session-cookies", "-t", "1",
        "-T", "2", "http://127.0.0.1:1/",
      ])
    let names = Set(
      try String(contentsOf: kept, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        .compactMap {
          $0.split(separator: "\t", omittingEmptySubsequences: false).dropFirst(5).first.map(String.init)
        })
    let p = try Self.predicted("wget", jar)
    #expect(p.dropped.contains("old"))
    #expect(names == Self.allNames.subtracting(p.dropped), "wget kept \(names.sorted())")
  }

  /// Chromium loads the storage state `convert --for chrome` writes, through Playwright: it
  /// keeps every cookie but those predicted dropped (which the file leaves out, since one
  /// invalid cookie makes Chromium refuse the whole state) and the expired one it deletes.
  @Test(.requires(.playwright))
  func chromiumKeepsExactlyWhatWasPredicted() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = try Self.hostileJar(in: dir)
    let out = dir.appendingPathComponent("for-chrome.json")
    try Self.write("chrome", jar, to: out)
    let script = """
      import sys, json
      from playwright.sync_api import sync_playwright
      with sync_playwright() as p:
          b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
          ctx = b.new_context(storage_state=sys.argv[1])
          print(json.dumps([c["name"] for c in ctx.cookies()]))
          b.close()
      """
    let r = try runProcess(try #require(Self.python), ["-c", script, out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let names = Set(try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String]))
    let p = try Self.predicted("chrome", jar)
    #expect(p.dropped.isSuperset(of: ["old", "__Secure-nosec", "__Host-dom", "ctl", "big"]))
    #expect(names == Self.allNames.subtracting(p.dropped), "Chromium kept \(names.sorted())")
  }

  @Test(.requires(.python3))
  func cpythonDropsExactlyWhatWasPredicted() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = try Self.hostileJar(in: dir)
    let out = dir.appendingPathComponent("for-python.txt")
    try Self.write("python", jar, to: out)
    let r = try runProcess(
      try #require(Self.python),
      [
        "-c",
        "import sys\nfrom http.cookiejar import MozillaCookieJar\nj = MozillaCookieJar(); j.load(sys.argv[1])\nprint('\\n'.join(c.name for c in j))",
        out.path,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let names = Set(r.text.split(separator: "\n").map(String.init))
    let p = try Self.predicted("python", jar)
    #expect(p.dropped == ["old", "sess"])
    #expect(names == Self.allNames.subtracting(p.dropped))
  }

  @Test(.requires(.python3, .ytDlp))
  func ytDlpKeepsWhatWasPredictedAndSendsNoExpiredCookie() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = try Self.hostileJar(in: dir)
    let out = dir.appendingPathComponent("for-yt-dlp.txt")
    try Self.write("yt-dlp", jar, to: out)
    let script = """
      import sys
      from yt_dlp.cookies import YoutubeDLCookieJar
      j = YoutubeDLCookieJar(sys.argv[1]); j.load()
      for c in j: print(c.name, "expired" if c.is_expired() else "live")
      """
    let r = try runProcess(try #require(Self.python), ["-c", script, out.path])
    #expect(r.status == 0, "\(r.stderr)")
    var live = Set<String>()
    var expired = Set<String>()
    for line in r.text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.last == "expired" { expired.insert(String(parts[0])) } else { live.insert(String(parts[0])) }
    }
    let p = try Self.predicted("yt-dlp", jar)
    #expect(p.dropped.isEmpty)
    #expect(live.union(expired) == Self.allNames)
    #expect(expired == ["old"])
  }
}
