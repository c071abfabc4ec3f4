import CZlib
import CookieCore
import Crypto
import Foundation

/// The signed-cookie session formats Crumbs can verify and re-sign. Each follows its
/// library's own code:
/// - `flask`: itsdangerous `URLSafeTimedSerializer` as Flask's `SecureCookieSessionInterface`
///   sets it up: salt `cookie-session`, key derivation `hmac`, HMAC-SHA1;
///   `payload.timestamp.signature`, a payload starting with `.` is zlib-compressed.
/// - `django`: `django.core.signing.dumps(…, salt="django.contrib.sessions.backends.signed_cookies",
///   compress=True)`: `TimestampSigner`, key `sha256(salt + "signer" + SECRET_KEY)`,
///   HMAC-SHA256; `payload:timestamp:signature`, base62 timestamp.
/// - `express`: `cookie-signature` as `cookie-parser` uses it: `s:VALUE.SIGNATURE`, the
///   signature standard base64 of HMAC-SHA256(secret, VALUE) without `=` padding.
public enum SessionKind: String, CaseIterable, Sendable {
  case flask, django, express
}

/// A signed session cookie value taken apart (nothing verified yet).
public struct SignedSession: Sendable, Equatable {
  public var kind: SessionKind
  /// The bytes the signature covers, exactly as in the cookie.
  public var signedPart: String
  /// The signature as written in the cookie.
  public var signature: String
  /// The payload as text (JSON for Flask and Django, the raw value for Express), after
  /// base64 and zlib.
  public var payload: String
  /// When it was signed (Flask and Django carry a timestamp).
  public var signedAt: Instant?
  public var compressed: Bool

  /// Recognises `value` as one of `kinds` (all when nil), trying the stricter shapes
  /// first. The value may be URL-encoded as it sits in a jar (`s%3A…`).
  public static func parse(_ value: String, as kinds: [SessionKind]? = nil) -> SignedSession? {
    let kinds = kinds ?? [.express, .django, .flask]
    var text = value
    if text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 {
      text = String(text.dropFirst().dropLast())
    }
    if text.contains("%"), let decoded = text.removingPercentEncoding { text = decoded }
    for kind in kinds {
      let found: SignedSession?
      switch kind {
      case .express: found = express(text)
      case .django: found = django(text)
      case .flask: found = flask(text)
      }
      if let found { return found }
    }
    return nil
  }

  static func express(_ text: String) -> SignedSession? {
    guard text.hasPrefix("s:"), let dot = text.lastIndex(of: ".") else { return nil }
    let signed = String(text[text.index(text.startIndex, offsetBy: 2)..<dot])
    let sig = String(text[text.index(after: dot)...])
    guard sig.count == 43, SessionBase64.decode(sig, urlSafe: false)?.count == 32 else { return nil }
    return SignedSession(
      kind: .express, signedPart: signed, signature: sig, payload: signed, signedAt: nil, compressed: false)
  }

  static func django(_ text: String) -> SignedSession? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, let ts = Base62.decode(parts[1]),
      SessionBase64.decode(String(parts[2]), urlSafe: true)?.count == 32
    else { return nil }
    guard let (payload, compressed) = payload(String(parts[0])) else { return nil }
    return SignedSession(
      kind: .django, signedPart: "\(parts[0]):\(parts[1])", signature: String(parts[2]), payload: payload,
      signedAt: Instant(seconds: ts), compressed: compressed)
  }

  static func flask(_ text: String) -> SignedSession? {
    var parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    var compressed = false
    if parts.first == "" {
      compressed = true
      parts.removeFirst()
    }
    guard parts.count == 3, let tsBytes = SessionBase64.decode(parts[1], urlSafe: true), !tsBytes.isEmpty,
      tsBytes.count <= 8, SessionBase64.decode(parts[2], urlSafe: true)?.count == 20
    else { return nil }
    let ts = tsBytes.reduce(Int64(0)) { $0 << 8 | Int64($1) }
    guard let (payload, _) = payload((compressed ? "." : "") + parts[0]) else { return nil }
    return SignedSession(
      kind: .flask, signedPart: (compressed ? "." : "") + parts[0] + "." + parts[1], signature: parts[2],
      payload: payload, signedAt: Instant(seconds: ts), compressed: compressed)
  }

  /// A URL-safe base64 payload, `.`-prefixed when zlib-compressed, as text.
  static func payload(_ part: String) -> (String, Bool)? {
    let compressed = part.hasPrefix(".")
    guard let bytes = SessionBase64.decode(String(compressed ? part.dropFirst() : part[...]), urlSafe: true)
    else { return nil }
    let raw: [UInt8]
    if compressed {
      guard let inflated = try? Inflate.zlib(bytes) else { return nil }
      raw = inflated
    } else {
      raw = bytes
    }
    guard let s = String(validating: raw, as: UTF8.self) else { return nil }
    return (s, compressed)
  }
}

/// Verifies and makes signatures. A key is only ever held in memory.
public enum SessionSigner {
  /// Why a value did not verify.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    case notASession
    case badSignature
    public var description: String {
      switch self {
      case .notASession: "not a Flask, Django or Express signed value"
      case .badSignature: "signature does not match this key"
      }
    }
  }

  /// The signature `kind` computes over `signedPart` with `key`.
  public static func signature(_ kind: SessionKind, of signedPart: String, key: some DataProtocol) -> String {
    let message = Data(signedPart.utf8)
    switch kind {
    case .flask:
      // itsdangerous Signer.derive_key, key_derivation "hmac": HMAC(secret, salt).
      let derived = HMAC<Insecure.SHA1>.authenticationCode(
        for: Data("cookie-session".utf8), using: SymmetricKey(data: Data(key)))
      let mac = HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: Data(derived)))
      return SessionBase64.encode(Data(mac), urlSafe: true)
    case .django:
      // django.utils.crypto.salted_hmac: key = sha256(key_salt + secret).
      var salted = Data("django.contrib.sessions.backends.signed_cookiessigner".utf8)
      salted.append(contentsOf: key)
      let derived = SHA256.hash(data: salted)
      let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(derived)))
      return SessionBase64.encode(Data(mac), urlSafe: true)
    case .express:
      let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(key)))
      return SessionBase64.encode(Data(mac), urlSafe: false)
    }
  }

  /// True when `session`'s signature is the one `key` makes (compared in constant time).
  public static func verify(_ session: SignedSession, key: some DataProtocol) -> Bool {
    Verifier(session)?.matches(key: key) ?? false
  }

  /// A session prepared for trying many keys: the message and the signature's bytes are
  /// decoded once, each try is one or two HMACs and a constant-time compare.
  public struct Verifier: Sendable {
    let kind: SessionKind
    let message: Data
    let expected: [UInt8]

    public init?(_ session: SignedSession) {
      guard let sig = SessionBase64.decode(session.signature, urlSafe: session.kind != .express) else {
        return nil
      }
      kind = session.kind
      message = Data(session.signedPart.utf8)
      expected = sig
    }

    public func matches(key: some DataProtocol) -> Bool {
      let mac: [UInt8]
      switch kind {
      case .flask:
        let derived = HMAC<Insecure.SHA1>.authenticationCode(
          for: Verifier.flaskSalt, using: SymmetricKey(data: Array(key)))
        mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: derived)))
      case .django:
        var salted = Verifier.djangoSalt
        salted.append(contentsOf: key)
        mac = Array(
          HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: SHA256.hash(data: salted))))
      case .express:
        mac = Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(key))))
      }
      guard mac.count == expected.count else { return false }
      var diff: UInt8 = 0
      for i in mac.indices { diff |= mac[i] ^ expected[i] }
      return diff == 0
    }

    static let flaskSalt = Data("cookie-session".utf8)
    static let djangoSalt = Data("django.contrib.sessions.backends.signed_cookiessigner".utf8)
  }

  /// A cookie value `kind`'s framework accepts: `payload` (JSON for Flask and Django, the
  /// plain value for Express) signed with `key` at `now`. `compress` zlib-compresses the
  /// payload when that makes it shorter, as the frameworks do.
  public static func sign(
    _ kind: SessionKind, payload: String, key: some DataProtocol, now: Instant, compress: Bool
  ) -> String {
    switch kind {
    case .express:
      // As Express sets it: `cookie.serialize` URL-encodes the value (encodeURIComponent).
      let sig = signature(.express, of: payload, key: key)
      return encodeURIComponent("s:" + payload + "." + sig)
    case .flask, .django:
      var data = Array(payload.utf8)
      var compressed = false
      if compress, let z = Zlib.compress(data), z.count < data.count - 1 {
        data = z
        compressed = true
      }
      let body = (compressed ? "." : "") + SessionBase64.encode(Data(data), urlSafe: true)
      let seconds = max(0, now.seconds)
      if kind == .django {
        let signed = body + ":" + Base62.encode(seconds)
        return signed + ":" + signature(.django, of: signed, key: key)
      }
      var ts: [UInt8] = []
      var v = UInt64(seconds)
      while v > 0 {
        ts.insert(UInt8(v & 0xFF), at: 0)
        v >>= 8
      }
      let signed = body + "." + SessionBase64.encode(Data(ts), urlSafe: true)
      return signed + "." + signature(.flask, of: signed, key: key)
    }
  }
}

/// JavaScript's `encodeURIComponent`: everything but `A–Z a–z 0–9 - _ . ! ~ * ' ( )`.
func encodeURIComponent(_ s: String) -> String {
  var out = ""
  for b in s.utf8 {
    let c = Character(Unicode.Scalar(b))
    if b < 0x80 && (c.isLetter || c.isNumber || "-_.!~*'()".contains(c)) {
      out.append(c)
    } else {
      out += "%" + String(format: "%02X", b)
    }
  }
  return out
}

/// Base64 as the frameworks write it: no `=` padding; URL-safe for itsdangerous and Django,
/// standard for Express.
/// The session kinds' base64 (unpadded; base64url for Flask and Django, standard for
/// Express), on CookieCore's one base64 codec.
enum SessionBase64 {
  static func encode(_ data: Data, urlSafe: Bool) -> String {
    Base64Text.encodeUnpadded(data, urlSafe: urlSafe)
  }

  static func decode(_ s: String, urlSafe: Bool) -> [UInt8]? {
    urlSafe ? Base64Text.decodeURL(s[...]) : Base64Text.decodeStandard(s[...])
  }
}

/// Django's base62 timestamps (`django.core.signing.b62_encode`).
enum Base62 {
  static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

  static func encode(_ n: Int64) -> String {
    if n == 0 { return "0" }
    var v = n.magnitude
    var out: [Character] = []
    while v > 0 {
      out.insert(alphabet[Int(v % 62)], at: 0)
      v /= 62
    }
    return (n < 0 ? "-" : "") + String(out)
  }

  static func decode(_ s: Substring) -> Int64? {
    guard !s.isEmpty, s.count <= 11 else { return nil }
    var negative = false
    var rest = s
    if rest.first == "-" {
      negative = true
      rest = rest.dropFirst()
    }
    var v: Int64 = 0
    for c in rest {
      guard let i = alphabet.firstIndex(of: c) else { return nil }
      let (m, o1) = v.multipliedReportingOverflow(by: 62)
      let (a, o2) = m.addingReportingOverflow(Int64(i))
      if o1 || o2 { return nil }
      v = a
    }
    return negative ? -v : v
  }
}

/// zlib compression (the system library), for payloads the frameworks compress.
enum Zlib {
  static func compress(_ input: [UInt8]) -> [UInt8]? {
    var size = compressBound(uLong(input.count))
    var out = [UInt8](repeating: 0, count: Int(size))
    let rc = input.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        CZlib.compress(dst.baseAddress, &size, src.baseAddress, uLong(input.count))
      }
    }
    guard rc == Z_OK else { return nil }
    return Array(out.prefix(Int(size)))
  }
}
