import Foundation
import Testing

@testable import CookieCore

/// The streamed writers (`write(_:options:to:)`: batches rendered in parallel parts, common
/// cookies straight to bytes) must hand out exactly the bytes, warnings and skipped count of
/// the simple whole-`Data` writers, for any batch size and number of parts.
@Suite("Streamed writers equal the whole-Data writers")
struct StreamedWriterTests {
  /// Cookies of every kind the writers treat differently, left-out ones included.
  static func cookies(_ count: Int) -> [Cookie] {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 23)
    var out: [Cookie] = []
    for i in 0..<count {
      var c = Cookie(
        name: "n\(i % 41)", value: "v\(i)-" + String(repeating: "z", count: i % 37),
        domain: "d\(i % 97).example",
        hostOnly: Bool.random(using: &rng), path: i % 11 == 0 ? "/" : "/p\(i % 3)",
        expires: i % 5 == 0 ? nil : Instant(seconds: Int64(i) * 1000 - 5000),
        secure: Bool.random(using: &rng), httpOnly: Bool.random(using: &rng),
        sameSite: [.unset, .lax, .strict, .none][i % 4], sourceFile: "in", sourceLine: Int32(i + 1))
      switch i % 61 {
      case 1: c.value = "tab\there \"quoted\" back\\slash"
      case 2: c.name = "line\nbreak"
      case 3: c.domain = ""
      case 4: c.port = "8080"
      case 5: c.value = "esc\u{1b}[0m é 中 \u{7f}"
      case 6: c.name = ""
      case 7: c.expires = Instant(microseconds: 1_800_000_000_500_000)
      case 8: c.partitionKey = PartitionKey(topLevelSite: "https://top.example", hasCrossSiteAncestor: true)
      case 9: c.partitioned = true
      case 10: c.unknownFields = ["json.extra": "{\"a\": 1}", "other": "x"]
      case 11: c.originAttributes = "^firstPartyDomain=a.example&userContextId=2"
      case 12: c.priority = .high
      case 13: c.value = "semi;colon"
      case 14: c.expires = Instant(seconds: -5)
      case 15: c.domain = "Ünïcode.example"
      default: break
      }
      out.append(c)
    }
    return out
  }

  typealias Streamed =
    @Sendable (
      [Cookie], CookieWriteOptions, StreamedOutput.Shape, (UnsafeRawBufferPointer) -> Void
    ) -> CookieWriteSummary

  static let writers: [(String, any CookieWriter.Type, Streamed)] = [
    ("json", JSONCookieWriter.self, { JSONCookieWriter.write($0, options: $1, shape: $2, to: $3) }),
    ("playwright", PlaywrightWriter.self, { PlaywrightWriter.write($0, options: $1, shape: $2, to: $3) }),
    ("lwp", LWPWriter.self, { LWPWriter.write($0, options: $1, shape: $2, to: $3) }),
    ("set-cookie", SetCookieWriter.self, { SetCookieWriter.write($0, options: $1, shape: $2, to: $3) }),
  ]

  static func check(
    _ name: String, _ simple: any CookieWriter.Type, _ streamed: Streamed, _ cookies: [Cookie],
    shape: StreamedOutput.Shape
  ) {
    let options = CookieWriteOptions(now: Instant(seconds: 1_800_000_000))
    let one = simple.write(cookies, options: options)
    var data = Data()
    let summary = streamed(cookies, options, shape) { data.append(contentsOf: $0) }
    #expect(data == one.data, "\(name) \(shape): bytes differ")
    #expect(summary.byteCount == one.data.count, "\(name)")
    #expect(summary.skipped == one.skipped, "\(name)")
    #expect(summary.warnings.map(\.description) == one.warnings.map(\.description), "\(name) \(shape)")
  }

  @Test("same bytes, warnings and skipped count for any batching", arguments: [0, 1, 2, 3])
  func equalToWholeData(writer: Int) {
    let (name, simple, streamed) = Self.writers[writer]
    let cookies = Self.cookies(3_000)
    for (batch, parts) in [(1, 1), (7, 3), (100, 4), (3_000, 2), (16384, nil)] as [(Int, Int?)] {
      Self.check(name, simple, streamed, cookies, shape: StreamedOutput.Shape(batchSize: batch, parts: parts))
    }
    // Empty jars and jars whose every cookie is left out take the `empty` frame.
    Self.check(name, simple, streamed, [], shape: StreamedOutput.Shape(batchSize: 2, parts: 2))
    var none = Self.cookies(5)
    for i in none.indices { none[i].domain = "" }
    Self.check(name, simple, streamed, none, shape: StreamedOutput.Shape(batchSize: 2, parts: 2))
  }

  @Test func largeJarTakesTheParallelDefault() {
    // More than two default batches: the default shape renders in parallel parts.
    let cookies = Self.cookies(40_000)
    for (name, simple, streamed) in Self.writers {
      Self.check(name, simple, streamed, cookies, shape: StreamedOutput.Shape())
    }
  }

  @Test func cookieHeaderStreamsTheSameLine() {
    let options = CookieWriteOptions(now: Instant(seconds: 1_800_000_000))
    for cookies in [Self.cookies(2_000), [], [Self.cookies(4)[3]]] {
      let one = CookieHeaderWriter.write(cookies, options: options)
      var data = Data()
      let summary = CookieHeaderWriter.write(cookies, options: options) { data.append(contentsOf: $0) }
      #expect(data == one.data)
      #expect(summary.skipped == one.skipped)
      #expect(summary.warnings.map(\.description) == one.warnings.map(\.description))
    }
  }
}

/// LWP's quoting reads ASCII values from their bytes; it must agree with the scalar path.
@Suite struct HeaderWordsQuotingTests {
  @Test func asciiFastPathEqualsScalarPath() {
    var samples = ["", "abc", "a b", "x\"y", "back\\slash", "é", "a%2F-._~", "中文", "Ab_09"]
    for b in 0..<0x80 { samples.append("a" + String(UnicodeScalar(UInt8(b))) + "z") }
    for v in samples {
      #expect(HeaderWords.quoteIfNeeded(v) == HeaderWords.quoteIfNeededByScalars(v), "\(v.debugDescription)")
    }
  }
}
