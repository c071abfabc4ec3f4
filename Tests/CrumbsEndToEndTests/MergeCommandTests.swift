import CrumbsTestSupport
import Foundation
import Testing

/// `crumbs merge` end to end: conflicts on stderr, --prefer, the save rules of `-o`.
@Suite("crumbs merge")
struct MergeCommandTests {
  typealias R = CrumbsRunner
  static let httpRun = R.fixture("netscape/curl.txt")
  static let httpsRun = R.fixture("netscape/curl-https.txt")

  static func listed(_ path: String) throws -> [[String: Any]] {
    let r = try #require(try R.run(["list", "--json", path]))
    return try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
  }

  @Test("two curl runs: every conflict on stderr with the choice; OUT new with mode 0600")
  func conflictsListed() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("merged.txt").path
    guard let r = try R.run(["merge", Self.httpRun, Self.httpsRun, "-o", out]) else { return }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.text.isEmpty)
    let conflicts = r.stderr.split(separator: "\n").filter { $0.hasPrefix("crumbs: merge: conflict: ") }
    #expect(conflicts.count == 12)
    #expect(
      conflicts.contains(
        "crumbs: merge: conflict: session @ www.example.com/: value differ; kept \(Self.httpsRun):21 (--prefer last) over \(Self.httpRun):18"
      ))
    #expect(
      conflicts.contains(
        "crumbs: merge: conflict: max_age @ www.example.com/: expires differ; kept \(Self.httpsRun):19 (--prefer last) over \(Self.httpRun):16"
      ))
    // Values never reach stderr.
    #expect(!r.stderr.contains("pqCz2tINObgyzdEIoOVa"))
    #expect(r.stderr.contains("crumbs: merge: 17 cookies from 2 jars; 12 conflicts"))
    #expect(try R.mode(out) == 0o600)
    let merged = try Self.listed(out)
    #expect(merged.count == 17)
    // First-appearance order: the first jar's cookies, then the ones only the second has.
    #expect(merged.first?["name"] as? String == "multi2")
    #expect(merged.suffix(3).map { $0["name"] as? String } == ["__Secure-token", "__Host-id", "secure_none"])
    let session = try #require(merged.first { $0["name"] as? String == "session" })
    #expect((session["value"] as? String)?.hasSuffix("pqCz2tINObgyzdEIoOVa_ABvdM4") == true)
  }

  @Test(
    "--prefer first keeps the first jar's cookie; newer the later-expiring one",
    arguments: [
      ("first", "U66eZowTpMhAET-vm0rJ6gCvyUw", 1_795_645_290),
      ("newer", "pqCz2tINObgyzdEIoOVa_ABvdM4", 1_795_647_092),
    ])
  func prefer(_ prefer: String, _ sessionSignature: String, _ maxAgeExpiry: Int64) throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("merged.json").path
    guard
      let r = try R.run(["merge", "--prefer", prefer, "--to", "json", Self.httpRun, Self.httpsRun, "-o", out])
    else { return }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("(--prefer \(prefer))"))
    let merged = try Self.listed(out)
    #expect(merged.count == 17)
    let session = try #require(merged.first { $0["name"] as? String == "session" })
    #expect((session["value"] as? String)?.hasSuffix(sessionSignature) == true)
    let maxAge = try #require(merged.first { $0["name"] as? String == "max_age" })
    #expect((maxAge["expires"] as? NSNumber)?.int64Value == maxAgeExpiry)
  }

  @Test("the save rules of convert -o: an existing file needs --force; an unreadable input writes nothing")
  func saveRules() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("existing.txt")
    try Data("keep me\n".utf8).write(to: out)
    guard let refused = try R.run(["merge", Self.httpRun, Self.httpsRun, "-o", out.path]),
      let missing = try R.run(["merge", Self.httpRun, "/nonexistent/jar.txt", "-o", out.path]),
      let badPrefer = try R.run(["merge", "--prefer", "oldest", Self.httpRun])
    else { return }
    #expect(refused.status == 1 && refused.stderr.contains(out.path))
    #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/jar.txt"))
    #expect(try String(contentsOf: out, encoding: .utf8) == "keep me\n")
    guard let forced = try R.run(["merge", "--force", Self.httpRun, Self.httpsRun, "-o", out.path]) else {
      return
    }
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try Self.listed(out.path).count == 17)
    #expect(badPrefer.status == 64)
  }

  @Test("no conflict when the jars agree; standard output by default, in the first input's format")
  func agreeingJars() throws {
    guard let r = try R.run(["merge", Self.httpRun, Self.httpRun]) else { return }
    #expect(r.status == 0)
    #expect(!r.stderr.contains("conflict:"))
    #expect(r.stderr.contains("14 cookies from 2 jars; 0 conflicts"))
    #expect(r.text.hasPrefix("# Netscape HTTP Cookie File"))
  }
}
