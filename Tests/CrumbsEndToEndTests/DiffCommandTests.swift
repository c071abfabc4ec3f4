import CrumbsTestSupport
import Foundation
import Testing

/// `crumbs diff` end to end: two curl jars from different runs, exit codes, the JSON shape.
@Suite("crumbs diff")
struct DiffCommandTests {
  typealias R = CrumbsRunner
  /// Two jars curl wrote in different runs against the fixture app (see Fixtures/README.md):
  /// over HTTP, and later over HTTPS, which added three Secure cookies.
  static let httpRun = R.fixture("netscape/curl.txt")
  static let httpsRun = R.fixture("netscape/curl-https.txt")
  static let now = "1795700000"

  @Test("two curl runs: added, changed field by field, counted; exit 1")
  func twoCurlRuns() throws {
    guard let r = try R.run(["diff", "--now", Self.now, Self.httpRun, Self.httpsRun]) else { return }
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let lines = r.text.split(separator: "\n").map(String.init)
    #expect(lines.first == "--- \(Self.httpRun)")
    #expect(lines[1] == "+++ \(Self.httpsRun)")
    #expect(lines.last == "3 added, 0 removed, 12 changed, 2 same")
    #expect(
      lines.contains(
        "+ __Host-id @ www.example.com/  value \"host-prefixed\"  expires 2026-11-26 21:51:32Z  secure"))
    #expect(lines.contains { $0.hasPrefix("+ secure_none @ www.example.com/") })
    // The signed session: same identity, new signature time, so a new value.
    let session = try #require(lines.firstIndex(of: "~ session @ www.example.com/"))
    #expect(
      lines[session + 1]
        == "    value: \"eyJyb2xlcyI6WyJhZG1pbiIsImRldiJdLCJ1c2VyIjoiYWxpY2UifQ.awdRWg.U66eZowTpMhAET-vm0rJ6gCvyUw\" → \"eyJyb2xlcyI6WyJhZG1pbiIsImRldiJdLCJ1c2VyIjoiYWxpY2UifQ.awdYZA.pqCz2tINObgyzdEIoOVa_ABvdM4\""
    )
    let maxAge = try #require(lines.firstIndex(of: "~ max_age @ www.example.com/"))
    #expect(
      lines[maxAge + 1] == "    expires: 2026-11-25 22:21:30Z (expired) → 2026-11-25 22:51:32Z (expired)")
    #expect(lines.contains("~ domain_wide @ .example.com/"))
    #expect(!lines.contains { $0.contains("expires_fixed") || $0.contains("username") })
  }

  @Test("--ignore expires leaves the one real change; fields by any spelling, repeated or comma-separated")
  func ignoreNoisyFields() throws {
    guard let r = try R.run(["diff", "--ignore", "expires", Self.httpRun, Self.httpsRun]),
      let quiet = try R.run([
        "diff", "--ignore", "Expires,value", "--ignore", "secure", Self.httpRun, Self.httpsRun,
      ])
    else { return }
    #expect(r.status == 1)
    #expect(r.text.hasSuffix("3 added, 0 removed, 1 changed, 13 same\n"))
    #expect(r.text.contains("~ session @ www.example.com/\n    value: "))
    #expect(!r.text.contains("expires:"))
    // Only the added cookies remain.
    #expect(quiet.status == 1 && quiet.text.hasSuffix("3 added, 0 removed, 0 changed, 14 same\n"))
  }

  @Test("the same cookies: exit 0, also across formats")
  func sameJars() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("jar.json").path
    guard let conv = try R.run(["convert", "--to", "json", "-o", json, Self.httpRun]),
      let same = try R.run(["diff", Self.httpRun, Self.httpRun]),
      let cross = try R.run(["diff", Self.httpRun, json]),
      let reversed = try R.run(["diff", Self.httpsRun, Self.httpRun])
    else { return }
    #expect(conv.status == 0, "\(conv.stderr)")
    #expect(same.status == 0 && same.text.hasSuffix("0 added, 0 removed, 0 changed, 14 same\n"))
    #expect(cross.status == 0, "\(cross.text)")
    #expect(reversed.status == 1 && reversed.text.contains("- __Host-id @ www.example.com/"))
  }

  @Test("trouble is 2: an unreadable input, a bad field, a missing argument")
  func troubleExitsTwo() throws {
    guard let missing = try R.run(["diff", Self.httpRun, "/nonexistent/jar.txt"]),
      let badField = try R.run(["diff", "--ignore", "colour", Self.httpRun, Self.httpsRun]),
      let oneArg = try R.run(["diff", Self.httpRun]),
      let help = try R.run(["help", "diff"])
    else { return }
    #expect(missing.status == 2 && missing.text.isEmpty)
    #expect(missing.stderr.contains("/nonexistent/jar.txt"))
    #expect(badField.status == 2 && badField.stderr.contains("unknown field 'colour' for --ignore"))
    #expect(oneArg.status == 2)
    #expect(help.status == 0 && help.text.contains("--ignore <FIELD>") && help.text.contains("as diff(1)"))
  }

  @Test("--json: the documented shape")
  func jsonShape() throws {
    guard let r = try R.run(["diff", "--json", "--now", Self.now, Self.httpRun, Self.httpsRun]) else {
      return
    }
    #expect(r.status == 1)
    let o = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
    #expect(Set(o.keys) == ["old", "new", "added", "removed", "changed", "same"])
    #expect(o["old"] as? String == Self.httpRun && o["new"] as? String == Self.httpsRun)
    #expect(o["same"] as? Int == 2)
    #expect((o["removed"] as? [Any])?.isEmpty == true)
    let added = try #require(o["added"] as? [[String: Any]])
    #expect(added.map { $0["name"] as? String } == ["__Secure-token", "__Host-id", "secure_none"])
    #expect(added[0]["secure"] as? Bool == true && added[0]["source"] as? String == "\(Self.httpsRun):11")
    let changed = try #require(o["changed"] as? [[String: Any]])
    #expect(changed.count == 12)
    for c in changed { #expect(Set(c.keys) == ["identity", "source", "fields"]) }
    let session = try #require(
      changed.first { ($0["identity"] as? [String: Any])?["name"] as? String == "session" })
    let id = try #require(session["identity"] as? [String: Any])
    #expect(id["domain"] as? String == "www.example.com" && id["hostOnly"] as? Bool == true)
    #expect(id["path"] as? String == "/" && id["partition"] is NSNull)
    let src = try #require(session["source"] as? [String: String])
    #expect(src == ["old": "\(Self.httpRun):18", "new": "\(Self.httpsRun):21"])
    let fields = try #require(session["fields"] as? [String: [String: Any]])
    #expect(Set(fields.keys) == ["value"])
    #expect((fields["value"]?["new"] as? String)?.hasSuffix(".awdYZA.pqCz2tINObgyzdEIoOVa_ABvdM4") == true)
    let maxAge = try #require(
      changed.first { ($0["identity"] as? [String: Any])?["name"] as? String == "max_age" })
    let expires = try #require((maxAge["fields"] as? [String: [String: Any]])?["expires"])
    #expect((expires["old"] as? NSNumber)?.int64Value == 1_795_645_290)
    #expect((expires["new"] as? NSNumber)?.int64Value == 1_795_647_092)
  }

  @Test("a session cookie that got an expiry shows `session` → date, and null in JSON")
  func sessionToPersistent() throws {
    let a = "# Netscape HTTP Cookie File\nx.example\tFALSE\t/\tFALSE\t0\tsid\tv\n"
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = dir.appendingPathComponent("b.txt")
    try Data("# Netscape HTTP Cookie File\nx.example\tFALSE\t/\tFALSE\t1795700000\tsid\tv\n".utf8).write(
      to: b)
    guard let text = try R.run(["diff", "--now", "1795800000", "-", b.path], stdin: Data(a.utf8)),
      let json = try R.run(["diff", "--json", "-", b.path], stdin: Data(a.utf8))
    else { return }
    #expect(text.status == 1)
    #expect(text.text.contains("~ sid @ x.example/\n    expires: session → 2026-11-26 13:33:20Z (expired)\n"))
    #expect(json.text.contains("\"fields\": {\"expires\": {\"old\": null, \"new\": 1795700000}}"))
  }

  @Test("control characters in values are escaped in text and JSON")
  func hostileValuesEscaped() throws {
    let a = "# Netscape HTTP Cookie File\nx.example\tFALSE\t/\tFALSE\t0\tevil\ta\u{1b}]0;t\u{7}\u{1b}[31m\n"
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let b = dir.appendingPathComponent("b.txt")
    try Data(
      "# Netscape HTTP Cookie File\nx.example\tFALSE\t/\tFALSE\t0\tevil\tb\u{9b}2J\u{7}\n".utf8
    )
    .write(to: b)
    for args in [["diff", "-", b.path], ["diff", "--json", "-", b.path]] {
      guard let r = try R.run(args, stdin: Data(a.utf8)) else { return }
      #expect(r.status == 1)
      #expect(!r.stdout.contains(0x1B) && !r.stdout.contains(0x07))
      #expect(!r.text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
      #expect(r.text.contains("\\u001b]0;t\\u0007\\u001b[31m") && r.text.contains("b\\u009b2J\\u0007"))
    }
  }
}
