import CookieCore
import Foundation
import Testing

@testable import Inspector
@testable import TerminalKit

/// The detail pane (issue 9 §4): attributes before a long value's tail, folding with `z`,
/// page scrolling, a fresh scroll per cookie, a height that follows the content; and where
/// a cookie came from (a HAR request, the shortest unique file name).
@Suite struct DetailPaneTests {
  /// The sample jar plus a cookie with a 4 KB value (a JWT-sized token), first in the table.
  static func state(width: Int = 110, height: Int = 40) -> AppState {
    var cookies = Sample.cookies
    var big = Cookie(
      name: "big", value: String(repeating: "0123456789abcdef", count: 256), domain: "big.example.org",
      expires: Sample.at(5), sourceFile: "cookies.txt", sourceLine: 4)
    big.secure = true
    cookies.insert(big, at: 0)
    return AppState(
      store: CookieStore(loading: cookies), now: Sample.now,
      files: [OpenFile(name: "cookies.txt", format: .netscape)], width: width, height: height)
  }

  static func paneLines(_ s: AppState) -> [String] {
    guard let d = Layout(s).detail else { return [] }
    let lines = Sample.screen(s).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return Array(lines[d.y..<d.maxY])
  }

  @Test func longValueIsFoldedSoTheAttributesShow() {
    var s = Self.state()
    Sample.press("enter", &s)
    let pane = Self.paneLines(s)
    let text = pane.joined(separator: "\n")
    // 4096 characters at ~95 columns is 44 lines; folded to 3 and a note.
    #expect(text.contains("more lines (z unfolds)"))
    for label in ["Domain", "Path", "Expires", "Secure", "Source"] {
      #expect(pane.contains { $0.contains(label) }, "\(label) is not on screen:\n\(text)")
    }
    let folded = detailLines(s, s.selected!, width: 100).count
    Sample.press("z", &s)
    #expect(s.detailUnfolded)
    let unfolded = detailLines(s, s.selected!, width: 100)
    #expect(unfolded.count > folded + 30)
    #expect(!unfolded.contains { $0.0.contains("z unfolds") })
    // The next cookie starts folded and at the top again.
    Sample.press("J J J j", &s)
    #expect(!s.detailUnfolded && s.detailScroll == 0)
  }

  @Test func pageScrollingStaysInsideTheContent() {
    var s = Self.state(height: 30)
    Sample.press("enter z", &s)
    let (rows, most) = s.detailPage
    #expect(rows > 3 && most > rows)
    Sample.press("ctrl+d", &s)
    #expect(s.detailScroll == rows - 1)
    Sample.press("ctrl+d ctrl+d ctrl+d ctrl+d ctrl+d ctrl+d ctrl+d", &s)
    #expect(s.detailScroll == most)
    Sample.press("J J", &s)
    #expect(s.detailScroll == most)
    Sample.press("ctrl+u", &s)
    #expect(s.detailScroll == most - (rows - 1))
    Sample.press("K", &s)
    #expect(s.detailScroll == most - rows)
    #expect(Sample.screen(s).contains("/\(most + rows) "))
  }

  @Test func scrollStartsAtTheTopForEachCookie() {
    var s = Self.state()
    Sample.press("enter z J J J", &s)
    #expect(s.detailScroll == 3)
    // Selected by the filter, not by moving: the pane still starts at the top.
    Sample.press("/ 'lang' enter", &s)
    #expect(s.store[s.selected!].name == "lang")
    #expect(s.detailScroll == 0)
    // By the mouse as well.
    Sample.press("esc esc k enter z J", &s)
    #expect(s.detailScroll == 1)
    _ = update(&s, .mouse(MouseEvent(.press, x: 40, y: 3)))
    #expect(s.cursor == 2 && s.detailScroll == 0)
  }

  @Test func pageKeysSayWhenThePaneIsClosed() {
    var s = Self.state()
    Sample.press("ctrl+d", &s)
    #expect(s.message?.text == "The detail pane is closed (Enter opens it)")
    Sample.press("z", &s)
    #expect(!s.detailUnfolded)
  }

  @Test func paneHeightFollowsItsContent() {
    var s = Self.state(height: 40)
    // `lang` is a small cookie: its pane is as tall as its lines.
    Sample.press("j enter", &s)
    let small = Layout(s).detail!
    let lines = s.detailContent(width: small.width - 1).count
    #expect(small.height == lines + 1)
    #expect(Layout(s).table.height > 38 / 2)
    // The 4 KB cookie unfolded is longer than the screen: capped at three fifths.
    Sample.press("k z", &s)
    let big = Layout(s).detail!
    #expect(big.height == 38 - max(5, 38 * 2 / 5))
  }

  @Test func harCookieSourceShowsTheRequest() {
    var c = Cookie(name: "sid", value: "1", domain: "accounts.example.net", sourceFile: "/tmp/cap/login.har")
    c.sourceRecord = "entry 3 response"
    c.sourceRequest = "POST https://accounts.example.net/login?next=%2F"
    let s = AppState(
      store: CookieStore(loading: [c]), now: Sample.now,
      files: [OpenFile(name: "/tmp/cap/login.har", format: .har)], width: 120, height: 30)
    let lines = detailLines(s, s.selected!, width: 110).map(\.0)
    let source = lines.first { $0.hasPrefix("Source") }
    #expect(
      source
        == "Source        POST https://accounts.example.net/login?next=%2F  (/tmp/cap/login.har, entry 3 response)"
    )
  }

  @Test func shortestUniqueSourceNames() {
    let names = SourceNames.shortest([
      "/home/u/a/cookies.txt", "/home/u/b/cookies.txt", "/var/tmp/very/long/path/to/capture.har", "jar.txt",
      "x/y/jar.txt",
    ])
    #expect(names["/home/u/a/cookies.txt"] == "a/cookies.txt")
    #expect(names["/home/u/b/cookies.txt"] == "b/cookies.txt")
    #expect(names["/var/tmp/very/long/path/to/capture.har"] == "capture.har")
    #expect(names["jar.txt"] == "jar.txt")
    #expect(names["x/y/jar.txt"] == "y/jar.txt")
  }

  @Test func sourceColumnShowsTheShortName() {
    let a = "/var/lib/crawls/2026-11-25/run-17/cookies.txt"
    let b = "/var/lib/crawls/2026-11-25/run-18/cookies.txt"
    let cookies = [
      Cookie(name: "x", value: "1", domain: "a.example", sourceFile: a, sourceLine: 1),
      Cookie(name: "y", value: "2", domain: "b.example", sourceFile: b, sourceLine: 1),
    ]
    let s = AppState(
      store: CookieStore(loading: cookies), now: Sample.now,
      files: [OpenFile(name: a, format: .netscape), OpenFile(name: b, format: .netscape)], width: 220,
      height: 10)
    let screen = Sample.screen(s)
    #expect(screen.contains("run-17/cookies.txt"))
    #expect(screen.contains("run-18/cookies.txt"))
    #expect(!screen.contains("/var/lib"))
  }
}
