import Foundation
import Testing

@testable import CookieCore

/// The lint's shadowing index must find exactly what comparing every pair finds (the first
/// few partners in jar order), on jars generated to hit every domain and path relation.
@Suite("Shadowing index equals the pairwise check")
struct ShadowingIndexTests {
  static func jar(seed: UInt64, count: Int) -> [Cookie] {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: seed)
    let hosts = [
      "example.com", "www.example.com", "a.b.example.com", "b.example.com", "EXAMPLE.com", "other.org",
      "x.other.org", "com", "127.0.0.1", "1.0.0.127", "[::1]", "example.com.", "a.example.com.", "",
      "xexample.com", "ex\u{e9}mple.com", "exe\u{301}mple.com", "0.0.1", "0.127", "x.ex\u{e9}mple.com",
      // Canonically equal domains written apart, upper-case beyond ASCII, and a label that
      // starts with a combining mark (the node keys compare and hash as `String` does).
      "y.exe\u{301}mple.com", "EX\u{c9}MPLE.com", "a.\u{301}b.com", "\u{301}b.com", "z.a.\u{301}b.com",
    ]
    // Paths beyond ASCII too (canonically equal, bytes apart), which the index's path
    // numbers leave to the simple way.
    let paths = ["/", "/a", "/a/", "/a/b", "/ab", "", "/b", "a", "/\u{e9}", "/e\u{301}", "/\u{e9}/x"]
    let names = ["sid", "SID", "x", "", "é", "e\u{301}", "K", "\u{212A}"]
    var out: [Cookie] = []
    for i in 0..<count {
      var c = Cookie(
        name: names[Int.random(in: 0..<names.count, using: &rng)],
        value: "v\(i)", domain: hosts[Int.random(in: 0..<hosts.count, using: &rng)],
        hostOnly: Bool.random(using: &rng), path: paths[Int.random(in: 0..<paths.count, using: &rng)],
        sourceFile: "jar", sourceLine: Int32(i + 1))
      if Int.random(in: 0..<8, using: &rng) == 0 {
        c.partitionKey = PartitionKey(
          topLevelSite: ["https://a.test", "https://b.test", "https://\u{e9}.test", "https://e\u{301}.test"][
            Int.random(in: 0..<4, using: &rng)])
      }
      out.append(c)
    }
    return out
  }

  @Test("same partners as every pair compared", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
  func indexEqualsPairwise(seed: UInt64) {
    // Small jars have few partners per cookie; large ones hit the report cap.
    for count in [2, 30, 400] {
      let jar = Self.jar(seed: seed &* 31 &+ UInt64(count), count: count)
      let slow = CookieLint.shadowingPartnersPairwise(jar)
      // The nodes built in one shard or several (a large jar's default), to the same index.
      for shards in [nil, 1, 3, 8] as [Int?] {
        let fast = CookieLint.shadowingPartners(jar, shards: shards)
        #expect(fast == slow, "seed \(seed), \(count) cookies, \(String(describing: shards)) shards")
      }
      if count >= 400 { #expect(!slow.isEmpty, "the generated jar should hold shadowing pairs") }
    }
  }

  /// More distinct paths than the index numbers (`PathTable.limit`): the cookies past it
  /// read their paths, and the answer stays the pairwise one.
  @Test func morePathsThanTheIndexNumbers() {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 42)
    let hosts = ["example.com", "www.example.com", "a.www.example.com", "127.0.0.1"]
    var jar: [Cookie] = []
    for i in 0..<900 {
      let depth = Int.random(in: 0..<3, using: &rng)
      let path =
        "/" + (0...depth).map { _ in "p\(Int.random(in: 0..<12, using: &rng))" }.joined(separator: "/")
      jar.append(
        Cookie(
          name: "sid", value: "v\(i)", domain: hosts[Int.random(in: 0..<hosts.count, using: &rng)],
          hostOnly: Bool.random(using: &rng), path: i % 50 == 0 ? "/" : path, sourceFile: "jar",
          sourceLine: Int32(i + 1)))
    }
    let distinct = Set(jar.map(\.path)).count
    #expect(distinct > ShadowingIndex.PathTable.limit, "the jar should have more paths than get numbers")
    let slow = CookieLint.shadowingPartnersPairwise(jar)
    #expect(CookieLint.shadowingPartners(jar) == slow)
    #expect(CookieLint.shadowingPartners(jar, shards: 3) == slow)
    #expect(slow.count > 100)
  }

  @Test func issuesOfEachEqualIssuesOfOneInTheJar() {
    let jar = Self.jar(seed: 99, count: 300)
    let now = Instant(seconds: 1_800_000_000)
    let each = CookieLint.issues(ofEach: jar, now: now)
    for (i, c) in jar.enumerated() {
      #expect(each[i] == CookieLint.issues(of: c, in: jar, now: now), "cookie \(i)")
    }
  }
}

/// `crumbs lint` uses the parallel `LintReport.add(…render:emit:)`; it must report what the
/// sequential `add(…emit:)` reports, in the same order, for any batching.
@Suite struct ParallelLintReportTests {
  @Test(arguments: [nil, CookieConsumer.allCases.first] as [CookieConsumer?])
  func parallelEqualsSequential(consumer: CookieConsumer?) {
    var jar = ShadowingIndexTests.jar(seed: 7, count: 500)
    for i in jar.indices {
      jar[i].expires = Instant(seconds: i % 3 == 0 ? 1_000 : 1_900_000_000)
      if i % 17 == 0 { jar[i].name = "__Host-x" }
    }
    let now = Instant(seconds: 1_800_000_000)
    let diagnostics = [Diagnostic(.warning, file: "jar", line: 3, "odd line")]
    for minSeverity in [CookieIssue.Severity.info, .error] {
      var sequential = LintReport(minSeverity: minSeverity)
      var expected: [String] = []
      sequential.add(file: "jar", cookies: jar, diagnostics: diagnostics, now: now, consumer: consumer) {
        item in
        switch item {
        case .diagnostic(let d): expected.append("D " + d.description)
        case .finding(let f): expected.append(f.text)
        }
      }
      #expect(expected.count > 10)
      for (batch, parts) in [(1, 1), (7, 3), (64, 2), (8192, nil)] as [(Int, Int?)] {
        var parallel = LintReport(minSeverity: minSeverity)
        var got: [String] = []
        parallel.add(
          file: "jar", cookies: jar, diagnostics: diagnostics, now: now, consumer: consumer, batchSize: batch,
          parts: parts, render: { $0.text }, emitDiagnostic: { got.append("D " + $0.description) },
          emit: { got.append($0) })
        #expect(got == expected, "batch \(batch), parts \(String(describing: parts))")
        #expect(parallel.summary == sequential.summary)
        #expect(parallel.exitStatus == sequential.exitStatus)

        // The byte path: the same lines, each ending in a newline.
        var bytes = LintReport(minSeverity: minSeverity)
        var text: [UInt8] = []
        var diagnosticsSeen: [String] = []
        bytes.addText(
          file: "jar", cookies: jar, diagnostics: diagnostics, now: now, consumer: consumer, batchSize: batch,
          parts: parts, emitDiagnostic: { diagnosticsSeen.append("D " + $0.description) },
          emit: { text += $0 })
        let lines = String(decoding: text, as: UTF8.self).split(
          separator: "\n", omittingEmptySubsequences: false)
        #expect(diagnosticsSeen + lines.dropLast().map(String.init) == expected)
        #expect(text.last == UInt8(ascii: "\n"))
        #expect(bytes.summary == sequential.summary)
        #expect(bytes.exitStatus == sequential.exitStatus)
      }
    }
  }

  /// `appendText` against `text` for hostile and odd cookies: control characters, escapes,
  /// non-ASCII, no line number, no file, no domain.
  @Test func appendTextEqualsText() {
    let issue = CookieIssue(rule: "r", severity: .warning, message: "m \u{1B}]0;x\u{7} é")
    let plainIssue = CookieIssue(rule: "expired", severity: .info, message: "plain")
    // Not ASCII but needing no escape (the fast path takes it), and not ASCII needing one.
    let sectionIssue = CookieIssue(
      rule: "host-prefix-path", severity: .error, message: "rejected (§4.1.3.2) é")
    let bidiIssue = CookieIssue(rule: "x", severity: .info, message: "§ \u{202E}evil \u{85}")
    let texts = ["sid", "", "\u{1B}[31m", "é", "a\tb", "\u{202E}x", "\u{9B}", "x\u{7F}"]
    var checked = 0
    for name in texts {
      for domain in ["example.com", "", "\u{1B}x.com"] {
        for (file, line) in [
          ("jar.txt", Int32(12)), ("", Int32(3)), ("j\u{1B}", Int32(1)), ("jar", Int32(0)),
        ] {
          for i in [issue, plainIssue, sectionIssue, bidiIssue] {
            var c = Cookie(name: name, value: "v", domain: domain, sourceFile: file, sourceLine: line)
            if line == 0 { c.sourceRecord = "record 4" }
            var bytes: [UInt8] = [0x41]
            LintFinding.appendText(cookie: c, issue: i, file: "fallback.txt", to: &bytes)
            let expected = "A" + LintFinding(cookie: c, issue: i, file: "fallback.txt").text + "\n"
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
            checked += 1
          }
        }
      }
    }
    #expect(checked == texts.count * 3 * 4 * 4)
  }
}
