/// What a piece of the screen *is*; the painter maps roles to colours (htop's `CRT.c`
/// colour table), or to plain attributes when colours are off (`NO_COLOR`).
public enum Role: UInt8, Hashable, Sendable, CaseIterable {
  case normal, header, headerActive, selected, selectedCell, dim, marked, issue, status, statusDirty,
    footer, footerKey, title, border, error, warning, ok, input, accent, added, modified
}

/// Text attributes on top of the role.
public struct Attributes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = Attributes(rawValue: 1)
  public static let dim = Attributes(rawValue: 2)
  public static let underline = Attributes(rawValue: 4)
  public static let reverse = Attributes(rawValue: 8)
}

/// A cell's look: a role plus attributes.
public struct Style: Hashable, Sendable {
  public var role: Role
  public var attributes: Attributes
  public init(_ role: Role = .normal, _ attributes: Attributes = []) {
    self.role = role
    self.attributes = attributes
  }
  public static let normal = Style()
}
