/// Serialises `JSONNode` values the way JavaScript's `JSON.stringify(value, null, indent)`
/// does, which is what Cookie-Editor (4 spaces) and Playwright (2 spaces) write.
enum JSONText {
  /// A JSON string literal as `JSON.stringify` writes it (ECMA-262 `QuoteJSONString`).
  static func quote(_ s: String) -> String { TerminalSafe.jsonQuoted(s, escaping: .javaScript) }

  /// Pretty text; `indent` 0 gives the compact form.
  static func render(_ v: JSONNode.Value, indent: Int, level: Int = 0) -> String {
    var out = ""
    write(v, indent: indent, level: level, into: &out)
    return out
  }

  static func write(_ v: JSONNode.Value, indent: Int, level: Int, into out: inout String) {
    let pad = String(repeating: " ", count: indent * (level + 1))
    let closePad = String(repeating: " ", count: indent * level)
    let nl = indent > 0 ? "\n" : ""
    let colon = indent > 0 ? ": " : ":"
    switch v {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): out += quote(s)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[" + nl
      for (k, item) in items.enumerated() {
        out += pad
        write(item.value, indent: indent, level: level + 1, into: &out)
        out += (k + 1 < items.count ? "," : "") + nl
      }
      out += closePad + "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{" + nl
      for (k, m) in members.enumerated() {
        out += pad + quote(m.key) + colon
        write(m.value.value, indent: indent, level: level + 1, into: &out)
        out += (k + 1 < members.count ? "," : "") + nl
      }
      out += closePad + "}"
    }
  }

  /// Seconds since the epoch as a JSON number, exact to the microsecond.
  static func seconds(_ t: Instant) -> String { t.decimalSeconds }

  /// Parses a JSON number of seconds into an exact instant: plain decimals digit by digit
  /// (no float rounding), anything else (exponents) through `Double`.
  static func instant(fromSecondsText text: String) -> Instant? {
    var t = Substring(text)
    var negative = false
    if t.first == "-" {
      negative = true
      t = t.dropFirst()
    }
    let parts = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    if !t.contains(where: { $0 == "e" || $0 == "E" }), let whole = parts.first, whole.count <= 12,
      let w = Int64(whole)
    {
      var micro: Int64 = 0
      if parts.count == 2 {
        let digits = parts[1].prefix(6)
        guard let d = Int64(digits), parts[1].allSatisfy(\.isASCII) else { return nil }
        micro = d
        for _ in digits.count..<6 { micro *= 10 }
        // Round half up on the seventh digit (JSON from Firefox never has more than 3).
        if let seventh = parts[1].dropFirst(6).first, let n = seventh.wholeNumberValue, n >= 5 { micro += 1 }
      }
      let us = w * 1_000_000 + micro
      return Instant(microseconds: negative ? -us : us)
    }
    guard let d = Double(text) else { return nil }
    return Instant(fractionalSeconds: d)
  }
}
