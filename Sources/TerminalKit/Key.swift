/// A key press with a readable name (bubbletea's `"ctrl+r"`): printable characters are
/// themselves (`"a"`, `"A"`, `"?"`), others have names (`"up"`, `"enter"`, `"esc"`,
/// `"space"`, `"ctrl+r"`, `"pgdown"`, `"shift+tab"`, `"f1"`).
public struct Key: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
  public var name: String
  public init(_ name: String) { self.name = name }
  public init(stringLiteral value: String) { self.name = value }
  public var description: String { name }

  /// The character this key types into a text field, nil for a named key.
  public var character: Character? {
    if name == "space" { return " " }
    guard name.count == 1, let c = name.first else { return nil }
    return c
  }

  /// The key for a typed character.
  public static func char(_ c: Character) -> Key { c == " " ? Key("space") : Key(String(c)) }

  public static let up: Key = "up"
  public static let down: Key = "down"
  public static let left: Key = "left"
  public static let right: Key = "right"
  public static let enter: Key = "enter"
  public static let esc: Key = "esc"
  public static let tab: Key = "tab"
  public static let shiftTab: Key = "shift+tab"
  public static let backspace: Key = "backspace"
  public static let delete: Key = "delete"
  public static let home: Key = "home"
  public static let end: Key = "end"
  public static let pageUp: Key = "pgup"
  public static let pageDown: Key = "pgdown"
  public static let space: Key = "space"

  /// `ctrl+x` for a letter.
  public static func ctrl(_ c: Character) -> Key { Key("ctrl+\(c)") }

  /// How the key is written in hints and the help screen (`↑`, `Enter`, `Ctrl-R`).
  public var label: String {
    switch name {
    case "up": "↑"
    case "down": "↓"
    case "left": "←"
    case "right": "→"
    case "enter": "Enter"
    case "esc": "Esc"
    case "tab": "Tab"
    case "shift+tab": "Shift-Tab"
    case "backspace": "Backspace"
    case "delete": "Del"
    case "home": "Home"
    case "end": "End"
    case "pgup": "PgUp"
    case "pgdown": "PgDn"
    case "space": "Space"
    default:
      if name.hasPrefix("ctrl+") { "Ctrl-" + name.dropFirst(5).uppercased() } else { name }
    }
  }
}

/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown }
  public var kind: Kind
  public var x: Int
  public var y: Int
  public init(_ kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}
