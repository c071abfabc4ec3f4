import Foundation

/// The parts of a request URL the cookie algorithms need (RFC 6265bis §5.1.2, §5.1.4):
/// scheme, canonical host, port and path. Ports never scope cookies (§8.5), but are kept
/// for the cookie's `sourcePort`.
public struct RequestURL: Hashable, Sendable, CustomStringConvertible {
  /// Lower-case scheme (`http`, `https`, …).
  public var scheme: String
  /// Canonical host: lower-case, IPv6 without brackets.
  public var host: String
  public var port: Int?
  /// The path without query or fragment; `/` when the URL has none.
  public var path: String
  /// The path exactly as in the URL (may be empty), for the default-path algorithm.
  public var rawPath: String
  /// What follows `?`, if present.
  public var query: String?

  /// Parses an absolute `scheme://host[:port]/path?query` URL; nil when it has no host.
  public init?(_ text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let colon = trimmed.firstIndex(of: ":") else { return nil }
    let scheme = trimmed[..<colon].lowercased()
    guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
    else { return nil }
    var rest = trimmed[trimmed.index(after: colon)...]
    guard rest.hasPrefix("//") else { return nil }
    rest = rest.dropFirst(2)
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    var host = Substring(authority)
    var port: Int? = nil
    if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
      let after = host[host.index(after: close)...]
      if after.hasPrefix(":") { port = Int(after.dropFirst()) }
      host = host[host.index(after: host.startIndex)..<close]
    } else if let c = host.lastIndex(of: ":") {
      port = Int(host[host.index(after: c)...])
      host = host[..<c]
    }
    guard !host.isEmpty else { return nil }
    self.scheme = scheme
    self.host = RequestURL.canonicalHost(String(host))
    self.port = port
    var tail = rest[authorityEnd...]
    if let hash = tail.firstIndex(of: "#") { tail = tail[..<hash] }
    if let q = tail.firstIndex(of: "?") {
      self.query = String(tail[tail.index(after: q)...])
      tail = tail[..<q]
    } else {
      self.query = nil
    }
    self.rawPath = String(tail)
    self.path = tail.isEmpty ? "/" : String(tail)
  }

  /// A URL from its parts (a raw request line's path plus its `Host:` header).
  public init(scheme: String, host: String, port: Int? = nil, pathAndQuery: String) {
    let tail =
      pathAndQuery.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
      .first.map(String.init) ?? ""
    let parts = tail.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    self.scheme = scheme.lowercased()
    var h = host
    if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
    self.host = RequestURL.canonicalHost(h)
    self.port = port
    self.rawPath = parts.first.map(String.init) ?? ""
    self.path = rawPath.isEmpty ? "/" : rawPath
    self.query = parts.count > 1 ? String(parts[1]) : nil
  }

  /// Canonicalized host name (RFC 6265bis §5.1.2): lower case, non-ASCII labels as
  /// A-labels (punycode). Lower-casing stands in for the full IDNA mapping.
  static func canonicalHost(_ host: String) -> String {
    let lower = host.lowercased()
    if lower.unicodeScalars.allSatisfy(\.isASCII) { return lower }
    return Punycode.toASCII(domain: lower) ?? lower
  }

  /// `location` resolved against this URL (RFC 3986 §5), as a browser follows a redirect.
  public func resolving(_ location: String) -> RequestURL? {
    let loc = location.trimmingCharacters(in: .whitespaces)
    if let absolute = RequestURL(loc) { return absolute }
    guard let base = URL(string: description),
      let resolved = URL(string: loc, relativeTo: base)?.absoluteString
    else { return nil }
    return RequestURL(resolved)
  }

  /// Secure as browsers define it: `https`/`wss`, or a loopback host, which Chromium,
  /// Firefox and curl all treat as a secure context (REFERENCE §9.6).
  public var isSecure: Bool {
    scheme == "https" || scheme == "wss" || isLoopback
  }

  public var isLoopback: Bool {
    host == "localhost" || host.hasSuffix(".localhost") || host == "::1"
      || host.hasPrefix("127.")
        && HostName.isIPAddress(host)
  }

  public var description: String {
    let h = host.contains(":") ? "[\(host)]" : host
    var s = "\(scheme)://\(h)"
    if let port { s += ":\(port)" }
    s += rawPath.isEmpty ? "/" : rawPath
    if let query { s += "?\(query)" }
    return s
  }
}
