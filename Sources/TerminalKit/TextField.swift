/// A one-line text input: the text, a cursor (in characters) and the usual editing keys
/// (readline-like: Ctrl-A/E, Ctrl-U/K, Ctrl-W).
public struct TextField: Hashable, Sendable {
  public var text: String {
    didSet { cursor = min(cursor, text.count) }
  }
  public var cursor: Int

  public init(_ text: String = "") {
    self.text = text
    self.cursor = text.count
  }

  /// The named keys `handle` edits with, besides typed characters (readline's).
  public static let editingKeys: Set<String> = [
    "backspace", "ctrl+h", "delete", "ctrl+d", "left", "ctrl+b", "right", "ctrl+f", "home", "ctrl+a", "end",
    "ctrl+e", "ctrl+u", "ctrl+k", "ctrl+w",
  ]

  /// True when `handle` does something with `key`: a typed character or an editing key.
  public static func takes(_ key: Key) -> Bool { key.character != nil || editingKeys.contains(key.name) }

  /// Applies an editing key; returns false when the key is not an editing key.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    if let c = key.character {
      insert(c)
      return true
    }
    switch key.name {
    case "backspace", "ctrl+h":
      guard cursor > 0 else { return true }
      cursor -= 1
      text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    case "delete", "ctrl+d":
      guard cursor < text.count else { return true }
      text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    case "left", "ctrl+b": cursor = max(0, cursor - 1)
    case "right", "ctrl+f": cursor = min(text.count, cursor + 1)
    case "home", "ctrl+a": cursor = 0
    case "end", "ctrl+e": cursor = text.count
    case "ctrl+u":
      text.removeSubrange(text.startIndex..<text.index(text.startIndex, offsetBy: cursor))
      cursor = 0
    case "ctrl+k":
      text.removeSubrange(text.index(text.startIndex, offsetBy: cursor)...)
    case "ctrl+w":
      var i = cursor
      let chars = Array(text)
      while i > 0 && chars[i - 1] == " " { i -= 1 }
      while i > 0 && chars[i - 1] != " " { i -= 1 }
      text = String(chars[0..<i] + chars[cursor...])
      cursor = i
    default:
      return false
    }
    return true
  }

  public mutating func insert(_ c: Character) {
    let i = text.index(text.startIndex, offsetBy: cursor)
    text.insert(c, at: i)
    cursor += 1
  }

  /// Draws the field in `width` columns at (x, y), scrolled so the cursor shows; returns
  /// the cursor's screen column.
  @discardableResult
  public func render(into buf: inout Buffer, x: Int, y: Int, width: Int, style: Style) -> Int {
    guard width > 0 else { return x }
    let chars = Array(TerminalText.escaped(String(text.prefix(cursor))))
    let rest = TerminalText.escaped(String(text.dropFirst(cursor)))
    // Scroll: keep the cursor inside the field, leaving one column for it.
    var start = 0
    var before = DisplayWidth.of(String(chars))
    while before > width - 1 && start < chars.count {
      before -= DisplayWidth.of(chars[start])
      start += 1
    }
    let shown = String(chars[start...]) + rest
    buf.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
    buf.put(shown, x: x, y: y, maxWidth: width, style: style)
    return x + before
  }
}
