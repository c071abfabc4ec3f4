/// JSON Web Tokens (RFC 7519) in cookies: JWS compact form `header.payload.signature`
/// (RFC 7515 §7.1) and JWE compact form with five parts (RFC 7516 §7.1).
enum JWTView {
  static func decode(_ text: Substring, now: Instant) -> DecodedView? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 || parts.count == 5,
      let headerBytes = Base64Text.decodeURL(parts[0]),
      let header = DecodedJSON.parse(headerBytes),
      case .string(let alg)? = header["alg"]
    else { return nil }
    var lines = ["header:"]
    lines += header.prettyLines().map { "  " + $0 }
    if parts.count == 5 {
      // JWE: the payload is ciphertext (RFC 7516 §7.1).
      let enc = if case .string(let e)? = header["enc"] { e } else { "?" }
      lines.append("encrypted (JWE, \(TerminalSafe.escape(alg)) / \(TerminalSafe.escape(enc))):")
      lines.append("  the payload cannot be read without the key")
      return DecodedView(title: "JWE", lines: lines)
    }
    guard let payloadBytes = parts[1].isEmpty ? [] : Base64Text.decodeURL(parts[1]) else { return nil }
    lines.append("payload:")
    if let payload = DecodedJSON.parse(payloadBytes) {
      lines += payload.prettyLines().map { "  " + $0 }
      lines += claimLines(payload, now: now)
    } else if let text = Base64Text.printableText(payloadBytes) {
      lines.append("  " + TerminalSafe.escape(text))
    } else {
      lines += Base64Text.hexDump(payloadBytes).map { "  " + $0 }
    }
    if alg.lowercased() == "none" {
      lines.append("signature: none (alg \"none\"): unsigned, anyone can forge this token")
    } else {
      let n = Base64Text.decode(parts[2])?.bytes.count ?? 0
      lines.append("signature: \(TerminalSafe.escape(alg)), \(n) bytes, not verified")
    }
    return DecodedView(title: "JWT", lines: lines)
  }

  /// RFC 7519 §4.1.4–4.1.6 time claims as ISO dates and relative to `now`.
  static func claimLines(_ payload: DecodedJSON, now: Instant) -> [String] {
    var out: [String] = []
    for claim in ["exp", "nbf", "iat"] {
      guard case .number(let n)? = payload[claim], let t = RelativeTime.instant(fromJSONNumber: n) else {
        continue
      }
      let rel = RelativeTime.describe(t, now: now)
      let note: String
      switch claim {
      case "exp": note = t <= now ? "expired \(rel)" : "expires \(rel)"
      case "nbf": note = t > now ? "not valid yet, valid \(rel)" : "valid since \(rel)"
      default: note = "issued \(rel)"
      }
      out.append("\(claim): \(t.iso8601) (\(note))")
    }
    return out
  }
}
