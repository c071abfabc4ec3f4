import CookieCore
import TerminalKit

/// `s`: the request form.
func renderURLPrompt(_ s: AppState, _ form: URLPrompt, _ screen: Rect, _ buf: inout Buffer)
  -> CursorPosition?
{
  let frame = screen.centered(width: min(76, screen.width), height: min(8, screen.height))
  let inner = Box.draw(frame, title: "Which cookies does this URL get?", into: &buf)
  guard inner.height >= 3, inner.width > 20 else { return nil }
  let labelW = 16
  let fw = max(1, inner.width - labelW)
  var cursor: CursorPosition? = nil
  let rows: [(URLPrompt.Field, String)] = [
    (.url, "URL"), (.site, "Top-level site"), (.navigation, "Navigation"),
  ]
  for (i, (f, label)) in rows.enumerated() {
    let y = inner.y + i
    let focused = form.focus == f
    buf.put(label, x: inner.x, y: y, style: Style(focused ? .headerActive : .normal, .bold))
    switch f {
    case .url, .site:
      let field = f == .url ? form.url : form.site
      if focused {
        cursor = CursorPosition(
          x: field.render(into: &buf, x: inner.x + labelW, y: y, width: fw, style: Style(.input)), y: y)
      } else {
        let text = field.text.isEmpty && f == .site ? "(none: a same-site request)" : field.text
        buf.putPadded(
          text, x: inner.x + labelW, y: y, width: fw, style: field.text.isEmpty ? Style(.dim) : .normal)
      }
    case .navigation:
      buf.put(
        (form.navigation ? "[x]" : "[ ]") + " a top-level navigation (a followed link, GET)",
        x: inner.x + labelW,
        y: y, maxWidth: fw, style: focused ? Style(.input, .bold) : .normal)
    }
  }
  let bottom: (String, Style) =
    form.error.map { ("✗ " + $0, Style(.error, .bold)) }
    ?? ("Enter shows the cookies sent and not sent · Tab next field · Esc cancels", Style(.dim))
  buf.put(TerminalText.fitted(bottom.0, width: inner.width), x: inner.x, y: inner.maxY - 1, style: bottom.1)
  return cursor
}

/// The URL view: the `Cookie` header, the cookies sent in order, the others with reasons.
func renderURLView(_ s: AppState, _ report: URLReport, _ screen: Rect, _ buf: inout Buffer) {
  let inner = Box.draw(
    screen,
    title:
      "Cookies for \(report.request.url.host) (\(report.sent.count) sent, \(report.excluded.count) not sent; Esc returns)",
    into: &buf)
  guard inner.height > 0, inner.width > 2 else { return }
  let lines = report.lines(width: inner.width - 1)
  let first = min(report.scroll, max(0, lines.count - 1))
  for i in 0..<inner.height {
    guard first + i < lines.count else { break }
    let (t, st) = lines[first + i]
    buf.put(t, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 1, style: st)
  }
}

/// `S`: the key, masked.
func renderKeyEntry(_ s: AppState, _ field: TextField, _ screen: Rect, _ buf: inout Buffer) -> CursorPosition?
{
  let frame = screen.centered(width: min(64, screen.width), height: min(6, screen.height))
  let inner = Box.draw(frame, title: "Session signing key", into: &buf)
  guard inner.height >= 1, inner.width > 8 else { return nil }
  buf.put("Key", x: inner.x, y: inner.y, style: Style(.headerActive, .bold))
  // The key itself never reaches the screen: one • per character.
  var masked = TextField(String(repeating: "•", count: field.text.count))
  masked.cursor = field.cursor
  let cx = masked.render(into: &buf, x: inner.x + 5, y: inner.y, width: inner.width - 5, style: Style(.input))
  if inner.height >= 3 {
    buf.put(
      TerminalText.fitted("Verifies and re-signs Flask, Django and Express sessions.", width: inner.width),
      x: inner.x, y: inner.y + 2, style: Style(.dim))
  }
  if inner.height >= 4 {
    buf.put(
      TerminalText.fitted("Memory only, never saved · Enter keeps (empty forgets) · Esc", width: inner.width),
      x: inner.x, y: inner.maxY - 1, style: Style(.dim))
  }
  return CursorPosition(x: cx, y: inner.y)
}
