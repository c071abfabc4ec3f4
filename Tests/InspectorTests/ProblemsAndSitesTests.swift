import CookieCore
import Foundation
import Testing

@testable import Inspector
@testable import TerminalKit

/// The problems view (`!`) and the domain list grouped by site (issue 9 §4).
@Suite struct ProblemsViewTests {
  static func state(problems: [Diagnostic]) -> AppState {
    AppState(
      store: CookieStore(loading: Sample.cookies), now: Sample.now,
      files: [OpenFile(name: "cookies.txt", format: .netscape)], width: 100, height: 20,
      problems: problems)
  }

  static let problems = [
    Diagnostic(
      .warning, file: "cookies.txt", line: 7, "expected 7 tab-separated fields, found 3; line skipped"),
    Diagnostic(
      .warning, file: "cookies.txt", line: 12,
      "entry 3 response (GET https://a.example/): Set-Cookie rejected: Domain=com is a public suffix"),
    Diagnostic(.note, file: "cookies.txt", "name \u{1b}[31mred has a control character"),
  ]

  @Test func bangListsEachProblemWithItsReasonAndPlace() {
    var s = Self.state(problems: Self.problems)
    Sample.press("!", &s)
    guard case .problems = s.mode else {
      Issue.record("! did not open the problems view")
      return
    }
    let screen = Sample.screen(s)
    #expect(screen.contains("Problems reading (Esc returns)"))
    #expect(screen.contains("3 problems found while reading"))
    #expect(screen.contains("! warning  cookies.txt:7"))
    #expect(screen.contains("expected 7 tab-separated fields, found 3; line skipped"))
    #expect(screen.contains("! warning  cookies.txt:12"))
    #expect(screen.contains("Set-Cookie rejected: Domain=com is a public suffix"))
    // Text from the file reaches the screen escaped.
    #expect(screen.contains("name \\x1b[31mred"))
    #expect(!screen.contains("\u{1b}"))
    Sample.press("esc", &s)
    guard case .table = s.mode else {
      Issue.record("Esc did not return to the table")
      return
    }
  }

  @Test func scrollsWithinItsContent() {
    let many = (1...40).map { (i: Int) in Diagnostic(.warning, file: "cookies.txt", line: i, "bad line \(i)")
    }
    var s = Self.state(problems: many)
    Sample.press("! pgdown", &s)
    #expect(s.problemsScroll == 20 - 4)
    Sample.press("space space space space space space space", &s)
    let total = problemLines(s, width: 97).count
    #expect(s.problemsScroll == total - (20 - 3))
    #expect(Sample.screen(s).contains("bad line 40"))
    Sample.press("k", &s)
    #expect(s.problemsScroll == total - (20 - 3) - 1)
  }

  @Test func withoutProblemsTheKeySaysSo() {
    var s = Self.state(problems: [])
    Sample.press("!", &s)
    guard case .table = s.mode else {
      Issue.record("! opened an empty view")
      return
    }
    #expect(s.message?.text == "No problems reading the files")
  }
}

@Suite struct SiteGroupTests {
  @Test(arguments: [
    ("accounts.example.net", "example.net"), ("example.net", "example.net"),
    ("a.b.example.co.uk", "example.co.uk"),
    ("foo.github.io", "foo.github.io"), ("localhost", "localhost"), ("192.168.0.1", "192.168.0.1"), ("", ""),
    ("com", "com"),
  ])
  func siteOfAHost(_ host: String, _ site: String) {
    #expect(SiteGrouping.site(of: host) == site)
  }

  static func domainList(_ s: AppState) -> [String] {
    s.domainRows.map { row in
      let (name, count, group) = s.domainRowInfo(row)
      var t = (row == .all ? "" : (group == nil ? "  " : "")) + name
      if let group, group.isExpandable { t += s.expandedSites.contains(group.site) ? " ▾" : " ▸" }
      return t + " \(count)"
    }
  }

  @Test func hostsAreGroupedUnderTheirSiteWithCounts() {
    var s = Sample.state(width: 110, height: 16)
    #expect(
      Self.domainList(s) == [
        "All 8", "evil.test 1", "example.com ▸ 4", "localhost 1", "shop.example.jp 1", "tracker.test 1",
      ])
    // Choosing the site shows the cookies of all its hosts.
    Sample.press("tab j j", &s)
    #expect(s.site == "example.com" && s.domain == nil)
    #expect(s.visible.count == 4)
    #expect(Sample.screen(s).contains("example.com ▸"))
    // l expands, j goes to a host, which shows only its own cookies.
    Sample.press("l", &s)
    #expect(
      Self.domainList(s) == [
        "All 8", "evil.test 1", "example.com ▾ 4", "  example.com 2", "  www.example.com 2", "localhost 1",
        "shop.example.jp 1", "tracker.test 1",
      ])
    Sample.press("j j", &s)
    #expect(s.domain == "www.example.com" && s.site == nil && s.visible.count == 2)
    #expect(Sample.screen(s).contains("  www.example.com"))
    // h on a host collapses its site and chooses it.
    Sample.press("h", &s)
    #expect(s.site == "example.com" && s.domainCursor == 2 && s.visible.count == 4)
    #expect(Self.domainList(s)[2] == "example.com ▸ 4")
    // With the table focused, h and l still move between columns.
    Sample.press("tab l", &s)
    #expect(s.column == .value)
  }

  @Test func chosenHostSurvivesAnEdit() {
    var s = Sample.state(width: 110, height: 16)
    Sample.press("tab j j l j j tab d y", &s)
    #expect(s.store.count == 7)
    #expect(s.domain == "www.example.com")
    #expect(s.domainRows[s.domainCursor] == .host(1, 1))
    #expect(s.visible.count == 1)
  }

  @Test func aSiteFilterMatchesOnlyItsOwnHosts() {
    let c = { (d: String) in Cookie(name: "n", value: "v", domain: d) }
    #expect(AppState.cookie(c("accounts.example.net"), isIn: "example.net"))
    #expect(AppState.cookie(c("example.net"), isIn: "example.net"))
    #expect(!AppState.cookie(c("badexample.net"), isIn: "example.net"))
    #expect(!AppState.cookie(c("example.net.evil"), isIn: "example.net"))
    // github.io is a public suffix: foo.github.io is a site of its own.
    #expect(!AppState.cookie(c("foo.github.io"), isIn: "github.io"))
  }

  /// 78,000 hosts (the 1M-cookie jar's count) are grouped once per store change; drawing
  /// frames or moving does not regroup them.
  @Test func groupingIsDoneOncePerStoreChange() {
    var cookies: [Cookie] = []
    for i in 0..<78_000 {
      let n = String(i / 13)
      let site = "s" + String(repeating: "0", count: 4 - n.count) + n + ".example"
      cookies.append(Cookie(name: "c", value: "1", domain: "h\(i % 13)." + site))
    }
    var s = AppState(store: CookieStore(loading: cookies), now: Sample.now, width: 120, height: 30)
    while s.hasPendingWork { _ = update(&s, .work) }
    #expect(s.derived.sites.count == 6000)
    #expect(s.domainRows.count == 6001)
    #expect(s.derived.siteCache.count == 78_000)
    let revision = s.derived.revision
    Sample.press("tab j j j", &s)
    _ = Sample.screen(s)
    #expect(s.derived.revision == revision)
    #expect(s.site == "s0002.example" && s.visible.count == 13)
  }
}
