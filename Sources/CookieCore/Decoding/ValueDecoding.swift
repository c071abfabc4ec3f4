/// One decoded view of a cookie value, as the inspector's detail pane shows it.
public struct DecodedView: Hashable, Sendable {
  /// e.g. `URL-decoded`, `Base64`, `JSON`, `JWT`, `Flask session`.
  public var title: String
  /// The decoded text, already split into lines (pretty-printed where it applies).
  public var lines: [String]
  public init(title: String, lines: [String]) {
    self.title = title
    self.lines = lines
  }
}

/// Decoders for cookie values: URL encoding, Base64, JSON, JWT, Flask/itsdangerous sessions.
///
/// Every line returned is terminal-safe (`TerminalSafe.escape` or JSON escaping), views are
/// capped at `maxLines` lines, and values longer than `maxInputBytes` are not decoded, so
/// no input can make the detail pane crash, hang or flood the screen.
public enum ValueDecoding {
  /// RFC 6265bis §5.6 caps name+value at 4096 bytes; this leaves room for odd stores.
  public static let maxInputBytes = 16384
  public static let maxLines = 200
  public static let maxLineLength = 2000

  /// Every view that applies to `value`, most specific first; empty when none applies.
  /// `now` lets time claims (JWT `exp`) be shown relative to the clock.
  public static func views(of value: String, now: Instant) -> [DecodedView] {
    guard value.utf8.count <= maxInputBytes else {
      return [
        DecodedView(
          title: "Not decoded",
          lines: ["value is \(value.utf8.count) bytes; decoders stop at \(maxInputBytes)"])
      ]
    }
    let urlDecoded = percentDecoded(value)
    var candidates: [Substring] = []
    for c in [
      value[...], unquoted(value[...]), urlDecoded.map { $0[...] }, urlDecoded.map { unquoted($0[...]) },
    ] {
      if let c, !c.isEmpty, !candidates.contains(c) { candidates.append(c) }
    }

    var views: [DecodedView] = []
    let structured: [(Substring) -> DecodedView?] = [
      { JWTView.decode($0, now: now) },
      { FlaskSession.decode($0, now: now) },
      { SignedCookie.express($0) },
      { SignedCookie.rails($0) },
      { json($0) },
      { base64($0) },
    ]
    for decoder in structured {
      for c in candidates {
        if let v = decoder(c) {
          views.append(v)
          break
        }
      }
    }
    if let urlDecoded {
      views.append(DecodedView(title: "URL-decoded", lines: [TerminalSafe.escape(urlDecoded)]))
    }
    return views.map(capped)
  }

  /// Percent-decoding (RFC 3986 §2.1); nil when the value has no valid `%XX` escape.
  /// Invalid escapes stay as they are; bytes that are not UTF-8 become U+FFFD.
  static func percentDecoded(_ s: String) -> String? {
    let bytes = Array(s.utf8)
    guard bytes.contains(UInt8(ascii: "%")) else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    var changed = false
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
        let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2])
      {
        out.append(hi << 4 | lo)
        i += 3
        changed = true
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return changed ? String(decoding: out, as: UTF8.self) : nil
  }

  private static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// The value without the DQUOTEs RFC 6265 §4.1.1 allows around it.
  static func unquoted(_ s: Substring) -> Substring {
    s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") ? s.dropFirst().dropLast() : s
  }

  /// A JSON object or array, also with Express `cookie-parser`'s `j:` prefix.
  static func json(_ s: Substring) -> DecodedView? {
    let express = s.hasPrefix("j:")
    let body = express ? s.dropFirst(2) : s
    guard let first = body.first, first == "{" || first == "[", let v = DecodedJSON.parse(body) else {
      return nil
    }
    return DecodedView(title: express ? "JSON (Express j: cookie)" : "JSON", lines: v.prettyLines())
  }

  /// Base64 or base64url: as text, as JSON, zlib-inflated, or a hex dump when binary.
  static func base64(_ s: Substring) -> DecodedView? {
    guard Base64Text.isPlausible(s), let (bytes, alphabet) = Base64Text.decode(s) else { return nil }
    let name = alphabet == .url ? "Base64url" : "Base64"
    var payload = bytes
    var title = name
    // 0x78 is the first byte of every zlib stream with a 32 KiB window (RFC 1950 §2.2).
    if bytes.first == 0x78, let inflated = try? Inflate.zlib(bytes) {
      payload = inflated
      title += " → zlib"
    }
    if let v = DecodedJSON.parse(payload), v.isContainer {
      return DecodedView(title: title + " → JSON", lines: v.prettyLines())
    }
    if let text = Base64Text.printableText(payload) {
      return DecodedView(title: title, lines: [TerminalSafe.escape(text)])
    }
    // A random-looking token (a session id) decodes to noise; only long ones are worth a dump.
    guard s.utf8.count >= 16 else { return nil }
    return DecodedView(title: title, lines: Base64Text.hexDump(payload))
  }

  /// At most `maxLines` lines of at most `maxLineLength` characters, each terminal-safe.
  static func capped(_ view: DecodedView) -> DecodedView {
    var lines = view.lines.prefix(maxLines).map { line -> String in
      let safe = TerminalSafe.escape(line)
      return safe.count > maxLineLength ? String(safe.prefix(maxLineLength)) + "…" : safe
    }
    if view.lines.count > maxLines { lines.append("… \(view.lines.count - maxLines) more lines") }
    return DecodedView(title: TerminalSafe.escape(view.title), lines: lines)
  }
}
