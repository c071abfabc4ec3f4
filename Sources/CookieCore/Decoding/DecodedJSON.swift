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

  /// Parses one JSON text (RFC 8259); nil when it is not exactly that.
  static func parse(_ bytes: [UInt8]) -> DecodedJSON? {
    var p = Parser(bytes: bytes)
    p.skipSpace()
    guard let v = p.value(depth: 0) else { return nil }
    p.skipSpace()
    return p.pos == bytes.count ? v : nil
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

  // MARK: - Parsing

  private struct Parser {
    let bytes: [UInt8]
    var pos = 0

    mutating func skipSpace() {
      while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
    }

    mutating func literal(_ word: String) -> Bool {
      let w = Array(word.utf8)
      guard pos + w.count <= bytes.count, Array(bytes[pos..<(pos + w.count)]) == w else { return false }
      pos += w.count
      return true
    }

    mutating func value(depth: Int) -> DecodedJSON? {
      guard depth < DecodedJSON.maxDepth, pos < bytes.count else { return nil }
      switch bytes[pos] {
      case UInt8(ascii: "{"):
        pos += 1
        var members: [Member] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
          pos += 1
          return .object(members)
        }
        while true {
          skipSpace()
          guard let k = string() else { return nil }
          skipSpace()
          guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { return nil }
          pos += 1
          skipSpace()
          guard let v = value(depth: depth + 1) else { return nil }
          members.append(Member(key: k, value: v))
          skipSpace()
          guard pos < bytes.count else { return nil }
          if bytes[pos] == UInt8(ascii: ",") {
            pos += 1
            continue
          }
          guard bytes[pos] == UInt8(ascii: "}") else { return nil }
          pos += 1
          return .object(members)
        }
      case UInt8(ascii: "["):
        pos += 1
        var items: [DecodedJSON] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
          pos += 1
          return .array(items)
        }
        while true {
          skipSpace()
          guard let v = value(depth: depth + 1) else { return nil }
          items.append(v)
          skipSpace()
          guard pos < bytes.count else { return nil }
          if bytes[pos] == UInt8(ascii: ",") {
            pos += 1
            continue
          }
          guard bytes[pos] == UInt8(ascii: "]") else { return nil }
          pos += 1
          return .array(items)
        }
      case UInt8(ascii: "\""): return string().map { .string($0) }
      case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
      case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
      case UInt8(ascii: "n"): return literal("null") ? .null : nil
      default: return number()
      }
    }

    /// RFC 8259 §6 number grammar.
    mutating func number() -> DecodedJSON? {
      let start = pos
      func digits(_ p: inout Int, _ b: [UInt8]) -> Int {
        let s = p
        while p < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[p]) { p += 1 }
        return p - s
      }
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
      guard pos < bytes.count else { return nil }
      if bytes[pos] == UInt8(ascii: "0") {
        pos += 1
      } else if digits(&pos, bytes) == 0 {
        return nil
      }
      if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
        pos += 1
        guard digits(&pos, bytes) > 0 else { return nil }
      }
      if pos < bytes.count, bytes[pos] | 0x20 == UInt8(ascii: "e") {
        pos += 1
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard digits(&pos, bytes) > 0 else { return nil }
      }
      return .number(String(decoding: bytes[start..<pos], as: UTF8.self))
    }

    mutating func hex4() -> UInt32? {
      guard pos + 4 <= bytes.count else { return nil }
      var v: UInt32 = 0
      for b in bytes[pos..<(pos + 4)] {
        guard let d = Character(UnicodeScalar(b)).hexDigitValue else { return nil }
        v = v << 4 | UInt32(d)
      }
      pos += 4
      return v
    }

    mutating func string() -> String? {
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { return nil }
      pos += 1
      var raw: [UInt8] = []
      while pos < bytes.count {
        let b = bytes[pos]
        pos += 1
        switch b {
        case UInt8(ascii: "\""): return String(validating: raw, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard pos < bytes.count else { return nil }
          let e = bytes[pos]
          pos += 1
          switch e {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): raw.append(e)
          case UInt8(ascii: "b"): raw.append(0x08)
          case UInt8(ascii: "f"): raw.append(0x0C)
          case UInt8(ascii: "n"): raw.append(0x0A)
          case UInt8(ascii: "r"): raw.append(0x0D)
          case UInt8(ascii: "t"): raw.append(0x09)
          case UInt8(ascii: "u"):
            guard var v = hex4() else { return nil }
            if (0xD800...0xDBFF).contains(v), pos + 6 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"),
              bytes[pos + 1] == UInt8(ascii: "u")
            {
              pos += 2
              guard let lo = hex4(), (0xDC00...0xDFFF).contains(lo) else { return nil }
              v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
            }
            // A lone surrogate (Python's json.dumps can write one) shows as U+FFFD.
            let scalar = UnicodeScalar(v) ?? "\u{FFFD}"
            raw.append(contentsOf: Array(String(scalar).utf8))
          default: return nil
          }
        default:
          guard b >= 0x20 else { return nil }
          raw.append(b)
        }
      }
      return nil
    }
  }
}
