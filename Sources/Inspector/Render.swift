import CookieCore
import TerminalKit

/// A screen position for the terminal cursor (shown only while typing).
public struct CursorPosition: Hashable, Sendable {
  public var x: Int
  public var y: Int
}

/// Draws the whole screen for `state` into `buf` (which must be `state.width`×`height`);
/// returns where the cursor goes, nil to hide it. Only the rows on screen are touched,
/// so a frame costs the same for ten cookies or a million.
@discardableResult
public func render(_ state: AppState, into buf: inout Buffer) -> CursorPosition? {
  buf.fill(buf.area)
  let layout = Layout(state)
  var cursorPos: CursorPosition? = nil
  if let d = layout.domains {
    renderDomains(state, d, layout, &buf)
    for y in d.y..<d.maxY { buf.put("│", x: d.maxX, y: y, style: Style(.border)) }
  }
  renderTable(state, layout, &buf)
  if let d = layout.detail { renderDetail(state, d, &buf) }
  // Status line: the filter prompt while typing, else counts and the last message.
  if case .filter = state.mode {
    let prompt = "/ "
    buf.fill(Rect(x: 0, y: layout.statusY, width: state.width, height: 1), style: Style(.input))
    buf.put(prompt, x: 0, y: layout.statusY, style: Style(.input, .bold))
    let count =
      state.jobs.pending(FilterJob.self) != nil
      ? " \(state.visible.count)+ matches, \(Int(state.filterProgress * 100))%"
      : " \(state.visible.count) match\(state.visible.count == 1 ? "" : "es")"
    // A term that cannot be read says why, in the line being typed (it is ignored).
    let problems = CookieFilter.parse(state.filter.text).problems
    var problem = problems.isEmpty ? "" : " ✗ " + problems.joined(separator: "; ") + " │"
    // The query keeps at least a third of the line; the reason is cut before it is.
    let room = max(0, state.width - 2 - DisplayWidth.of(count) - max(8, state.width / 3))
    if DisplayWidth.of(problem) > room { problem = TerminalText.truncated(problem, width: room) }
    if room == 0 { problem = "" }
    let cw = DisplayWidth.of(count) + DisplayWidth.of(problem)
    let fw = max(1, state.width - 2 - cw)
    let cx = state.filter.render(into: &buf, x: 2, y: layout.statusY, width: fw, style: Style(.input))
    if !problem.isEmpty {
      buf.put(problem, x: 2 + fw, y: layout.statusY, style: Style(.error, .bold))
    }
    buf.put(count, x: 2 + fw + DisplayWidth.of(problem), y: layout.statusY, style: Style(.input))
    cursorPos = CursorPosition(x: cx, y: layout.statusY)
  } else if case .domainJump(let jump) = state.mode {
    cursorPos = renderDomainJump(state, jump, layout.statusY, &buf)
  } else {
    renderStatus(state, layout.statusY, &buf)
  }
  // No domain list on narrow screens, so no hint for switching to it.
  let hints = Bindings.footerWithPriorities(
    for: state.bindingContext, without: state.width < Layout.domainsMinimumWidth ? [.focusDomains] : [])
  HintBar.render(
    hints.map { ($0.key, $0.label) }, priorities: hints.map(\.priority), y: layout.footerY,
    width: state.width, into: &buf)
  let screen = Rect(x: 0, y: 0, width: state.width, height: max(0, state.height - 1))
  switch state.mode {
  case .help: renderHelp(state, screen, &buf)
  case .changes: renderChanges(state, screen, &buf)
  case .problems: renderProblems(state, screen, &buf)
  case .confirm(let c): confirmDialog(state, c).render(in: screen, into: &buf)
  case .edit(let form): cursorPos = renderForm(state, form, screen, &buf)
  case .export(let form): cursorPos = renderExport(state, form, screen, &buf)
  case .urlPrompt(let form): cursorPos = renderURLPrompt(state, form, screen, &buf)
  case .urlView(let report): renderURLView(state, report, screen, &buf)
  case .keyEntry(let field): cursorPos = renderKeyEntry(state, field, screen, &buf)
  case .table, .filter, .domainJump: break
  }
  return cursorPos
}

func renderTable(_ s: AppState, _ layout: Layout, _ buf: inout Buffer) {
  let t = layout.table
  guard t.height > 0, t.width > 0 else { return }
  let cols = layout.columns
  let layouts = cols.map { c -> TableColumnLayout in
    // The short title when the full one does not fit: a header is never cut to `…`.
    var arrow = ""
    if let sort = s.sort, sort.column == c.id { arrow = sort.descending ? " ▼" : " ▲" }
    let title = c.id.title(fitting: c.width - DisplayWidth.of(arrow)) + arrow
    return TableColumnLayout(title: title, width: c.width, alignRight: c.id.alignRight)
  }
  let sourceCount = s.files.count
  let sourceNames = sourceCount > 1 ? s.sourceNames : [:]
  // Expires in one form for the whole column: the longest its width allows.
  let expiryWidth = cols.first { $0.id == .expires }?.width ?? 0
  let form = CookieText.form(fitting: expiryWidth, display: s.timeDisplay, widths: s.derived.expiryWidths)
  // Gutter header.
  let g = Layout.gutter
  buf.fill(Rect(x: t.x, y: t.y, width: g, height: 1), style: Style(.header))
  var rowCookie: (Int, Cookie)? = nil
  func cookie(_ row: Int) -> Cookie {
    if let rc = rowCookie, rc.0 == row { return rc.1 }
    let c = s.onScreen(s.store[s.visible[row]])
    rowCookie = (row, c)
    return c
  }
  let tableRect = Rect(x: t.x + g, y: t.y, width: t.width - g, height: t.height)
  TableWidget.render(
    columns: layouts, in: tableRect, into: &buf,
    headerStyle: { i in
      cols[i].id == s.column ? Style(.headerActive, .bold) : Style(.header, .bold)
    },
    rowCount: s.visible.count, first: s.top,
    rowStyle: { row in
      let c = cookie(row)
      if row == s.cursor && s.focus == .table { return Style(.selected) }
      if row == s.cursor { return Style(.selected, .dim) }
      if s.marks.contains(s.visible[row]) { return Style(.marked) }
      if c.isExpired(at: s.now) { return Style(.dim, .dim) }
      return .normal
    },
    cell: { row, col in
      let c = cookie(row)
      let id = cols[col].id
      let text =
        id == .status
        ? s.compareStatus(c)?.label ?? ""
        : id != .source
          ? id.text(c, now: s.now, time: s.timeDisplay, form: form)
          : sourceCount > 1 ? sourceNames[c.sourceFile] ?? c.sourceFile : ""
      if row == s.cursor && id == s.column && s.focus == .table { return (text, Style(.selectedCell, .bold)) }
      return (text, nil)
    })
  // Gutter: mark and issue markers for the rows on screen.
  for r in 0..<layout.tableRows {
    let row = s.top + r
    let y = t.y + 1 + r
    guard row < s.visible.count else { break }
    let h = s.visible[row]
    let base = buf[t.x + g, y].style
    buf.put(row == s.cursor ? "›" : " ", x: t.x, y: y, style: base)
    buf.put(
      s.marks.contains(h) ? "●" : " ", x: t.x + 1, y: y,
      style: s.marks.contains(h) ? Style(.marked, .bold) : base)
    // Info-level notes (SameSite unset, …) would mark nearly every row and hide the real
    // problems; they show in the detail pane and `crumbs lint`.
    let issues = CookieLint.issues(of: s.store[h], now: s.now)
    let mark: String
    var style = base
    if let status = s.compareStatus(s.store[h]), status != .same {
      // The compare view: the status first (the Status column spells it out).
      mark = status == .added ? "+" : status == .removed ? "-" : "~"
      style = Style(status == .added ? .added : status == .removed ? .error : .modified, .bold)
    } else if let worst = issues.first, worst.severity != .info {
      mark = worst.severity == .error ? "✗" : "!"
      style = Style(worst.severity == .warning ? .warning : .error, .bold)
    } else if let change = s.store.changeSinceLoad(h) {
      mark = change == .added ? "+" : "~"
      style = Style(change == .added ? .added : .modified, .bold)
    } else {
      mark = " "
    }
    buf.put(mark, x: t.x + 2, y: y, style: style)
  }
  if s.visible.isEmpty && t.height > 1 {
    let msg = s.store.count == 0 ? "No cookies." : "No cookie matches the filter (Esc clears it)."
    buf.put(msg, x: t.x + g, y: t.y + 1, maxWidth: t.width - g, style: Style(.dim))
  }
}

func renderDomains(_ s: AppState, _ r: Rect, _ layout: Layout, _ buf: inout Buffer) {
  guard r.height > 0 else { return }
  let title = "Domains (\(s.derived.domains.count))"
  buf.putPadded(
    title, x: r.x, y: r.y, width: r.width, style: Style(s.focus == .domains ? .headerActive : .header, .bold))
  let first = s.domainTop(layout)
  let rows = s.domainRows
  for i in 0..<max(0, r.height - 1) {
    let entry = first + i
    guard entry < rows.count else { break }
    let (name, count, group) = s.domainRowInfo(rows[entry])
    let countText = " \(count)"
    let selected = entry == s.domainCursor
    let style =
      selected ? (s.focus == .domains ? Style(.selected) : Style(.selected, .dim)) : Style.normal
    buf.fill(Rect(x: r.x, y: r.y + 1 + i, width: r.width, height: 1), style: style)
    let cw = DisplayWidth.of(countText)
    var label = name.isEmpty ? "(no domain)" : name
    // A site with other hosts gets an arrow (Firefox's grouped site list); its hosts are indented.
    var arrow = ""
    if let group, group.isExpandable { arrow = s.expandedSites.contains(group.site) ? " ▾" : " ▸" }
    if case .host = rows[entry] { label = "  " + label }
    let aw = DisplayWidth.of(arrow)
    buf.putPadded(label, x: r.x, y: r.y + 1 + i, width: max(0, r.width - cw - aw), style: style)
    if aw > 0 {
      buf.put(
        arrow, x: r.x + max(0, min(DisplayWidth.of(TerminalText.escaped(label)), r.width - cw - aw)),
        y: r.y + 1 + i,
        style: selected ? style : Style(.accent))
    }
    buf.put(countText, x: r.maxX - cw, y: r.y + 1 + i, style: selected ? style : Style(.dim))
  }
}

func renderStatus(_ s: AppState, _ y: Int, _ buf: inout Buffer) {
  var file: String
  switch s.files.count {
  case 0: file = "(no file)"
  case 1: file = s.files[0].name
  default: file = "\(s.files.count) files"
  }
  let marked = s.marks.count
  let dirty = s.store.isDirty
  // Before the first count is done (a large jar just opened) the expired count is unknown.
  let expired = s.expiredCountKnown ? "\(s.expiredCount)" : "…"
  let long =
    s.reading
    ? "reading… first \(s.store.count) shown"
    : "\(s.store.count) total · \(s.visible.count) shown · \(marked) marked · \(expired) expired"
  let short =
    s.reading
    ? "reading… \(s.store.count)"
    : "\(s.visible.count)/\(s.store.count) shown·\(marked) marked·\(expired) exp"
  var context: [String] = []
  if !s.filter.text.isEmpty { context.append("/\(s.filter.text)") }
  context += s.jobStatus
  // A save in flight stays in sight when the rest of the context gives way.
  let saving = s.saveStatus.map { [$0] } ?? []
  context += saving
  if let d = s.domain { context.append("domain \(d)") }
  if let site = s.site { context.append("site \(site)") }
  if s.redactsValues { context.append("values redacted") }
  let unsaved = dirty ? ["● unsaved"] : []
  let msg = s.message.map { TerminalText.escaped($0.text) }
  let style: Style
  switch s.message?.kind {
  case .error?: style = Style(.error, .bold)
  case .warning?: style = Style(.warning)
  case .ok?: style = Style(.ok)
  default: style = Style(dirty ? .statusDirty : .status)
  }
  // The message has its own room on the right: the counts give way by whole parts (the
  // file name first, then the long form, then the filter and domain), never cut mid-word.
  let msgWidth = msg.map { min(DisplayWidth.of($0), max(0, s.width * 2 / 3)) + 2 } ?? 0
  let room = s.width - msgWidth - 1
  let candidates = [
    ([file, long] + context + unsaved), ([long] + context + unsaved), ([short] + context + unsaved),
    ([short] + saving + unsaved),
  ]
  let left =
    candidates.map { $0.joined(separator: " │ ") }.first { DisplayWidth.of(TerminalText.escaped($0)) <= room }
    ?? ([short] + unsaved).joined(separator: " │ ")
  StatusBar.render(
    left: left, right: "", y: y, width: s.width, style: Style(dirty ? .statusDirty : .status), into: &buf)
  if let msg {
    let text = TerminalText.truncated(msg, width: max(0, msgWidth - 2))
    let w = DisplayWidth.of(text)
    buf.put(" " + text + " ", x: max(0, s.width - w - 2), y: y, style: style)
  }
}
