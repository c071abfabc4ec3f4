import Foundation
import Testing

@testable import CookieCore

@Suite struct DecodingTerminalSafeTests {
  @Test(arguments: [
    ("plain", "plain"),
    ("\u{1B}[31mred", "\\x1b[31mred"),
    ("a\nb\tc\r", "a\\x0ab\\x09c\\x0d"),
    ("\u{0}\u{7F}", "\\x00\\x7f"),
    ("\u{9B}2J\u{85}", "\\x9b2J\\x85"),
    ("é中😀 ok", "é中😀 ok"),
    ("abc\u{202E}fed", "abc\\u{202e}fed"),
    ("back\\slash", "back\\slash"),
  ])
  func escapes(input: String, expected: String) {
    #expect(TerminalSafe.escape(input) == expected)
    #expect(TerminalSafe.needsEscaping(input) == (input != expected))
  }

  @Test(arguments: [
    ("plain", "\"plain\""),
    ("q\"b\\", "\"q\\\"b\\\\\""),
    ("\u{1B}[2J\u{9B}", "\"\\u001b[2J\\u009b\""),
    ("a\nb", "\"a\\nb\""),
    ("é\u{202E}", "\"é\\u202e\""),
  ])
  func jsonQuotedIsTerminalSafeJSON(input: String, expected: String) throws {
    let q = TerminalSafe.jsonQuoted(input)
    #expect(q == expected)
    // Still JSON that decodes back to the input.
    let back = try JSONSerialization.jsonObject(with: Data(q.utf8), options: [.fragmentsAllowed]) as? String
    #expect(back == input)
  }

  @Test func escapeWithLimitCutsAndQuotes() {
    #expect(TerminalSafe.escape(String(repeating: "x", count: 5) + "\u{1B}", limit: 3) == "xxx…")
    #expect(TerminalSafe.escape("ab\u{1B}", limit: 10) == "ab\\x1b")
    #expect(TerminalSafe.quoted("a\"\u{7}") == "\"a\\\"\\x07\"")
  }
}
