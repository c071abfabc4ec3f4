import CookieCore
import TerminalKit
import Testing

@testable import Inspector

/// Changes of many cookies at once (a purge) and the save that follows, as a large jar
/// takes them: the store records them in bulk and `w` hands the writer a snapshot instead
/// of a copy. Both must give exactly what the simple paths give.
@Suite struct LargeChangeTests {
  static func sortedByExpires(_ cookies: [Cookie]) -> AppState {
    var s = AppState(
      store: CookieStore(loading: cookies), now: Sample.now, width: 120, height: 30, backgroundWork: true,
      workSlice: 7)
    s.sort = SortOrder(column: .expires, descending: false)
    s.refreshRows()
    BackgroundWorkTests.drain(&s)
    return s
  }

  @Test func purgeUndoAndRedoOfASortedViewComeBackExactly() {
    // The jar as loaded (its repeated identities replaced).
    let cookies = CookieStore(loading: SlicedSortTests.jar() + Sample.cookies).cookies
    var s = Self.sortedByExpires(cookies)
    let before = s
    let expired = cookies.filter { $0.isExpired(at: Sample.now) }
    #expect(expired.count >= 64, "enough for the store's bulk path")
    Sample.press("P", &s)
    guard case .confirm(.purge(let n)) = s.mode else {
      Issue.record("P asks nothing: \(s.mode)")
      return
    }
    #expect(n == expired.count)
    Sample.press("y", &s)
    #expect(s.message?.text == "Purged \(n) expired cookies (u undoes)")
    BackgroundWorkTests.drain(&s)
    // The same rows as a jar that never held the expired cookies.
    let fresh = Self.sortedByExpires(cookies.filter { !$0.isExpired(at: Sample.now) })
    #expect(s.visible.map { s.store[$0] } == fresh.visible.map { fresh.store[$0] })
    #expect(s.expiredCount == 0 && s.store.invariantViolations() == [])
    Sample.press("u", &s)
    BackgroundWorkTests.drain(&s)
    #expect(s.store.cookies == cookies)
    // The same rows in the same order, the same counts (the cursor stays near where it was).
    #expect(s.visible == before.visible)
    #expect(s.derived.domains.map(\.domain) == before.derived.domains.map(\.domain))
    #expect(s.derived.domains.map(\.count) == before.derived.domains.map(\.count))
    #expect(s.derived.expiries == before.derived.expiries && s.expiredCount == expired.count)
    #expect(!s.store.isDirty && s.store.changesSinceSave.isEmpty)
    Sample.press("ctrl+r", &s)
    BackgroundWorkTests.drain(&s)
    #expect(s.visible.map { s.store[$0] } == fresh.visible.map { fresh.store[$0] })
    // The quit question counts the changes once, as it opens.
    Sample.press("q", &s)
    guard case .confirm(.quit(let changed)) = s.mode else {
      Issue.record("q asks nothing: \(s.mode)")
      return
    }
    #expect(changed == expired.count)
    #expect(Sample.screen(s).contains("\(expired.count) cookies changed since the last save."))
  }

  /// `w` with two files open: each job holds exactly its file's cookies as they were when
  /// `w` was pressed, whatever is edited while they are written; then only those later
  /// edits are unsaved.
  @Test func saveHandsTheWriterTheStoreAsItWas() throws {
    var cookies = SlicedSortTests.jar()
    for i in cookies.indices {
      cookies[i].sourceFile = i % 3 == 0 ? "other.txt" : "cookies.txt"
      cookies[i].sourceLine = Int32(i + 1)
    }
    var s = AppState(
      store: CookieStore(loading: cookies), now: Sample.now,
      files: [
        OpenFile(name: "cookies.txt", format: .netscape), OpenFile(name: "other.txt", format: .netscape),
      ],
      width: 120, height: 30, writers: WriterSet([TestWriter.self]))
    Sample.press("P y", &s)
    var made = Cookie(name: "made-here", value: "1", domain: "new.example")
    made.sourceFile = ""
    try s.store.add(made)
    s.changed()
    let atSave = s.store.cookies
    let effects = Sample.press("w", &s)
    let jobs = effects.compactMap { e -> WriteJob? in
      if case .save(let j) = e { return j }
      return nil
    }
    #expect(jobs.map(\.path) == ["cookies.txt", "other.txt"])
    guard jobs.count == 2 else { return }
    let first = atSave.filter { $0.sourceFile == "cookies.txt" || $0.sourceFile.isEmpty }
    let second = atSave.filter { $0.sourceFile == "other.txt" }
    // Edits while they are written: a delete, an edit of a cookie in place, an undo.
    Sample.press("g d y", &s)
    var c = s.store[s.visible[0]]
    c.value = "edited while saving"
    try s.store.update(s.visible[0], to: c)
    s.changed()
    #expect(jobs[0].cookies == first && jobs[0].cookieCount == first.count)
    #expect(jobs[1].cookies == second && jobs[1].cookieCount == second.count)
    #expect(jobs[0].cookies.contains { $0.name == "made-here" })
    for j in jobs { _ = update(&s, .wrote(j.written, error: nil, question: nil)) }
    #expect(s.message?.text == "Saved \(second.count) cookies to other.txt (netscape)")
    #expect(s.store.changesSinceSave.map(\.1).sorted { "\($0)" < "\($1)" } == [.deleted, .modified])
    Sample.press("u u", &s)
    #expect(s.store.changesSinceSave.isEmpty, "undone back to what was written")
  }
}

/// The recount's site grouping in slices against `SiteGrouping.group` at once.
@Suite struct SlicedSiteGroupingTests {
  @Test(arguments: [1, 3, 50, 10_000])
  func slicedGroupingEqualsTheOneShot(budget: Int) {
    var rng = SplitMix(seed: 11)
    var hosts = Set<String>()
    let shapes = [
      "a.example.com", "example.com", "x.y.example.co.uk", "example.co.uk", "localhost", "10.0.0.1", "",
    ]
    for i in 0..<400 {
      let base = shapes[Int(rng.next() % UInt64(shapes.count))]
      hosts.insert(
        i % 3 == 0 || base.isEmpty || base == "localhost" || base == "10.0.0.1" ? base : "h\(i % 40).\(base)")
      hosts.insert("site\(rng.next() % 30).test")
    }
    let domains = hosts.sorted().map { (domain: $0, count: Int(rng.next() % 9) + 1) }
    let expected = SiteGrouping.group(domains) { SiteGrouping.site(of: $0) }
    var cache: [String: String] = ["site3.test": "site3.test"]
    var sliced = SlicedSiteGrouping(domains)
    var steps = 0
    while !sliced.advance(budget: budget, cache: &cache) { steps += 1 }
    func text(_ g: [SiteGroup]) -> [String] {
      g.map { "\($0.site) \($0.count) \($0.hosts.map { "\($0.domain)=\($0.count)" })" }
    }
    #expect(text(sliced.sites) == text(expected))
    #expect(budget >= domains.count || steps >= domains.count / budget - 1, "it went in slices")
    #expect(domains.count > 50)
    #expect(cache.count == domains.count, "every host's site cached")
  }
}
