/// Host-name and path rules shared by the storage model, the retrieval algorithm and the
/// lint: the one domain-match, path-match and IP-address test in Crumbs.
public enum HostName {
  /// An IPv4 dotted quad or an IPv6 literal: such hosts never domain-match anything but
  /// themselves (RFC 6265bis §5.1.3).
  public static func isIPAddress(_ host: String) -> Bool {
    if host.contains(":") { return true }
    // A dotted quad ends in a digit; most names do not (cheap before the split).
    guard let last = host.utf8.last, last >= 0x30 && last <= 0x39 else { return false }
    let parts = host.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return false }
    for p in parts {
      guard !p.isEmpty, p.count <= 3, p.allSatisfy(\.isASCII), p.allSatisfy(\.isNumber),
        let v = Int(p), v <= 255
      else { return false }
    }
    return true
  }

  /// domain-match (RFC 6265bis §5.1.3): identical, or `string` ends with `.` + `domain`
  /// and is a host name rather than an IP address.
  public static func domainMatch(_ string: String, _ domain: String) -> Bool {
    if string == domain { return true }
    let s = Array(string.utf8)
    let d = Array(domain.utf8)
    guard !d.isEmpty, s.count > d.count, s.suffix(d.count).elementsEqual(d), !isIPAddress(string)
    else { return false }
    let before = s[s.count - d.count - 1]
    return before == UInt8(ascii: ".")
  }

  /// `host` without its trailing dots (`com.` → `com`), the form the public-suffix list
  /// and other name lookups use; the dot of a fully qualified name only says it is absolute.
  public static func withoutTrailingDots(_ host: String) -> String {
    var h = Substring(host)
    while h.hasSuffix(".") { h = h.dropLast() }
    return String(h)
  }

  /// path-match (RFC 6265bis §5.1.4), case-sensitive.
  public static func pathMatch(_ requestPath: String, _ cookiePath: String) -> Bool {
    if requestPath == cookiePath { return true }
    guard requestPath.utf8.starts(with: cookiePath.utf8) else { return false }
    if cookiePath.utf8.last == UInt8(ascii: "/") { return true }
    let next = requestPath.utf8.dropFirst(cookiePath.utf8.count).first
    return next == UInt8(ascii: "/")
  }

  /// default-path (RFC 6265bis §5.1.4): the directory of the request path.
  public static func defaultPath(_ uriPath: String) -> String {
    guard uriPath.hasPrefix("/") else { return "/" }
    guard let last = uriPath.lastIndex(of: "/"), last != uriPath.startIndex else { return "/" }
    return String(uriPath[..<last])
  }
}
