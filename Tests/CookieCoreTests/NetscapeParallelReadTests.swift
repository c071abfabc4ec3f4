import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

/// Large jars are parsed in parallel slices; the result must be exactly the sequential one.
@Suite("Netscape reader: parallel slices equal the sequential read")
struct NetscapeParallelReadTests {
  /// A jar with every kind of line, deterministic, ~`count` lines.
  static func jar(count: Int, bom: Bool, crlf: Bool, finalNewline: Bool) -> Data {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 7)
    var lines = ["# Netscape HTTP Cookie File", ""]
    for i in 0..<count {
      let d = "site\(Int.random(in: 0..<200, using: &rng)).example"
      switch Int.random(in: 0..<20, using: &rng) {
      case 0: lines.append("# comment \(i)")
      case 1: lines.append("")
      case 2: lines.append("\(d)\tTRUE\t/\tFALSE\tsoon\tbad\(i)\tv")
      case 3: lines.append("\(d) FALSE / FALSE 0 spaces v")
      case 4: lines.append("#HttpOnly_.\(d)\tTRUE\t/\tTRUE\t1900000000\thttp\(i)\tsecret\(i)")
      case 5: lines.append("\(d)\tFALSE\t/\tFALSE\t0\tdup\tsame-identity-\(i)")
      default:
        lines.append(
          "\(d)\tFALSE\t/p\(i % 7)\tFALSE\t\(1_700_000_000 + i)\tc\(i)\tvalue-\(i)-\(String(repeating: "x", count: i % 40))"
        )
      }
    }
    var text = lines.joined(separator: crlf ? "\r\n" : "\n")
    if finalNewline { text += crlf ? "\r\n" : "\n" }
    return (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)
  }

  @Test(
    "same cookies, lines and diagnostics for 1 and several slices",
    arguments: [(false, false, true), (true, true, false), (false, true, true)])
  func equalToSequential(bom: Bool, crlf: Bool, finalNewline: Bool) throws {
    let data = Self.jar(count: 20_000, bom: bom, crlf: crlf, finalNewline: finalNewline)
    let options = CookieReadOptions(sourceName: "big.txt", now: Instant(seconds: 1_800_000_000))
    let one = try NetscapeReader.read(data, options: options, parts: 1)
    #expect(one.cookies.count > 15_000)
    #expect(one.diagnostics.count > 100)
    for parts in [2, 3, 4, 7] {
      let many = try NetscapeReader.read(data, options: options, parts: parts)
      #expect(many.cookies == one.cookies, "\(parts) slices")
      #expect(many.diagnostics == one.diagnostics, "\(parts) slices")
    }
  }

  @Test("slices cover the input exactly, at line starts, with running line numbers")
  func slices() {
    let text = Data("a\nbb\n\nccc\ndddd".utf8)
    text.withUnsafeBytes { b in
      for parts in 1...8 {
        let s = NetscapeSlice.split(b, from: 0, parts: parts)
        #expect(s.first?.start == 0 && s.last?.end == b.count)
        #expect(s.map(\.lines).reduce(0, +) == 5)
        for (x, y) in zip(s, s.dropFirst()) {
          #expect(x.end == y.start && b[y.start - 1] == 0x0A)
          #expect(y.firstLine == x.firstLine + x.lines)
        }
      }
    }
  }
}

/// The writer splits a large jar across cores; the bytes and warnings must not change.
@Suite("Netscape writer: parallel parts equal the sequential write")
struct NetscapeParallelWriteTests {
  @Test(
    "same bytes, warnings and skipped count for 1 and several parts", arguments: ["curl", "cpython", "wget"])
  func equalToSequential(dialect: String) throws {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 5)
    var cookies: [Cookie] = []
    for i in 0..<30_000 {
      var c = Cookie(
        name: "n\(i)", value: "v\(i)", domain: "d\(i % 97).example", hostOnly: Bool.random(using: &rng),
        path: i % 11 == 0 ? "" : "/p", expires: i % 5 == 0 ? nil : Instant(seconds: Int64(i) * 1000 - 5000),
        secure: Bool.random(using: &rng), httpOnly: Bool.random(using: &rng),
        sameSite: i % 13 == 0 ? .lax : .unset, sourceFile: "in", sourceLine: Int32(i + 1))
      switch i % 997 {
      case 1: c.value = "tab\there"
      case 2: c.name = "line\nbreak"
      case 3: c.domain = ""
      case 4: c.port = "8080"
      case 5: c.value = "esc\u{1b}[0m"
      default: break
      }
      cookies.append(c)
    }
    let options = CookieWriteOptions(dialect: dialect, now: Instant(seconds: 1_800_000_000))
    let one = NetscapeWriter.write(cookies, options: options, parts: 1)
    #expect(one.skipped == 3 * 31)
    #expect(one.warnings.count > 3)
    for parts in [2, 3, 4, 9] {
      let many = NetscapeWriter.write(cookies, options: options, parts: parts)
      #expect(many.data == one.data, "\(parts) parts")
      #expect(many.warnings == one.warnings, "\(parts) parts")
      #expect(many.skipped == one.skipped)
    }
    let back = try NetscapeReader.read(
      one.data, options: CookieReadOptions(sourceName: "b", now: options.now))
    #expect(back.cookies.count == cookies.count - one.skipped)
  }
}
