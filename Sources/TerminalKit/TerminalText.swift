import TerminalEscaping

/// Text as it may reach a terminal: control characters, escape sequences, bidi controls and
/// invisible characters from cookie data are shown escaped (`\x1b`, `\u{202e}`), never sent
/// raw (project rule: control characters in cookie data must never reach a terminal raw).
/// The rules are `TerminalSafe`'s, shared with the scripting commands.
public enum TerminalText {
  /// True when `s` holds nothing that needs escaping (fast path for the common case).
  public static func isClean(_ s: some StringProtocol) -> Bool { !TerminalSafe.needsEscaping(s) }

  /// True when `s` is shown as an escape (C0, DEL, C1, bidi controls, invisible characters).
  static func needsEscape(_ s: Unicode.Scalar) -> Bool { TerminalSafe.needsEscaping(s) }

  /// `s` with every control character written as a visible escape: `\x09`, `\x1b`,
  /// `\x9b`, `\u{202e}`, `\u{200b}`.
  public static func escaped(_ s: some StringProtocol) -> String { TerminalSafe.escape(s) }

  /// Escaped, then cut to `width` columns with `…` when longer.
  public static func fitted(_ s: some StringProtocol, width: Int) -> String {
    truncated(escaped(s), width: width)
  }

  /// Cut to at most `width` display columns, ending in `…` when something was cut.
  /// Never splits a grapheme; a wide grapheme that would straddle the edge is dropped.
  public static func truncated(_ s: String, width: Int) -> String {
    if width <= 0 { return "" }
    if s.utf8.count <= width && isASCII(s) { return s }
    let total = DisplayWidth.of(s)
    if total <= width { return s }
    var out = ""
    var used = 0
    for c in s {
      let w = DisplayWidth.of(c)
      if used + w > width - 1 { break }
      out.append(c)
      used += w
    }
    return out + "…"
  }

  static func isASCII(_ s: String) -> Bool {
    for u in s.utf8 where u >= 0x80 { return false }
    return true
  }

  /// Pads with spaces (or cuts) to exactly `width` columns.
  public static func padded(_ s: String, width: Int, alignRight: Bool = false) -> String {
    let t = truncated(s, width: width)
    let w = DisplayWidth.of(t)
    if w >= width { return t }
    let pad = String(repeating: " ", count: width - w)
    return alignRight ? pad + t : t + pad
  }

  /// Splits `s` into lines of at most `width` columns, after escaping: at the last space
  /// when there is one in the line's second half, else at a grapheme boundary (values are
  /// often one long token). Existing newlines start new lines.
  public static func wrapped(_ s: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for part in s.split(separator: "\n", omittingEmptySubsequences: false) {
      let e = escaped(part)
      var line = ""
      var used = 0
      for c in e {
        let w = DisplayWidth.of(c)
        if used + w > width {
          if c != " ", let sp = line.lastIndex(of: " "), DisplayWidth.of(line[..<sp]) >= width / 2 {
            lines.append(String(line[..<sp]))
            line = String(line[line.index(after: sp)...])
            used = DisplayWidth.of(line)
          } else {
            lines.append(line)
            line = ""
            used = 0
          }
          if c == " " { continue }
        }
        line.append(c)
        used += w
      }
      lines.append(line)
    }
    return lines
  }
}
