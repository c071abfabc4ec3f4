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
    ("abc\u{202E}fed", "abc\\u{202E}fed"),
    ("back\\slash", "back\\slash"),
  ])
  func escapes(input: String, expected: String) {
    #expect(TerminalSafe.escape(input) == expected)
    #expect(TerminalSafe.needsEscaping(input) == (input != expected))
  }
}
