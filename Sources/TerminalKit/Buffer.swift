/// One terminal cell: a grapheme (or "" for the right half of a wide one) and its style.
public struct Cell: Hashable, Sendable {
  public var text: String
  public var style: Style
  public init(_ text: String = " ", style: Style = .normal) {
    self.text = text
    self.style = style
  }
  /// The right half of a wide grapheme drawn in the cell to its left.
  public var isContinuation: Bool { text.isEmpty }
  public static let blank = Cell()
}

/// A screen of cells that widgets paint into; the painter copies it to the terminal and
/// tests compare it as text (ratatui's `Buffer`). A wide grapheme occupies its cell plus a
/// continuation cell; overwriting either half blanks the other, so no half-character is
/// ever left behind.
public struct Buffer: Sendable, Equatable {
  public private(set) var width: Int
  public private(set) var height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    guard x >= 0, y >= 0, x < width, y < height else { return .blank }
    return cells[y * width + x]
  }

  /// Sets one cell, keeping wide graphemes whole (see type comment).
  private mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
    let i = y * width + x
    // Overwriting the right half of a wide grapheme: blank its left half.
    if cells[i].isContinuation && x > 0 { cells[i - 1].text = " " }
    // Overwriting the left half of a wide grapheme: blank its right half.
    if x + 1 < width && cells[i + 1].isContinuation { cells[i + 1].text = " " }
    cells[i] = cell
  }

  /// Fills `rect` (clipped) with spaces in `style`.
  public mutating func fill(_ rect: Rect, style: Style = .normal) {
    let x0 = max(0, rect.x)
    let y0 = max(0, rect.y)
    let x1 = min(width, rect.maxX)
    let y1 = min(height, rect.maxY)
    guard x0 < x1, y0 < y1 else { return }
    for y in y0..<y1 {
      if x0 > 0 && cells[y * width + x0].isContinuation { cells[y * width + x0 - 1].text = " " }
      if x1 < width && cells[y * width + x1].isContinuation { cells[y * width + x1].text = " " }
      for x in x0..<x1 { cells[y * width + x] = Cell(" ", style: style) }
    }
  }

  /// Changes the style of the cells in `rect` without touching their text.
  public mutating func restyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
    let x0 = max(0, rect.x)
    let y0 = max(0, rect.y)
    let x1 = min(width, rect.maxX)
    let y1 = min(height, rect.maxY)
    guard x0 < x1, y0 < y1 else { return }
    for y in y0..<y1 {
      for x in x0..<x1 { transform(&cells[y * width + x].style) }
    }
  }

  /// Writes `text` at (x, y), escaped, clipped to `maxWidth` columns and to the buffer;
  /// returns the number of columns written. A wide grapheme that would not fit whole is
  /// replaced by a space.
  @discardableResult
  public mutating func put(
    _ text: some StringProtocol, x: Int, y: Int, maxWidth: Int = Int.max, style: Style = .normal
  ) -> Int {
    guard y >= 0, y < height, x < width else { return 0 }
    let limit = maxWidth >= width ? width : min(width, x + maxWidth)
    var cx = x
    let safe = TerminalText.isClean(text) ? String(text) : TerminalText.escaped(text)
    for c in safe {
      if cx >= limit { break }
      let w = DisplayWidth.of(c)
      if w == 0 { continue }
      if cx < 0 {
        cx += w
        continue
      }
      if w == 2 {
        if cx + 1 >= limit {
          setCell(cx, y, Cell(" ", style: style))
          cx += 1
          break
        }
        setCell(cx, y, Cell(String(c), style: style))
        setCell(cx + 1, y, Cell("", style: style))
        cx += 2
      } else {
        setCell(cx, y, Cell(String(c), style: style))
        cx += 1
      }
    }
    return max(0, cx - max(x, 0))
  }

  /// Like `put`, but cut with `…` to `width` columns and padded with spaces to fill them.
  public mutating func putPadded(
    _ text: some StringProtocol, x: Int, y: Int, width w: Int, style: Style = .normal,
    alignRight: Bool = false
  ) {
    guard w > 0 else { return }
    let s = TerminalText.padded(TerminalText.escaped(text), width: w, alignRight: alignRight)
    fill(Rect(x: x, y: y, width: w, height: 1), style: style)
    put(s, x: x, y: y, maxWidth: w, style: style)
  }

  /// The screen as text lines, trailing spaces kept (snapshot tests).
  public var lines: [String] {
    var out: [String] = []
    out.reserveCapacity(height)
    for y in 0..<height {
      var line = ""
      for x in 0..<width {
        let c = cells[y * width + x]
        if !c.isContinuation { line += c.text }
      }
      out.append(line)
    }
    return out
  }

  /// The screen as one string, lines joined with newlines and trailing spaces trimmed.
  public var text: String {
    lines.map { l in
      var s = Substring(l)
      while s.last == " " { s.removeLast() }
      return String(s)
    }.joined(separator: "\n")
  }
}
