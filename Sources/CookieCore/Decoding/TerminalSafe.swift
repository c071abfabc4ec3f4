/// Makes text from cookie files safe to print on a terminal.
///
/// Cookie names and values come from files anyone can write; an ESC (0x1B) or a C1 CSI
/// (0x9B) reaching the terminal raw can move the cursor, rewrite the screen or change the
/// window title. Every control character becomes a visible `\xNN` escape instead.
public enum TerminalSafe {
  /// `s` with C0 controls (0x00–0x1F, TAB and newline included), DEL (0x7F) and C1 controls
  /// (U+0080–U+009F) written as `\xNN`. Bidirectional overrides and isolates
  /// (U+202A–U+202E, U+2066–U+2069) and the line/paragraph separators U+2028/U+2029 become
  /// `\u{XXXX}`, since they reorder or break the text around them ("Trojan Source",
  /// CVE-2021-42574). Every other printable character, non-ASCII included, is kept.
  public static func escape(_ s: String) -> String {
    // Fast path: most cookie text is plain printable ASCII.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 8)
    for scalar in s.unicodeScalars {
      let v = scalar.value
      if v < 0x20 || (0x7F...0x9F).contains(v) {
        out += "\\x" + hex2(UInt8(v))
      } else if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x2028
        || v == 0x2029
      {
        out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `escape(s)` cut to at most `limit` characters of `s` (then `…`), for quoting cookie
  /// text inside a one-line diagnostic.
  public static func escape(_ s: String, limit: Int) -> String {
    var cut = ""
    var n = 0
    for ch in s {
      if n >= limit { return escape(cut) + "…" }
      cut.append(ch)
      n += 1
    }
    return escape(cut)
  }

  /// `"text"`: escaped as `escape(_:limit:)` does, with `"` and `\` backslash-escaped so the
  /// quotes stay unambiguous.
  public static func quoted(_ s: String, limit: Int = 80) -> String {
    let inner = escape(
      s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""),
      limit: limit)
    return "\"" + inner + "\""
  }

  /// `s` as a JSON string literal with every control character (C0, DEL, C1) and bidi
  /// control escaped as `\uXXXX`, so the text is safe on a terminal and still valid JSON.
  public static func jsonQuoted(_ s: String) -> String {
    // Fast path: printable ASCII without quote or backslash needs no escaping.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F || $0 == 0x22 || $0 == 0x5C }) {
      return "\"" + s + "\""
    }
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        let v = u.value
        if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
          || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029
        {
          let h = String(v, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  /// True when `escape(s)` would change `s`.
  public static func needsEscaping(_ s: String) -> Bool { escape(s) != s }

  static func hex2(_ b: UInt8) -> String {
    let digits: [Character] = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
  }
}
