import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

@testable import crumbs

/// `list` writes the rows of plain cookies (printable ASCII name, value, domain, path)
/// straight to bytes; the simple path builds each row's cells as strings. The whole table
/// must come out the same, hostile and wide cookies among plain ones.
@Suite struct ListTableFastPathTests {
  static func table(_ cookies: [Cookie], now: Instant, fast: Bool) -> [UInt8] {
    var out: [UInt8] = []
    CookieTable.render(cookies, now: now, fast: fast) { out.append(contentsOf: $0) }
    return out
  }

  @Test func bytesEqualTheSimpleCells() {
    let now = Instant(seconds: 1_800_000_000)
    let texts = [
      "", "plain", "a b", "x", "quote\"d", "semi;colon", "esc\u{1b}[0m", "é中", "\u{7f}", "tab\t",
      "\u{202e}rtl",
      String(repeating: "L", count: 23), String(repeating: "L", count: 24), String(repeating: "M", count: 25),
      String(repeating: "n", count: 31), String(repeating: "n", count: 32), String(repeating: "n", count: 33),
      String(repeating: "d", count: 39), String(repeating: "d", count: 40), String(repeating: "v", count: 47),
      String(repeating: "v", count: 48), String(repeating: "v", count: 49),
      String(repeating: "w", count: 5_000),
      "ü" + String(repeating: "x", count: 60),
    ]
    let expiries: [Instant?] = [
      nil, Instant(seconds: 0), Instant(seconds: -1), Instant(microseconds: -1),
      Instant(seconds: 1_799_999_999),
      Instant(seconds: 1_800_000_000), Instant(microseconds: 1_800_000_000_000_001),
      Instant(seconds: 253_402_300_798),
      Instant(seconds: 253_402_300_799), Instant(seconds: 253_402_300_800), .distantFuture, .distantPast,
    ]
    var rng = SplitMix(state: 11)
    // Jars of a few cookies too, so that one odd cookie sets a column's width.
    for size in [1, 3, 8, 600] {
      var cookies: [Cookie] = []
      for i in 0..<size {
        func pick() -> String { texts[Int.random(in: 0..<texts.count, using: &rng)] }
        let plain = Int.random(in: 0..<3, using: &rng) > 0
        cookies.append(
          Cookie(
            name: plain ? "n\(i % 5)" : pick(), value: plain ? "v\(i)" : pick(),
            domain: plain ? "d\(i % 3).example" : pick(), hostOnly: Bool.random(using: &rng),
            path: plain ? "/" : pick(), expires: expiries[Int.random(in: 0..<expiries.count, using: &rng)],
            secure: Bool.random(using: &rng), httpOnly: Bool.random(using: &rng),
            sameSite: [.unset, .lax, .strict, .none][i % 4]))
      }
      let fast = Self.table(cookies, now: now, fast: true)
      let simple = Self.table(cookies, now: now, fast: false)
      #expect(fast == simple, "\(size) cookies")
      #expect(simple.count > 0)
    }
  }
}
