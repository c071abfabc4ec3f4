import CookieCore
import Foundation
import Testing

@testable import crumbs

/// `list --json` writes each object straight to bytes; the simple path builds it as a
/// `String`. Both must give the same text for every kind of cookie.
@Suite struct ListJSONFastPathTests {
  @Test func bytesEqualTheSimpleString() {
    let now = Instant(seconds: 1_800_000_000)
    var cookies: [Cookie] = []
    let values = ["plain", "quote\"d", "back\\slash", "esc\u{1b}[0m", "é中", "\u{7f}", "tab\t", ""]
    for i in 0..<400 {
      var c = Cookie(
        name: values[i % values.count], value: values[(i / 3) % values.count],
        domain: i % 9 == 0 ? "" : "d\(i % 5).example", hostOnly: i % 2 == 0, path: i % 3 == 0 ? "/" : "/p",
        expires: i % 4 == 0 ? nil : Instant(microseconds: Int64(i) * 1_000_000_250 - 9_000_000_000),
        secure: i % 3 == 1, httpOnly: i % 5 == 1, sameSite: [.unset, .lax, .strict, .none][i % 4],
        sourceFile: i % 7 == 0 ? "dir/jar \u{1b}.txt" : "jar.txt", sourceLine: Int32(i % 6))
      if i % 6 == 0 { c.sourceRecord = "row \(i)" }
      if i % 10 == 3 {
        c.partitioned = true
        c.partitionKey = PartitionKey(topLevelSite: "https://t\"op.example")
      }
      if i % 11 == 2 { c.priority = .medium }
      if i % 13 == 4 { c.port = "80\u{1}" }
      cookies.append(c)
    }
    for c in cookies {
      var simple = ""
      CookieListJSON.object(c, now: now, into: &simple)
      var fast = StdoutBuffer()
      CookieListJSON.object(c, now: now, into: &fast)
      #expect(String(decoding: fast.bytes, as: UTF8.self) == simple)
      #expect(Array(simple.utf8) == fast.bytes)
    }
  }
}
