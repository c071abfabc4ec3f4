/// CPython `http.cookiejar.split_header_words` / `join_header_words`, which LWP
/// `Set-Cookie3` lines are made of (REFERENCE §2). Ported rule by rule so that what we read
/// is what CPython reads and what we write is byte-for-byte what CPython writes.
enum HeaderWords {
  typealias Pair = (name: String, value: String?)

  /// Python `\s` on `str`: Unicode whitespace.
  static func isSpace(_ u: Unicode.Scalar) -> Bool { u.properties.isWhitespace }

  /// Python `\w` on `str`: `str.isalnum()` or `_` (letters and numbers, not marks).
  static func isWord(_ u: Unicode.Scalar) -> Bool {
    if u == "_" { return true }
    switch u.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber:
      return true
    default: return false
    }
  }

  /// Splits one header value into lists of (name, value) pairs; a top-level `,` starts a new
  /// list (RFC 2616 §4.2 concatenation), as in CPython.
  static func split(_ text: String) -> [[Pair]] {
    let s = Array(text.unicodeScalars)
    var i = 0
    var result: [[Pair]] = []
    var pairs: [Pair] = []
    // Once a quoted value runs unterminated to the end, any later one does too (the escape
    // state re-aligns after each quote); remembering that keeps hostile lines linear.
    var unterminatedFrom = Int.max
    while i < s.count {
      // HEADER_TOKEN_RE = ^\s*([^=\s;,]+)
      var j = i
      while j < s.count && isSpace(s[j]) { j += 1 }
      let tokenStart = j
      while j < s.count && s[j] != "=" && s[j] != ";" && s[j] != "," && !isSpace(s[j]) { j += 1 }
      if j > tokenStart {
        let name = String(String.UnicodeScalarView(s[tokenStart..<j]))
        i = j
        var value: String? = nil
        // HEADER_QUOTED_VALUE_RE = ^\s*=\s*"([^"\\]*(?:\\.[^"\\]*)*)"
        var k = i
        while k < s.count && isSpace(s[k]) { k += 1 }
        if k < s.count && s[k] == "=" {
          k += 1
          while k < s.count && isSpace(s[k]) { k += 1 }
          let q = k < s.count && s[k] == "\"" && k < unterminatedFrom ? quoted(s, from: k) : nil
          if let (v, end) = q {
            value = v
            i = end
          } else {
            if k < s.count && s[k] == "\"" { unterminatedFrom = min(unterminatedFrom, k) }
            // HEADER_VALUE_RE = ^\s*=\s*([^\s;,]*), then rstrip
            var e = k
            while e < s.count && s[e] != ";" && s[e] != "," && !isSpace(s[e]) { e += 1 }
            value = String(String.UnicodeScalarView(s[k..<e]))
            i = e
          }
        }
        pairs.append((name, value))
        continue
      }
      // text.lstrip().startswith(",")
      if j < s.count && s[j] == "," {
        i = j + 1
        if !pairs.isEmpty { result.append(pairs) }
        pairs = []
        continue
      }
      // skip junk: ^[=\s;]*
      var k = i
      while k < s.count && (s[k] == "=" || s[k] == ";" || isSpace(s[k])) { k += 1 }
      // CPython asserts progress here; with the rules above there always is some.
      i = max(k, i + 1)
    }
    if !pairs.isEmpty { result.append(pairs) }
    return result
  }

  /// A quoted string starting at `s[from] == "\""`; backslash escapes any character
  /// (HEADER_ESCAPE_RE). nil when the closing quote is missing (then CPython falls back to
  /// the unquoted rule).
  private static func quoted(_ s: [Unicode.Scalar], from: Int) -> (String, Int)? {
    var out = String.UnicodeScalarView()
    var k = from + 1
    while k < s.count {
      let c = s[k]
      if c == "\"" { return (String(out), k + 1) }
      if c == "\\" {
        guard k + 1 < s.count else { return nil }
        // Python's `.` does not match a newline; lines never contain one here.
        out.append(s[k + 1])
        k += 2
        continue
      }
      out.append(c)
      k += 1
    }
    return nil
  }

  /// `join_header_words([pairs])`: values that are not a plain `\w+` token are quoted, with
  /// `"` and `\` escaped; a nil value writes the bare name.
  static func join(_ pairs: [Pair]) -> String {
    var parts: [String] = []
    for (k, v) in pairs {
      guard let v else {
        parts.append(k)
        continue
      }
      parts.append("\(k)=\(quoteIfNeeded(v))")
    }
    return parts.joined(separator: "; ")
  }

  static func quoteIfNeeded(_ v: String) -> String {
    // ASCII text (most values) from its bytes: in ASCII only A–Z, a–z, 0–9 and `_` are
    // word characters, and nothing but `"` and `\` gets a backslash.
    if !v.utf8.contains(where: { $0 >= 0x80 }) {
      if !v.isEmpty && v.utf8.allSatisfy(isASCIIWord) { return v }
      if !v.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C }) { return "\"" + v + "\"" }
    }
    return quoteIfNeededByScalars(v)
  }

  static func isASCIIWord(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
  }

  /// The simple path `quoteIfNeeded` must agree with (a test compares them).
  static func quoteIfNeededByScalars(_ v: String) -> String {
    if !v.isEmpty && v.unicodeScalars.allSatisfy(isWord) { return v }
    var out = "\""
    for u in v.unicodeScalars {
      if u == "\"" || u == "\\" { out += "\\" }
      out.unicodeScalars.append(u)
    }
    return out + "\""
  }
}
