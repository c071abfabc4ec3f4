import CookieCore
import TerminalKit
import Testing

@testable import Inspector

/// A large jar opens, edits and saves without waiting for work on the whole store: the
/// first frame leaves the counts to slices, an edit of a sorted view shows the old order
/// adjusted while the new one is built, and a save written in the background leaves the
/// keys working. Each sliced path ends where the one-shot path does.
@Suite struct BackgroundWorkTests {
  static func drain(_ s: inout AppState) {
    var steps = 0
    while s.hasPendingWork && steps < 100_000 {
      _ = update(&s, .work)
      steps += 1
    }
    #expect(!s.hasPendingWork, "the work should finish")
  }

  /// What the derived data and the table are, for comparing two states.
  static func summary(_ s: AppState) -> String {
    var parts: [String] = []
    parts.append("visible \(s.visible.map(\.index))")
    parts.append("domains \(s.derived.domains.map { "\($0.domain)=\($0.count)" })")
    parts.append("expiries \(s.derived.expiries)")
    parts.append("revision \(s.derived.revision) expired \(s.expiredCount)")
    parts.append(
      "widths \(s.derived.contentWidths.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key)=\($0.value)" })"
    )
    parts.append("cursor \(s.cursor) top \(s.top) domain \(String(describing: s.domain)) \(s.domainCursor)")
    return parts.joined(separator: "\n")
  }

  @Test func theSlicedFirstFrameEndsAsTheOneShotOne() {
    let store = CookieStore(loading: SlicedSortTests.jar() + Sample.cookies)
    let whole = AppState(store: store, now: Sample.now, width: 120, height: 30)
    var sliced = AppState(
      store: store, now: Sample.now, width: 120, height: 30, backgroundWork: true, workSlice: 7)
    // The first frame: every row, the counts still to come.
    #expect(sliced.visible == whole.visible)
    #expect(sliced.hasPendingWork)
    #expect(!sliced.expiredCountKnown)
    let first = Sample.screen(sliced)
    #expect(first.contains("counting…"))
    #expect(first.contains("… expired"))
    // Keys work meanwhile.
    Sample.press("j j", &sliced)
    #expect(sliced.cursor == 2)
    Sample.press("k k", &sliced)
    BackgroundWorkTests.drain(&sliced)
    #expect(sliced.expiredCountKnown)
    #expect(BackgroundWorkTests.summary(sliced) == BackgroundWorkTests.summary(whole))
    #expect(Sample.screen(sliced) == Sample.screen(whole))
  }

  /// A jar drawn before its identity index (the inspector's first frame of a large jar):
  /// once `Msg.indexed` comes, the duplicates a later cookie replaced leave the rows, the
  /// status line says how many, and the state is the one a store loaded at once gives.
  @Test func theIndexArrivingAfterTheFirstFrameEndsAsLoadingAtOnce() throws {
    var again = Sample.cookies[0]
    again.value = "the later one"
    again.sourceLine = 999
    let cookies = SlicedSortTests.jar() + Sample.cookies + [again]
    let whole = AppState(
      store: CookieStore(loading: cookies), now: Sample.now, width: 120, height: 30,
      message: StatusMessage("2 problems reading"))
    var early = AppState(
      store: CookieStore(deferringIndexOf: cookies), now: Sample.now, width: 120, height: 30,
      message: StatusMessage("2 problems reading"), backgroundWork: true, workSlice: 7)
    let distinct = Set(cookies.map(\.id)).count
    let replaced = cookies.count - distinct
    #expect(replaced > 1)
    // Before the index every cookie is a row, the replaced ones too.
    #expect(early.visible.count == cookies.count)
    #expect(whole.visible.count == distinct)
    _ = update(&early, .work)
    _ = update(&early, .indexed(CookieStore.Index(of: cookies)))
    #expect(early.store.isIndexed)
    #expect(early.message?.text == "2 problems reading; \(replaced) duplicates replaced by later ones")
    #expect(early.message?.kind == .warning)
    BackgroundWorkTests.drain(&early)
    // The same state but for the store's revision (the install is one more change).
    func same(_ s: AppState) -> String {
      BackgroundWorkTests.summary(s).split(separator: "\n").filter { !$0.hasPrefix("revision") }.joined(
        separator: "\n")
    }
    #expect(same(early) == same(whole))
    #expect(early.expiredCount == whole.expiredCount)
    // Edits work on the installed index: the later cookie is the live one.
    let id = Sample.cookies[0].id
    let h = try #require(early.store.handle(for: id))
    #expect(early.store[h].value == "the later one")
    // A second index (none should come) changes nothing.
    _ = update(&early, .indexed(CookieStore.Index(of: cookies)))
    #expect(same(early) == same(whole))
  }

  @Test(arguments: [[Int64](), [5], [3, -1, 3, 0, Int64.min, Int64.max, -7, 1 << 40, -(1 << 40)]])
  func theExpirySortEqualsSort(_ fixed: [Int64]) {
    var rng = SplitMix(seed: 3)
    var values = fixed
    if fixed.count > 1 {
      for _ in 0..<5000 {
        let r = rng.next()
        // Microsecond expiries around now, a few far off, some negative, many ties.
        values.append(r % 4 == 0 ? Int64(bitPattern: r) : 1_795_000_000_000_000 + Int64(r % 1000) * 1_000_000)
      }
    }
    for budget in [1, 7, 1000, 1 << 20] {
      var sorter = ExpirySorter(values)
      var steps = 0
      while !sorter.advance(budget: budget) && steps < 1_000_000 { steps += 1 }
      #expect(sorter.values == values.sorted(), "budget \(budget)")
    }
  }

  @Test(arguments: [0, 1, 5, 300])
  func theSlicedMergeSortIsAStableSort(_ count: Int) {
    var rng = SplitMix(seed: 5)
    let items = (0..<count).map { i in DomainCount(domain: "d\(rng.next() % 17)", count: i) }
    let expected = items.sorted { ($0.domain, $0.count) < ($1.domain, $1.count) }.map {
      "\($0.domain)/\($0.count)"
    }
    for (budget, run) in [(1, 1), (3, 4), (7, 2048), (1000, 3)] {
      var sort = SlicedMergeSort(items, runLength: run) { $0.domain < $1.domain }
      var steps = 0
      while !sort.advance(budget: budget) && steps < 1_000_000 { steps += 1 }
      #expect(sort.items.map { "\($0.domain)/\($0.count)" } == expected, "budget \(budget) run \(run)")
    }
  }

  /// Deleting, adding, editing and undoing in a view sorted by a column, with the jar over
  /// the slice size: the table shows the old order adjusted at once (the deleted row gone)
  /// and ends in the order a sort from scratch gives.
  @Test(arguments: [ColumnID.expires, .name])
  func anEditOfASortedLargeViewResortsInSlices(_ column: ColumnID) {
    var s = AppState(store: CookieStore(loading: SlicedSortTests.jar()), now: Sample.now)
    s.workSlice = 5
    s.sortRunLength = 7
    s.column = column
    Sample.press("]", &s)
    BackgroundWorkTests.drain(&s)
    func expected(_ s: AppState) -> [CookieHandle] {
      SortCache.compute(column, store: s.store, now: Sample.now).reversed()
    }
    #expect(s.visible == expected(s))
    Sample.press("j j j", &s)
    let deleted = s.selected!
    Sample.press("d y", &s)
    #expect(!s.visible.contains(deleted), "the deleted row is gone from the first frame")
    #expect(s.visible.count == s.store.count)
    #expect(s.hasPendingWork)
    #expect(s.message == StatusMessage("Deleted 1 cookie (u undoes)", .ok))
    BackgroundWorkTests.drain(&s)
    #expect(s.visible == expected(s))
    #expect(s.message == StatusMessage("Deleted 1 cookie (u undoes)", .ok), "a re-sort says nothing")
    Sample.press("u", &s)
    #expect(s.visible.contains(deleted), "undo shows the cookie again at once")
    BackgroundWorkTests.drain(&s)
    #expect(s.visible == expected(s))
    // An edit that moves a cookie, and a new one, with a filter on.
    var c = s.store[s.visible[0]]
    c.name = "zzz-moved"
    c.expires = Sample.at(-300)
    try? s.store.update(s.visible[0], to: c)
    _ = try? s.store.add(Cookie(name: "aaa-new", value: "1", domain: "d1.example", expires: Sample.at(9)))
    s.changed()
    BackgroundWorkTests.drain(&s)
    #expect(s.visible == expected(s))
    Sample.press("/ 'd1' enter", &s)
    BackgroundWorkTests.drain(&s)
    Sample.press("d y", &s)
    BackgroundWorkTests.drain(&s)
    let query = CookieFilter.parse("d1")
    #expect(s.visible == expected(s).filter { query.matches(s.store[$0], now: Sample.now) })
    #expect(s.store.invariantViolations().isEmpty)
  }

  /// `w` hands over the store as it was; keys and edits go on while it is written; a second
  /// `w` meanwhile saves again once the first is done, and only then is the store clean.
  @Test func editsDuringASaveStayUnsavedAndASecondSaveFollows() {
    var s = Sample.state()
    Sample.press("d y", &s)
    let first = Sample.press("w", &s)
    guard case .save(let job)? = first.first, first.count == 1 else {
      Issue.record("expected one save, got \(first)")
      return
    }
    #expect(job.cookies.count == Sample.cookies.count - 1)
    #expect(s.pendingWrites == ["cookies.txt"])
    _ = update(&s, .writeProgress(path: "cookies.txt", written: 450, total: 1000))
    #expect(Sample.screen(s).contains("Saving… 45%"))
    // Keys meanwhile: move, delete another cookie, press w again.
    Sample.press("j", &s)
    #expect(s.cursor == 1)
    Sample.press("d y", &s)
    #expect(Sample.press("w", &s).isEmpty, "no second write while one is in flight")
    #expect(s.saveAfterWrite)
    // The first save is done: the deletion made after it is still unsaved, so it saves again.
    let again = update(&s, .wrote(job, error: nil, question: nil))
    #expect(s.store.isDirty)
    guard case .save(let second)? = again.first, again.count == 1 else {
      Issue.record("expected the second save, got \(again)")
      return
    }
    #expect(second.cookies.count == Sample.cookies.count - 2)
    #expect(!Sample.screen(s).contains("Saving… 45%"))
    #expect(update(&s, .wrote(second, error: nil, question: nil)).isEmpty)
    #expect(!s.store.isDirty)
    #expect(!s.saveAfterWrite)
  }

  /// `q w` while a save is in flight: the second save runs after the first, then the app quits.
  @Test func saveAndQuitDuringASaveQuitsAfterBoth() {
    var s = Sample.state()
    Sample.press("d y", &s)
    guard case .save(let job)? = Sample.press("w", &s).first else {
      Issue.record("expected a save")
      return
    }
    Sample.press("d y", &s)
    #expect(Sample.press("q w", &s).isEmpty)
    #expect(s.quitAfterSave)
    let again = update(&s, .wrote(job, error: nil, question: nil))
    guard case .save(let second)? = again.first else {
      Issue.record("expected the second save, got \(again)")
      return
    }
    #expect(update(&s, .wrote(second, error: nil, question: nil)) == [.quit])
  }
}
