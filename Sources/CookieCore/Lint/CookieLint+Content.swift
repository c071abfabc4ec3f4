extension CookieLint {
  /// Name and value characters: control characters, TAB/CR/LF, grammar, nameless cookies.
  static func contentIssues(_ c: UnsafePointer<Cookie>, _ out: inout [CookieIssue]) {
    if isPlainContent(c) { return }
    contentIssuesChecked(c.pointee, &out)
  }

  /// The fast path of `contentIssues`: a non-empty name of token characters and a value of
  /// cookie-octets (no quotes) break none of its rules, and most cookies are like that.
  /// One table lookup a byte; a test holds it to `contentIssuesChecked`.
  static func isPlainContent(_ c: UnsafePointer<Cookie>) -> Bool {
    // The table read once: `plainBytes[…]` in the loops ran its lazy initializer's check
    // for every byte.
    plainBytes.withUnsafeBufferPointer { table in
      var name = c.pointee.name
      let nameOK = name.withUTF8 { b in
        !b.isEmpty && b.allSatisfy { table[Int($0)] & 1 != 0 }
      }
      return nameOK && c.pointee.withValueBytes { b in b.allSatisfy { table[Int($0)] & 2 != 0 } }
    }
  }

  /// Bit 1: an RFC 9110 token character; bit 2: an RFC 6265 cookie-octet.
  private static let plainBytes: [UInt8] = (0..<256).map { b in
    let token =
      (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
      || Array("!#$%&'*+-.^_`|~".utf8).contains(UInt8(b))
    let octet =
      b == 0x21 || (0x23...0x2B).contains(b) || (0x2D...0x3A).contains(b) || (0x3C...0x5B).contains(b)
      || (0x5D...0x7E).contains(b)
    return (token ? 1 : 0) | (octet ? 2 : 0)
  }

  /// Every content rule, byte by byte (the simple path).
  static func contentIssuesChecked(_ c: Cookie, _ out: inout [CookieIssue]) {
    for (what, text) in [("name", c.name), ("value", c.value)] {
      // RFC 6265bis §5.6 step 1: CTLs other than HTAB make browsers ignore the cookie.
      if let (byte, offset) = firstByte(in: text, where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
        out.append(
          CookieIssue(
            rule: "control-character", severity: .error,
            message:
              "\(what) contains control character \\x\(TerminalSafe.hex2(byte)) at byte \(offset + 1); browsers drop the cookie (RFC 6265bis §5.6)"
          ))
      }
      // REFERENCE §1.7: TAB separates cookies.txt fields and CR/LF end its lines.
      if let (byte, _) = firstByte(in: text, where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
        let name = byte == 0x09 ? "TAB" : byte == 0x0A ? "LF" : "CR"
        out.append(
          CookieIssue(
            rule: "tab-or-newline", severity: .warning,
            message:
              "\(what) contains \(name); it cannot be written to cookies.txt (curl and CPython drop the line)"
          ))
      }
    }
    if c.name.isEmpty {
      if c.value.isEmpty {
        out.append(
          CookieIssue(
            rule: "empty-cookie", severity: .error,
            message: "empty name and empty value; browsers ignore it (RFC 6265bis §5.6 step 5)"))
      } else if let eq = c.value.firstIndex(of: "=") {
        out.append(
          CookieIssue(
            rule: "nameless-with-equals", severity: .warning,
            message:
              "empty name with a value containing '='; the server will read it as cookie \"\(TerminalSafe.escape(String(c.value[..<eq])))\""
          ))
      } else {
        out.append(
          CookieIssue(
            rule: "nameless", severity: .info,
            message:
              "nameless cookie: sent as the bare value (RFC 6265bis §5.6 step 3); many servers ignore it"))
      }
    }
    let badValue = forbiddenValueCharacters(c.value)
    if !badValue.isEmpty {
      out.append(
        CookieIssue(
          rule: "value-grammar", severity: .info,
          message:
            "value contains \(badValue.joined(separator: ", ")), outside the cookie-octet grammar (RFC 6265 §4.1.1); browsers accept it, some servers split or reject it"
        ))
    }
    let badName = forbiddenNameCharacters(c.name)
    if !badName.isEmpty {
      out.append(
        CookieIssue(
          rule: "name-grammar", severity: .info,
          message:
            "name contains \(badName.joined(separator: ", ")), not an HTTP token (RFC 6265 §4.1.1, RFC 9110 §5.6.2)"
        ))
    }
  }

  static func firstByte(in s: String, where test: (UInt8) -> Bool) -> (UInt8, Int)? {
    var i = 0
    for b in s.utf8 {
      if test(b) { return (b, i) }
      i += 1
    }
    return nil
  }

  /// RFC 6265 §4.1.1: cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ), with
  /// cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. Controls are left to the
  /// `control-character` rule.
  static func forbiddenValueCharacters(_ value: String) -> [String] {
    var v = value.utf8[...]
    if v.count >= 2 && v.first == 0x22 && v.last == 0x22 { v = v.dropFirst().dropLast() }
    var found: [String] = []
    func note(_ s: String) { if !found.contains(s) { found.append(s) } }
    for b in v {
      switch b {
      case 0x20: note("space")
      case 0x22: note("'\"'")
      case 0x2C: note("','")
      case 0x3B: note("';'")
      case 0x5C: note("'\\'")
      case 0x80...: note("non-ASCII")
      default: break
      }
    }
    return found
  }

  /// RFC 9110 §5.6.2 token characters are ASCII letters, digits and ``!#$%&'*+-.^_`|~``.
  static func forbiddenNameCharacters(_ name: String) -> [String] {
    var found: [String] = []
    for b in name.utf8 {
      let ok =
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
        || Array("!#$%&'*+-.^_`|~".utf8).contains(b) || b < 0x20 || b == 0x7F
      if ok { continue }
      let s = b == 0x20 ? "space" : b >= 0x80 ? "non-ASCII" : "'\(Character(UnicodeScalar(b)))'"
      if !found.contains(s) { found.append(s) }
    }
    return found
  }
}
