import CookieCore
import Foundation
import TerminalKit
import Testing

@testable import Inspector

/// Issue 9 §3 and §5: the filter language, help paging, the footer, status messages, the
/// pending-changes count, save-and-quit after a conflict, copying.
@Suite struct FilterLanguageTests {
  @Test(arguments: [
    ("secure", 2), ("insecure", 6), ("httponly", 3), ("persistent", 6), ("-persistent", 2), ("hostonly", 5),
    ("size>20", 2), ("size>=19", 3), ("size=9", 2), ("size:<5", 1), ("expires<30d", 4), ("expires<=30d", 5),
    ("expires>2027-01-01", 1), ("expires<2026-11-25T12:00:00Z", 2), ("persistent insecure", 4),
    ("\"a:b\"", 0), ("secure httponly", 2),
  ])
  func newTerms(_ query: String, _ expected: Int) {
    let f = CookieFilter.parse(query)
    #expect(f.problems.isEmpty, "\(query): \(f.problems)")
    let n = Sample.cookies.filter { f.matches($0, now: Sample.now) }.count
    #expect(n == expected, "\(query)")
  }

  /// `issue` keeps exactly the rows the table marks with `!` or `✗`.
  @Test func issueMatchesTheRowMarkers() {
    // Narrower than the domain list's threshold, so each row starts with its gutter.
    var s = Sample.state(width: 70, height: 20)
    let rows = Sample.screen(s).split(separator: "\n")
    let marked = rows.filter { $0.count > 2 && "!✗".contains(Array($0)[2]) }
    Sample.press("/ 'issue' enter", &s)
    #expect(s.visible.count == marked.count)
    #expect(s.visible.count > 0 && s.visible.count < Sample.cookies.count)
  }

  @Test(arguments: [
    ("color:red", "unknown field"), ("size>big", "number of bytes"), ("expires<soon", "span from now"),
    ("expires>30x", "span from now"), ("secure:maybe", "secure:yes"), ("size:100", "compare with"),
  ])
  func unreadableTermsSayWhy(_ query: String, _ reason: String) {
    let problems = CookieFilter.parse(query).problems
    #expect(problems.count == 1, "\(query)")
    #expect(problems.first?.contains(reason) == true, "\(query): \(problems)")
    #expect(problems.first?.hasPrefix(query) == true)
  }

  /// Text with a colon that is no field name is still text to find.
  @Test func textWithColonsIsStillText() {
    for q in ["12:30", "https://www.example.com", "\"lang:en\""] {
      #expect(CookieFilter.parse(q).problems.isEmpty, "\(q)")
    }
  }

  /// While typing, an unreadable term is named in the filter line itself.
  @Test func theFilterLineShowsTheProblem() {
    var s = Sample.state(width: 100)
    Sample.press("/ 'color:red'", &s)
    let status = Sample.screen(s).split(separator: "\n", omittingEmptySubsequences: false)[s.height - 2]
    #expect(status.contains("✗ color:red: unknown field"), "\(status)")
    #expect(status.contains("8 matches"))
  }

  @Test func everyTermIsInTheHelpAndTheDoc() {
    let help = Bindings.helpLines(width: 100).joined(separator: "\n")
    let doc = Bindings.markdown()
    for t in ["issue", "size>100", "expires<30d", "persistent", "insecure", "httponly"] {
      #expect(help.contains(t), "help lacks \(t)")
      #expect(doc.contains("`\(t)`"), "doc lacks \(t)")
    }
  }
}

@Suite struct HelpScreenTests {
  @Test func pagesAndStopsAtTheEnd() {
    var s = Sample.state(width: 100, height: 20)
    Sample.press("?", &s)
    let total = Bindings.helpLines(width: s.helpWidth).count
    let page = s.helpPageHeight
    #expect(total > page * 2)
    Sample.press("space", &s)
    #expect(s.helpScroll == page - 1)
    Sample.press("pgdown", &s)
    #expect(s.helpScroll == 2 * (page - 1))
    Sample.press("pgup", &s)
    #expect(s.helpScroll == page - 1)
    Sample.press("G", &s)
    #expect(s.helpScroll == total - page)
    Sample.press("j j space", &s)
    #expect(s.helpScroll == total - page, "scrolled past the end")
    let screen = Sample.screen(s)
    #expect(screen.contains("Wheel"), "the last line is on the last page")
    Sample.press("g", &s)
    #expect(s.helpScroll == 0)
    Sample.press("k", &s)
    #expect(s.helpScroll == 0)
  }

  /// At 60 columns the help wraps: no line wider than the box, no word cut.
  @Test func wrapsWithoutCuttingWords() {
    let width = 57
    let lines = Bindings.helpLines(width: width)
    for l in lines { #expect(DisplayWidth.of(l) <= width, "\(l)") }
    let words = Set(lines.joined(separator: " ").split(separator: " ").map(String.init))
    for b in Bindings.all {
      for w in b.help.split(separator: " ") { #expect(words.contains(String(w)), "\(w) cut in: \(b.help)") }
    }
    var s = Sample.state(width: 60, height: 20)
    Sample.press("?", &s)
    #expect(!Sample.screen(s).contains("…│"), "a help line was cut")
  }
}

@Suite struct FooterAndStatusTests {
  @Test(arguments: [40, 60, 80, 120])
  func helpAndQuitAlwaysFit(_ width: Int) {
    let s = Sample.state(width: width, height: 20)
    let footer = Sample.screen(s).split(separator: "\n", omittingEmptySubsequences: false)[s.height - 1]
    #expect(footer.contains("? help"), "\(width): \(footer)")
    #expect(footer.contains("q quit"), "\(width): \(footer)")
  }

  @Test func anUnboundKeySaysSo() {
    var s = Sample.state()
    Sample.press("x", &s)
    #expect(s.message?.text == "x: not a key here, ? for help")
    Sample.press("j", &s)
    #expect(s.message == nil, "an old message stays up")
  }

  /// A message has its own room: the counts give way by whole parts, never cut mid-word.
  @Test(arguments: [70, 80, 100])
  func messagesDoNotOverwriteTheCounts(_ width: Int) {
    var s = Sample.state(width: width)
    Sample.press("space d y", &s)
    #expect(s.message != nil)
    let lines = Sample.screen(s).split(separator: "\n", omittingEmptySubsequences: false)
    let status = String(lines[s.height - 2])
    #expect(status.contains("● unsaved"), "\(status)")
    #expect(status.contains(" marked"), "\(status)")
    #expect(status.contains("Deleted 1 cookie"), "\(status)")
  }

  @Test func pendingChangesCountOnlyWhatIsNotSaved() {
    var s = Sample.state()
    Sample.press("d y", &s)
    #expect(s.store.changesSinceSave.count == 1)
    s.store.markSaved()
    #expect(s.store.changesSinceSave.isEmpty)
    #expect(s.store.changesSinceLoad.count == 1, "line edits stay relative to the load")
    Sample.press("j d y", &s)
    #expect(s.store.changesSinceSave.count == 1)
    Sample.press("q", &s)
    #expect(Sample.screen(s).contains("1 cookie changed since the last save"))
    Sample.press("n u", &s)
    #expect(s.store.changesSinceSave.isEmpty, "undone back to the saved state")
    Sample.press("u", &s)
    #expect(s.store.changesSinceSave.map(\.1) == [.added], "undoing a saved delete adds it back")
  }

  /// After the save policy asks (the file changed on disk), `y` writes and still quits.
  @Test func saveAndQuitSurvivesTheOverwriteQuestion() {
    var s = Sample.state()
    Sample.press("d y q", &s)
    let effects = Sample.press("w", &s)
    guard case .save(let job)? = effects.first else {
      Issue.record("no save: \(effects)")
      return
    }
    #expect(update(&s, .wrote(job, error: nil, question: "cookies.txt changed on disk")).isEmpty)
    let again = Sample.press("y", &s)
    guard case .save(let forced)? = again.first else {
      Issue.record("no forced save: \(again)")
      return
    }
    #expect(forced.force)
    #expect(update(&s, .wrote(forced, error: nil, question: nil)) == [.quit])
  }

  @Test func copyKeys() {
    var s = Sample.state()
    Sample.press("j", &s)
    let sid = s.store[s.selected!]
    #expect(Sample.press("y", &s) == [.copy(sid.value, what: "the value of \(sid.name)")])
    guard case .copy(let line, _)? = Sample.press("Y", &s).first else {
      Issue.record("Y copies nothing")
      return
    }
    #expect(line.hasPrefix("Set-Cookie: \(sid.name)=\(sid.value); Path=/"))
    #expect(line.contains("Secure") && line.contains("HttpOnly") && line.contains("SameSite=Lax"))
    _ = update(&s, .copied("Copied it", ok: true))
    #expect(s.message?.text == "Copied it")
  }
}

/// Issue 12 §2 in the inspector: `m` redacts values on screen, for sharing it.
@Suite struct ScreenRedactionTests {
  static func redacting() -> AppState {
    var s = Sample.state(width: 120, height: 30)
    s.redaction = ValueRedaction(digest: { v in String(UInt32(truncatingIfNeeded: v.hashValue), radix: 16) })
    return s
  }

  @Test func mHidesEveryValueOnScreenAndShowsThemAgain() {
    var s = ScreenRedactionTests.redacting()
    Sample.press("j enter", &s)
    let before = Sample.screen(s)
    #expect(before.contains("31d4d96e407aad42"))
    Sample.press("m", &s)
    let screen = Sample.screen(s)
    for c in Sample.cookies where c.value.utf8.count >= 4 {
      // No run of 4 characters of a value is on screen (the escaped forms included).
      let v = Array(TerminalText.escaped(c.value))
      for i in 0..<max(0, v.count - 3) {
        let run = String(v[i..<(i + 4)])
        #expect(
          !screen.contains(run)
            || Sample.cookies.contains { $0.name.contains(run) || $0.domain.contains(run) },
          "\(run) of \(c.name)")
      }
    }
    #expect(screen.contains("[redacted|len=16|"))
    #expect(screen.contains("values redacted"))
    #expect(Sample.press("e", &s).isEmpty)
    #expect(s.message?.text.contains("redacted") == true)
    Sample.press("m", &s)
    #expect(Sample.screen(s).contains("31d4d96e407aad42"))
  }

  @Test func withoutARedactionMSaysSo() {
    var s = Sample.state()
    Sample.press("m", &s)
    #expect(!s.redactsValues)
    #expect(s.message?.text == "Redaction is not available here")
  }
}
