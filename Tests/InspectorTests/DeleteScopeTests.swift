import CookieCore
import TerminalKit
import Testing

@testable import Inspector

/// Issue 9 §2: deleting does only what the user can see; Esc clears marks; the domain list
/// deletes a whole domain and jumps as you type; session cookies go in one step.
@Suite struct DeleteScopeTests {
  func names(_ s: AppState) -> Set<String> { Set(s.store.handles.map { s.store[$0].name }) }

  @Test func deleteActsOnlyOnMarkedRowsThatAreShown() {
    var s = Sample.state()
    // Mark lang and sid, then filter down to sid.
    Sample.press("space space / 'sid' enter", &s)
    #expect(s.marks.count == 2)
    #expect(s.visible.count == 1)
    Sample.press("d", &s)
    guard case .confirm(.delete(let hs)) = s.mode else {
      Issue.record("d did not ask: \(s.mode)")
      return
    }
    #expect(hs.map { s.store[$0].name } == ["sid"])
    let screen = Sample.screen(s)
    #expect(screen.contains("Delete 1 cookie?"))
    #expect(screen.contains("1 marked cookie hidden by the filter stays."))
    Sample.press("y", &s)
    #expect(!names(s).contains("sid"))
    #expect(names(s).contains("lang"))
    // lang stays marked.
    #expect(s.marks.count == 1 && s.marks.allSatisfy { s.store[$0].name == "lang" })
  }

  @Test func withOnlyHiddenMarksDeleteTakesTheSelectedRowAndSaysSo() {
    var s = Sample.state()
    Sample.press("space / 'theme' enter d", &s)
    let screen = Sample.screen(s)
    #expect(screen.contains("Delete 1 cookie?"))
    #expect(screen.contains("theme @"))
    #expect(screen.contains("1 marked cookie hidden by the filter stays."))
  }

  @Test func escClearsTheMarksWhenNothingElseIsOpen() {
    var s = Sample.state()
    Sample.press("space space / 'sid' enter enter", &s)
    #expect(s.showDetail)
    Sample.press("esc", &s)
    #expect(!s.showDetail && s.marks.count == 2)
    Sample.press("esc", &s)
    #expect(s.filter.text.isEmpty && s.marks.count == 2)
    Sample.press("esc", &s)
    #expect(s.marks.isEmpty)
    #expect(Sample.screen(s).contains("0 marked"))
  }

  @Test func dInTheDomainListDeletesTheWholeDomainInOneUndoableStep() {
    var s = Sample.state()
    // The list groups hosts by site: jump to the host www.example.com under example.com.
    Sample.press("tab / 'www' enter", &s)
    #expect(s.domain == "www.example.com")
    Sample.press("d", &s)
    #expect(Sample.screen(s).contains("Delete all 2 cookies of www.example.com?"))
    Sample.press("y", &s)
    #expect(s.store.count == 6)
    #expect(!s.store.handles.contains { s.store[$0].domain == "www.example.com" })
    #expect(s.message?.text.contains("Deleted 2 cookies of www.example.com") == true)
    Sample.press("u", &s)
    #expect(s.store.count == 8)
    #expect(s.message?.text == "Undid: delete 2 cookies of www.example.com")
  }

  /// On a site (`example.com ▸`), `d` offers every cookie of all its hosts.
  @Test func dOnASiteDeletesEveryHostOfIt() {
    var s = Sample.state()
    // All, evil.test, example.com ▸ (example.com and www.example.com).
    Sample.press("tab j j", &s)
    #expect(s.site == "example.com")
    Sample.press("d", &s)
    #expect(Sample.screen(s).contains("Delete all 4 cookies of example.com?"))
    Sample.press("y", &s)
    #expect(s.store.count == 4)
    #expect(!s.store.handles.contains { s.store[$0].domain.hasSuffix("example.com") })
    Sample.press("u", &s)
    #expect(s.store.count == 8)
  }

  @Test func dOnAllInTheDomainListDeletesNothing() {
    var s = Sample.state()
    Sample.press("tab d", &s)
    guard case .table = s.mode else {
      Issue.record("d on All asked \(s.mode)")
      return
    }
    #expect(s.store.count == 8)
    #expect(s.message?.text.contains("Select a domain first") == true)
  }

  @Test func typingInTheDomainListJumpsToTheFirstMatch() {
    var s = Sample.state()
    Sample.press("tab / 'sh'", &s)
    #expect(s.domain == "shop.example.jp")
    #expect(Sample.screen(s).contains("domain: sh"))
    Sample.press("backspace backspace 'www'", &s)
    #expect(s.domain == "www.example.com")
    Sample.press("enter", &s)
    guard case .table = s.mode else {
      Issue.record("enter did not close the jump")
      return
    }
    #expect(s.domain == "www.example.com" && s.focus == .domains)
    // Esc goes back to where the jump started.
    Sample.press("/ 'evil' esc", &s)
    #expect(s.domain == "www.example.com")
    // A domain starting with the text comes before one containing it.
    #expect(DomainJump.matches("ex", in: [("a.example.com", 1), ("example.net", 2)]) == [2, 1])
  }

  @Test func upAndDownStepThroughTheMatches() {
    var s = Sample.state()
    Sample.press("tab / 'example'", &s)
    #expect(s.domain == "example.com")
    Sample.press("down", &s)
    #expect(s.domain == "shop.example.jp")
    Sample.press("down", &s)
    #expect(s.domain == "www.example.com")
    Sample.press("up up", &s)
    #expect(s.domain == "example.com")
  }

  @Test func capitalDDeletesEverySessionCookie() {
    var s = Sample.state()
    Sample.press("/ 'evil' enter D", &s)
    let screen = Sample.screen(s)
    #expect(screen.contains("Delete all 2 session cookies?"))
    #expect(screen.contains("2 of them hidden by the filter."))
    Sample.press("y", &s)
    #expect(!s.store.handles.contains { s.store[$0].isSession })
    #expect(s.store.count == 6)
    Sample.press("u", &s)
    #expect(s.store.count == 8)
  }

  @Test func theSessionRecipeDeletesTheSameCookies() {
    var s = Sample.state()
    Sample.press("/ 'session' enter * d y", &s)
    #expect(!s.store.handles.contains { s.store[$0].isSession })
    #expect(s.store.count == 6)
  }
}
