/// Base64 (RFC 4648 §4) and base64url (§5) decoding that is lenient about padding, as cookie
/// values drop `=` (JWT, itsdangerous) or keep it (Express, Rails).
public enum Base64Text {
  public enum Alphabet: Sendable { case standard, url }

  /// The bytes of `text`, or nil when it is not base64 in either alphabet. Padding is optional
  /// but, when present, must be correct and only at the end; the two alphabets may not mix.
  public static func decode(_ text: Substring) -> (bytes: [UInt8], alphabet: Alphabet)? {
    var body = text.utf8[...]
    var pad = 0
    while body.last == UInt8(ascii: "=") {
      body = body.dropLast()
      pad += 1
    }
    guard pad <= 2, !body.isEmpty else { return nil }
    if pad > 0 && (body.count + pad) % 4 != 0 { return nil }
    if body.count % 4 == 1 { return nil }
    var alphabet: Alphabet? = nil
    var out: [UInt8] = []
    out.reserveCapacity(body.count * 3 / 4)
    var acc: UInt32 = 0
    var bits = 0
    for c in body {
      let v: UInt32
      switch c {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
      case UInt8(ascii: "+"), UInt8(ascii: "/"):
        if alphabet == .url { return nil }
        alphabet = .standard
        v = c == UInt8(ascii: "+") ? 62 : 63
      case UInt8(ascii: "-"), UInt8(ascii: "_"):
        if alphabet == .standard { return nil }
        alphabet = .url
        v = c == UInt8(ascii: "-") ? 62 : 63
      default: return nil
      }
      acc = acc << 6 | v
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
      }
    }
    return (out, alphabet ?? .standard)
  }

  /// base64url only (RFC 4648 §5), as JWT and itsdangerous write it: `+` and `/` refused.
  public static func decodeURL(_ text: Substring) -> [UInt8]? {
    guard let (bytes, alphabet) = decode(text),
      alphabet == .url || !text.contains(where: { $0 == "+" || $0 == "/" })
    else { return nil }
    return bytes
  }

  /// Standard base64 only (RFC 4648 §4), as `cookie-signature` writes it: `-` and `_` refused.
  public static func decodeStandard(_ text: Substring) -> [UInt8]? {
    guard let (bytes, alphabet) = decode(text),
      alphabet == .standard && !text.contains(where: { $0 == "-" || $0 == "_" })
    else { return nil }
    return bytes
  }

  /// `bytes` in base64 without padding: base64url when `urlSafe` (JWT, itsdangerous),
  /// else the standard alphabet (`cookie-signature`).
  public static func encodeUnpadded(_ bytes: some Collection<UInt8>, urlSafe: Bool) -> String {
    let table = Array(
      (urlSafe
        ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count * 4 + 2) / 3)
    var acc: UInt32 = 0
    var bits = 0
    for b in bytes {
      acc = acc << 8 | UInt32(b)
      bits += 8
      while bits >= 6 {
        bits -= 6
        out.append(table[Int((acc >> UInt32(bits)) & 0x3F)])
      }
    }
    if bits > 0 { out.append(table[Int((acc << UInt32(6 - bits)) & 0x3F)]) }
    return String(decoding: out, as: UTF8.self)
  }

  /// True when `text` looks like base64 worth decoding rather than a word, a number, a hex
  /// id or a UUID (all of which are, formally, valid base64).
  static func isPlausible(_ text: Substring) -> Bool {
    guard text.utf8.count >= 8 else { return false }
    var upper = false
    var lower = false
    var digit = false
    var nonHex = false
    for c in text.utf8 {
      switch c {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        upper = true
        if c > UInt8(ascii: "F") { nonHex = true }
      case UInt8(ascii: "a")...UInt8(ascii: "z"):
        lower = true
        if c > UInt8(ascii: "f") { nonHex = true }
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
      case UInt8(ascii: "-"): break
      default: nonHex = true
      }
    }
    // Hex session ids and UUIDs: only hex digits and dashes.
    if !nonHex { return false }
    // Base64 of anything mixes cases or digits; a plain word does not.
    let classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0)
    return classes >= 2 || text.hasSuffix("=")
  }

  /// Bytes as UTF-8 text when they are valid UTF-8 and mostly printable (at most 1 in 10
  /// characters a control other than TAB/CR/LF); nil for binary data.
  static func printableText(_ bytes: [UInt8]) -> String? {
    guard let s = String(validating: bytes, as: UTF8.self), !s.isEmpty else { return nil }
    var total = 0
    var controls = 0
    for u in s.unicodeScalars {
      total += 1
      let v = u.value
      if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v) || v == 0xFFFD {
        controls += 1
      }
    }
    return controls * 10 <= total ? s : nil
  }

  /// `binary, N bytes` and a hex dump of the first `maxBytes` bytes, 16 per line.
  static func hexDump(_ bytes: [UInt8], maxBytes: Int = 128) -> [String] {
    var lines = ["binary, \(bytes.count) bytes"]
    let shown = bytes.prefix(maxBytes)
    var offset = 0
    while offset < shown.count {
      let row = shown[offset..<min(offset + 16, shown.count)]
      var hex = row.map { TerminalSafe.hex2($0) }.joined(separator: " ")
      hex += String(repeating: " ", count: max(0, 47 - hex.count))
      let ascii = String(row.map { (0x20..<0x7F).contains($0) ? Character(UnicodeScalar($0)) : "." })
      let off = String(offset, radix: 16)
      lines.append(String(repeating: "0", count: max(0, 4 - off.count)) + off + "  " + hex + "  " + ascii)
      offset += 16
    }
    if bytes.count > shown.count { lines.append("… \(bytes.count - shown.count) more bytes") }
    return lines
  }
}
