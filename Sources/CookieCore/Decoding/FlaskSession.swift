/// Flask's default session cookie: itsdangerous `URLSafeTimedSerializer` output
/// `payload.timestamp.signature`, all base64url without padding. A leading `.` means the
/// payload is zlib-compressed (itsdangerous `URLSafeSerializerMixin.dump_payload` compresses
/// when that is shorter). The payload is Flask's tagged JSON (`flask/json/tag.py`).
enum FlaskSession {
  static func decode(_ text: Substring, now: Instant) -> DecodedView? {
    let compressed = text.hasPrefix(".")
    let body = compressed ? text.dropFirst() : text
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }),
      let payloadBytes = Base64Text.decodeURL(parts[0]),
      let tsBytes = Base64Text.decodeURL(parts[1]), (1...8).contains(tsBytes.count),
      let sigBytes = Base64Text.decodeURL(parts[2]), sigBytes.count >= 16
    else { return nil }
    var lines = ["signed, not encrypted: anyone can read this"]
    let json: [UInt8]
    if compressed {
      do {
        json = try Inflate.zlib(payloadBytes)
      } catch {
        lines.append("payload: compressed, but \(error)")
        return DecodedView(title: "Flask session", lines: lines)
      }
    } else {
      json = payloadBytes
    }
    guard let payload = DecodedJSON.parse(json) else { return nil }
    // itsdangerous ≥ 2.0 timestamps are Unix seconds, big-endian (`int_to_bytes`).
    var seconds: UInt64 = 0
    for b in tsBytes { seconds = seconds << 8 | UInt64(b) }
    let signedAt = Instant(seconds: Int64(clamping: seconds))
    lines.append("signed at \(signedAt.iso8601) (\(RelativeTime.describe(signedAt, now: now)))")
    if compressed {
      lines.append("zlib-compressed: \(payloadBytes.count) → \(json.count) bytes")
    }
    lines.append("payload:")
    lines += untag(payload).prettyLines().map { "  " + $0 }
    lines.append("signature: \(sigBytes.count) bytes (HMAC), not verified")
    return DecodedView(title: "Flask session", lines: lines)
  }

  /// Replaces Flask's tagged values (`{" t": […]}` …) by readable forms, recursively.
  static func untag(_ v: DecodedJSON, depth: Int = 0) -> DecodedJSON {
    guard depth < DecodedJSON.maxDepth else { return v }
    switch v {
    case .array(let items): return .array(items.map { untag($0, depth: depth + 1) })
    case .object(let members):
      if members.count == 1, let tagged = tagged(members[0].key, members[0].value, depth: depth) {
        return tagged
      }
      return .object(
        members.map { DecodedJSON.Member(key: $0.key, value: untag($0.value, depth: depth + 1)) })
    default: return v
    }
  }

  private static func tagged(_ tag: String, _ value: DecodedJSON, depth: Int) -> DecodedJSON? {
    switch (tag, value) {
    case (" t", .array(let items)): return .tuple(items.map { untag($0, depth: depth + 1) })
    case (" b", .string(let b64)):
      guard let (bytes, _) = Base64Text.decode(b64[...]) ?? (b64.isEmpty ? ([], .standard) : nil) else {
        return nil
      }
      if let text = Base64Text.printableText(bytes) { return .raw("b" + DecodedJSON.quoted(text)) }
      let hex = bytes.prefix(32).map { TerminalSafe.hex2($0) }.joined()
      return .raw("bytes(\(bytes.count)) \(hex)\(bytes.count > 32 ? "…" : "")")
    case (" u", .string(let hex)):
      let h = Array(hex)
      guard h.count == 32, h.allSatisfy(\.isHexDigit) else { return nil }
      let groups = [h[0..<8], h[8..<12], h[12..<16], h[16..<20], h[20..<32]].map { String($0) }
      return .raw("UUID(\(groups.joined(separator: "-")))")
    case (" d", .string(let date)): return .raw("datetime(\(date))")
    case (" m", .string(let html)): return .raw("Markup(\(DecodedJSON.quoted(html)))")
    case (" di", .object(let inner)) where inner.count == 1 && inner[0].key.hasSuffix("__"):
      // TagDict: a dict whose only key looks like a tag gets `__` appended.
      return .object([
        DecodedJSON.Member(
          key: String(inner[0].key.dropLast(2)), value: untag(inner[0].value, depth: depth + 1))
      ])
    default: return nil
    }
  }
}
