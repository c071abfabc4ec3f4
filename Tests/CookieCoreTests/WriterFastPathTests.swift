import Foundation
import Testing

@testable import CookieCore

/// The Playwright, LWP, Set-Cookie and Cookie-header writers write common cookies straight to bytes
/// (`render`, `append`) and leave the others to the simple path. Over many generated,
/// hostile cookies the streamed writers must give the whole-`Data` writers' bytes,
/// warnings and skipped count.
@Suite struct WriterFastPathTests {
  /// Pieces of hostile text: every byte kind the fast paths test for, non-ASCII,
  /// combining marks, line breaks, and long runs.
  static let pieces = [
    "a", "Z9_", "tok", " ", "\t", ";", "=", ",", "\"", "\\", "é", "中", "\u{1b}[0m", "\n", "\r\n", "\r",
    "\u{7f}",
    "\u{85}", "\u{202e}", "\u{200b}", "%2F", ".", "-", "x y", "\u{301}", "\u{a0}", "\u{1c}", "/",
    String(repeating: "v", count: 1_100), String(repeating: "w", count: 5_000),
  ]

  static func text(_ rng: inout NetscapeReaderRobustnessTests.SeededRandom, plain: String) -> String {
    switch Int.random(in: 0..<10, using: &rng) {
    case 0: return ""
    case 1..<5: return plain
    default:
      var s = Bool.random(using: &rng) ? plain : ""
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        s += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        if Bool.random(using: &rng) { s += plain }
      }
      return s
    }
  }

  /// Expiries at the edges of each format's dates.
  static let expiries: [Instant?] = [
    nil, Instant(seconds: 0), Instant(seconds: 1), Instant(seconds: -1), Instant(microseconds: -1),
    Instant(microseconds: 1_800_000_000_500_000), Instant(seconds: 1_800_000_000),
    Instant(seconds: 1_795_700_000),
    Instant(seconds: -11_644_473_600), Instant(seconds: -11_644_473_601), Instant(seconds: 253_402_300_799),
    Instant(seconds: 253_402_300_800), Instant(microseconds: 253_402_300_799_000_001),
    Instant(seconds: -62_135_596_800), Instant(seconds: -62_135_596_801), Instant(seconds: -30_610_224_000),
    Instant(seconds: 600_000_000_000), .distantFuture, .distantPast,
  ]

  static func cookies(_ count: Int, seed: UInt64) -> [Cookie] {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: seed)
    var out: [Cookie] = []
    for i in 0..<count {
      var c = Cookie(
        name: text(&rng, plain: "n\(i % 13)"), value: text(&rng, plain: "v\(i)_x"),
        domain: text(&rng, plain: "d\(i % 7).example"), hostOnly: Bool.random(using: &rng),
        path: text(&rng, plain: ["/", "/p", "/a/b"][i % 3]),
        expires: expiries[Int.random(in: 0..<expiries.count, using: &rng)], secure: Bool.random(using: &rng),
        httpOnly: Bool.random(using: &rng), sameSite: [.unset, .lax, .strict, .none][i % 4],
        partitioned: i % 9 == 0, sourceFile: i % 5 == 0 ? "" : "in", sourceLine: i % 4 == 0 ? 0 : Int32(i + 1)
      )
      // Now and then a rare field, which sends the cookie to the simple path.
      switch Int.random(in: 0..<30, using: &rng) {
      case 0: c.sourceRecord = "entry \(i)"
      case 1: c.port = "8080"
      case 2: c.priority = .low
      case 3: c.unknownFields = ["lwp.flags": "port_spec discard"]
      case 4: c.unknownFields = ["lwp.rest.samesite": "x"]
      case 5: c.sameSiteRaw = "Weird;One"
      case 6: c.comment = "a \"comment\""
      case 7: c.partitionKey = PartitionKey(topLevelSite: "https://top.example")
      default: break
      }
      out.append(c)
    }
    return out
  }

  @Test(
    "hostile cookies: streamed bytes, warnings and skipped count equal the simple path", arguments: [1, 2, 3])
  func hostileCookies(writer: Int) {
    let (name, simple, streamed) = StreamedWriterTests.writers[writer]
    for seed in [1, 2, 3] as [UInt64] {
      let cookies = Self.cookies(2_000, seed: seed)
      for (batch, parts) in [(1, 1), (97, 3), (16384, nil)] as [(Int, Int?)] {
        StreamedWriterTests.check(
          name, simple, streamed, cookies, shape: StreamedOutput.Shape(batchSize: batch, parts: parts))
      }
    }
  }

  @Test func hostileCookiesInOneCookieHeader() {
    let options = CookieWriteOptions(now: Instant(seconds: 1_800_000_000))
    for seed in [4, 5, 6] as [UInt64] {
      let cookies = Self.cookies(2_000, seed: seed)
      let one = CookieHeaderWriter.write(cookies, options: options)
      var data = Data()
      let summary = CookieHeaderWriter.write(cookies, options: options) { data.append(contentsOf: $0) }
      #expect(data == one.data)
      #expect(summary.byteCount == one.data.count)
      #expect(summary.skipped == one.skipped)
      #expect(summary.warnings.map(\.description) == one.warnings.map(\.description))
    }
  }

  /// A plain cookie's lines from the fast paths, byte for byte.
  @Test func plainCookieLines() {
    let c = Cookie(
      name: "sid", value: "a.b-c", domain: "example.com", hostOnly: false, path: "/",
      expires: Instant(seconds: 1_800_000_000), secure: true, httpOnly: true, sameSite: .lax)
    var tally = FieldLossTally(target: "t")
    var out = ByteOutput()
    #expect(LWPWriter.render(c, now: Instant(seconds: 0), into: &out, tally: &tally))
    #expect(
      String(decoding: out.bytes, as: UTF8.self)
        == "Set-Cookie3: sid=\"a.b-c\"; path=\"/\"; domain=\".example.com\"; path_spec; secure; expires=\"2027-01-15 08:00:00Z\"; HttpOnly=None; SameSite=Lax; version=0\n"
    )
    out.removeAll()
    #expect(SetCookieWriter.render(c, into: &out, tally: &tally))
    #expect(
      String(decoding: out.bytes, as: UTF8.self)
        == "Set-Cookie: sid=a.b-c; Domain=example.com; Path=/; Expires=Fri, 15 Jan 2027 08:00:00 GMT; Secure; HttpOnly; SameSite=Lax\n"
    )
  }

  @Test func requestOrderIsTheStableSortByPathLength() {
    var cookies = Self.cookies(3_000, seed: 7)
    var expected: [Int] {
      Array(cookies.indices).sorted {
        let (a, b) = (cookies[$0].path.utf8.count, cookies[$1].path.utf8.count)
        return a != b ? a > b : $0 < $1
      }
    }
    #expect(cookies.withUnsafeBufferPointer { CookieHeaderWriter.requestOrder($0) } == expected)
    // A path too long to count out takes the comparison sort.
    cookies[17].path = "/" + String(repeating: "p", count: 70_000)
    #expect(cookies.withUnsafeBufferPointer { CookieHeaderWriter.requestOrder($0) } == expected)
    #expect([Cookie]().withUnsafeBufferPointer { CookieHeaderWriter.requestOrder($0) } == [])
  }

  @Test func textBytesKinds() {
    #expect(TextBytes.of("abc_09XYZ").isEmpty)
    #expect(TextBytes.of("") == [])
    #expect(TextBytes.of("a b") == [.space, .nonWord])
    #expect(TextBytes.of("é") == [.nonASCII, .nonWord])
    #expect(
      TextBytes.of("\t;=,\"\\\u{7f}") == [
        .control, .semicolon, .equals, .comma, .quote, .backslash, .nonWord,
      ])
  }
}
