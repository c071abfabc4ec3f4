import CookieCore
import TerminalKit

/// The app's one state transition: applies `msg` to `state` and returns what the outside
/// world must do. Pure: no I/O, no clock.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
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
        form.value.text = text.hasSuffix("\n") ? String(text.dropLast()) : text
        form.value.cursor = form.value.text.count
      }
      state.mode = .edit(form)
    }
    if let error { state.message = StatusMessage(error, .error) }
    return []
  case .copied(let text, let ok):
    state.message = StatusMessage(text, ok ? .ok : .warning)
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
    case .confirm(let c): return confirmAction(action, c)
    case .edit(var form):
      let effects = formAction(action, key, &form)
      if case .edit = mode { mode = .edit(form) }
      return effects
    case .export(var form):
      let effects = exportAction(action, key, &form)
      if case .export = mode { mode = .export(form) }
      return effects
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
    case .columnLeft, .columnRight:
      let cols = shownColumns
      if let i = cols.firstIndex(of: column) {
        column = cols[max(0, min(cols.count - 1, i + (action == .columnLeft ? -1 : 1)))]
      } else if let f = cols.first {
        column = f
      }
    case .focusDomains:
      focus = (focus == .table && Layout(self).domains != nil) ? .domains : .table
    case .filter:
      mode = .filter
      focus = .table
    case .clearFilter:
      if showDetail {
        showDetail = false
      } else {
        filter = TextField()
        domain = nil
        domainCursor = 0
        refreshRows()
      }
    case .sortAscending, .sortDescending:
      requestSort(SortOrder(column: column, descending: action == .sortDescending))
    case .detail:
      showDetail.toggle()
      detailScroll = 0
      scrollToCursor()
    case .detailDown: detailScroll += 1
    case .detailUp: detailScroll = max(0, detailScroll - 1)
    case .edit:
      guard let h = selected else { return [] }
      mode = .edit(EditForm(editing: store[h], handle: h))
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
      let targets = deleteTargets
      if !targets.isEmpty { mode = .confirm(.delete(targets)) }
    case .purge:
      let n = store.expiredHandles(now: now).count
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
    case .timeDisplay:
      timeDisplay = TimeDisplay(rawValue: (timeDisplay.rawValue + 1) % TimeDisplay.allCases.count) ?? .both
      measureColumns()
    case .help:
      helpScroll = 0
      mode = .help
    case .suspend: return [.suspend]
    case .quit:
      if store.isDirty {
        mode = .confirm(.quit)
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
      let n = derived.domains.count + 1
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
    domain = index == 0 ? nil : derived.domains[index - 1].domain
    cursor = 0
    top = 0
    refreshRows()
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
    case .purge:
      let n = store.purgeExpired(now: now)
      changed()
      message = StatusMessage("Purged \(n) expired cookie\(n == 1 ? "" : "s") (u undoes)", .ok)
    case .quit:
      return [.quit]
    case .overwrite(var job, _):
      job.force = true
      return start([job])
    case .lossyWrite(let jobs, _):
      return start(jobs)
    }
    return []
  }
}
