/// Why the storage model refused a `Set-Cookie` (RFC 6265bis §5.7), worded the way Chrome's
/// devtools lists blocked cookies, so the user sees the cookie was there and why it is not
/// in the jar.
public enum SetCookieRejection: Error, Hashable, Sendable, CustomStringConvertible {
  case syntax(SetCookieSyntaxError)
  case namelessWithPrefix
  case nonASCIIDomain(String)
  case publicSuffixDomain(String, host: String)
  case domainMismatch(String, host: String)
  case domainOnIPAddress(String, host: String)
  case secureFromInsecureOrigin(String)
  case shadowsSecureCookie(name: String)
  case sameSiteNoneWithoutSecure
  case partitionedWithoutSecure
  case securePrefixWithoutSecure
  case hostPrefixRequirements(String)

  public var description: String {
    "Set-Cookie rejected: " + reason
  }

  public var reason: String {
    switch self {
    case .syntax(let e): "\(e)"
    case .namelessWithPrefix:
      "a nameless cookie whose value starts with __Secure- or __Host- (RFC 6265bis §5.7 step 4)"
    case .nonASCIIDomain(let d): "Domain=\(d) is not ASCII (RFC 6265bis §5.7 step 8)"
    case .publicSuffixDomain(let d, let host):
      "Domain=\(d) is a public suffix and not the request host \(host) (RFC 6265bis §5.7 step 9)"
    case .domainMismatch(let d, let host):
      "Domain=\(d) does not domain-match the request host \(host) (RFC 6265bis §5.7 step 10)"
    case .domainOnIPAddress(let d, let host):
      "Domain=\(d) names another host than the IP address \(host), which can only set host-only cookies (RFC 6265bis §5.1.3)"
    case .secureFromInsecureOrigin(let origin):
      "Secure cookie set from the insecure origin \(origin) (RFC 6265bis §5.7 step 13)"
    case .shadowsSecureCookie(let name):
      "a non-secure cookie from an insecure origin would overlay the Secure cookie \(name) (RFC 6265bis §5.7 step 16)"
    case .sameSiteNoneWithoutSecure: "SameSite=None without Secure (RFC 6265bis §5.7 step 18)"
    case .partitionedWithoutSecure: "Partitioned without Secure (CHIPS; Chromium and Firefox reject it)"
    case .securePrefixWithoutSecure:
      "the __Secure- prefix requires the Secure attribute (RFC 6265bis §5.7 step 19)"
    case .hostPrefixRequirements(let what):
      "the __Host- prefix requires Secure, no Domain and Path=/: \(what) (RFC 6265bis §5.7 step 20)"
    }
  }
}

/// What the storage model did with one `Set-Cookie`.
public enum SetCookieOutcome: Hashable, Sendable {
  /// Stored as a new cookie.
  case stored(Cookie)
  /// Replaced a cookie of the same identity, keeping its creation time (§5.7 step 22).
  case replaced(Cookie, old: Cookie)
  /// Expired on arrival: it removed `old` if there was one (how servers delete cookies).
  case deleted(old: Cookie?, name: String)
  case rejected(SetCookieRejection)
}
