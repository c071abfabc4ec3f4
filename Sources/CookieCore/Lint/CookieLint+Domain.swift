extension CookieLint {
  /// Domain and path: unknown, IP with a Domain attribute, non-canonical, public suffix,
  /// relative path.
  static func domainIssues(_ c: UnsafePointer<Cookie>, _ out: inout [CookieIssue]) {
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
