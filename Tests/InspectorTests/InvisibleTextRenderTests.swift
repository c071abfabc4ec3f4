import CookieCore
import Testing

@testable import Inspector
@testable import TerminalKit

/// Zero-width and bidi characters in cookie text show as escapes in the table and the
/// detail pane, so `sid` and `s\u{200b}id` never look alike.
@Suite struct InvisibleTextRenderTests {
  @Test func tableAndDetailShowInvisibleAndBidiCharacters() {
    let cookies = [
      Cookie(
        name: "s\u{200B}id", value: "ab\u{202E}cd", domain: "exa\u{200D}mple.com", expires: Sample.at(3)),
      Cookie(name: "sid", value: "1", domain: "example.com", expires: Sample.at(3)),
    ]
    var s = AppState(
      store: CookieStore(loading: cookies), now: Sample.now,
      files: [OpenFile(name: "cookies.txt", format: .netscape)], width: 120, height: 20,
      writers: WriterSet([TestWriter.self]))
    var screen = Sample.screen(s)
    #expect(screen.contains("s\\u{200b}id"), "\(screen)")
    #expect(screen.contains("ab\\u{202e}cd"), "\(screen)")
    Sample.press("enter", &s)
    screen = Sample.screen(s)
    #expect(screen.contains("exa\\u{200d}mple.com"), "\(screen)")
    var buf = Buffer(width: s.width, height: s.height)
    render(s, into: &buf)
    for c in buf.cells { #expect(!c.text.unicodeScalars.contains { TerminalText.needsEscape($0) }) }
  }
}
