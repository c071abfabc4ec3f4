import CookieCore
import TerminalKit

/// The app's one state transition: applies `msg` to `state` and returns what the outside
/// world must do. Pure: no I/O, no clock.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
  defer { state.followSelection() }
  switch msg {
  case .resize(let w, let h):
    state.width = max(1, w)
    state.height = max(1, h)
    state.scrollToCursor()
    return []
  case .work:
    state.stepJobs()
    return []
  case .tick(let t):
    state.now = t
    return []
  case .mouse(let m):
    state.handleMouse(m)
    return []
  case .wrote(let job, let error, let question):
    return state.finishWrite(job, error: error, question: question)
  case .writeProgress(let path, let written, let total):
    if state.pendingWrites.contains(path) {
      state.writeProgress[path] = WriteProgress(written: written, total: total)
    }
    return []
  case .editorClosed(let text, let error):
    if case .edit(var form) = state.mode {
      if let text {
        let field: EditForm.Field = form.focus == .payload ? .payload : .value
        form[text: field].text = text.hasSuffix("\n") ? String(text.dropLast()) : text
        form[text: field].cursor = form[text: field].text.count
      }
      state.mode = .edit(form)
    }
    if let error { state.message = StatusMessage(error, .error) }
    return []
  case .copied(let text, let ok):
    state.message = StatusMessage(text, ok ? .ok : .warning)
    return []
  case .lossy(let job, let warnings):
    state.askAboutLosses(job, warnings)
    return []
  case .indexed(let index):
    state.installIndex(index)
    return []
  case .key(let key):
    return state.handleKey(key)
  }
}

extension AppState {
  /// The help screen's text width and page height (its box on the whole screen but the footer).
  var helpWidth: Int { max(1, width - 3) }
  var helpPageHeight: Int { max(1, height - 3) }

  /// A key does what the binding table says it does in this mode (`Bindings.resolve`):
  /// handlers see an action, and only text input sees the key itself.
  mutating func handleKey(_ key: Key) -> [Effect] {
    // A message answers one action: the next key clears it (or replaces it).
    message = nil
    switch Bindings.resolve(key, in: self) {
    case .unbound:
      // Say so, rather than nothing happening (only for a key a user would type).
      if key.name.count == 1, bindingContext == .table {
        message = StatusMessage("\(key.label): not a key here, ? for help", .warning)
      }
      return []
    case .disabled(let reason):
      message = StatusMessage(reason, .warning)
      return []
    case .action(let action): return perform(action, key: key)
    }
  }

  mutating func perform(_ action: Action, key: Key) -> [Effect] {
    switch mode {
    case .table: return tableAction(action)
    case .filter: return filterAction(action, key)
    case .help:
      // The last page ends at the last line: no scrolling past the end.
      let page = helpPageHeight
      let last = max(0, Bindings.helpLines(width: helpWidth).count - page)
      switch action {
      case .down: helpScroll += 1
      case .up: helpScroll -= 1
      case .pageDown: helpScroll += max(1, page - 1)
      case .pageUp: helpScroll -= max(1, page - 1)
      case .first: helpScroll = 0
      case .last: helpScroll = last
      case .cancel: mode = .table
      default: break
      }
      helpScroll = max(0, min(helpScroll, last))
      return []
    case .changes:
      switch action {
      case .down: changesScroll += 1
      case .up: changesScroll = max(0, changesScroll - 1)
      case .cancel: mode = .table
      default: break
      }
      return []
    case .problems:
      let page = max(1, height - 4)
      switch action {
      case .down: scrollProblems(1)
      case .up: scrollProblems(-1)
      case .pageDown: scrollProblems(page)
      case .pageUp: scrollProblems(-page)
      case .cancel: mode = .table
      default: break
      }
      return []
    case .confirm(let c): return confirmAction(action, c)
    case .edit(var form):
      let effects = formAction(action, key, &form)
      if case .edit = mode { mode = .edit(form) }
      return effects
    case .export(var form):
      let effects = exportAction(action, key, &form)
      if case .export = mode { mode = .export(form) }
      return effects
    case .urlPrompt(var form):
      urlPromptAction(action, key, &form)
      if case .urlPrompt = mode { mode = .urlPrompt(form) }
      return []
    case .urlView(var report):
      if action == .request {
        startURLPrompt()
        return []
      }
      urlViewAction(action, &report)
      if case .urlView = mode { mode = .urlView(report) }
      return []
    case .keyEntry(var field):
      keyEntryAction(action, key, &field)
      if case .keyEntry = mode { mode = .keyEntry(field) }
      return []
    case .domainJump(var jump):
      domainJumpAction(action, key, &jump)
      if case .domainJump = mode { mode = .domainJump(jump) }
      return []
    }
  }

  // MARK: Table

  mutating func tableAction(_ action: Action) -> [Effect] {
    let page = max(1, Layout(self).tableRows - 1)
    switch action {
    case .up: move(-1)
    case .down: move(1)
    case .pageUp: move(-page)
    case .pageDown: move(page)
    case .first: move(-Int.max / 2)
    case .last: move(Int.max / 2)
    case .takeLeft, .takeRight: takeSide(left: action == .takeLeft)
    case .redact:
      redactsValues.toggle()
      message = StatusMessage(
        redactsValues
          ? "Values redacted on screen: length, kind and a hash per value (m shows them)" : "Values shown")
    case .copyValue, .copyCookie:
      guard let h = selected else { return [] }
      let c = store[h]
      if action == .copyValue { return [.copy(c.value, what: "the value of \(c.name)")] }
      // The header a server would send for it (Domain only for a domain cookie).
      let out = SetCookieWriter.write([c], options: CookieWriteOptions(now: now))
      guard out.skipped == 0 else {
        message = StatusMessage(
          "\(c.name) cannot be a Set-Cookie line: \(out.warnings.first?.message ?? "unwritable")", .warning)
        return []
      }
      var line = String(decoding: out.data, as: UTF8.self)
      while line.last == "\n" { line.removeLast() }
      return [.copy(line, what: "\(c.name) as a Set-Cookie line")]
    case .columnLeft where focus == .domains: collapseSite()
    case .columnRight where focus == .domains: expandSite()
    case .columnLeft, .columnRight:
      let cols = shownColumns
      if let i = cols.firstIndex(of: column) {
        column = cols[max(0, min(cols.count - 1, i + (action == .columnLeft ? -1 : 1)))]
      } else if let f = cols.first {
        column = f
      }
    case .focusDomains:
      focus = (focus == .table && width >= Layout.domainsMinimumWidth) ? .domains : .table
      scrollToCursor()
    case .filter:
      // In the domain list, `/` jumps to a domain as you type (the table keeps its filter).
      if focus == .domains {
        startDomainJump()
      } else {
        mode = .filter
        focus = .table
      }
    case .clearFilter:
      if showDetail {
        showDetail = false
      } else if !filter.text.isEmpty || domain != nil {
        filter = TextField()
        domain = nil
        site = nil
        domainCursor = 0
        refreshRows()
      } else if !marks.isEmpty {
        // Nothing else to clear: Esc clears the marks.
        let n = marks.count
        marks.removeAll()
        message = StatusMessage("Cleared \(n) mark\(n == 1 ? "" : "s")")
      }
    case .sortAscending, .sortDescending:
      requestSort(SortOrder(column: column, descending: action == .sortDescending))
    case .detail:
      showDetail.toggle()
      detailScroll = 0
      scrollToCursor()
    case .detailDown: scrollDetail(1)
    case .detailUp: scrollDetail(-1)
    case .detailPageDown: scrollDetail(max(1, detailPage.rows - 1))
    case .detailPageUp: scrollDetail(-max(1, detailPage.rows - 1))
    case .unfold:
      detailUnfolded.toggle()
      scrollDetail(0)
    case .edit:
      guard let h = selected else { return [] }
      var form = EditForm(editing: store[h], handle: h)
      if let session = sessions?.parse(form.base.value) {
        form.session = session
        form.payload = TextField(session.payload)
      }
      mode = .edit(form)
    case .add:
      let d = domain ?? selected.map { store[$0].domain } ?? "example.com"
      var c = Cookie(name: "", value: "", domain: d)
      c.sourceFile = files.first?.name ?? ""
      if let h = selected { c.sourceFile = store[h].sourceFile }
      var form = EditForm(editing: c, handle: nil)
      form.domain = TextField(d)
      mode = .edit(form)
    case .mark:
      guard let h = selected else { return [] }
      if marks.contains(h) { marks.remove(h) } else { marks.insert(h) }
      move(1)
    case .markAll:
      if visible.allSatisfy({ marks.contains($0) }) {
        marks.removeAll()
      } else {
        marks.formUnion(visible)
      }
    case .delete:
      if focus == .domains {
        confirmDeleteDomain()
      } else {
        let targets = deleteTargets
        if !targets.isEmpty { mode = .confirm(.delete(targets)) }
      }
    case .deleteSessions:
      let handles = sessionCookies
      let hidden = handles.count - visible.reduce(0) { $0 + (store[$1].isSession ? 1 : 0) }
      if !handles.isEmpty { mode = .confirm(.deleteSessions(handles, hidden: hidden)) }
    case .purge:
      let n = store.expiredCount(now: now)
      if n == 0 {
        message = StatusMessage("No expired cookies to purge")
      } else {
        mode = .confirm(.purge(n))
      }
    case .undo:
      if let label = store.undo() {
        changed()
        message = StatusMessage("Undid: \(label)")
      } else {
        message = StatusMessage("Nothing to undo", .warning)
      }
    case .redo:
      if let label = store.redo() {
        changed()
        message = StatusMessage("Redid: \(label)")
      } else {
        message = StatusMessage("Nothing to redo", .warning)
      }
    case .changes:
      changesScroll = 0
      mode = .changes
    case .problems:
      problemsScroll = 0
      mode = .problems
    case .save: return save()
    case .saveAs: startExport()
    case .hideColumn:
      let cols = shownColumns
      guard cols.count > 1, let i = cols.firstIndex(of: column) else {
        message = StatusMessage("The last column stays", .warning)
        return []
      }
      hidden.insert(column)
      column = cols[i + 1 < cols.count ? i + 1 : i - 1]
      message = StatusMessage("Hid \(cols[i].title); + shows it again")
    case .showColumns:
      hidden.removeAll()
      message = StatusMessage("All columns shown")
    case .narrowColumn: resizeColumn(by: -2)
    case .widenColumn: resizeColumn(by: 2)
    case .timeDisplay:
      timeDisplay = TimeDisplay(rawValue: (timeDisplay.rawValue + 1) % TimeDisplay.allCases.count) ?? .both
      measureColumns()
    case .request: startURLPrompt()
    case .sessionKey: mode = .keyEntry(TextField())
    case .help:
      helpScroll = 0
      mode = .help
    case .suspend: return [.suspend]
    case .quit:
      if store.isDirty {
        mode = .confirm(.quit(changed: store.changesSinceSave.count))
      } else {
        return [.quit]
      }
    default: break
    }
    return []
  }

  /// Moves the selection (or the domain cursor when the domain list has focus).
  mutating func move(_ delta: Int) {
    if focus == .domains {
      let n = derived.domainRows.count
      domainCursor = max(0, min(n - 1, domainCursor &+ delta))
      chooseDomain(domainCursor)
      return
    }
    guard !visible.isEmpty else {
      cursor = 0
      return
    }
    cursor = max(0, min(visible.count - 1, cursor &+ delta))
    detailScroll = 0
    scrollToCursor()
  }

  /// Filters the table to the domain at `index` of the domain list (0 = all).
  mutating func chooseDomain(_ index: Int) {
    domainCursor = index
    domain = nil
    site = nil
    if derived.domainRows.indices.contains(index) {
      switch derived.domainRows[index] {
      case .all: break
      case .site(let i):
        // A lone host is chosen as itself: nothing else is under its site.
        let g = derived.sites[i]
        if g.isExpandable { site = g.site } else { domain = g.hosts[0].domain }
      case .host(let i, let j): domain = derived.sites[i].hosts[j].domain
      }
    }
    cursor = 0
    top = 0
    refreshRows()
  }

  /// `Msg.indexed`: the store's identity index arrived. Cookies a later one replaced leave
  /// the rows, and the status line says how many after what loading said.
  mutating func installIndex(_ index: CookieStore.Index) {
    guard !store.isIndexed else { return }
    let n = index.replacedCount
    store.install(index)
    guard n > 0 else { return }
    let text = StatusMessage.duplicatesReplaced(n)
    message = StatusMessage(message.map { "\($0.text); \(text)" } ?? text, .warning)
    changed()
  }

  /// After the store changed: drop dead marks, recount, refilter.
  mutating func changed() {
    marks = marks.filter { store.contains($0) }
    refreshDerived()
    refreshRows(stayNear: true)
  }

  // MARK: Filter

  mutating func filterAction(_ action: Action, _ key: Key) -> [Effect] {
    switch action {
    case .accept:
      mode = .table
      return []
    case .cancel:
      filter = TextField()
      mode = .table
      refreshRows()
      return []
    case .up:
      move(-1)
      return []
    case .down:
      move(1)
      return []
    case .typeText:
      filter.handle(key)
      refreshRows()
      let problems = CookieFilter.parse(filter.text).problems
      message =
        problems.isEmpty ? nil : StatusMessage("Ignored: \(problems.joined(separator: " "))", .warning)
      return []
    default: return []
    }
  }

  // MARK: Confirmations

  mutating func confirmAction(_ action: Action, _ c: Confirmation) -> [Effect] {
    if action == .no {
      mode = .table
      quitAfterSave = false
      message = StatusMessage("Cancelled")
      return []
    }
    if case .quit = c, action == .saveAndQuit {
      mode = .table
      quitAfterSave = true
      let effects = save()
      if effects.isEmpty && !saveAfterWrite { quitAfterSave = false }
      return effects
    }
    guard action == .yes else { return [] }
    mode = .table
    switch c {
    case .delete(let handles):
      let n = store.delete(handles)
      marks.subtract(handles)
      changed()
      message = StatusMessage("Deleted \(n) cookie\(n == 1 ? "" : "s") (u undoes)", .ok)
    case .deleteDomain(let host, let handles): deleteDomain(host, handles)
    case .deleteSessions(let handles, _): deleteSessions(handles)
    case .purge:
      let n = store.purgeExpired(now: now)
      changed()
      message = StatusMessage("Purged \(n) expired cookie\(n == 1 ? "" : "s") (u undoes)", .ok)
    case .quit:
      return [.quit]
    case .overwrite(var job, _):
      job.force = true
      return start([job])
    case .lossyWrite(var jobs, _):
      for i in jobs.indices { jobs[i].lossesAccepted = true }
      return start(jobs)
    }
    return []
  }
}
