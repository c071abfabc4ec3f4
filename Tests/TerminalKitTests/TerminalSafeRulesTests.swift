import Testing

@testable import TerminalEscaping
@testable import TerminalKit

/// The one set of escaping rules (`TerminalSafe`), and `TerminalText` showing the same.
@Suite struct TerminalSafeRulesTests {
  @Test(arguments: [
    ("plain", "plain"),
    ("\u{1B}]0;title\u{07}", "\\x1b]0;title\\x07"),
    ("\u{1B}]52;c;aGk=\u{07}", "\\x1b]52;c;aGk=\\x07"),
    ("a\nb\tc\r", "a\\x0ab\\x09c\\x0d"),
    ("\u{0}\u{7F}", "\\x00\\x7f"),
    ("\u{80}\u{9B}2J\u{9F}", "\\x80\\x9b2J\\x9f"),
    ("abc\u{202E}fed\u{202A}\u{202B}\u{202C}\u{202D}", "abc\\u{202e}fed\\u{202a}\\u{202b}\\u{202c}\\u{202d}"),
    ("\u{2066}\u{2067}\u{2068}\u{2069}", "\\u{2066}\\u{2067}\\u{2068}\\u{2069}"),
    ("\u{200E}\u{200F}\u{061C}", "\\u{200e}\\u{200f}\\u{61c}"),
    ("line\u{2028}para\u{2029}", "line\\u{2028}para\\u{2029}"),
    ("s\u{200B}i\u{200C}d\u{200D}x", "s\\u{200b}i\\u{200c}d\\u{200d}x"),
    ("\u{2060}\u{FEFF}sid\u{180E}\u{034F}", "\\u{2060}\\u{feff}sid\\u{180e}\\u{34f}"),
    ("é中😀 ok ×", "é中😀 ok ×"),
    ("back\\slash \\x1b", "back\\slash \\x1b"),
    // Longer than one eight-byte word, the control in the second word or the tail.
    ("0123456789abcdef\u{1B}", "0123456789abcdef\\x1b"),
    ("01234567\u{7F}89", "01234567\\x7f89"),
  ])
  func escapes(input: String, expected: String) {
    #expect(TerminalSafe.escape(input) == expected)
    #expect(TerminalSafe.needsEscaping(input) == (input != expected))
    #expect(TerminalText.escaped(input) == expected)
    #expect(TerminalText.isClean(input) == (input == expected))
    #expect(TerminalSafe.escape(Substring(input)) == expected)
    // Idempotent: escaping the escaped text changes nothing.
    #expect(TerminalSafe.escape(expected) == expected)
    #expect(!TerminalSafe.needsEscaping(expected))
  }

  /// Random strings from a hostile alphabet: needsEscaping agrees with escape, the result
  /// holds nothing raw, and escaping twice is escaping once.
  @Test func randomTextIsEscapedOnceAndForAll() {
    let alphabet: [Unicode.Scalar] = [
      "a", "Z", "0", " ", "\\", "{", "}", "x", "u", "\u{1B}", "\u{07}", "\u{0}", "\t", "\n", "\r", "\u{7F}",
      "\u{85}", "\u{9B}", "\u{A0}", "é", "中", "😀", "\u{202E}", "\u{2066}", "\u{200B}", "\u{200D}", "\u{FEFF}",
      "\u{2028}", "\u{034F}", "\u{0301}",
    ]
    var seed: UInt64 = 0x5EED
    func next() -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: seed >> 33)
    }
    for _ in 0..<2000 {
      var s = String.UnicodeScalarView()
      for _ in 0..<(next() % 40) { s.append(alphabet[next() % alphabet.count]) }
      let text = String(s)
      let once = TerminalSafe.escape(text)
      #expect(TerminalSafe.escape(once) == once)
      #expect(TerminalSafe.needsEscaping(text) == (once != text))
      #expect(!once.unicodeScalars.contains { TerminalSafe.needsEscaping($0) })
      let lines = TerminalSafe.escapeLines(text)
      #expect(TerminalSafe.escapeLines(lines) == lines)
      #expect(!lines.unicodeScalars.contains { $0 != "\n" && $0 != "\t" && TerminalSafe.needsEscaping($0) })
    }
  }

  @Test func linesKeepNewlinesAndTabsOnly() {
    #expect(TerminalSafe.escapeLines("a\tb\nc\r\n\u{1B}[2J\u{200B}") == "a\tb\nc\\x0d\n\\x1b[2J\\u{200b}")
  }

  @Test func jsonQuotedEscapesInvisibleCharacters() {
    #expect(TerminalSafe.jsonQuoted("a\u{200B}b\u{FEFF}\u{202E}") == "\"a\\u200bb\\ufeff\\u202e\"")
    #expect(TerminalSafe.jsonQuoted("\u{9B}") == "\"\\u009b\"")
  }

  @Test func quotedCutsAndEscapes() {
    #expect(TerminalSafe.quoted("a\"\u{7}") == "\"a\\\"\\x07\"")
    #expect(TerminalSafe.quoted("abcdef\u{200B}", limit: 3) == "\"abc…\"")
    #expect(TerminalSafe.escape("ab\u{200B}", limit: 10) == "ab\\u{200b}")
  }

  /// UI cells show invisible and bidi characters; nothing of them reaches the buffer raw.
  @Test func bufferCellsShowInvisibleCharacters() {
    var b = Buffer(width: 40, height: 1)
    b.put("s\u{200B}id\u{202E}x\u{FEFF}", x: 0, y: 0)
    #expect(b.lines[0].hasPrefix("s\\u{200b}id\\u{202e}x\\u{feff}"))
    for c in b.cells { #expect(!c.text.unicodeScalars.contains { TerminalSafe.needsEscaping($0) }) }
  }
}
