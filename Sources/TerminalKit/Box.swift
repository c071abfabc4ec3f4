/// A bordered box with an optional title (dialogs, the help screen, panes).
public enum Box {
  /// Draws the border of `rect` and clears its inside; returns the inner rectangle.
  @discardableResult
  public static func draw(
    _ rect: Rect, title: String = "", into buf: inout Buffer, border: Style = Style(.border),
    fill: Style = .normal
  ) -> Rect {
    guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
    buf.fill(rect, style: fill)
    let inner = String(repeating: "─", count: rect.width - 2)
    buf.put("┌" + inner + "┐", x: rect.x, y: rect.y, style: border)
    buf.put("└" + inner + "┘", x: rect.x, y: rect.maxY - 1, style: border)
    for y in (rect.y + 1)..<(rect.maxY - 1) {
      buf.put("│", x: rect.x, y: y, style: border)
      buf.put("│", x: rect.maxX - 1, y: y, style: border)
    }
    if !title.isEmpty && rect.width > 4 {
      buf.put(
        " " + TerminalText.truncated(TerminalText.escaped(title), width: rect.width - 4) + " ",
        x: rect.x + 1, y: rect.y, style: Style(.title, .bold))
    }
    return rect.inset(by: 1)
  }
}

/// A centred modal box: title, body lines, and a line of choices (`y yes  n no`).
public struct Dialog: Sendable {
  public var title: String
  public var body: [String]
  public var choices: [(key: String, label: String)]
  public var style: Style

  public init(
    title: String, body: [String], choices: [(key: String, label: String)], style: Style = .normal
  ) {
    self.title = title
    self.body = body
    self.choices = choices
    self.style = style
  }

  /// Draws the dialog centred in `area`, as wide as its text allows; returns its frame.
  @discardableResult
  public func render(in area: Rect, into buf: inout Buffer) -> Rect {
    let choiceLine = choices.map { "\($0.key) \($0.label)" }.joined(separator: "   ")
    var want = max(DisplayWidth.of(title) + 6, DisplayWidth.of(choiceLine) + 4)
    for l in body { want = max(want, DisplayWidth.of(TerminalText.escaped(l)) + 4) }
    let frame = area.centered(width: min(want, area.width), height: min(body.count + 4, area.height))
    let inner = Box.draw(frame, title: title, into: &buf, fill: style)
    guard inner.height > 0 else { return frame }
    let bodyRows = max(0, inner.height - 1)
    for (i, line) in body.prefix(bodyRows).enumerated() {
      buf.put(
        TerminalText.truncated(TerminalText.escaped(line), width: inner.width - 2), x: inner.x + 1,
        y: inner.y + i, style: style)
    }
    var x = inner.x + 1
    let y = inner.maxY - 1
    for (i, c) in choices.enumerated() {
      if i > 0 { x += buf.put("   ", x: x, y: y, maxWidth: inner.maxX - x, style: style) }
      x += buf.put(c.key, x: x, y: y, maxWidth: inner.maxX - x, style: Style(.footerKey, .bold))
      x += buf.put(" " + c.label, x: x, y: y, maxWidth: inner.maxX - x, style: style)
    }
    return frame
  }
}

/// The footer: key hints side by side (`j/k move  / filter  ? help`). When not all fit,
/// the ones of highest priority stay (`? help` and `q quit` on every width), shown in
/// their order.
public enum HintBar {
  public static func render(
    _ hints: [(key: String, label: String)], priorities: [Int] = [], y: Int, width: Int,
    into buf: inout Buffer
  ) {
    buf.fill(Rect(x: 0, y: y, width: width, height: 1), style: Style(.footer))
    let shown = fitting(hints, priorities: priorities, width: width)
    var x = 0
    for (i, h) in shown.enumerated() {
      let need = DisplayWidth.of(h.key) + 1 + DisplayWidth.of(h.label) + (i > 0 ? 2 : 0)
      if x + need > width { break }
      if i > 0 { x += buf.put("  ", x: x, y: y, style: Style(.footer)) }
      x += buf.put(h.key, x: x, y: y, style: Style(.footerKey, .bold))
      x += buf.put(" " + h.label, x: x, y: y, style: Style(.footer))
    }
  }
}

extension HintBar {
  /// The hints that fit in `width`: by priority (higher first, then earlier first), shown
  /// in their own order.
  public static func fitting(
    _ hints: [(key: String, label: String)], priorities: [Int], width: Int
  ) -> [(key: String, label: String)] {
    let order = hints.indices.sorted {
      let (a, b) = (
        priorities.indices.contains($0) ? priorities[$0] : 0,
        priorities.indices.contains($1) ? priorities[$1] : 0
      )
      return a != b ? a > b : $0 < $1
    }
    var used = 0
    var keep = Set<Int>()
    for i in order {
      let need = DisplayWidth.of(hints[i].key) + 1 + DisplayWidth.of(hints[i].label) + (keep.isEmpty ? 0 : 2)
      if used + need > width { continue }
      used += need
      keep.insert(i)
    }
    return hints.indices.filter(keep.contains).map { hints[$0] }
  }
}

/// The status line: left text and right text on one row; the left side is cut first.
public enum StatusBar {
  public static func render(
    left: String, right: String, y: Int, width: Int, style: Style, into buf: inout Buffer
  ) {
    buf.fill(Rect(x: 0, y: y, width: width, height: 1), style: style)
    let r = TerminalText.truncated(TerminalText.escaped(right), width: max(0, width - 1))
    let rw = DisplayWidth.of(r)
    buf.put(left, x: 0, y: y, maxWidth: max(0, width - rw - 1), style: style)
    buf.put(r, x: width - rw, y: y, style: style)
  }
}
