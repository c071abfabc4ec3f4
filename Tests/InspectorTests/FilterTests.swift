import CookieCore
import Foundation
import TerminalKit
import Testing

@testable import Inspector

@Suite struct FilterTests {
  @Test(arguments: [
    ("", 8), ("example", 5), ("EXAMPLE", 5), ("domain:example.com", 4), ("name:sid", 1), ("expired", 2),
    ("session", 2), ("!session", 6), ("-expired", 6), ("secure:no", 6), ("secure:yes", 2),
    ("httponly:yes", 3),
    ("samesite:none", 1), ("samesite:lax", 1), ("samesite:unset", 6), ("domain:example secure:yes", 2),
    ("值", 1), ("🍪", 1), ("secure:maybe", 8), ("path:/app", 1), ("value:%3d", 1), ("x1b", 0),
  ])
  func terms(_ query: String, _ expected: Int) {
    let f = CookieFilter.parse(query)
    let n = Sample.cookies.filter { f.matches($0, now: Sample.now) }.count
    #expect(n == expected, "\(query)")
  }

  @Test func invalidTermsAreReported() {
    #expect(
      CookieFilter.parse("secure:maybe samesite:sideways").problems == [
        "secure:maybe: use secure:yes or secure:no",
        "samesite:sideways: use samesite:none, lax, strict or unset",
      ])
  }

  /// Typing a query one character at a time (narrowing where allowed) must give the same
  /// rows as filtering from scratch.
  @Test(arguments: [
    "exam", "expired", "domain:www secure:yes", "-expired lang", "session x", "samesite:n", "e!x",
  ])
  func incrementalEqualsFromScratch(_ query: String) {
    var s = Sample.state()
    Sample.press("/", &s)
    var typed = ""
    for c in query {
      typed.append(c)
      _ = update(&s, .key(Key.char(c)))
      let f = CookieFilter.parse(typed)
      let expected = s.store.handles.filter { f.matches(s.store[$0], now: Sample.now) }
      #expect(s.visible == expected, "after typing \(typed)")
    }
  }

  @Test func narrowingRules() {
    let a = CookieFilter.parse("exa")
    #expect(CookieFilter.parse("exam").narrows(a))
    #expect(CookieFilter.parse("exa secure:yes").narrows(a))
    #expect(!CookieFilter.parse("expired").narrows(CookieFilter.parse("expire")))
    #expect(CookieFilter.parse("domain:exam").narrows(CookieFilter.parse("domain:exa")))
    #expect(!CookieFilter.parse("ex").narrows(a))
  }

  /// Found by the filter fuzz target: U+0604 (a prepended concatenation mark) joined the
  /// space after it into one Character, so "x\u{604} -y" was one word, not two.
  @Test func wordsSplitAtSpacesAfterPrependedMarks() {
    let f = CookieFilter.parse("sid\u{604} -y")
    #expect(f.terms == [.text(Array("sid\u{604}".utf8)), .not(.text(Array("y".utf8)))])
    #expect(CookieFilter.parse("-sid\u{604} ").narrows(CookieFilter.parse("-sid\u{604}")))
  }
}

@Suite struct SlicedFilterTests {
  /// With tiny slices, every keystroke shows a prefix of the final rows and `Msg.work`
  /// finishes the job; the result equals filtering from scratch, sorted or not.
  @Test(arguments: ["exam", "expired", "-expired lang", "secure:no e"])
  func slicesGiveTheSameRows(_ query: String) {
    for sorted in [false, true] {
      var s = Sample.state()
      s.workSlice = 2
      if sorted { Sample.press("l l ]", &s) }
      while s.hasPendingWork { _ = update(&s, .work) }
      Sample.press("/", &s)
      var typed = ""
      for c in query {
        typed.append(c)
        _ = update(&s, .key(Key.char(c)))
        var steps = 0
        while s.hasPendingWork && steps < 100 {
          let partial = s.visible
          _ = update(&s, .work)
          #expect(Array(s.visible.prefix(partial.count)) == partial, "partial rows are not a prefix")
          steps += 1
        }
        #expect(!s.hasPendingWork)
        var fresh = Sample.state()
        if sorted { Sample.press("l l ]", &fresh) }
        fresh.filter = TextField(typed)
        fresh.refreshRows()
        #expect(s.visible == fresh.visible, "after typing \(typed), sorted \(sorted)")
      }
    }
  }

  @Test func pendingWorkShowsProgress() {
    var s = Sample.state()
    s.workSlice = 3
    Sample.press("/ 'e'", &s)
    #expect(s.hasPendingWork)
    #expect(Sample.screen(s).contains("matches, 37%"))
  }
}

@Suite struct SlicedCountTests {
  @Test func recountInSlicesMatchesAFreshState() {
    var s = Sample.state()
    s.workSlice = 1
    Sample.press("G d y u ctrl+r", &s)
    var steps = 0
    while s.hasPendingWork && steps < 100 {
      _ = update(&s, .work)
      steps += 1
    }
    #expect(!s.hasPendingWork)
    let fresh = AppState(store: CookieStore(loading: s.store.cookies), now: Sample.now)
    #expect(s.derived.domains.map(\.domain) == fresh.derived.domains.map(\.domain))
    #expect(s.derived.domains.map(\.count) == fresh.derived.domains.map(\.count))
    #expect(s.expiredCount == fresh.expiredCount)
  }

  @Test func expiredCountFollowsTheClock() {
    var s = Sample.state()
    #expect(s.expiredCount == 2)
    _ = update(&s, .tick(Sample.at(4)))
    #expect(s.expiredCount == 3)
    _ = update(&s, .tick(Sample.at(1000)))
    #expect(s.expiredCount == 6)
  }
}

@Suite struct SlicedSortTests {
  /// A jar with repeated names and expiries, so ties and the merge both matter.
  static func jar() -> [Cookie] {
    var rng = SplitMix(seed: 7)
    var out: [Cookie] = []
    let names = [
      "sid", "SID", "lang", "_ga", "theme", "a-very-long-name-prefix-1", "a-very-long-name-prefix-2", "中文",
    ]
    for i in 0..<300 {
      let r = rng.next()
      let expires: Instant? = r % 5 == 0 ? nil : Sample.at(Int64(r % 40) - 20)
      out.append(
        Cookie(
          name: names[Int(r % UInt64(names.count))] + (r % 3 == 0 ? "" : String(i)), value: String(r % 97),
          domain: "d\(r % 13).example", path: "/\(r % 4)", expires: expires, secure: r & 8 != 0,
          httpOnly: r & 16 != 0, sameSite: SameSite(rawValue: UInt8(r >> 5 & 3)) ?? .unset))
    }
    return out
  }

  @Test(arguments: ColumnID.allCases)
  func slicedSortEqualsOneShot(_ column: ColumnID) {
    let store = CookieStore(loading: SlicedSortTests.jar())
    let expected = SortCache.compute(column, store: store, now: Sample.now)
    for descending in [false, true] {
      var s = AppState(store: store, now: Sample.now)
      s.workSlice = 5
      s.sortRunLength = 7
      s.column = column
      Sample.press(descending ? "]" : "[", &s)
      #expect(s.hasPendingWork, "the sort should be sliced")
      var steps = 0
      while s.hasPendingWork && steps < 10_000 {
        _ = update(&s, .work)
        steps += 1
      }
      #expect(s.sort == SortOrder(column: column, descending: descending))
      #expect(
        s.visible == (descending ? expected.reversed() : expected), "\(column) descending \(descending)")
    }
  }
}

/// One order for every jar size: the one-shot sort (small jars) and the sliced one (large
/// jars) share `SortKeys`, and a character split at the 8-byte key boundary compares as
/// bytes in both (it once became U+FFFD in the sliced sort only).
@Suite struct SortTieBreakTests {
  /// 'é' is C3 A9 and 'è' C3 A8: after seven a's, byte 8 is A9 or A8. In file order the é
  /// one comes first, so a wrong tie-break in either direction shows.
  static let split = ["aaaaaaaéa", "aaaaaaaèz"]

  static func sortByName(fillers: Int) -> (sliced: Bool, names: [String]) {
    var cookies = split.map { Cookie(name: $0, value: "1", domain: "split.test") }
    for i in 0..<fillers { cookies.append(Cookie(name: "filler\(i)", value: "1", domain: "fill.test")) }
    var s = AppState(store: CookieStore(loading: cookies), now: Sample.now)
    #expect(s.column == .name)
    Sample.press("[", &s)
    let sliced = s.hasPendingWork
    while s.hasPendingWork { _ = update(&s, .work) }
    return (sliced, s.visible.map { s.store[$0].name }.filter { split.contains($0) })
  }

  @Test func aJarAboveTheSliceThresholdSortsLikeOneBelow() {
    let threshold = AppState(store: CookieStore(loading: []), now: Sample.now).workSlice
    let small = SortTieBreakTests.sortByName(fillers: 0)
    let large = SortTieBreakTests.sortByName(fillers: threshold + 1)
    #expect(!small.sliced, "two cookies sort in one go")
    #expect(large.sliced, "a jar above the threshold sorts in slices")
    // Byte order of the UTF-8: A8 (è) before A9 (é).
    #expect(small.names == ["aaaaaaaèz", "aaaaaaaéa"])
    #expect(large.names == small.names)
  }

  /// Strings with multi-byte characters across bytes 7–16, sorted one-shot and sliced (tiny
  /// runs), against a plain folded byte comparison.
  @Test func bothSortsEqualAFoldedByteComparison() {
    var rng = SplitMix(seed: 11)
    let pieces = ["a", "A", "é", "è", "中", "🍪", "z", "Z", "\u{0}", "ÿ"]
    var cookies: [Cookie] = []
    for i in 0..<400 {
      var name = "x"
      for _ in 0..<Int(rng.next() % 12) { name += pieces[Int(rng.next() % UInt64(pieces.count))] }
      cookies.append(Cookie(name: name, value: "1", domain: "d\(i).test"))
    }
    let store = CookieStore(loading: cookies)
    let folded = store.handles.map { CookieFilter.folded(store[$0].name) }
    let expected = store.handles.indices.sorted { a, b in
      folded[a] != folded[b] ? folded[a].lexicographicallyPrecedes(folded[b]) : a < b
    }.map { store.handles[$0] }
    #expect(SortCache.compute(.name, store: store, now: Sample.now) == expected)
    var s = AppState(store: store, now: Sample.now)
    s.workSlice = 7
    s.sortRunLength = 5
    Sample.press("[", &s)
    #expect(s.hasPendingWork)
    while s.hasPendingWork { _ = update(&s, .work) }
    #expect(s.visible == expected)
  }
}
