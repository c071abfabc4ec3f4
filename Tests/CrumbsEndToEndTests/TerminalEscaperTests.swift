import CookieCore
import Foundation
import Testing

@testable import crumbs

/// The one escaping writer for terminal output (standard output on a terminal and
/// `-o /dev/tty`): every split of a text into pieces gives the text escaped whole.
@Suite struct TerminalEscaperTests {
  static let text = "é🍪\u{1B}]0;x\u{07}\u{9B}2J\u{202E}moc.elpmaxe\n値\n"

  @Test func everySplitEscapesLikeTheWhole() {
    let bytes = Array(Self.text.utf8)
    let whole = TerminalSafe.escapeLines(Self.text)
    #expect(!whole.contains("\u{1B}") && !whole.contains("\u{9B}") && !whole.contains("\u{202E}"))
    for a in 0...bytes.count {
      for b in a...bytes.count {
        var e = TerminalEscaper()
        var out = ""
        for piece in [bytes[..<a], bytes[a..<b], bytes[b...]] {
          out += Array(piece).withUnsafeBytes { e.escape($0) }
        }
        out += e.finish()
        #expect(out == whole, "split at \(a), \(b)")
      }
    }
  }

  /// A text that ends inside a UTF-8 sequence gets its broken bytes escaped at the end.
  @Test func anUnfinishedSequenceComesOutAtTheEnd() {
    var e = TerminalEscaper()
    let head = [UInt8]("a".utf8) + [0xE2, 0x82]
    #expect(head.withUnsafeBytes { e.escape($0) } == "a")
    let rest = e.finish()
    #expect(!rest.isEmpty)
    #expect(rest == TerminalSafe.escapeLines(String(decoding: [0xE2, 0x82] as [UInt8], as: UTF8.self)))
    #expect(e.finish().isEmpty)
  }
}
