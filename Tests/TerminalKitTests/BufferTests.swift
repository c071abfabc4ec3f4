import Testing

@testable import TerminalKit

@Suite struct DisplayWidthTests {
  @Test(arguments: [
    ("a", 1), ("é", 1), ("e\u{301}", 1), ("中", 2), ("🍪", 2), ("👍🏽", 2), ("❤️", 2), ("🇫🇷", 2),
    ("👨‍👩‍👧", 2), ("ｱ", 1), ("Ａ", 2), ("\u{200B}", 0),
  ])
  func grapheme(_ s: String, _ width: Int) {
    #expect(DisplayWidth.of(Character(s)) == width, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
  }

  @Test func strings() {
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("中文abc") == 7)
    #expect(DisplayWidth.of("café🍪") == 6)
  }
}

@Suite struct TerminalTextTests {
  @Test(arguments: [
    ("plain", "plain"), ("a\u{1b}[31mb", "a\\x1b[31mb"), ("tab\there", "tab\\x09here"), ("nl\n", "nl\\x0a"),
    ("\u{7f}", "\\x7f"), ("c1\u{9b}2J", "c1\\x9b2J"), ("bidi\u{202e}x", "bidi\\u{202e}x"), ("中🍪", "中🍪"),
  ])
  func escaping(_ input: String, _ expected: String) {
    #expect(TerminalText.escaped(input) == expected)
  }

  @Test(arguments: [
    ("hello world", 5, "hell…"), ("hello", 5, "hello"), ("中文中文", 5, "中文…"), ("中文中文", 4, "中…"),
    ("ab🍪cd", 4, "ab…"), ("ab🍪cd", 5, "ab🍪…"), ("x", 0, ""), ("éééé", 3, "éé…"),
  ])
  func truncation(_ input: String, _ width: Int, _ expected: String) {
    let t = TerminalText.truncated(input, width: width)
    #expect(t == expected)
    #expect(DisplayWidth.of(t) <= width)
  }

  @Test func wrapsAtSpacesAndInsideLongTokens() {
    #expect(TerminalText.wrapped("hello big world", width: 10) == ["hello big", "world"])
    #expect(TerminalText.wrapped("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(TerminalText.wrapped("中文中文中", width: 4) == ["中文", "中文", "中"])
  }
}

@Suite struct BufferTests {
  @Test func wideCharactersTakeTwoCellsAndContinuation() {
    var b = Buffer(width: 6, height: 1)
    let n = b.put("a中🍪", x: 0, y: 0)
    #expect(n == 5)
    #expect(b[1, 0].text == "中")
    #expect(b[2, 0].isContinuation)
    #expect(b[3, 0].text == "🍪")
    #expect(b[4, 0].isContinuation)
    #expect(b.lines == ["a中🍪 "])
  }

  @Test func wideCharacterThatDoesNotFitBecomesSpace() {
    var b = Buffer(width: 4, height: 1)
    b.put("ab中", x: 1, y: 0)
    #expect(b.lines == [" ab "])
    #expect(!b[3, 0].isContinuation)
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var b = Buffer(width: 4, height: 1)
    b.put("中文", x: 0, y: 0)
    b.put("x", x: 1, y: 0)
    #expect(b.lines == [" x文"])
    b.put("y", x: 2, y: 0)
    #expect(b.lines == [" xy "])
    for x in 0..<4 { #expect(!(b[x, 0].isContinuation && x == 0)) }
  }

  @Test func controlCharactersNeverReachTheBuffer() {
    var b = Buffer(width: 30, height: 1)
    b.put("a\u{1b}[2Jb\u{07}\u{9b}", x: 0, y: 0)
    for x in 0..<30 {
      for s in b[x, 0].text.unicodeScalars { #expect(s.value >= 0x20 && !(0x7F..<0xA0).contains(s.value)) }
    }
    #expect(b.text == "a\\x1b[2Jb\\x07\\x9b")
  }

  @Test func putClipsToMaxWidthAndBuffer() {
    var b = Buffer(width: 5, height: 2)
    #expect(b.put("abcdef", x: 2, y: 0) == 3)
    #expect(b.put("abcdef", x: 0, y: 1, maxWidth: 2) == 2)
    #expect(b.put("zz", x: 0, y: 5) == 0)
    #expect(b.put("zz", x: -1, y: 0) == 1)
    #expect(b.lines == ["z abc", "ab   "])
  }

  @Test func paddedCutsWithEllipsis() {
    var b = Buffer(width: 8, height: 1)
    b.putPadded("中文中文中", x: 0, y: 0, width: 7)
    #expect(b.lines == ["中文中… "])
  }
}

@Suite struct WidgetTests {
  @Test func tableCutsCellsAndAsksOnlyForVisibleRows() {
    var b = Buffer(width: 20, height: 4)
    var asked: Set<Int> = []
    TableWidget.render(
      columns: [
        TableColumnLayout(title: "Name", width: 6),
        TableColumnLayout(title: "Size", width: 4, alignRight: true),
      ],
      in: b.area, into: &b, headerStyle: { _ in Style(.header) }, rowCount: 1000, first: 500,
      rowStyle: { _ in .normal },
      cell: { row, col in
        asked.insert(row)
        return (col == 0 ? "中文名前です" : String(row), nil)
      })
    #expect(asked == [500, 501, 502])
    #expect(b.lines[0] == "Name   Size         ")
    #expect(b.lines[1] == "中文…   500         ")
  }

  @Test func dialogFitsNarrowAreas() {
    var b = Buffer(width: 20, height: 6)
    Dialog(
      title: "Purge", body: ["Purge 12 expired cookies now?"], choices: [("y", "purge"), ("n", "cancel")]
    )
    .render(in: b.area, into: &b)
    #expect(b.lines[0].hasPrefix("┌ Purge"))
    #expect(b.lines.contains { $0.contains("Purge 12 expired") || $0.contains("Purge 12 expi") })
    for l in b.lines { #expect(DisplayWidth.of(l) == 20) }
  }

  @Test func textFieldEditsAndScrolls() {
    var f = TextField("héllo")
    f.handle(.backspace)
    f.handle("!")
    f.handle(.home)
    f.handle(Key("中"))
    #expect(f.text == "中héll!")
    f.handle(Key("ctrl+e"))
    f.handle(Key("ctrl+w"))
    #expect(f.text == "")
    var g = TextField(String(repeating: "x", count: 30))
    var b = Buffer(width: 10, height: 1)
    let cx = g.render(into: &b, x: 0, y: 0, width: 10, style: .normal)
    #expect(cx == 9)
    g.handle(.home)
    #expect(g.render(into: &b, x: 0, y: 0, width: 10, style: .normal) == 0)
  }

  @Test func keysHaveReadableLabels() {
    #expect(Key.ctrl("r").label == "Ctrl-R")
    #expect(Key.up.label == "↑")
    #expect(Key.char(" ") == Key.space)
    #expect(Key("a").character == "a")
    #expect(Key.enter.character == nil)
  }
}
