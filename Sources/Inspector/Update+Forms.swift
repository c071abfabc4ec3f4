import CookieCore
import Foundation
import TerminalKit

extension AppState {
  // MARK: Edit form

  mutating func formKey(_ key: Key, _ form: inout EditForm) -> [Effect] {
    let action = Bindings.action(for: key, in: .form)
    let fields = EditForm.Field.allCases
    switch action {
    case .nextField:
      form.focus = fields[(form.focus.rawValue + 1) % fields.count]
      return []
    case .previousField:
      form.focus = fields[(form.focus.rawValue + fields.count - 1) % fields.count]
      return []
    case .cancel:
      mode = .table
      message = StatusMessage("Edit cancelled")
      return []
    case .editor:
      return [.editor(form.value.text)]
    case .accept:
      commitForm(&form)
      return []
    default: break
    }
    if form.focus.isText {
      // Space types a space in text fields; arrows move the cursor.
      form[text: form.focus].handle(key)
      form.saveError = nil
    } else if key == "space" || key == "right" || key == "left" {
      form.step(key != "left")
    }
    return []
  }

  mutating func commitForm(_ form: inout EditForm) {
    let errors = form.errors(now: now)
    guard errors.isEmpty, let cookie = form.cookie(now: now) else {
      if let f = EditForm.Field.allCases.first(where: { errors[$0] != nil }) {
        form.focus = f
        form.saveError = "\(f.label): \(errors[f] ?? "")"
      }
      return
    }
    do {
      if let h = form.target {
        try store.update(h, to: cookie)
        message = StatusMessage("Edited \(TerminalText.escaped(cookie.name)) (u undoes)", .ok)
      } else {
        let h = try store.add(cookie)
        message = StatusMessage("Added \(TerminalText.escaped(cookie.name)) (u undoes)", .ok)
        changed()
        if let i = visible.firstIndex(of: h) {
          cursor = i
          scrollToCursor()
        }
        mode = .table
        return
      }
    } catch {
      form.saveError = error.description
      return
    }
    mode = .table
    changed()
  }

  // MARK: Save and export

  /// `w`: each open file gets its own cookies back in its own format.
  mutating func save() -> [Effect] {
    guard !files.isEmpty else {
      message = StatusMessage("Nothing was loaded from a file; W saves as", .warning)
      return []
    }
    var effects: [Effect] = []
    var readOnly: [String] = []
    var warnings = 0
    let all = store.cookies
    for f in files {
      guard f.name != "-", let writer = writers.writer(for: f.format) else {
        readOnly.append("\(f.name) (\(f.format.rawValue))")
        continue
      }
      // Each file gets its own cookies back; cookies made here without a file go to the first.
      let isFirst = f.name == files[0].name
      let mine =
        files.count == 1 ? all : all.filter { $0.sourceFile == f.name || (isFirst && $0.sourceFile.isEmpty) }
      let result = writer.write(mine, options: CookieWriteOptions(dialect: f.dialect, now: now))
      warnings += result.warnings.count
      effects.append(.save(WriteJob(path: f.name, format: f.format, data: result.data, kind: .save)))
      pendingWrites.insert(f.name)
    }
    if !readOnly.isEmpty {
      message = StatusMessage(
        "\(readOnly.joined(separator: ", ")): this format is read-only here; press W to save as another format",
        .warning)
      if effects.isEmpty { quitAfterSave = false }
    } else {
      message = StatusMessage(
        "Saving…" + (warnings > 0 ? " (\(warnings) fields the format cannot hold)" : ""))
    }
    return effects
  }

  mutating func startExport() {
    let formats = writers.formats
    guard !formats.isEmpty else {
      message = StatusMessage("No writer is available in this build", .error)
      return
    }
    let first = files.first
    let idx = first.flatMap { f in formats.firstIndex(of: f.format) } ?? 0
    mode = .export(
      ExportForm(path: TextField(first?.name ?? "cookies.txt"), formats: formats, formatIndex: idx))
  }

  mutating func exportKey(_ key: Key, _ form: inout ExportForm) -> [Effect] {
    let action = Bindings.action(for: key, in: .export)
    switch action {
    case .cancel:
      mode = .table
      return []
    case .nextField:
      form.focus = 1 - form.focus
      return []
    case .accept:
      let path = form.path.text.trimmingCharactersInSpaces()
      guard !path.isEmpty, let format = form.format, let writer = writers.writer(for: format) else {
        message = StatusMessage("Give a path and a format", .warning)
        return []
      }
      let result = writer.write(store.cookies, options: CookieWriteOptions(now: now))
      let job = WriteJob(path: path, format: format, data: result.data, kind: .export)
      if result.warnings.isEmpty {
        mode = .table
        pendingWrites.insert(path)
        return [.export(job)]
      }
      mode = .confirm(.lossyExport(job, warnings: result.warnings.map(\.message)))
      return []
    default: break
    }
    if form.focus == 1 {
      if key == "left" || key == "right" || key == "space" {
        let n = max(1, form.formats.count)
        form.formatIndex = (form.formatIndex + (key == "left" ? n - 1 : 1)) % n
      }
    } else {
      form.path.handle(key)
    }
    return []
  }

  /// A write came back.
  mutating func finishWrite(_ job: WriteJob, error: String?, conflict: Bool) -> [Effect] {
    pendingWrites.remove(job.path)
    if conflict {
      quitAfterSave = false
      mode = .confirm(.overwrite(job))
      return []
    }
    if let error {
      quitAfterSave = false
      message = StatusMessage(error, .error)
      return []
    }
    let saved = job.kind == .save || files.contains { $0.name == job.path && $0.format == job.format }
    if pendingWrites.isEmpty && saved && job.kind == .save {
      store.markSaved()
    } else if job.kind == .export, files.count == 1, files[0].name == job.path {
      store.markSaved()
    }
    message = StatusMessage(
      "\(job.kind == .save ? "Saved" : "Exported") \(store.count) cookies to \(job.path) (\(job.format.rawValue))",
      .ok)
    if pendingWrites.isEmpty && quitAfterSave { return [.quit] }
    return []
  }

  // MARK: Mouse

  mutating func handleMouse(_ m: MouseEvent) {
    guard case .table = mode else { return }
    let layout = Layout(self)
    switch m.kind {
    case .wheelUp, .wheelDown:
      let d = m.kind == .wheelUp ? -3 : 3
      if let r = layout.domains, r.contains(x: m.x, y: m.y) {
        focus = .domains
      } else {
        focus = .table
      }
      move(d)
    case .press:
      if let r = layout.domains, r.contains(x: m.x, y: m.y) {
        let i = m.y - r.y - 1 + domainTop(layout)
        if m.y > r.y, i >= 0, i <= derived.domains.count {
          focus = .domains
          chooseDomain(i)
        }
        return
      }
      let t = layout.table
      guard t.contains(x: m.x, y: m.y) else { return }
      focus = .table
      if m.y == t.y {
        for c in layout.columns where m.x >= c.x + t.x && m.x < c.x + t.x + c.width {
          let desc = sort?.column == c.id && sort?.descending == false
          column = c.id
          requestSort(SortOrder(column: c.id, descending: desc))
        }
        return
      }
      let row = top + (m.y - t.y - 1)
      if row < visible.count {
        cursor = row
        for c in layout.columns where m.x >= c.x + t.x && m.x < c.x + t.x + c.width { column = c.id }
        scrollToCursor()
      }
    }
  }

  /// The first domain entry on screen (the list scrolls to keep the cursor visible).
  func domainTop(_ layout: Layout) -> Int {
    guard let r = layout.domains else { return 0 }
    let rows = max(1, r.height - 1)
    return max(0, domainCursor - rows + 1)
  }
}
