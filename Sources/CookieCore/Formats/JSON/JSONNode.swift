/// A parsed JSON value that remembers where it started in the input, so diagnostics can
/// name the line of a bad cookie object (Foundation's parser forgets positions).
public struct JSONNode: Sendable, Hashable {
  public indirect enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number exactly as written, so `1812536294.123456` keeps every digit.
    case number(String)
    case string(String)
    case array([JSONNode])
    /// Members in input order; a repeated key keeps every occurrence, lookups take the last
    /// (what `JSON.parse` does).
    case object([(key: String, value: JSONNode)])

    public static func == (a: Value, b: Value) -> Bool {
      switch (a, b) {
      case (.null, .null): return true
      case (.bool(let x), .bool(let y)): return x == y
      case (.number(let x), .number(let y)): return x == y
      case (.string(let x), .string(let y)): return x == y
      case (.array(let x), .array(let y)): return x == y
      case (.object(let x), .object(let y)):
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where p.key != q.key || p.value != q.value { return false }
        return true
      default: return false
      }
    }
    public func hash(into h: inout Hasher) {
      switch self {
      case .null: h.combine(0)
      case .bool(let b): h.combine(b)
      case .number(let n): h.combine(n)
      case .string(let s): h.combine(s)
      case .array(let a): h.combine(a)
      case .object(let o):
        for m in o {
          h.combine(m.key)
          h.combine(m.value)
        }
      }
    }
  }

  public var value: Value
  /// 1-based line and (byte) column of the value's first character.
  public var line: Int
  public var column: Int

  public init(_ value: Value, line: Int = 0, column: Int = 0) {
    self.value = value
    self.line = line
    self.column = column
  }

  /// The last member named `key`, when this is an object.
  public subscript(key: String) -> JSONNode? {
    guard case .object(let members) = value else { return nil }
    for m in members.reversed() where m.key == key { return m.value }
    return nil
  }

  public var stringValue: String? {
    if case .string(let s) = value { return s }
    return nil
  }
  public var boolValue: Bool? {
    if case .bool(let b) = value { return b }
    return nil
  }
  public var isNull: Bool {
    if case .null = value { return true }
    return false
  }
  public var numberText: String? {
    if case .number(let n) = value { return n }
    return nil
  }
  public var doubleValue: Double? { numberText.flatMap(Double.init) }
  /// An integer, when the number is written without fraction or exponent and fits.
  public var intValue: Int? { numberText.flatMap { Int($0) } }

  /// Name of the JSON type, for messages (`expected a string, found a number`).
  public var typeName: String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
