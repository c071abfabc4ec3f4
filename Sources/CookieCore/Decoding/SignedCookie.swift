/// Signed (not encrypted) cookie formats of other frameworks, recognised cheaply.
enum SignedCookie {
  /// Express `cookie-parser` signed cookie `s:value.signature`, the signature being
  /// base64 HMAC-SHA256 without padding (node `cookie-signature`).
  static func express(_ text: Substring) -> DecodedView? {
    guard text.hasPrefix("s:"), let dot = text.lastIndex(of: ".") else { return nil }
    let value = text[text.index(text.startIndex, offsetBy: 2)..<dot]
    let sig = text[text.index(after: dot)...]
    guard sig.count == 43, let (bytes, _) = Base64Text.decode(sig), bytes.count == 32 else { return nil }
    var lines = ["Express signed cookie: signed, not encrypted: anyone can read this"]
    if value.hasPrefix("j:"), let json = DecodedJSON.parse(value.dropFirst(2)) {
      lines.append("value (JSON cookie, j: prefix):")
      lines += json.prettyLines().map { "  " + $0 }
    } else {
      lines.append("value: " + TerminalSafe.escape(String(value)))
    }
    lines.append("signature: HMAC-SHA256, not verified")
    return DecodedView(title: "Express signed cookie", lines: lines)
  }

  /// Rails cookies: signed `data--digest` (ActiveSupport::MessageVerifier) and encrypted
  /// `data--iv--authTag` (ActiveSupport::MessageEncryptor, AES-256-GCM, Rails ≥ 5.2).
  static func rails(_ text: Substring) -> DecodedView? {
    let parts = text.split(separator: "--", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty }),
      let (data, _) = Base64Text.decode(parts[0])
    else { return nil }
    if parts.count == 3 {
      guard let (iv, _) = Base64Text.decode(parts[1]), iv.count == 12,
        let (tag, _) = Base64Text.decode(parts[2]), tag.count == 16
      else { return nil }
      return DecodedView(
        title: "Rails encrypted cookie",
        lines: [
          "encrypted (AES-256-GCM, \(data.count) bytes of ciphertext):",
          "the value cannot be read without the app's secret_key_base",
        ])
    }
    let digest = parts[1]
    let isHexDigest = (digest.count == 40 || digest.count == 64) && digest.allSatisfy(\.isHexDigit)
    let b64Digest = Base64Text.decode(digest)?.bytes.count
    guard isHexDigest || b64Digest == 32 || b64Digest == 20 || b64Digest == 64 else { return nil }
    var lines = ["Rails signed cookie: signed, not encrypted: anyone can read this"]
    if let json = DecodedJSON.parse(data) {
      // Rails ≥ 5.2 wraps the message: {"_rails": {"message": base64, "exp": …, "pur": …}}.
      if case .string(let inner)? = json["_rails"]?["message"], let (msg, _) = Base64Text.decode(inner[...]),
        let innerJSON = DecodedJSON.parse(msg)
      {
        lines.append("message:")
        lines += innerJSON.prettyLines().map { "  " + $0 }
        lines.append("envelope:")
      }
      lines += json.prettyLines().map { "  " + $0 }
    } else if let s = Base64Text.printableText(data) {
      lines.append("data: " + TerminalSafe.escape(s))
    } else {
      lines += Base64Text.hexDump(data)
      // Marshal format version 4.8 (Ruby `marshal.c`), the Rails < 7 default serializer.
      if data.starts(with: [4, 8]) { lines.append("(Ruby Marshal data)") }
    }
    lines.append("signature: \(isHexDigest ? "hex" : "base64") digest, not verified")
    return DecodedView(title: "Rails signed cookie", lines: lines)
  }
}
