import Foundation
import Testing

@testable import CookieCore

/// `LintFinding.appendShadowed` writes the `shadowed` line without building its message;
/// it must give the bytes of the simple path (`shadowingIssue`, then `appendText`, which
/// `LintFinding.text` holds) for plain and hostile cookies alike.
@Suite struct ShadowedFindingBytesTests {
  /// Plain pieces first, then hostile and non-ASCII ones; most picks are plain (as in a real
  /// jar), so that whole lines are plain often enough.
  static let names = (
    ["sid", "K", "__Host-x"],
    ["", "\u{1B}[31m", "é", "e\u{301}", "\u{212A}", "a\tb", "\u{202E}x", "\u{9B}", "x\u{7F}"]
  )
  static let domains = (["example.com", "EXAMPLE.com", "127.0.0.1"], ["", "\u{1B}x.com", "exämple.com"])
  static let paths = (
    ["/", "/a", "/a/b/c", "", "relative"], ["/é", "/\u{1B}", "/\r\n", "/ab\r\nc", "/e\u{301}"]
  )
  static let sources: ([(String, Int32, String?)], [(String, Int32, String?)]) = (
    [("jar.txt", 12, nil), ("ja r.txt", 70_000, nil)],
    [("", 3, nil), ("j\u{1B}", 1, nil), ("jar", 0, "record 4"), ("", 0, nil), ("jär", 2, nil)]
  )

  static func pick<T>(_ pieces: ([T], [T]), _ rng: inout NetscapeReaderRobustnessTests.SeededRandom) -> T {
    Int.random(in: 0..<8, using: &rng) == 0
      ? pieces.1.randomElement(using: &rng)! : pieces.0.randomElement(using: &rng)!
  }

  static func cookie(_ rng: inout NetscapeReaderRobustnessTests.SeededRandom) -> Cookie {
    let (file, line, record) = pick(sources, &rng)
    var c = Cookie(
      name: pick(names, &rng), value: "v", domain: pick(domains, &rng), hostOnly: Bool.random(using: &rng),
      path: pick(paths, &rng), sourceFile: file, sourceLine: line)
    c.sourceRecord = record
    switch Int.random(in: 0..<10, using: &rng) {
    case 0: c.partitionKey = PartitionKey(topLevelSite: "https://a.test")
    case 1: c.partitionKey = PartitionKey(topLevelSite: "https://\u{1B}b.test", hasCrossSiteAncestor: true)
    case 2: c.partitionKey = PartitionKey(topLevelSite: "https://c.test", hasCrossSiteAncestor: true)
    case 3: c.originAttributes = "^userContextId=2"
    case 4: c.originAttributes = "^firstPartyDomain=é.test"
    default: break
    }
    return c
  }

  @Test func appendShadowedEqualsTheMessagePath() {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 11)
    var plain = 0
    var hostile = 0
    for _ in 0..<20_000 {
      let c = Self.cookie(&rng)
      let other = Self.cookie(&rng)
      var fast: [UInt8] = [0x41]
      LintFinding.appendShadowed(cookie: c, by: other, file: "fallback.txt", to: &fast)
      let issue = CookieLint.shadowingIssue(c, other)
      var slow: [UInt8] = [0x41]
      LintFinding.appendText(cookie: c, issue: issue, file: "fallback.txt", to: &slow)
      // Compared as text so a failure reads; both come from strings, so both are valid UTF-8.
      #expect(String(decoding: fast, as: UTF8.self) == String(decoding: slow, as: UTF8.self))
      let text = LintFinding(cookie: c, issue: issue, file: "fallback.txt").text
      #expect(String(decoding: fast, as: UTF8.self) == "A" + text + "\n")
      if LintFinding.isPrintableASCII(Array(slow.dropLast()), from: 0) { plain += 1 } else { hostile += 1 }
    }
    // Both ways must have been taken many times.
    #expect(plain > 500 && hostile > 500, "plain \(plain), hostile \(hostile)")
  }

  @Test func printableASCIIEqualsTheByteTest() {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 12)
    let pieces: [[UInt8]] = [[0x20], [0x7E], [0x7F], [0x1F], [0x80], [0xFF], [0x41, 0x42], [0x0A], [0x9B]]
    for _ in 0..<20_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...40, using: &rng) {
        bytes += Bool.random(using: &rng) ? [0x61] : pieces.randomElement(using: &rng)!
      }
      let start = Int.random(in: 0...bytes.count, using: &rng)
      let end = Int.random(in: start...bytes.count, using: &rng)
      let expected = bytes[start...].allSatisfy { $0 >= 0x20 && $0 < 0x7F }
      #expect(LintFinding.isPrintableASCII(bytes, from: start) == expected, "\(bytes) from \(start)")
      let expectedTo = bytes[start..<end].allSatisfy { $0 >= 0x20 && $0 < 0x7F }
      #expect(
        LintFinding.isPrintableASCII(bytes, from: start, to: end) == expectedTo, "\(bytes) \(start)..<\(end)")
    }
  }

  /// Paths compare by characters: `\r\n` is one, an accent after `e` none extra.
  @Test func characterCountIsCount() {
    for s in ["", "/", "/abc", "/\r\n", "/e\u{301}", "/é", "\u{1B}", "/a b"] {
      #expect(LintFinding.characterCount(s) == s.count, "\(s.debugDescription)")
    }
  }
}
