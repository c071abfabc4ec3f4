/// Something a reader, writer or rule has to tell the user: what, where, and what was done.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Hashable, Sendable, Comparable {
    case note, warning, error
    public static func < (a: Severity, b: Severity) -> Bool {
      let order: [Severity] = [.note, .warning, .error]
      return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
  }

  public var severity: Severity
  /// File path as the user named it (`-` for standard input), or a record label.
  public var file: String
  /// 1-based line, when the format has lines.
  public var line: Int?
  /// 1-based column, when known.
  public var column: Int?
  public var message: String

  public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
    self.severity = severity
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:column: severity: message`, the shape compilers use so editors can jump there.
  public var description: String {
    var s = file
    if let line { s += ":\(line)" }
    if let column { s += ":\(column)" }
    return "\(s): \(severity.rawValue): \(message)"
  }
}
