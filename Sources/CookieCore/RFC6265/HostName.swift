import Foundation

/// Host-name and path rules shared by the storage model, the retrieval algorithm and the
/// lint: the one domain-match, path-match and IP-address test in Crumbs.
public enum HostName {
  /// An IPv4 dotted quad or an IPv6 literal: such hosts never domain-match anything but
  /// themselves (RFC 6265bis §5.1.3).
  public static func isIPAddress(_ host: String) -> Bool {
    var h = host
    return h.withUTF8(isIPAddress(utf8:))
  }

  /// `isIPAddress` on the bytes of a host name (no allocation: it runs for every cookie of
  /// a million-cookie lint and for every candidate of a domain-match).
  static func isIPAddress(utf8 h: UnsafeBufferPointer<UInt8>) -> Bool {
    if h.contains(UInt8(ascii: ":")) { return true }
    // A dotted quad ends in a digit; most names do not.
    guard let last = h.last, last >= 0x30 && last <= 0x39 else { return false }
    var parts = 0
    var value = 0
    var digits = 0
    for b in h {
      if b == UInt8(ascii: ".") {
        guard digits > 0, value <= 255 else { return false }
        parts += 1
        value = 0
        digits = 0
      } else if b >= 0x30 && b <= 0x39 {
        digits += 1
        guard digits <= 3 else { return false }
        value = value * 10 + Int(b - 0x30)
      } else {
        return false
      }
    }
    return parts == 3 && digits > 0 && value <= 255
  }

  /// domain-match (RFC 6265bis §5.1.3): identical, or `string` ends with `.` + `domain`
  /// and is a host name rather than an IP address.
  public static func domainMatch(_ string: String, _ domain: String) -> Bool {
    if string == domain { return true }
    var s = string
    var d = domain
    return s.withUTF8 { s in
      d.withUTF8 { d in
        guard !d.isEmpty, s.count > d.count else { return false }
        let offset = s.count - d.count
        guard s[offset - 1] == UInt8(ascii: "."),
          memcmp(s.baseAddress! + offset, d.baseAddress!, d.count) == 0
        else { return false }
        return !isIPAddress(utf8: s)
      }
    }
  }

  /// True when lower-casing would change `host` (`host != host.lowercased()`), without
  /// building the lower-cased copy when the name is ASCII.
  public static func hasUpperCase(_ host: String) -> Bool {
    var h = host
    let ascii: Bool? = h.withUTF8 { b in
      var upper = false
      for x in b {
        if x >= 0x80 { return nil }
        if x >= 0x41 && x <= 0x5A { upper = true }
      }
      return upper
    }
    return ascii ?? (host != host.lowercased())
  }

  /// `host` lower-cased, the same string (no copy) when it has no upper-case letter.
  public static func lowercased(_ host: String) -> String {
    hasUpperCase(host) ? host.lowercased() : host
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
