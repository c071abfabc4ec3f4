import CookieCore
import Foundation
import TerminalKit
import Testing

@testable import Inspector

/// Issue 12 §1 in the inspector: `crumbs --diff A B` as a compare view.
@Suite struct CompareViewTests {
  /// A: lang, sid (v1), old. B: lang, sid (v2, Secure), new.
  static func state() -> AppState {
    let lang = Cookie(name: "lang", value: "en", domain: "example.com", hostOnly: false)
    let sidA = Cookie(name: "sid", value: "v1", domain: "www.example.com")
    var sidB = sidA
    sidB.value = "v2"
    sidB.secure = true
    let old = Cookie(name: "old", value: "gone", domain: "www.example.com")
    let new = Cookie(name: "new", value: "fresh", domain: "www.example.com")
    let info = CompareInfo(
      left: [lang, sidA, old], right: [lang, sidB, new], leftName: "a.txt", rightName: "b.txt")
    var s = AppState(
      store: CookieStore(loading: info.cookies), now: Sample.now,
      files: [OpenFile(name: "a.txt", format: .netscape), OpenFile(name: "b.txt", format: .netscape)],
      width: 120, height: 30, writers: WriterSet([TestWriter.self]))
    s.compare = info
    return s
  }

  static func row(_ s: AppState, _ name: String) -> String? {
    Sample.screen(s).split(separator: "\n").map(String.init).first {
      $0.contains("\(name) ") && $0.contains("│")
    }
  }

  @Test func everyCookieHasItsStatus() {
    let s = Self.state()
    #expect(s.store.count == 4)
    #expect(Self.row(s, "lang")?.contains("same") == true)
    #expect(Self.row(s, "sid")?.contains("~ changed") == true)
    #expect(Self.row(s, "new")?.contains("+ added") == true)
    #expect(Self.row(s, "old")?.contains("- removed") == true)
    #expect(Sample.screen(s).contains("Status"))
    // Outside the compare view there is no Status column.
    #expect(!Sample.screen(Sample.state(width: 120)).contains("Status"))
  }

  @Test(arguments: [
    ("status:changed", ["sid"]), ("status:added", ["new"]), ("status:removed", ["old"]),
    ("status:same", ["lang"]),
    ("-status:same", ["sid", "new", "old"]),
  ])
  func statusFilterTerms(_ query: String, _ names: [String]) {
    var s = Self.state()
    Sample.press("/ '\(query)' enter", &s)
    #expect(Set(s.visible.map { s.store[$0].name }) == Set(names), "\(query)")
  }

  @Test func theDetailPaneShowsBothSides() {
    var s = Self.state()
    s.height = 50
    Sample.press("/ 'name:sid' enter enter", &s)
    let screen = Sample.screen(s)
    #expect(screen.contains("Compare: a.txt → b.txt"))
    #expect(screen.contains("value: v1 → v2"))
    #expect(screen.contains("secure: no → yes"))
  }

  @Test func lAndRTakeASideAndUndoBringsItBack() {
    var s = Self.state()
    Sample.press("/ 'name:sid' enter L", &s)
    let sid = s.store.handles.first { s.store[$0].name == "sid" }!
    #expect(s.store[sid].value == "v1" && !s.store[sid].secure)
    Sample.press("R", &s)
    #expect(s.store[sid].value == "v2" && s.store[sid].secure)
    // Taking the side that lacks a cookie removes it.
    Sample.press("esc / 'name:new' enter L", &s)
    #expect(!s.store.handles.contains { s.store[$0].name == "new" })
    Sample.press("u", &s)
    #expect(s.store.handles.contains { s.store[$0].name == "new" })
    // `w` has no one file to save to: the result goes out with W.
    Sample.press("w", &s)
    #expect(s.message?.text.contains("saves the result with W") == true)
  }

  @Test func outsideTheCompareViewLAndRSaySo() {
    var s = Sample.state()
    Sample.press("L", &s)
    #expect(s.message?.text.contains("compare view") == true)
  }
}
