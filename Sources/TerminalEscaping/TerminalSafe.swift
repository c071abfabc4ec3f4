/// The one set of rules for text that may reach a terminal. Every printer in Crumbs (the
/// scripting commands' stdout and stderr, the `list` table, the full-screen inspector's
/// cells) escapes through here, so all of them show hostile text the same way.
///
/// Cookie names and values come from files anyone can write; an ESC (0x1B) or a C1 CSI
/// (0x9B) reaching the terminal raw can move the cursor, rewrite the screen, change the
/// window title (OSC 0) or the clipboard (OSC 52). Bidirectional controls reorder the text
/// around them ("Trojan Source", CVE-2021-42574) and zero-width characters make two
/// different names look the same. All of them are shown as visible escapes instead:
///
/// - C0 controls (U+0000–U+001F, TAB and newline included), DEL and C1 controls
///   (U+0080–U+009F): `\xNN`, two lower-case hex digits (`\x1b`, `\x0a`, `\x9b`).
/// - Bidi controls (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C),
///   U+2028/U+2029, and invisible characters (U+200B–U+200D, U+2060–U+2064, the deprecated
///   format characters U+206A–U+206F, U+FEFF, U+180E, U+034F): `\u{NNNN}`, lower-case hex
///   (`\u{202e}`, `\u{200b}`).
///
/// Everything else, non-ASCII included, is kept. A backslash is not escaped, so escaping
/// is idempotent: every escape is printable ASCII, and `escape(escape(s)) == escape(s)`.
public enum TerminalSafe {
  /// True when `v` must be shown as an escape.
  @inlinable
  public static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
    if v < 0x34F { return false }
    switch v {
    case 0x34F, 0x61C, 0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF: return true
    default: return false
    }
  }

  /// True when `escape(s)` would change `s`. Plain printable ASCII is checked eight bytes
  /// at a time (a million-cookie `list` asks this for every cell). Inlinable: called from
  /// other modules, a generic body runs unspecialised.
  @inlinable
  public static func needsEscaping(_ s: some StringProtocol) -> Bool {
    if let r = s.utf8.withContiguousStorageIfAvailable({ asciiVerdict(UnsafeRawBufferPointer($0)) }) {
      switch r {
      case .clean: return false
      case .dirty: return true
      case .nonASCII: break
      }
    } else {
      var ascii = true
      for b in s.utf8 {
        if b < 0x20 || b == 0x7F { return true }
        if b >= 0x80 { ascii = false }
      }
      if ascii { return false }
    }
    for sc in s.unicodeScalars where needsEscaping(sc) { return true }
    return false
  }

  @usableFromInline enum ASCIIVerdict { case clean, dirty, nonASCII }

  /// True when `bytes` are printable ASCII (0x20–0x7E) only: text `escape` leaves as it is.
  public static func isPrintableASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    asciiVerdict(bytes) == .clean
  }

  /// `clean`: printable ASCII only; `dirty`: an ASCII control or DEL; `nonASCII`: no ASCII
  /// control, but bytes at or above 0x80 that need a look at the scalars.
  @usableFromInline static func asciiVerdict(_ bytes: UnsafeRawBufferPointer) -> ASCIIVerdict {
    let n = bytes.count
    var i = 0
    var high = false
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while i + 8 <= n {
      let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      // Any byte < 0x20, == 0x7F or >= 0x80? ("has byte less than" / "has zero" bit
      // tricks; a false positive only sends the word to the exact loop.)
      let below = (w &- ones &* 0x20) & ~w & highs
      let x = w ^ (ones &* 0x7F)
      let del = (x &- ones) & ~x & highs
      if (below | del | (w & highs)) != 0 {
        for k in i..<(i + 8) {
          let b = bytes[k]
          if b < 0x20 || b == 0x7F { return .dirty }
          if b >= 0x80 { high = true }
        }
      }
      i += 8
    }
    while i < n {
      let b = bytes[i]
      if b < 0x20 || b == 0x7F { return .dirty }
      if b >= 0x80 { high = true }
      i += 1
    }
    return high ? .nonASCII : .clean
  }

  /// `s` with every character of the rules above written as a visible escape.
  public static func escape(_ s: some StringProtocol) -> String {
    if !needsEscaping(s) { return String(s) }
    return escapeScalars(s, keepingLayout: false)
  }

  /// For multi-line text (a table, a usage message, a cookies.txt shown on a terminal):
  /// newline and TAB are kept as they are, everything else as `escape`. A CR or ESC inside
  /// a line still shows.
  public static func escapeLines(_ s: some StringProtocol) -> String {
    if !needsEscaping(s) { return String(s) }
    return escapeScalars(s, keepingLayout: true)
  }

  static func escapeScalars(_ s: some StringProtocol, keepingLayout: Bool) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for scalar in s.unicodeScalars {
      let v = scalar.value
      if !needsEscaping(scalar) || (keepingLayout && (v == 0x0A || v == 0x09)) {
        out.unicodeScalars.append(scalar)
      } else {
        appendEscape(scalar, to: &out)
      }
    }
    return out
  }

  /// `\xNN` up to U+009F, `\u{nnnn}` above.
  static func appendEscape(_ scalar: Unicode.Scalar, to out: inout String) {
    let v = scalar.value
    if v <= 0x9F {
      out += "\\x" + hex2(UInt8(v))
    } else {
      out += "\\u{" + String(v, radix: 16) + "}"
    }
  }

  /// `escape(s)` cut to at most `limit` characters of `s` (then `…`), for quoting cookie
  /// text inside a one-line diagnostic.
  public static func escape(_ s: some StringProtocol, limit: Int) -> String {
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
  public static func quoted(_ s: some StringProtocol, limit: Int = 80) -> String {
    var cut = ""
    var n = 0
    for ch in s {
      if n >= limit {
        cut += "…"
        break
      }
      if ch == "\\" || ch == "\"" { cut.append("\\") }
      cut.append(ch)
      n += 1
    }
    return "\"" + escape(cut) + "\""
  }

  /// True when `jsonQuoted` of text with these UTF-8 bytes is the text between quotes:
  /// printable ASCII without quote or backslash; for `.javaScript`, any text without those
  /// and C0 controls. Writers that copy bytes straight ask this first.
  ///
  /// Inlinable, and contiguous bytes go to the non-generic `jsonQuotesAsIs(bytes:)`: called
  /// from other modules, the generic body ran unspecialised, a protocol call per byte, and
  /// the JSON writers took twice their time.
  @inlinable
  public static func jsonQuotesAsIs(_ utf8: some Sequence<UInt8>, escaping: JSONEscaping = .terminalSafe)
    -> Bool
  {
    if let asIs = utf8.withContiguousStorageIfAvailable({
      jsonQuotesAsIs(bytes: UnsafeRawBufferPointer($0), escaping: escaping)
    }) {
      return asIs
    }
    return !utf8.contains { jsonEscapes($0, escaping) }
  }

  /// `jsonQuotesAsIs` of contiguous bytes.
  public static func jsonQuotesAsIs(bytes: UnsafeRawBufferPointer, escaping: JSONEscaping = .terminalSafe)
    -> Bool
  {
    !bytes.contains { jsonEscapes($0, escaping) }
  }

  /// Whether `jsonQuoted` writes byte `b` of UTF-8 text other than as it is: a quote, a
  /// backslash, a C0 control, and for `.terminalSafe` DEL and every byte beyond ASCII.
  @inlinable
  static func jsonEscapes(_ b: UInt8, _ escaping: JSONEscaping) -> Bool {
    if b < 0x20 || b == 0x22 || b == 0x5C { return true }
    return escaping == .terminalSafe && b >= 0x7F
  }

  /// What `jsonQuoted` escapes besides `"` and `\`.
  public enum JSONEscaping: Sendable {
    /// Every character of the rules above, as `\uXXXX` (`\n`, `\r`, `\t` for those three):
    /// the literal is safe on a terminal.
    case terminalSafe
    /// C0 controls only, as ECMA-262 `QuoteJSONString` (`JSON.stringify`) writes them:
    /// `\b`, `\f`, `\n`, `\r`, `\t`, others `\u00XX`; everything else raw UTF-8. For files
    /// that other programs read, never for a terminal.
    case javaScript
  }

  /// `s` as a JSON string literal (RFC 8259 §7) that decodes back to `s`: the one JSON
  /// string quoter. By default every character of the rules above is escaped, so the text
  /// is also safe on a terminal; `.javaScript` writes what `JSON.stringify` does.
  public static func jsonQuoted(_ s: some StringProtocol, escaping: JSONEscaping = .terminalSafe) -> String {
    if jsonQuotesAsIs(s.utf8, escaping: escaping) { return "\"" + String(s) + "\"" }
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}" where escaping == .javaScript: out += "\\b"
      case "\u{0C}" where escaping == .javaScript: out += "\\f"
      default:
        if escaping == .javaScript ? u.value < 0x20 : needsEscaping(u) {
          let h = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: max(0, 4 - h.count)) + h
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  /// Two lower-case hex digits.
  public static func hex2(_ b: UInt8) -> String {
    let digits: [Character] = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
  }
}
