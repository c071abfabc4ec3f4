import TerminalKit

/// The status line while typing in the domain list: the text and how many domains match.
func renderDomainJump(_ s: AppState, _ jump: DomainJump, _ y: Int, _ buf: inout Buffer) -> CursorPosition {
  let prompt = "domain: "
  buf.fill(Rect(x: 0, y: y, width: s.width, height: 1), style: Style(.input))
  buf.put(prompt, x: 0, y: y, style: Style(.input, .bold))
  let n = DomainJump.matches(jump.query.text, in: s.derived.domains).count
  let count = jump.query.text.isEmpty ? " type part of a domain" : " \(n) domain\(n == 1 ? "" : "s") match"
  let pw = DisplayWidth.of(prompt)
  let cw = DisplayWidth.of(count)
  let fw = max(1, s.width - pw - cw)
  let cx = jump.query.render(into: &buf, x: pw, y: y, width: fw, style: Style(.input))
  buf.put(count, x: pw + fw, y: y, style: Style(.input))
  return CursorPosition(x: cx, y: y)
}
