import Foundation

/// Where and why JSON text is not valid (RFC 8259), with a 1-based line and column.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var reason: String
  public var description: String { "invalid JSON at line \(line), column \(column): \(reason)" }
}

/// A strict RFC 8259 parser that records the line and column of every value: the one JSON
/// parser in Crumbs, for cookie files (`parse(_:streaming:)`) and for JSON found inside
/// cookie values (`parse(embedded:maxDepth:)`, which `DecodedJSON` shows).
///
/// Hand-written because cookie readers must point at the line of a bad cookie object and
/// give a line:column for broken files, and the value decoders show objects in key order;
/// Foundation's parser keeps neither. Nesting is capped so hostile input cannot exhaust the
/// stack.
public struct JSONParser {
  static let maxDepth = 256

  private let bytes: [UInt8]
  private var maxDepth = JSONParser.maxDepth
  /// Text that must be JSON exactly (a cookie value tried as JSON): invalid UTF-8 in a
  /// string, or a high surrogate escape followed by another escape that is not its low
  /// half, is an error instead of U+FFFD, so binary data is not shown as JSON.
  private var strictText = false
  private var i = 0
  private var line = 1
  private var lineStart = 0
  /// Receives the elements of the streamed array (see `parse(_:streaming:)`) one by one.
  private var sink: ((Int, JSONNode) -> Void)?

  /// Parses a whole document; a UTF-8 byte order mark is skipped (HAR files may carry one).
  public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONNode {
    try parse(data, streaming: nil)
  }

  /// Like `parse`, but the elements of the cookie array — the root array, or the root
  /// object's `"cookies"` array — go to `each` as they are parsed and are left out of the
  /// returned tree, so a million-cookie export never exists as one tree in memory.
  public static func parse(
    _ data: Data, streaming each: ((Int, JSONNode) -> Void)?
  ) throws(JSONSyntaxError) -> JSONNode {
    var p = JSONParser(bytes: [UInt8](data))
    p.sink = each
    if p.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      p.i = 3
      p.lineStart = 3
    }
    p.skipSpace()
    let v = try p.value(depth: 0, stream: true)
    p.skipSpace()
    if p.i < p.bytes.count { throw p.fail("unexpected \(p.describeHere()) after the top-level value") }
    return v
  }

  /// Parses JSON embedded in a cookie value: no byte order mark, nesting capped at
  /// `maxDepth`, strict text (see `strictText`).
  static func parse(embedded bytes: [UInt8], maxDepth: Int) throws(JSONSyntaxError) -> JSONNode {
    var p = JSONParser(bytes: bytes)
    p.maxDepth = maxDepth
    p.strictText = true
    p.skipSpace()
    let v = try p.value(depth: 0)
    p.skipSpace()
    if p.i < p.bytes.count { throw p.fail("unexpected \(p.describeHere()) after the top-level value") }
    return v
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  /// Character column of the current position, for error messages only.
  private var column: Int {
    // Count characters, not bytes: skip UTF-8 continuation bytes.
    var c = 1
    var k = lineStart
    while k < i && k < bytes.count {
      if bytes[k] & 0xC0 != 0x80 { c += 1 }
      k += 1
    }
    return c
  }

  private func fail(_ reason: String) -> JSONSyntaxError {
    JSONSyntaxError(line: line, column: column, reason: reason)
  }

  private func describeHere() -> String {
    guard i < bytes.count else { return "end of input" }
    let b = bytes[i]
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    return String(format: "byte 0x%02X", b)
  }

  private mutating func skipSpace() {
    while i < bytes.count {
      switch bytes[i] {
      case 0x20, 0x09, 0x0D: i += 1
      case 0x0A:
        i += 1
        line += 1
        lineStart = i
      default: return
      }
    }
  }

  private mutating func value(depth: Int, stream: Bool = false) throws(JSONSyntaxError) -> JSONNode {
    guard depth < maxDepth else {
      throw fail("nesting deeper than \(maxDepth) levels")
    }
    guard i < bytes.count else { throw fail("unexpected end of input, expected a value") }
    let startLine = line
    // Byte column: counting characters here would be quadratic on minified one-line files.
    let startColumn = i - lineStart + 1
    let v: JSONNode.Value
    switch bytes[i] {
    case UInt8(ascii: "{"): v = try object(depth: depth)
    case UInt8(ascii: "["): v = try array(depth: depth, stream: stream)
    case UInt8(ascii: "\""): v = .string(try string())
    case UInt8(ascii: "t"): v = try literal("true", .bool(true))
    case UInt8(ascii: "f"): v = try literal("false", .bool(false))
    case UInt8(ascii: "n"): v = try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): v = .number(try number())
    default: throw fail("unexpected \(describeHere()), expected a value")
    }
    return JSONNode(v, line: startLine, column: startColumn)
  }

  private mutating func literal(_ word: String, _ v: JSONNode.Value) throws(JSONSyntaxError) -> JSONNode.Value
  {
    for b in word.utf8 {
      guard i < bytes.count, bytes[i] == b else { throw fail("invalid literal, expected '\(word)'") }
      i += 1
    }
    return v
  }

  private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
    i += 1
    var members: [(key: String, value: JSONNode)] = []
    skipSpace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "}") {
      i += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard i < bytes.count else { throw fail("unexpected end of input inside an object") }
      guard bytes[i] == UInt8(ascii: "\"") else {
        throw fail("unexpected \(describeHere()), expected a member name in double quotes")
      }
      let key = try string()
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
        throw fail("unexpected \(describeHere()), expected ':' after member name")
      }
      i += 1
      skipSpace()
      members.append((key, try value(depth: depth + 1, stream: depth == 0 && key == "cookies")))
      skipSpace()
      guard i < bytes.count else { throw fail("unexpected end of input, expected ',' or '}'") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "}") {
        i += 1
        return .object(members)
      }
      throw fail("unexpected \(describeHere()), expected ',' or '}' after an object member")
    }
  }

  private mutating func array(depth: Int, stream: Bool) throws(JSONSyntaxError) -> JSONNode.Value {
    i += 1
    var items: [JSONNode] = []
    var count = 0
    let sink = stream ? self.sink : nil
    skipSpace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
      i += 1
      return .array(items)
    }
    while true {
      skipSpace()
      let item = try value(depth: depth + 1)
      if let sink { sink(count, item) } else { items.append(item) }
      count += 1
      skipSpace()
      guard i < bytes.count else { throw fail("unexpected end of input, expected ',' or ']'") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "]") {
        i += 1
        return .array(items)
      }
      throw fail("unexpected \(describeHere()), expected ',' or ']' after an array element")
    }
  }

  private mutating func number() throws(JSONSyntaxError) -> String {
    // RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    let start = i
    func digits(_ p: inout JSONParser) -> Int {
      let s = p.i
      while p.i < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.i]) { p.i += 1 }
      return p.i - s
    }
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard i < bytes.count else { throw fail("unexpected end of input inside a number") }
    if bytes[i] == UInt8(ascii: "0") {
      i += 1
    } else if digits(&self) == 0 {
      throw fail("unexpected \(describeHere()), expected a digit")
    }
    if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
      i += 1
      if digits(&self) == 0 { throw fail("expected a digit after the decimal point") }
    }
    if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
      i += 1
      if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
      if digits(&self) == 0 { throw fail("expected a digit in the exponent") }
    }
    return String(decoding: bytes[start..<i], as: UTF8.self)
  }

  private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
    guard i + 4 <= bytes.count else { throw fail("unexpected end of input inside a \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let d: UInt8
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
      default: throw fail("invalid hex digit in a \\u escape")
      }
      v = v << 4 | UInt32(d)
      i += 1
    }
    return v
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    i += 1
    var out: [UInt8] = []
    var runStart = i
    while true {
      guard i < bytes.count else { throw fail("unexpected end of input inside a string") }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        out.append(contentsOf: bytes[runStart..<i])
        i += 1
        break
      }
      if b < 0x20 {
        throw fail(String(format: "control character 0x%02X inside a string (must be escaped)", b))
      }
      if b != UInt8(ascii: "\\") {
        i += 1
        continue
      }
      out.append(contentsOf: bytes[runStart..<i])
      i += 1
      guard i < bytes.count else { throw fail("unexpected end of input inside a string") }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
          bytes[i + 1] == UInt8(ascii: "u")
        {
          let save = i
          i += 2
          let low = try hex4()
          if (0xDC00...0xDFFF).contains(low) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if strictText {
            i = save
            throw fail("a high surrogate escape followed by \\u\(String(low, radix: 16)), not its low half")
          } else {
            i = save
          }
        }
        // A lone surrogate cannot live in a Swift string; JSON.parse keeps it, we use U+FFFD.
        let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(u)).utf8))
      default:
        i -= 1
        throw fail("invalid escape \\\(describeHere().trimmingCharacters(in: ["'"]))")
      }
      runStart = i
    }
    if strictText {
      guard let text = String(validating: out, as: UTF8.self) else {
        throw fail("invalid UTF-8 inside a string")
      }
      return text
    }
    // Invalid UTF-8 becomes U+FFFD rather than failing the whole file.
    return String(decoding: out, as: UTF8.self)
  }
}
