extension CookieLint {
  /// Domain and path: unknown, IP with a Domain attribute, non-canonical, public suffix,
  /// relative path.
  static func domainIssues(_ c: UnsafePointer<Cookie>, _ out: inout [CookieIssue]) {
    if hasPlainPlace(c) { return }
    domainIssuesChecked(c, &out)
  }

  /// The fast path of `domainIssues`: a domain of lower-case ASCII letters, digits, dots
  /// and hyphens that neither starts nor ends with a dot, is no IP address and no listed
  /// public suffix, with a path starting with `/`, breaks none of its rules; most cookies
  /// are like that. The bytes are read in place (the string passed on would be retained,
  /// and a jar's cookies share their domains' strings across the lint's threads). A test
  /// holds it to `domainIssuesChecked`.
  static func hasPlainPlace(_ c: UnsafePointer<Cookie>) -> Bool {
    guard c.pointee.path.utf8.first == UInt8(ascii: "/") else { return false }
    let plain: Bool? = c.pointee.domain.utf8.withContiguousStorageIfAvailable { d in
      guard let first = d.first, let last = d.last, first != UInt8(ascii: "."), last != UInt8(ascii: ".")
      else { return false }
      for b in d {
        let lower = b &- UInt8(ascii: "a") < 26
        let digit = b &- UInt8(ascii: "0") < 10
        if !(lower || digit || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")) { return false }
      }
      return !HostName.isIPAddress(utf8: d) && PublicSuffixList.shared.listedASCIIVerdict(d) == false
    }
    return plain == true
  }

  /// Every domain and path rule (the simple path).
  static func domainIssuesChecked(_ c: UnsafePointer<Cookie>, _ out: inout [CookieIssue]) {
    if c.pointee.domain.isEmpty {
      out.append(
        CookieIssue(
          rule: "domain-unknown", severity: .warning,
          message: "domain unknown (a Set-Cookie captured without its URL); pass --origin URL to set it"))
    } else {
      let d = c.pointee.domain
      let isIP = HostName.isIPAddress(d)
      if isIP && !c.pointee.hostOnly {
        out.append(
          CookieIssue(
            rule: "ip-domain-not-host-only", severity: .warning,
            message:
              "domain \(TerminalSafe.escape(d)) is an IP address but not host-only; browsers allow only host-only cookies on IPs (RFC 6265bis §5.1.3)"
          ))
      }
      var why: [String] = []
      if HostName.hasUpperCase(d) { why.append("upper-case letters") }
      if d.hasSuffix(".") { why.append("a trailing dot") }
      if d.hasPrefix(".") { why.append("a leading dot kept in the domain") }
      if !why.isEmpty {
        out.append(
          CookieIssue(
            rule: "domain-not-canonical", severity: .warning,
            message:
              "domain \"\(TerminalSafe.escape(d))\" has \(why.joined(separator: " and ")); browsers store it lower-case without dots (RFC 6265bis §5.6.3)"
          ))
      }
      if !isIP && isLikelyPublicSuffix(d) {
        out.append(
          c.pointee.hostOnly
            ? CookieIssue(
              rule: "public-suffix-domain", severity: .info,
              message:
                "host \(TerminalSafe.escape(d)) is a public suffix; only a host-only cookie can live there")
            : CookieIssue(
              rule: "public-suffix-domain", severity: .error,
              message:
                "Domain \(TerminalSafe.escape(d)) is a public suffix; browsers ignore the cookie (RFC 6265bis §5.7 step 9)"
            ))
      }
    }
    if c.pointee.path.utf8.first != UInt8(ascii: "/") {
      out.append(
        CookieIssue(
          rule: "path-not-absolute", severity: .warning,
          message:
            "path \"\(TerminalSafe.escape(c.pointee.path))\" does not start with '/'; browsers use the default path instead (RFC 6265bis §5.6.4)"
        ))
    }
  }
}
