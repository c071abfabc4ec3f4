import CookieCore
import Foundation
import Testing

@testable import Inspector
@testable import TerminalKit

@Suite struct EditingBehaviourTests {
  @Test func deleteAsksThenUndoAndRedo() {
    var s = Sample.state()
    Sample.press("d", &s)
    guard case .confirm(.delete(let hs)) = s.mode else {
      Issue.record("d did not ask")
      return
    }
    #expect(hs.count == 1)
    #expect(s.store.count == 8)
    Sample.press("y", &s)
    #expect(s.store.count == 7)
    #expect(s.isDirty)
    Sample.press("u", &s)
    #expect(s.store.count == 8)
    #expect(!s.isDirty)
    #expect(s.message?.text.hasPrefix("Undid") == true)
    Sample.press("ctrl+r", &s)
    #expect(s.store.count == 7)
    #expect(s.store.invariantViolations().isEmpty)
  }

  @Test func deleteMarkedRowsNamesTheCount() {
    var s = Sample.state()
    Sample.press("space space space d", &s)
    guard case .confirm(.delete(let hs)) = s.mode else {
      Issue.record("d did not ask")
      return
    }
    #expect(hs.count == 3)
    #expect(Sample.screen(s).contains("Delete 3 cookies?"))
    Sample.press("n", &s)
    #expect(s.store.count == 8)
    Sample.press("d y", &s)
    #expect(s.store.count == 5)
    #expect(s.marks.isEmpty)
  }

  @Test func purgeExpiredAsksWithCountAndUndoes() {
    var s = Sample.state()
    Sample.press("P", &s)
    #expect(Sample.screen(s).contains("Purge 2 expired cookies?"))
    Sample.press("y", &s)
    #expect(s.store.count == 6)
    #expect(s.store.expiredHandles(now: Sample.now).isEmpty)
    Sample.press("u", &s)
    #expect(s.store.count == 8)
  }

  @Test func editValueThroughTheForm() {
    var s = Sample.state()
    Sample.press("j e tab ctrl+u 'newvalue' enter", &s)
    guard case .table = s.mode else {
      Issue.record("form still open: \(Sample.screen(s))")
      return
    }
    let sid = s.store[
      s.store.handle(for: CookieID(name: "sid", domain: "www.example.com", hostOnly: true, path: "/"))!]
    #expect(sid.value == "newvalue")
    #expect(sid.secure && sid.httpOnly && sid.sameSite == .lax)
  }

  @Test func invalidFieldsBlockSaving() {
    var s = Sample.state()
    Sample.press("j e tab tab ctrl+u 'bad host' enter", &s)
    guard case .edit(let form) = s.mode else {
      Issue.record("form closed on invalid input")
      return
    }
    #expect(form.focus == .domain)
    #expect(form.saveError?.contains("Domain") == true)
    #expect(!s.isDirty)
  }

  @Test func addCookieWithRelativeExpiry() {
    var s = Sample.state()
    Sample.press("a 'fresh' tab 'v1' tab ctrl+u '.new.test' tab tab ctrl+u '+30d' tab space enter", &s)
    guard case .table = s.mode else {
      Issue.record("form still open:\n\(Sample.screen(s))")
      return
    }
    let h = s.store.handle(for: CookieID(name: "fresh", domain: "new.test", hostOnly: false, path: "/"))
    #expect(h != nil)
    if let h {
      #expect(s.store[h].expires == Sample.now.adding(seconds: 30 * 86400))
      #expect(s.store[h].sameSite == .none)
      #expect(s.selected == h)
    }
  }

  @Test func duplicateIdentityIsReportedInTheForm() {
    var s = Sample.state()
    Sample.press("j e ctrl+u 'theme' tab tab tab ctrl+u '/app' enter", &s)
    guard case .edit(let form) = s.mode else {
      Issue.record("form closed although the identity exists")
      return
    }
    #expect(form.saveError?.contains("already exists") == true)
  }

  @Test func editorEffectAndResult() {
    var s = Sample.state()
    let effects = Sample.press("e ctrl+e", &s)
    #expect(effects == [.editor("en-US")])
    _ = update(&s, .editorClosed("long\nvalue\n", error: nil))
    guard case .edit(let form) = s.mode else {
      Issue.record("form closed")
      return
    }
    #expect(form.value.text == "long\nvalue")
    #expect(form.errors(now: Sample.now)[.value] != nil)
  }
}

@Suite struct SavingBehaviourTests {
  @Test func saveKeepsTheDialectTheFileWasReadIn() {
    // A jar CPython wrote: `w` must write CPython's layout back (empty expiry for session
    // cookies), not curl's `0`, which CPython reads as expired.
    var s = AppState(
      store: CookieStore(loading: Sample.cookies), now: Sample.now,
      files: [OpenFile(name: "cookies.txt", format: .netscape, dialect: "cpython")],
      width: 100, height: 24, writers: WriterSet(CookieFormats.writers))
    Sample.press("d y", &s)
    guard case .save(let job) = Sample.press("w", &s).first else {
      Issue.record("expected a save")
      return
    }
    #expect(job.dialect == "cpython")
    let data = NetscapeWriter.write(
      job.cookies, options: CookieWriteOptions(dialect: job.dialect, now: Sample.now)
    ).data
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    let session = lines.filter { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 7 }
      .filter { $0.split(separator: "\t", omittingEmptySubsequences: false)[4].isEmpty }
    #expect(!session.isEmpty, "no session cookie written with CPython's empty expiry")
    #expect(
      !lines.contains {
        $0.split(separator: "\t", omittingEmptySubsequences: false).dropFirst(4).first == "0"
      })
  }

  @Test func saveWritesEachFileInItsFormatAndClearsDirty() {
    var s = Sample.state()
    Sample.press("d y", &s)
    let effects = Sample.press("w", &s)
    guard effects.count == 1, case .save(let job) = effects[0] else {
      Issue.record("expected one save, got \(effects)")
      return
    }
    #expect(job.path == "cookies.txt")
    #expect(job.cookies.count == 7)
    #expect(s.isDirty)
    _ = update(&s, .wrote(job, error: nil, question: nil))
    #expect(!s.isDirty)
    #expect(s.message?.text.contains("Saved") == true)
  }

  @Test func readOnlyFormatOffersSaveAs() {
    var s = AppState(
      store: CookieStore(loading: Sample.cookies), now: Sample.now,
      files: [OpenFile(name: "cookies.sqlite", format: .firefox)], writers: WriterSet([TestWriter.self]))
    let effects = Sample.press("w", &s)
    #expect(effects.isEmpty)
    #expect(s.message?.text.contains("read-only") == true)
    #expect(s.message?.text.contains("W") == true)
  }

  @Test func changedOnDiskAsksBeforeOverwriting() {
    var s = Sample.state()
    Sample.press("d y", &s)
    guard case .save(let job) = Sample.press("w", &s).first else {
      Issue.record("no save")
      return
    }
    _ = update(
      &s, .wrote(job, error: nil, question: "cookies.txt: the file changed on disk since it was read."))
    guard case .confirm(.overwrite) = s.mode else {
      Issue.record("no overwrite question")
      return
    }
    let again = Sample.press("y", &s)
    guard case .save(let forced) = again.first else {
      Issue.record("no forced save")
      return
    }
    #expect(forced.force)
  }

  @Test func exportListsWhatTheFormatLoses() {
    var s = Sample.state(writers: WriterSet([TestWriter.self, TestJSONWriter.self]))
    let effects = Sample.press("W ctrl+u 'out.json' tab right enter", &s)
    // The losses are worked out on the save thread, before anything is written.
    #expect(Sample.runLossChecks(effects, &s).isEmpty, "written before asking")
    guard case .confirm(.lossyWrite(let jobs, let warnings)) = s.mode, var job = jobs.first else {
      Issue.record("no loss list:\n\(Sample.screen(s))")
      return
    }
    #expect(job.format == .json)
    #expect(job.path == "out.json")
    #expect(warnings == ["hostOnly is not kept"])
    #expect(Sample.screen(s).contains("hostOnly is not kept"))
    job.lossesAccepted = true
    let again = Sample.press("y", &s)
    #expect(again == [.export(job)])
    #expect(Sample.runLossChecks(again, &s) == [job])
  }

  /// A Netscape jar as the real writer set saves it: `w` edits lines in place.
  static func netscapeState() -> AppState {
    AppState(
      store: CookieStore(loading: Sample.cookies), now: Sample.now,
      files: [OpenFile(name: "cookies.txt", format: .netscape)], width: 100, height: 24,
      writers: WriterSet(CookieFormats.writers))
  }

  @Test func saveInPlaceCarriesOnlyTheChangedLines() {
    var s = Self.netscapeState()
    Sample.press("j d y", &s)  // delete the second cookie (line 6)
    guard case .save(let job) = Sample.press("w", &s).first else {
      Issue.record("expected a save")
      return
    }
    #expect(job.lineEdits == LineEdits(lines: [LineEdits.Line(number: 6, cookies: [])]))
    #expect(job.cookies.count == 7)
  }

  @Test func saveListsWhatTheFormatLosesAndAsksFirst() {
    // A cookie with SameSite=None added to a cookies.txt: `w` must not drop it silently.
    var s = Self.netscapeState()
    var c = Cookie(name: "cross", value: "1", domain: "example.org", secure: true)
    c.sameSite = .none
    _ = try? s.store.add(c)
    let effects = Sample.press("w", &s)
    #expect(Sample.runLossChecks(effects, &s).isEmpty, "w wrote before asking: \(effects)")
    guard case .confirm(.lossyWrite(let jobs, let warnings)) = s.mode else {
      Issue.record("no loss list:\n\(Sample.screen(s))")
      return
    }
    #expect(warnings.contains { $0.lowercased().contains("samesite") })
    #expect(Sample.screen(s).contains("Saving loses data"))
    #expect(s.pendingWrites.isEmpty)
    let accepted = jobs.map {
      var j = $0
      j.lossesAccepted = true
      return j
    }
    #expect(Sample.press("y", &s) == accepted.map { Effect.save($0) })
  }

  @Test func browserStoreIsAReadOnlySource() {
    var s = AppState(
      store: CookieStore(loading: Sample.cookies), now: Sample.now,
      files: [OpenFile(name: "cookies.sqlite", format: .firefox)], writers: WriterSet(CookieFormats.writers))
    Sample.press("d y", &s)
    #expect(Sample.press("w", &s).isEmpty)
    #expect(s.message?.text.contains("browser store") == true)
    #expect(s.message?.text.contains("W") == true)
  }

  @Test func saveAsProposesAPathNextToTheSourceThatFollowsTheFormat() {
    var s = AppState(
      store: CookieStore(loading: Sample.cookies), now: Sample.now,
      files: [OpenFile(name: "dir/jar.txt", format: .netscape)], width: 100, height: 24,
      writers: WriterSet(CookieFormats.writers))
    Sample.press("W", &s)
    guard case .export(let form) = s.mode else {
      Issue.record("no export form")
      return
    }
    #expect(form.path.text == "dir/jar.txt")
    Sample.press("tab right", &s)
    guard case .export(let json) = s.mode else { return }
    #expect(json.format == .json)
    #expect(json.path.text == "dir/jar.json")
    // Once the user types a path of their own, the format no longer changes it.
    Sample.press("tab ctrl+u 'mine.out' tab right", &s)
    guard case .export(let typed) = s.mode else { return }
    #expect(typed.path.text == "mine.out")
  }

  @Test(arguments: [
    ("cookies.sqlite", CookieFormat.json, "cookies.json"), ("Cookies", .netscape, "Cookies.txt"),
    ("a/b.c/jar", .lwp, "a/b.c/jar.lwp"), ("x.storage-state.json", .playwright, "x.storage-state.json"),
    ("-", .json, "cookies.json"),
  ])
  func proposedPaths(_ source: String, _ format: CookieFormat, _ expected: String) {
    #expect(ExportForm.proposedPath(source: source, format: format) == expected)
  }

  @Test func overwriteQuestionIsTheSavePolicysAndYesForcesTheSameJob() {
    var s = Sample.state()
    guard case .export(let job) = Sample.press("W ctrl+u 'other.txt' enter", &s).first else {
      Issue.record("no export started")
      return
    }
    _ = update(
      &s, .wrote(job, error: nil, question: "other.txt: the file already exists (netscape, 42 cookies)."))
    #expect(Sample.screen(s).contains("already exists (netscape, 42 cookies)"))
    guard case .export(let forced) = Sample.press("y", &s).first else {
      Issue.record("no forced export")
      return
    }
    #expect(forced.force && forced.path == "other.txt")
  }

  @Test func quitAsksWhenUnsavedAndCanSaveFirst() {
    var s = Sample.state()
    #expect(Sample.press("q", &s) == [.quit])
    Sample.press("d y", &s)
    #expect(Sample.press("q", &s).isEmpty)
    #expect(Sample.screen(s).contains("Quit without saving?"))
    let effects = Sample.press("w", &s)
    guard case .save(let job) = effects.first else {
      Issue.record("w in the quit dialog did not save")
      return
    }
    #expect(update(&s, .wrote(job, error: nil, question: nil)) == [.quit])
  }
}

@Suite struct NavigationBehaviourTests {
  @Test func movementStaysInRange() {
    var s = Sample.state(width: 80, height: 10)
    Sample.press("G", &s)
    #expect(s.cursor == 7)
    #expect(s.top + Layout(s).tableRows > 7)
    Sample.press("j j pgdown", &s)
    #expect(s.cursor == 7)
    Sample.press("g k", &s)
    #expect(s.cursor == 0 && s.top == 0)
  }

  @Test func domainPaneFilters() {
    var s = Sample.state()
    Sample.press("tab j j j", &s)
    #expect(s.domain == "localhost")
    #expect(s.visible.count == 1)
    Sample.press("tab esc", &s)
    #expect(s.domain == nil)
    #expect(s.visible.count == 8)
  }

  @Test func mouseClickSelectsAndSortsAndWheelScrolls() {
    var s = Sample.state()
    let layout = Layout(s)
    let domainCol = layout.columns.first { $0.id == .domain }!
    _ = update(&s, .mouse(MouseEvent(.press, x: layout.table.x + domainCol.x + 1, y: layout.table.y)))
    #expect(s.sort == SortOrder(column: .domain, descending: false))
    _ = update(&s, .mouse(MouseEvent(.press, x: layout.table.x + domainCol.x + 1, y: layout.table.y)))
    #expect(s.sort == SortOrder(column: .domain, descending: true))
    _ = update(&s, .mouse(MouseEvent(.press, x: layout.table.x + 5, y: layout.table.y + 3)))
    #expect(s.cursor == 2)
    _ = update(&s, .mouse(MouseEvent(.wheelDown, x: layout.table.x + 5, y: layout.table.y + 3)))
    #expect(s.cursor == 5)
  }

  @Test func stylesMarkExpiredAndSelectedRows() {
    let s = Sample.state()
    var buf = Buffer(width: s.width, height: s.height)
    render(s, into: &buf)
    let x = Layout(s).table.x + Layout.gutter + 1
    #expect(buf[x, 1].style.role == .selected || buf[x, 1].style.role == .selectedCell)
    // Row of `__Secure-token` (expired two hours ago) is dimmed.
    #expect(buf[x, 4].style.role == .dim)
    #expect(buf[x, 3].style.role == .normal)
  }

  @Test func sortingIsStableAndReversible() {
    var s = Sample.state()
    for c in ColumnID.allCases {
      s.column = c
      Sample.press("[", &s)
      let up = s.visible
      Sample.press("]", &s)
      #expect(Array(s.visible.reversed()) == up || c == .source, "\(c)")
      #expect(Set(up) == Set(s.store.handles))
    }
    s.column = .expires
    Sample.press("[", &s)
    let exp = s.visible.map { s.store[$0].expires?.microseconds ?? Int64.max }
    #expect(exp == exp.sorted())
  }
}

/// The edit form warns about cookie prefixes by the engine's one rule: matched ignoring
/// case, as browsers, the storage model and the lint do.
@Suite struct EditFormPrefixTests {
  @Test(arguments: ["__Secure-id", "__secure-id", "__SECURE-id", "__Host-id", "__host-id"])
  func prefixesWarnWhateverTheirCase(_ name: String) {
    let form = EditForm(editing: Cookie(name: name, value: "1", domain: "example.com"), handle: nil)
    #expect(form.warnings().contains { $0.contains("no Secure") }, "\(name): \(form.warnings())")
  }

  @Test func aSecureHostOnlyRootHostCookieIsFine() {
    let form = EditForm(
      editing: Cookie(name: "__host-id", value: "1", domain: "example.com", path: "/", secure: true),
      handle: nil)
    #expect(form.warnings().isEmpty)
  }
}
