/// Replaces cookie values (and, on request, names) with placeholders that keep what helps
/// debugging and nothing of the text itself, for `--redact` (sharing a jar or a screen).
///
/// A value becomes `[redacted|len=143|jwt:alg=HS256:claims=sub+name+iat|#3f9a1c2e]`: its
/// length in bytes, the kind the value decoders recognise (`ValueDecoding`), and a short
/// keyed hash so that equal values show equal within one output. The hash comes from the
/// caller (`digest`): the CLI uses an HMAC with a key made at random for each run, so the
/// hash cannot be recomputed from a guessed value by anyone else. Crypto stays out of
/// CookieCore, hence the closure.
///
/// What a placeholder may carry of a value: its length, its kind, and for a JWT the header
/// `alg` and the claim names (not their values). Those names are dropped when they would
/// repeat four or more characters of the value itself (a plain `{"user":…}` JSON value has
/// its key names in the clear), so no run of four characters of a value reaches the output
/// through its kind. The placeholder uses only RFC 6265 cookie-octets, so a redacted jar is
/// still a jar every format can write.
public struct ValueRedaction: Sendable {
  /// Also replace names (`--redact-names`); a `__Host-`/`__Secure-` style prefix is kept,
  /// as it changes what the browser does with the cookie.
  public var masksNames: Bool
  private let digest: @Sendable (String) -> String

  /// `digest` maps a text to a short printable hash (e.g. 8 hex digits of an HMAC); it must
  /// give equal hashes for equal texts within one output.
  public init(masksNames: Bool = false, digest: @escaping @Sendable (String) -> String) {
    self.masksNames = masksNames
    self.digest = digest
  }

  /// The cookie with its value (and name, with `masksNames`) replaced; an empty value
  /// stays empty (there is nothing to hide). Fields that carry the value in another form
  /// (Chromium's `encrypted_value`) are dropped.
  public func redact(_ c: Cookie) -> Cookie {
    var r = c
    r.value = placeholder(forValue: c.value)
    if masksNames { r.name = placeholder(forName: c.name) }
    if !r.unknownFields.isEmpty {
      r.unknownFields = r.unknownFields.filter { !$0.key.lowercased().contains("value") }
    }
    return r
  }

  public func redact(_ cookies: [Cookie]) -> [Cookie] { cookies.map(redact) }

  /// `[redacted|len=N|KIND|#HASH]`, or empty for an empty value.
  public func placeholder(forValue value: String) -> String {
    guard !value.isEmpty else { return "" }
    let kind = ValueRedaction.kind(of: value)
    return "[redacted|len=\(value.utf8.count)|\(kind)|#\(digest("value\u{0}" + value))]"
  }

  /// `redacted-HASH`, after the name's prefix (`__Host-redacted-HASH`) when it has one.
  public func placeholder(forName name: String) -> String {
    guard !name.isEmpty else { return "" }
    var prefix = ""
    if let p = CookiePrefix.of(name: name) { prefix = String(name.utf8.prefix(p.text.utf8.count))! }
    return prefix + "redacted-" + digest("name\u{0}" + name)
  }

  // MARK: - Kinds

  /// The kind of `value` as a cookie-octet token: `jwt:alg=HS256:claims=sub+iat`, `jwe`,
  /// `flask-session`, `flask-session:zlib`, `express-signed`, `rails-signed`, `json`,
  /// `base64`, `base64url>zlib>json`, `url-encoded`, `url-encoded>json`, `hex`, `digits`,
  /// `uuid`, `text`. Details are dropped when they would repeat 4+ characters of `value`.
  public static func kind(of value: String) -> String {
    let views = ValueDecoding.views(of: value, now: Instant(seconds: 0))
    let urlEncoded = views.contains { $0.title == "URL-decoded" }
    var coarse = "text"
    var detailed: String?
    if let first = views.first(where: { $0.title != "URL-decoded" && $0.title != "Not decoded" }) {
      coarse = slug(first.title)
      switch first.title {
      case "JWT", "JWE": detailed = jwtDetails(value, coarse: coarse)
      case "Flask session":
        let body = ValueDecoding.percentDecoded(value) ?? value
        if ValueDecoding.unquoted(body[...]).hasPrefix(".") { detailed = coarse + ":zlib" }
      default: break
      }
    } else if !urlEncoded {
      coarse = plainKind(value)
    }
    var kind = detailed ?? coarse
    if urlEncoded { kind = coarse == "text" ? "url-encoded" : "url-encoded>" + kind }
    if repeatsFourCharacters(of: value, in: kind) {
      kind = urlEncoded && coarse != "text" ? "url-encoded>" + coarse : coarse
      if repeatsFourCharacters(of: value, in: kind) { kind = "value" }
    }
    return kind
  }

  /// `Base64url → zlib → JSON` → `base64url>zlib>json`; a few titles get shorter names.
  static func slug(_ title: String) -> String {
    switch title {
    case "Flask session": return "flask-session"
    case "JSON (Express j: cookie)": return "express-json"
    case "Express signed cookie": return "express-signed"
    case "Rails signed cookie": return "rails-signed"
    case "Rails encrypted cookie": return "rails-encrypted"
    default:
      var out = ""
      for ch in title.lowercased().replacingOccurrences(of: " → ", with: ">") {
        if ch.isASCII && (ch.isLetter || ch.isNumber || ch == ">" || ch == "-") {
          out.append(ch)
        } else if ch == " " {
          out.append("-")
        }
      }
      return out.isEmpty ? "text" : out
    }
  }

  /// `jwt:alg=HS256:claims=sub+name+iat` (JWE: `jwe:alg=dir:enc=A256GCM`): the header
  /// algorithm and the claim names, each cut to safe characters.
  static func jwtDetails(_ value: String, coarse: String) -> String? {
    let decoded = ValueDecoding.percentDecoded(value) ?? value
    let token = ValueDecoding.unquoted(decoded[...])
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 || parts.count == 5, let headerBytes = Base64Text.decodeURL(parts[0]),
      let header = DecodedJSON.parse(headerBytes), case .string(let alg)? = header["alg"]
    else { return nil }
    var out = coarse + ":alg=" + safeName(alg)
    if parts.count == 5 {
      if case .string(let enc)? = header["enc"] { out += ":enc=" + safeName(enc) }
      return out
    }
    if let payloadBytes = Base64Text.decodeURL(parts[1]),
      case .object(let members)? = DecodedJSON.parse(payloadBytes)
    {
      let names = members.prefix(maxNames).map { safeName($0.key) }
      if !names.isEmpty {
        out +=
          ":claims=" + names.joined(separator: "+")
          + (members.count > maxNames ? "+\(members.count - maxNames)-more" : "")
      }
    }
    return out
  }

  static let maxNames = 12
  static let maxNameLength = 24

  /// A name cut to letters, digits, `_` and `-` (anything else becomes `_`), at most
  /// `maxNameLength` characters.
  static func safeName(_ s: String) -> String {
    var out = ""
    for ch in s.prefix(maxNameLength) {
      out.append(ch.isASCII && (ch.isLetter || ch.isNumber || ch == "-" || ch == "_") ? ch : "_")
    }
    return out.isEmpty ? "_" : out
  }

  /// What a value no decoder recognised looks like: `digits`, `hex`, `uuid` or `text`.
  static func plainKind(_ value: String) -> String {
    let u = Array(value.utf8)
    if u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return "digits" }
    let isHex: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
    if u.count == 36, [8, 13, 18, 23].allSatisfy({ u[$0] == UInt8(ascii: "-") }),
      u.enumerated().allSatisfy({ [8, 13, 18, 23].contains($0.offset) || isHex($0.element) })
    {
      return "uuid"
    }
    if u.count >= 8, u.allSatisfy(isHex) { return "hex" }
    return "text"
  }

  /// True when some run of four characters of `text` occurs in `value`.
  static func repeatsFourCharacters(of value: String, in text: String) -> Bool {
    let t = Array(text)
    guard t.count >= 4 else { return false }
    for i in 0...(t.count - 4) where value.contains(String(t[i..<(i + 4)])) { return true }
    return false
  }
}
