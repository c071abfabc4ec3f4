import Foundation
import Testing

@testable import CookieCore

/// The streaming writer (`write(_:options:to:)`) must hand out exactly the bytes, warnings
/// and skipped count of the one-buffer writer, whatever the chunk and group sizes.
@Suite("Netscape writer: streamed chunks equal the one-buffer write")
struct NetscapeChunkedWriteTests {
  /// Cookies of every kind the writer treats differently, skipped ones included.
  static func cookies(_ count: Int) -> [Cookie] {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 11)
    var out: [Cookie] = []
    for i in 0..<count {
      var c = Cookie(
        name: "n\(i)", value: "v\(i)-" + String(repeating: "z", count: i % 53), domain: "d\(i % 97).example",
        hostOnly: Bool.random(using: &rng), path: i % 11 == 0 ? "" : "/p\(i % 3)",
        expires: i % 5 == 0 ? nil : Instant(seconds: Int64(i) * 1000 - 5000),
        secure: Bool.random(using: &rng),
        httpOnly: Bool.random(using: &rng), sameSite: i % 13 == 0 ? .lax : .unset, sourceFile: "in",
        sourceLine: Int32(i + 1))
      switch i % 89 {
      case 1: c.value = "tab\there"  // skipped: a TAB splits the record
      case 2: c.name = "line\nbreak"  // skipped
      case 3: c.domain = ""  // skipped
      case 4: c.port = "8080"
      case 5: c.value = "esc\u{1b}[0m"
      case 6: c.name = ""
      case 7: c.expires = Instant(microseconds: 1_800_000_000_500_000)
      case 8: c.value = String(repeating: "long", count: 700)  // one line bigger than tiny chunks
      case 9: c.domain = "#comment.example"  // skipped
      default: break
      }
      out.append(c)
    }
    return out
  }

  static func streamed(
    _ cookies: [Cookie], _ options: CookieWriteOptions, chunkBytes: Int, groupSize: Int, parts: Int
  ) -> (Data, [Int], CookieWriteSummary) {
    var data = Data()
    var sizes: [Int] = []
    let summary = NetscapeWriter.write(
      cookies, options: options, chunkBytes: chunkBytes, groupSize: groupSize, parts: parts
    ) { piece in
      data.append(contentsOf: piece)
      sizes.append(piece.count)
    }
    return (data, sizes, summary)
  }

  @Test("same bytes, warnings and skipped count, for any chunking", arguments: ["curl", "cpython", "wget"])
  func equalToOneBuffer(dialect: String) throws {
    let cookies = Self.cookies(5_000)
    let options = CookieWriteOptions(dialect: dialect, now: Instant(seconds: 1_800_000_000))
    let one = NetscapeWriter.write(cookies, options: options)
    #expect(one.skipped == 4 * 57)  // i % 89 in 1, 2, 3, 9; 5000 = 56 * 89 + 16
    #expect(one.warnings.count > 4)
    for (chunkBytes, groupSize, parts) in [
      (4 << 20, 1024, 1), (1, 1, 1), (100, 3, 2), (5_000, 7, 4), (0, 1_000, 3), (64 << 10, 64, 2),
    ] {
      let (data, sizes, summary) = Self.streamed(
        cookies, options, chunkBytes: chunkBytes, groupSize: groupSize, parts: parts)
      let label = "chunk \(chunkBytes), group \(groupSize), parts \(parts)"
      #expect(data == one.data, "\(label)")
      #expect(summary.warnings == one.warnings, "\(label)")
      #expect(summary.skipped == one.skipped, "\(label)")
      #expect(summary.byteCount == one.data.count, "\(label)")
      #expect(!sizes.contains(0), "\(label): no empty pieces")
      if chunkBytes < 1 << 20 { #expect(sizes.count > 1, "\(label): streamed in several pieces") }
    }
    // And the public entry point, called as every command calls it.
    let writer: any CookieWriter.Type = NetscapeWriter.self
    var data = Data()
    let summary = writer.write(cookies, options: options) { data.append(contentsOf: $0) }
    #expect(data == one.data)
    #expect(summary.skipped == one.skipped)
  }

  @Test("pieces stay within the chunk size unless one group of lines alone is bigger")
  func boundedPieces() {
    let cookies = Self.cookies(20_000)
    let options = CookieWriteOptions(now: Instant(seconds: 1_800_000_000))
    let (_, sizes, _) = Self.streamed(cookies, options, chunkBytes: 16 << 10, groupSize: 8, parts: 2)
    // A group of 8 lines holds at most one 2800-byte value (i % 89 == 8): 8 * 200 + 2800.
    let header = 256
    #expect(sizes.count > 20)
    #expect(sizes.allSatisfy { $0 <= header + (16 << 10) })
  }

  @Test("an empty jar streams just the header", arguments: ["curl", "cpython", "wget"])
  func emptyJar(dialect: String) {
    let options = CookieWriteOptions(dialect: dialect, now: Instant(seconds: 0))
    let one = NetscapeWriter.write([], options: options)
    let (data, sizes, summary) = Self.streamed([], options, chunkBytes: 10, groupSize: 4, parts: 2)
    #expect(data == one.data)
    #expect(sizes == [one.data.count])
    #expect(summary.skipped == 0)
  }

  @Test("a throwing sink stops the writing and the error comes out")
  func sinkErrorPropagates() {
    struct Full: Error {}
    let cookies = Self.cookies(3_000)
    var calls = 0
    #expect(throws: Full.self) {
      _ = try NetscapeWriter.write(
        cookies, options: CookieWriteOptions(now: Instant(seconds: 0)), chunkBytes: 1_000, groupSize: 4,
        parts: 2
      ) { _ in
        calls += 1
        if calls == 3 { throw Full() }
      }
    }
    #expect(calls == 3)
  }

  @Test("writers without a streaming writer hand over their one buffer")
  func defaultStreamsOneBuffer() {
    let cookies = Self.cookies(300).filter { NetscapeWriter.unwritable($0) == nil }
    let options = CookieWriteOptions(now: Instant(seconds: 1_800_000_000))
    for writer in CookieFormats.writers {
      let name = writer.format.rawValue
      let one = writer.write(cookies, options: options)
      var data = Data()
      let summary = writer.write(cookies, options: options) { data.append(contentsOf: $0) }
      #expect(data == one.data, "\(name)")
      #expect(summary.warnings == one.warnings, "\(name)")
      #expect(summary.byteCount == one.data.count)
    }
  }
}
