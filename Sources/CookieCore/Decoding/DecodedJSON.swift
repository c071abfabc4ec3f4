/// A JSON value that keeps object key order, so a pretty-printed JWT header reads
/// `alg, typ` as it was written. `tuple` and `raw` exist to show Flask's tagged JSON.
enum DecodedJSON {
  /// One `"key": value` of an object.
  struct Member {
    var key: String
    var value: DecodedJSON
  }

  case null
  case bool(Bool)
  /// The number exactly as written (no rounding of big integers).
  case number(String)
  case string(String)
  case array([DecodedJSON])
  case object([Member])
  /// A Python tuple (Flask tag ` t`), printed with parentheses.
  case tuple([DecodedJSON])
  /// Already-readable text printed as is (Flask `bytes`, `UUID`, `datetime` …).
  case raw(String)

  /// Nesting deeper than this is refused: the parser recurses, and no cookie needs more.
  static let maxDepth = 64

  /// Parses one JSON text (RFC 8259) with `JSONParser`; nil when it is not exactly that.
  static func parse(_ bytes: [UInt8]) -> DecodedJSON? {
    guard let node = try? JSONParser.parse(embedded: bytes, maxDepth: maxDepth) else { return nil }
    return DecodedJSON(node)
  }

  /// The parser's tree without positions; members keep their order and repeats.
  init(_ node: JSONNode) {
    switch node.value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let n): self = .number(n)
    case .string(let s): self = .string(s)
    case .array(let items): self = .array(items.map(DecodedJSON.init))
    case .object(let members):
      self = .object(members.map { Member(key: $0.key, value: DecodedJSON($0.value)) })
    }
  }

  static func parse(_ text: Substring) -> DecodedJSON? { parse(Array(text.utf8)) }

  subscript(key: String) -> DecodedJSON? {
    guard case .object(let members) = self else { return nil }
    for m in members where m.key == key { return m.value }
    return nil
  }

  var isContainer: Bool {
    switch self {
    case .array, .object, .tuple: true
    default: false
    }
  }

  // MARK: - Printing

  /// Pretty-printed lines, two spaces per level. Strings are printed JSON-escaped, so no
  /// control character can reach a terminal from here.
  func prettyLines() -> [String] {
    var lines: [String] = []
    var current = ""
    write(into: &lines, &current, indent: 0)
    lines.append(current)
    return lines
  }

  private func write(into lines: inout [String], _ line: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent + 1)
    let closePad = String(repeating: "  ", count: indent)
    // A small container of scalars below the top level reads better on one line.
    if indent > 0, isContainer, let inline = inlineText() {
      line += inline
      return
    }
    switch self {
    case .null: line += "null"
    case .bool(let b): line += b ? "true" : "false"
    case .number(let n): line += n
    case .string(let s): line += DecodedJSON.quoted(s)
    case .raw(let s): line += TerminalSafe.escape(s)
    case .array(let items), .tuple(let items):
      let isTuple = if case .tuple = self { true } else { false }
      let (open, close) = isTuple ? ("(", ")") : ("[", "]")
      if items.isEmpty {
        line += open + close
        return
      }
      line += open
      for (i, item) in items.enumerated() {
        lines.append(line)
        line = pad
        item.write(into: &lines, &line, indent: indent + 1)
        if i < items.count - 1 { line += "," }
      }
      lines.append(line)
      line = closePad + close
    case .object(let members):
      if members.isEmpty {
        line += "{}"
        return
      }
      line += "{"
      for (i, m) in members.enumerated() {
        lines.append(line)
        line = pad + DecodedJSON.quoted(m.key) + ": "
        m.value.write(into: &lines, &line, indent: indent + 1)
        if i < members.count - 1 { line += "," }
      }
      lines.append(line)
      line = closePad + "}"
    }
  }

  /// Longest one-line rendering of a nested container.
  static let inlineWidth = 60

  /// `[1, 2]`, `(1, "two")`, `{"sku": "A", "qty": 1}` when every member is a scalar and the
  /// text fits `inlineWidth`; nil otherwise.
  func inlineText() -> String? {
    func scalar(_ v: DecodedJSON) -> String? {
      switch v {
      case .null: "null"
      case .bool(let b): b ? "true" : "false"
      case .number(let n): n
      case .string(let s): DecodedJSON.quoted(s)
      case .raw(let s): TerminalSafe.escape(s)
      case .array, .object, .tuple: nil
      }
    }
    var parts: [String] = []
    var width = 0
    let open: String
    let close: String
    switch self {
    case .array(let items), .tuple(let items):
      if case .tuple = self { (open, close) = ("(", ")") } else { (open, close) = ("[", "]") }
      for item in items {
        guard let t = scalar(item) else { return nil }
        width += t.count + 2
        if width > DecodedJSON.inlineWidth { return nil }
        parts.append(t)
      }
    case .object(let members):
      (open, close) = ("{", "}")
      for m in members {
        guard let t = scalar(m.value) else { return nil }
        let entry = DecodedJSON.quoted(m.key) + ": " + t
        width += entry.count + 2
        if width > DecodedJSON.inlineWidth { return nil }
        parts.append(entry)
      }
    default: return nil
    }
    return open + parts.joined(separator: ", ") + close
  }

  /// `s` as a JSON string literal that is safe on a terminal (see `TerminalSafe.jsonQuoted`).
  static func quoted(_ s: String) -> String { TerminalSafe.jsonQuoted(s) }
}
