import CookieCore
import Foundation
import TerminalKit
import Testing

@testable import Inspector

/// Issue 9 §1: the columns that matter fit without scrolling sideways, Name stays pinned,
/// headers are shortened rather than cut, `<`/`>` resize, and the view settings survive a
/// round trip through their file's text.
@Suite struct ColumnLayoutTests {
  static let main: [ColumnID] = [.name, .value, .domain, .path, .expires, .flags]

  func header(_ s: AppState) -> String {
    let layout = Layout(s)
    let lines = Sample.screen(s).split(separator: "\n", omittingEmptySubsequences: false)
    let line = String(lines[layout.table.y])
    // The table's part of the line (right of the domain list).
    return String(line.dropFirst(layout.table.x))
  }

  @Test(arguments: [(80, 24), (120, 32)])
  func theMainColumnsFitSideBySide(_ size: (Int, Int)) {
    let s = Sample.state(width: size.0, height: size.1)
    let ids = Layout(s).columns.map(\.id)
    #expect(Array(ids.prefix(6)) == ColumnLayoutTests.main, "\(ids)")
    let h = header(s)
    for title in ["Name", "Value", "Domain", "Path", "Expires", "Flags"] {
      #expect(h.contains(title), "\(title) missing from header: \(h)")
    }
    #expect(!h.contains("…"), "a header was cut: \(h)")
    // The row of `sid` (HttpOnly, Secure, SameSite=Lax) shows its flags.
    #expect(Sample.screen(s).contains("H S Lax"))
  }

  @Test func theDomainListShowsFrom100ColumnsOrWhileFocused() {
    var s = Sample.state(width: 80, height: 24)
    #expect(Layout(s).domains == nil)
    #expect(Sample.screen(s).contains("Tab domains"))
    Sample.press("tab", &s)
    #expect(Layout(s).domains != nil)
    #expect(Sample.screen(s).contains("Domains (6)"))
    Sample.press("tab", &s)
    #expect(Layout(s).domains == nil)
    #expect(Layout(Sample.state(width: 100)).domains != nil)
  }

  @Test func headersAreNeverCutAtAnyWidth() {
    for width in 30...220 {
      for keys in ["", "l l l l [", "l l l l l ]", "+ l l l l l l l l", "t t"] {
        var s = Sample.state(width: width, height: 12)
        Sample.press(keys, &s)
        let h = header(s)
        #expect(!h.contains("…"), "width \(width), keys \(keys): \(h)")
        #expect(h.hasPrefix("   Name"), "width \(width), keys \(keys): Name is not pinned: \(h)")
      }
    }
  }

  @Test func nameStaysPinnedWhileColumnsScroll() {
    var s = Sample.state(width: 80, height: 24)
    Sample.press("+", &s)
    for _ in 0..<12 { Sample.press("l", &s) }
    #expect(s.column == .priority)
    let ids = Layout(s).columns.map(\.id)
    #expect(ids.first == .name)
    #expect(ids.contains(.priority))
    #expect(!ids.contains(.value), "the table did not scroll: \(ids)")
    #expect(header(s).hasPrefix("   Name"))
    #expect(Sample.screen(s).contains("__Secure-token"))
  }

  @Test func individualFlagColumnsAreHiddenByDefaultButAvailable() {
    var s = Sample.state(width: 200)
    #expect(s.hidden == [.httpOnly, .secure, .sameSite])
    #expect(!header(s).contains("HttpOnly"))
    Sample.press("+", &s)
    let h = header(s)
    #expect(h.contains("HttpOnly") && h.contains("Secure") && h.contains("SameSite"), "\(h)")
  }

  @Test func lessAndGreaterResizeTheSelectedColumn() {
    var s = Sample.state(width: 120, height: 24)
    Sample.press("l l", &s)
    #expect(s.column == .domain)
    let before = Layout(s).columns.first { $0.id == .domain }!.width
    Sample.press(">", &s)
    #expect(Layout(s).columns.first { $0.id == .domain }!.width == before + 2)
    #expect(s.columnWidths[.domain] == before + 2)
    Sample.press("< <", &s)
    #expect(Layout(s).columns.first { $0.id == .domain }!.width == before - 2)
    for _ in 0..<20 { Sample.press("<", &s) }
    // Never narrower than the header.
    #expect(Layout(s).columns.first { $0.id == .domain }!.width == DisplayWidth.of("Domain"))
    #expect(!header(s).contains("…"))
  }

  @Test func expiresTakesAShorterFormBeforeItIsCut() {
    let now = Sample.now
    let e = Sample.at(196)
    let widths: [ExpiryForm: Int] = [.full: 34, .relative: 15, .short: 8]
    #expect(CookieText.form(fitting: 40, display: .both, widths: widths) == .full)
    #expect(CookieText.form(fitting: 20, display: .both, widths: widths) == .relative)
    #expect(CookieText.form(fitting: 12, display: .both, widths: widths) == .day)
    #expect(CookieText.form(fitting: 16, display: .absolute, widths: [.full: 19]) == .minute)
    #expect(CookieText.expiry(e, now: now, display: .both, form: .full) == "2027-06-09 12:00 · in 196 d")
    #expect(CookieText.expiry(e, now: now, display: .both, form: .relative) == "in 196 d")
    #expect(CookieText.expiry(e, now: now, display: .absolute, form: .minute) == "2027-06-09 12:00")
    #expect(CookieText.expiry(e, now: now, display: .absolute, form: .day) == "2027-06-09")
    let gone = Sample.at(0, hours: -2)
    #expect(CookieText.expiry(gone, now: now, display: .relative, form: .short) == "-2 h")
    #expect(CookieText.expiry(nil, now: now, display: .both, form: .day) == "Session")
  }

  @Test func aNarrowedExpiresColumnReadsInOneForm() {
    // At 110 columns the full form (34 wide for "… · expired 2 h ago") does not fit.
    let s = Sample.state(width: 110, height: 16)
    let col = Layout(s).columns.first { $0.id == .expires }!
    #expect(col.width == 15)
    let screen = Sample.screen(s)
    #expect(screen.contains("in 196 d") && screen.contains("in 3 d") && !screen.contains("2026-11-28"))
  }

  @Test func flagsSumUpTheFourAttributes() {
    var c = Cookie(name: "a", value: "b", domain: "example.com", secure: true, httpOnly: true, sameSite: .lax)
    c.partitioned = true
    #expect(CookieText.flags(c) == "H S Lax P")
    #expect(CookieText.flags(Cookie(name: "a", value: "b", domain: "x.test")) == "")
    #expect(CookieText.flags(Cookie(name: "a", value: "b", domain: "x.test", sameSite: .none)) == "None")
  }

  @Test func sortingByFlagsGroupsLikeFlags() {
    var s = Sample.state()
    s.column = .flags
    Sample.press("]", &s)
    #expect(s.store[s.visible[0]].httpOnly && s.store[s.visible[0]].secure)
  }
}

@Suite struct ViewSettingsTests {
  @Test func roundTripsThroughItsText() throws {
    var v = ViewSettings()
    v.hidden = [.value, .size]
    v.widths = [.domain: 24, .name: 9]
    v.sort = SortOrder(column: .expires, descending: true)
    v.timeDisplay = .relative
    let back = try ViewSettings.parse(Data(v.json.utf8))
    #expect(back == v)
    #expect(v.json.contains("\"expires\": \"relative\""))
  }

  @Test(arguments: [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    ("{\"hiddenColumns\": 3}", "hiddenColumns"),
    ("{\"columnWidths\": {\"name\": -1}}", "columnWidths.name"),
    ("{\"expires\": \"sometimes\"}", "expires"),
    ("{\"sort\": 5}", "sort"),
  ])
  func aBrokenFileSaysWhatIsWrong(_ text: String, _ expected: String) {
    do {
      _ = try ViewSettings.parse(Data(text.utf8))
      Issue.record("\(text) was accepted")
    } catch {
      #expect(error.description.contains(expected), "\(error.description)")
    }
  }

  @Test func unknownNamesAreSkipped() throws {
    let v = try ViewSettings.parse(
      Data(#"{"hiddenColumns": ["size", "colour"], "columnWidths": {"nope": 4}, "future": true}"#.utf8))
    #expect(v.hidden == [.size])
    #expect(v.widths.isEmpty)
  }

  @Test func applyingSettingsChangesTheTable() {
    var s = Sample.state(width: 120)
    var v = ViewSettings()
    v.hidden = [.path]
    v.widths = [.domain: 30]
    v.sort = SortOrder(column: .name, descending: true)
    v.timeDisplay = .absolute
    s.viewSettings = v
    #expect(s.viewSettings == v)
    let cols = Layout(s).columns
    #expect(!cols.contains { $0.id == .path })
    #expect(cols.first { $0.id == .domain }?.width == 30)
    #expect(s.store[s.visible[0]].name == "中文" || s.store[s.visible[0]].name == "theme")
    #expect(Sample.screen(s).contains("Name ▼"))
  }

  @Test func settingsThatHideEveryColumnFallBackToTheDefaults() {
    var s = Sample.state()
    var v = ViewSettings()
    v.hidden = Set(ColumnID.allCases)
    s.viewSettings = v
    #expect(!s.shownColumns.isEmpty)
  }
}
