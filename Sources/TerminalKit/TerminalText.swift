/// Text as it may reach a terminal: control characters and escape sequences from cookie
/// data are shown escaped (`\x1b`), never sent raw (project rule: control characters in
/// cookie data must never reach a terminal raw).
public enum TerminalText {
  /// True when `s` holds nothing that needs escaping (fast path for the common case).
  public static func isClean(_ s: some StringProtocol) -> Bool {
    for u in s.utf8 {
      if u < 0x20 || u == 0x7F { return false }
      if u >= 0x80 { return isCleanSlow(s) }
    }
    return true
  }

  private static func isCleanSlow(_ s: some StringProtocol) -> Bool {
    for sc in s.unicodeScalars where needsEscape(sc) { return false }
    return true
  }

  /// C0, DEL, C1 controls and the bidi overrides/isolates that could reorder what the
  /// user sees (Trojan Source, CVE-2021-42574).
  static func needsEscape(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v)
  }

  /// `s` with every control character written as a visible escape: `\t`, `\n`, `\r`,
  /// `\x1b`, `\u{9b}`, `\u{202e}`.
  public static func escaped(_ s: some StringProtocol) -> String {
    if isClean(s) { return String(s) }
    var out = ""
    out.reserveCapacity(s.utf8.count + 8)
    for sc in s.unicodeScalars {
      guard needsEscape(sc) else {
        out.unicodeScalars.append(sc)
        continue
      }
      switch sc.value {
      case 0x09: out += "\\t"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case let v where v < 0x80: out += "\\x" + hex2(v)
      default: out += "\\u{" + String(sc.value, radix: 16) + "}"
      }
    }
    return out
  }

  private static func hex2(_ v: UInt32) -> String {
    let h = String(v, radix: 16)
    return h.count < 2 ? "0" + h : h
  }

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
