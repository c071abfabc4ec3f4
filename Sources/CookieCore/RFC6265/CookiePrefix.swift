/// The cookie name prefixes and what each requires: `__Secure-` and `__Host-` (RFC 6265bis
/// §4.1.3, enforced by the storage model, §5.7 steps 19–20) and `__Http-`/`__Host-Http-`
/// (draft-ietf-httpbis-layered-cookies, which browsers are starting to enforce; the jar
/// does not, the lint warns).
///
/// The one place a name is tested for a prefix. Matching is ASCII case-insensitive on the
/// bytes, as RFC 6265bis §5.7 and Chromium do: `__secure-x` and `__HOST-x` are prefixed.
public enum CookiePrefix: Sendable, Hashable, CaseIterable {
  case secure
  case host
  case http
  case hostHttp

  /// The prefix as the specifications spell it.
  public var text: String {
    switch self {
    case .secure: "__Secure-"
    case .host: "__Host-"
    case .http: "__Http-"
    case .hostHttp: "__Host-Http-"
    }
  }

  /// The prefix `name` starts with, the longest when several do (`__Host-Http-x` is
  /// `.hostHttp`, which also carries every `__Host-` rule); nil for an unprefixed name.
  public static func of(name: some StringProtocol) -> CookiePrefix? {
    // Every prefix starts with "__": most names are rejected on their first byte, before
    // the four prefixes are tried (the lint asks this of every cookie of a jar).
    guard name.utf8.first == UInt8(ascii: "_") else { return nil }
    for p in [CookiePrefix.hostHttp, .host, .http, .secure] where p.matches(name) { return p }
    return nil
  }

  /// True when `text` starts with one of the RFC 6265bis prefixes (`__Secure-`, `__Host-`):
  /// a nameless cookie whose value does is rejected (§5.7 step 4).
  public static func startsWithRFC6265bisPrefix(_ text: some StringProtocol) -> Bool {
    CookiePrefix.secure.matches(text) || CookiePrefix.host.matches(text)
  }

  /// True when `s` starts with this prefix, ASCII case-insensitively.
  public func matches(_ s: some StringProtocol) -> Bool {
    let prefix = text.utf8
    var it = s.utf8.makeIterator()
    for p in prefix {
      guard let b = it.next(), Self.lowerASCII(b) == Self.lowerASCII(p) else { return false }
    }
    return true
  }

  /// Whether the rules of RFC 6265bis §4.1.3 apply (the storage model enforces those):
  /// `.secure` for `__Secure-`, `.host` for `__Host-` (and `__Host-Http-`), nil otherwise.
  public var rfc6265bisRule: CookiePrefix? {
    switch self {
    case .secure: .secure
    case .host, .hostHttp: .host
    case .http: nil
    }
  }

  /// One requirement of a prefix that a cookie does not meet.
  public enum Violation: Sendable, Hashable, CustomStringConvertible {
    /// Every prefix requires `Secure` (`__Host-Http-` through its `__Host-` part).
    case notSecure
    /// `__Host-` requires a host-only cookie, set without `Domain`.
    case hasDomain
    /// `__Host-` requires `Path=/`.
    case pathNotRoot
    /// `__Http-` and `__Host-Http-` require `HttpOnly`.
    case notHttpOnly

    public var description: String {
      switch self {
      case .notSecure: "no Secure"
      case .hasDomain: "has Domain"
      case .pathNotRoot: "Path is not /"
      case .notHttpOnly: "no HttpOnly"
      }
    }
  }

  /// The requirements of this prefix that a cookie with these attributes breaks, in the
  /// order Secure, Domain, Path, HttpOnly. `hasDomain` and `pathIsRoot` are the caller's
  /// reading: the storage model asks about the `Set-Cookie` attributes (§5.7 step 20), the
  /// lint about the stored cookie.
  public func violations(secure: Bool, hasDomain: Bool, pathIsRoot: Bool, httpOnly: Bool) -> [Violation] {
    var out: [Violation] = []
    if !secure { out.append(.notSecure) }
    if self == .host || self == .hostHttp {
      if hasDomain { out.append(.hasDomain) }
      if !pathIsRoot { out.append(.pathNotRoot) }
    }
    if (self == .http || self == .hostHttp) && !httpOnly { out.append(.notHttpOnly) }
    return out
  }

  /// `violations` for a stored cookie: a Domain means not host-only; the path must be `/`.
  public func violations(for cookie: Cookie) -> [Violation] {
    violations(
      secure: cookie.secure, hasDomain: !cookie.hostOnly, pathIsRoot: cookie.path == "/",
      httpOnly: cookie.httpOnly)
  }

  private static func lowerASCII(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b | 0x20 : b }
}
