import CookieCore
import TerminalKit

/// Lines a long value or decoded view shows while folded (the rest is one "… N more
/// lines" line); `z` unfolds every one of the selected cookie.
enum DetailFold {
  static let valueLines = 3
  static let viewLines = 10
  static func note(_ hidden: Int) -> String { "… \(hidden) more line\(hidden == 1 ? "" : "s") (z unfolds)" }
}

/// The detail pane's lines for a cookie: the attributes first (a long value folded to a
/// few lines), issues, then each decoded view (folded when long); `z` unfolds them.
func detailLines(_ s: AppState, _ h: CookieHandle, width: Int) -> [(String, Style)] {
  let c = s.onScreen(s.store[h])
  var out: [(String, Style)] = []
  let labelW = 14
  let folded = !s.detailUnfolded
  func row(_ label: String, _ value: String, _ style: Style = .normal, fold: Int? = nil) {
    var wrapped = TerminalText.wrapped(value, width: max(1, width - labelW))
    var hidden = 0
    if folded, let fold, wrapped.count > fold + 1 {
      hidden = wrapped.count - fold
      wrapped.removeLast(hidden)
    }
    defer {
      if hidden > 0 {
        out.append((String(repeating: " ", count: labelW) + DetailFold.note(hidden), Style(.dim)))
      }
    }
    for (i, part) in wrapped.enumerated() {
      out.append(
        (
          (i == 0 ? TerminalText.padded(label, width: labelW) : String(repeating: " ", count: labelW)) + part,
          style
        ))
    }
  }
  row("Name", c.name)
  row("Value", c.value, fold: DetailFold.valueLines)
  if let v = s.signatureVerdict(s.store[h].value) {
    row(
      "Signature", "\(v.kind) session: \(v.text)",
      v.ok == true ? Style(.ok, .bold) : v.ok == false ? Style(.error, .bold) : Style(.dim))
  }
  row(
    "Domain",
    c.domain.isEmpty
      ? "(unknown)" : (c.hostOnly ? c.domain + "  (host-only)" : "." + c.domain + "  (domain cookie)"))
  row("Path", c.path)
  if let e = c.expires {
    row(
      "Expires", e.iso8601 + "  (" + CookieText.relative(e, now: s.now) + ")",
      c.isExpired(at: s.now) ? Style(.warning) : .normal)
  } else {
    row("Expires", "Session (ends when the browser closes)")
  }
  row("Size", "\(c.size) bytes (name + value)")
  row("HttpOnly", c.httpOnly ? "yes" : "no")
  row("Secure", c.secure ? "yes" : "no")
  row(
    "SameSite",
    c.sameSite == .unset
      ? "unset" + (c.sameSiteRaw.map { " (file says \($0))" } ?? "") : c.sameSite.displayName)
  row(
    "Partitioned",
    c.partitioned ? "yes" + (c.partitionKey.map { ", top-level site \($0.topLevelSite)" } ?? "") : "no")
  if let p = c.priority { row("Priority", p.displayName) }
  if let t = c.created { row("Created", t.iso8601) }
  if let t = c.lastAccessed { row("Last accessed", t.iso8601) }
  if let t = c.lastUpdated { row("Last updated", t.iso8601) }
  if let o = c.originAttributes, !o.isEmpty { row("Origin attrs", o) }
  if let cm = c.comment { row("Comment", cm) }
  if let p = c.port { row("Port", p) }
  for (k, v) in c.unknownFields.sorted(by: { $0.key < $1.key }) { row(k, v, Style(.dim)) }
  if let request = c.sourceRequest {
    // A capture's cookie: the request that set it first (Chrome's Network panel), then where.
    row(
      "Source",
      request + "  (" + [c.sourceFile, c.sourceRecord ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        + ")", Style(.dim))
  } else if !c.sourceDescription.isEmpty {
    row("Source", c.sourceDescription, Style(.dim))
  }
  switch s.store.changeSinceLoad(h) {
  case .added?: row("Change", "added, not saved", Style(.added))
  case .modified?: row("Change", "modified, not saved", Style(.modified))
  default: break
  }
  for issue in CookieLint.issues(of: c, now: s.now) {
    let role: Role = issue.severity == .error ? .error : issue.severity == .warning ? .warning : .accent
    row("Issue", "\(issue.severity.rawValue) [\(issue.rule)] \(issue.message)", Style(role))
  }
  out += compareLines(s, c, width: width)
  // Redacted: the decoded views would show what the placeholder hides.
  for view in s.redactsValues ? [] : ValueDecoding.views(of: c.value, now: s.now) {
    out.append(("", .normal))
    out.append(
      (
        "── \(view.title) " + String(repeating: "─", count: max(0, width - DisplayWidth.of(view.title) - 4)),
        Style(.title, .bold)
      ))
    var parts: [String] = []
    for line in view.lines { parts += TerminalText.wrapped(line, width: max(1, width)) }
    let hidden = folded && parts.count > DetailFold.viewLines + 1 ? parts.count - DetailFold.viewLines : 0
    for part in parts.dropLast(hidden) { out.append((part, .normal)) }
    if hidden > 0 { out.append((DetailFold.note(hidden), Style(.dim))) }
  }
  return out
}

extension AppState {
  /// The selected cookie's detail lines for the pane's current width (empty without one).
  func detailContent(width: Int) -> [(String, Style)] {
    guard let h = selected else { return [] }
    return detailLines(self, h, width: width)
  }

  /// Lines of cookie text the open detail pane shows at once, and the furthest it scrolls.
  var detailPage: (rows: Int, maxScroll: Int) {
    guard let r = Layout(self).detail else { return (0, 0) }
    let rows = max(1, r.height - 1)
    return (rows, max(0, detailContent(width: r.width - 1).count - rows))
  }

  /// Scrolls the detail pane by `delta` lines, within its content.
  mutating func scrollDetail(_ delta: Int) {
    detailScroll = max(0, min(detailPage.maxScroll, detailScroll &+ delta))
  }

  /// After every message: a newly selected cookie's details start at the top, folded.
  mutating func followSelection() {
    guard selected != detailCookie else { return }
    detailCookie = selected
    detailScroll = 0
    detailUnfolded = false
  }
}

func renderDetail(_ s: AppState, _ r: Rect, _ buf: inout Buffer) {
  guard r.height > 0 else { return }
  let title: String
  if let h = s.selected { title = "Cookie \(s.store[h].name)" } else { title = "No cookie selected" }
  let lines = s.detailContent(width: r.width - 1)
  let first = min(s.detailScroll, max(0, lines.count - 1))
  // Where the view is, when the content is longer than the pane.
  let shown = r.height - 1
  let position = lines.count > shown ? " \(first + 1)–\(min(lines.count, first + shown))/\(lines.count) " : ""
  let head = "── " + TerminalText.escaped(title) + " (J/K scroll, Ctrl-D/U page, Enter closes) "
  buf.putPadded(
    head
      + String(repeating: "─", count: max(0, r.width - DisplayWidth.of(head) - DisplayWidth.of(position) - 1))
      + position + "─", x: r.x,
    y: r.y,
    width: r.width, style: Style(.title, .bold))
  guard s.selected != nil else { return }
  for i in 0..<(r.height - 1) {
    let li = first + i
    guard li < lines.count else { break }
    buf.put(lines[li].0, x: r.x + 1, y: r.y + 1 + i, maxWidth: r.width - 1, style: lines[li].1)
  }
}

func renderHelp(_ s: AppState, _ screen: Rect, _ buf: inout Buffer) {
  let lines = Bindings.helpLines(width: s.helpWidth)
  let end = min(lines.count, s.helpScroll + max(0, screen.height - 2))
  let inner = Box.draw(
    screen, title: "Keys, lines \(min(s.helpScroll + 1, lines.count))–\(end) of \(lines.count) (Esc closes)",
    into: &buf)
  for i in 0..<max(0, inner.height) {
    let li = s.helpScroll + i
    guard li < lines.count else { break }
    let l = lines[li]
    let isSection = !l.hasPrefix(" ") && !l.isEmpty
    buf.put(
      TerminalText.fitted(l, width: inner.width - 1), x: inner.x + 1, y: inner.y + i,
      style: isSection ? Style(.title, .bold) : .normal)
  }
}

func renderChanges(_ s: AppState, _ screen: Rect, _ buf: inout Buffer) {
  var lines: [(String, Style)] = []
  let changes = s.store.changesSinceSave
  lines.append(
    (
      "\(changes.count) cookie\(changes.count == 1 ? "" : "s") differ from the saved files",
      Style(.title, .bold)
    ))
  for (h, kind) in changes {
    let c = s.store[h]
    let id = "\(c.name) @ \(c.hostOnly ? "" : ".")\(c.domain)\(c.path)"
    switch kind {
    case .added: lines.append(("+ added     " + id, Style(.added)))
    case .modified:
      var what = ""
      if let o = s.store.originalCookie(h) {
        var fields: [String] = []
        if o.value != c.value { fields.append("value") }
        if o.expires != c.expires { fields.append("expires") }
        if o.name != c.name || o.domain != c.domain || o.path != c.path || o.hostOnly != c.hostOnly {
          fields.append("identity")
        }
        if o.secure != c.secure || o.httpOnly != c.httpOnly || o.sameSite != c.sameSite
          || o.partitioned != c.partitioned
        {
          fields.append("flags")
        }
        what = fields.isEmpty ? "" : " (" + fields.joined(separator: ", ") + ")"
      }
      lines.append(("~ modified  " + id + what, Style(.modified)))
    case .deleted: lines.append(("- deleted   " + id, Style(.error)))
    }
  }
  lines.append(("", .normal))
  lines.append(("Undo history (newest last; u undoes, Ctrl-R redoes)", Style(.title, .bold)))
  for l in s.store.undoLabels { lines.append(("  " + l, .normal)) }
  for l in s.store.redoLabels.reversed() { lines.append(("  (undone) " + l, Style(.dim))) }
  let inner = Box.draw(screen, title: "Pending changes\(s.store.isDirty ? " (unsaved)" : "")", into: &buf)
  let first = min(s.changesScroll, max(0, lines.count - 1))
  for i in 0..<max(0, inner.height) {
    guard first + i < lines.count else { break }
    let (t, st) = lines[first + i]
    buf.put(t, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 1, style: st)
  }
}

func confirmDialog(_ s: AppState, _ c: Confirmation) -> Dialog {
  switch c {
  case .delete(let hs):
    var body = ["Delete \(hs.count) cookie\(hs.count == 1 ? "" : "s")?"]
    for h in hs.prefix(3) where s.store.contains(h) {
      let k = s.store[h]
      body.append("  \(k.name) @ \(k.domain)\(k.path)")
    }
    if hs.count > 3 { body.append("  … and \(hs.count - 3) more") }
    // `d` acts only on what is shown: marks the filter hides are named and kept.
    let hidden = s.marks.count - hs.filter { s.marks.contains($0) }.count
    if hidden > 0 {
      body.append(
        "\(hidden) marked cookie\(hidden == 1 ? "" : "s") hidden by the filter stay\(hidden == 1 ? "s" : "")."
      )
    }
    body.append("(u undoes it)")
    return Dialog(title: "Delete", body: body, choices: [("y", "delete"), ("n", "cancel")])
  case .deleteDomain(let host, let hs):
    return Dialog(
      title: "Delete all from domain",
      body: ["Delete all \(hs.count) cookie\(hs.count == 1 ? "" : "s") of \(host)?", "(u undoes it)"],
      choices: [("y", "delete"), ("n", "cancel")])
  case .deleteSessions(let hs, let hidden):
    var body = ["Delete all \(hs.count) session cookie\(hs.count == 1 ? "" : "s")?"]
    body.append("(They end when the browser closes: no expiry date.)")
    if hidden > 0 { body.append("\(hidden) of them hidden by the filter.") }
    body.append("(u undoes it)")
    return Dialog(title: "Delete session cookies", body: body, choices: [("y", "delete"), ("n", "cancel")])
  case .purge(let n):
    return Dialog(
      title: "Purge expired",
      body: [
        "Purge \(n) expired cookie\(n == 1 ? "" : "s")?",
        "Expired as of \(Instant(seconds: s.now.seconds).iso8601).", "(u undoes it)",
      ],
      choices: [("y", "purge"), ("n", "cancel")])
  case .quit(let n):
    return Dialog(
      title: "Unsaved changes",
      body: ["\(n) cookie\(n == 1 ? "" : "s") changed since the last save.", "Quit without saving?"],
      choices: [("y", "quit"), ("w", "save and quit"), ("n", "stay")])
  case .overwrite(let job, let question):
    return Dialog(
      title: "Overwrite?",
      body: [question, "Overwrite \(job.path) with \(job.cookieCount) cookies (\(job.format.rawValue))?"],
      choices: [("y", "overwrite"), ("n", "cancel")])
  case .lossyWrite(let jobs, let warnings):
    let target =
      jobs.count == 1
      ? "\(jobs[0].path) as \(jobs[0].format.rawValue)\(jobs[0].dialect.map { " (\($0) dialect)" } ?? "")"
      : "\(jobs.count) files"
    var body = ["Writing \(target) loses:"]
    body += warnings.prefix(6).map { "  • " + $0 }
    if warnings.count > 6 { body.append("  … and \(warnings.count - 6) more") }
    body.append("Write anyway?")
    let title = jobs.first?.kind == .save ? "Saving loses data" : "Export loses data"
    return Dialog(title: title, body: body, choices: [("y", "write"), ("n", "cancel")])
  }
}

func renderForm(_ s: AppState, _ form: EditForm, _ screen: Rect, _ buf: inout Buffer) -> CursorPosition? {
  let fields = form.fields
  let frame = screen.centered(width: min(76, screen.width), height: min(fields.count + 6, screen.height))
  let title = form.target == nil ? "Add cookie" : "Edit cookie"
  let inner = Box.draw(frame, title: title, into: &buf)
  guard inner.height > 0, inner.width > 4 else { return nil }
  let errors = form.errors(now: s.now)
  let labelW = min(12, inner.width / 3)
  // Rows for fields; the last two rows are for the focused field's note and the problem line.
  let fieldRows = max(1, inner.height - 2)
  let focusIndex = fields.firstIndex(of: form.focus) ?? 0
  let firstField = max(0, focusIndex - fieldRows + 1)
  var cursor: CursorPosition? = nil
  for i in 0..<fieldRows {
    let fi = firstField + i
    guard fi < fields.count else { break }
    let f = fields[fi]
    let y = inner.y + i
    let focused = f == form.focus
    buf.put(
      TerminalText.padded(f.label, width: labelW), x: inner.x, y: y,
      style: Style(focused ? .headerActive : .normal, focused ? .bold : []))
    let mark = errors[f] != nil ? "✗" : "✓"
    let fx = inner.x + labelW + 1
    let fw = max(1, inner.width - labelW - 3)
    if f.isText {
      if focused {
        let cx = form[text: f].render(into: &buf, x: fx, y: y, width: fw, style: Style(.input))
        cursor = CursorPosition(x: cx, y: y)
      } else {
        buf.putPadded(form[text: f].text, x: fx, y: y, width: fw, style: .normal)
      }
    } else {
      buf.put(form.display(f), x: fx, y: y, maxWidth: fw, style: focused ? Style(.input, .bold) : .normal)
    }
    buf.put(mark, x: inner.maxX - 1, y: y, style: Style(errors[f] != nil ? .error : .ok, .bold))
  }
  // Note: the focused field's problem, or what the expiry means.
  let noteY = inner.maxY - 2
  var note: (String, Style) = ("", .normal)
  if let e = errors[form.focus] {
    note = ("✗ \(form.focus.label): \(e)", Style(.error, .bold))
  } else if form.focus == .expires, case .success(let t) = ExpiryInput.parse(form.expires.text, now: s.now) {
    note = (
      t.map { "→ \($0.iso8601) (\(CookieText.relative($0, now: s.now)))" } ?? "→ session cookie", Style(.ok)
    )
  } else if form.focus == .payload, let session = form.session {
    note = (
      form.payloadEdited
        ? (s.sessionKey == nil
          ? "! edited: saving needs the key to re-sign (S enters it)"
          : "→ saving re-signs with the key, signed now")
        : "\(session.kind) session payload; edit it and saving re-signs the value",
      Style(form.payloadEdited && s.sessionKey == nil ? .warning : .accent)
    )
  } else if let w = form.warnings().first {
    note = ("! " + w, Style(.warning))
  }
  if noteY > inner.y { buf.put(note.0, x: inner.x, y: noteY, maxWidth: inner.width, style: note.1) }
  let bottom: (String, Style)
  if let e = form.saveError {
    bottom = ("✗ " + e, Style(.error, .bold))
  } else if errors.isEmpty {
    bottom = (
      "Enter saves · Esc cancels · Ctrl-E $EDITOR for the \(form.focus == .payload ? "payload" : "value")",
      Style(.dim)
    )
  } else {
    bottom = ("\(errors.count) field\(errors.count == 1 ? "" : "s") to fix before saving", Style(.warning))
  }
  buf.put(TerminalText.fitted(bottom.0, width: inner.width), x: inner.x, y: inner.maxY - 1, style: bottom.1)
  return cursor
}

func renderExport(_ s: AppState, _ form: ExportForm, _ screen: Rect, _ buf: inout Buffer) -> CursorPosition? {
  let frame = screen.centered(width: min(72, screen.width), height: min(8, screen.height))
  let inner = Box.draw(frame, title: "Save as / export", into: &buf)
  guard inner.height >= 2, inner.width > 10 else { return nil }
  buf.put("Path", x: inner.x, y: inner.y, style: Style(form.focus == 0 ? .headerActive : .normal, .bold))
  let cx = form.path.render(
    into: &buf, x: inner.x + 8, y: inner.y, width: inner.width - 8, style: Style(.input))
  buf.put(
    "Format", x: inner.x, y: inner.y + 1, style: Style(form.focus == 1 ? .headerActive : .normal, .bold))
  var x = inner.x + 8
  for (i, f) in form.formats.enumerated() {
    let st = i == form.formatIndex ? Style(.selected, .bold) : Style.normal
    x += buf.put(" \(f.rawValue) ", x: x, y: inner.y + 1, maxWidth: inner.maxX - x, style: st)
  }
  // Consumers by name: the format and dialect each reads (`convert --for`).
  if !form.consumers.isEmpty && inner.height > 2 {
    buf.put("For", x: inner.x, y: inner.y + 2, style: Style(form.focus == 1 ? .headerActive : .normal, .bold))
    x = inner.x + 8
    for (i, c) in form.consumers.enumerated() {
      let st = i + form.formats.count == form.formatIndex ? Style(.selected, .bold) : Style.normal
      x += buf.put(" \(c.rawValue) ", x: x, y: inner.y + 2, maxWidth: inner.maxX - x, style: st)
    }
  }
  if inner.height > 3 {
    buf.put(
      "Tab switches · ←/→ format or consumer · Enter writes (losses first)", x: inner.x, y: inner.maxY - 1,
      maxWidth: inner.width, style: Style(.dim))
  }
  return form.focus == 0 ? CursorPosition(x: cx, y: inner.y) : nil
}
