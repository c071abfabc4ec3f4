extension CookieLint {
  /// RFC 6265bis §4.1.3 cookie name prefixes, matched case-insensitively as user agents do
  /// (§5.7 steps 20–21), plus `__Http-`/`__Host-Http-` from draft-ietf-httpbis-layered-cookies.
  static func prefixIssues(_ c: Cookie, _ out: inout [CookieIssue]) {
    let lower = c.name.lowercased()
    if c.name.isEmpty {
      // §5.7: a nameless cookie whose value starts with a prefix is rejected.
      let v = c.value.lowercased()
      if v.hasPrefix("__secure-") || v.hasPrefix("__host-") {
        out.append(
          CookieIssue(
            rule: "nameless-prefix", severity: .error,
            message: "nameless cookie whose value starts with a __Secure-/__Host- prefix; browsers reject it")
        )
      }
      return
    }
    if lower.hasPrefix("__secure-") && !c.secure {
      out.append(
        CookieIssue(
          rule: "secure-prefix-insecure", severity: .error,
          message: "__Secure- cookie without Secure; browsers reject it (RFC 6265bis §4.1.3.1)"))
    }
    if lower.hasPrefix("__host-") {
      if !c.secure {
        out.append(
          CookieIssue(
            rule: "host-prefix-insecure", severity: .error,
            message: "__Host- cookie without Secure; browsers reject it (RFC 6265bis §4.1.3.2)"))
      }
      if !c.hostOnly {
        out.append(
          CookieIssue(
            rule: "host-prefix-domain", severity: .error,
            message:
              "__Host- cookie with a Domain attribute (not host-only); browsers reject it (RFC 6265bis §4.1.3.2)"
          ))
      }
      if c.path != "/" {
        out.append(
          CookieIssue(
            rule: "host-prefix-path", severity: .error,
            message:
              "__Host- cookie with path \"\(TerminalSafe.escape(c.path))\", not \"/\"; browsers reject it (RFC 6265bis §4.1.3.2)"
          ))
      }
    }
    let isHttpPrefix = lower.hasPrefix("__http-")
    if isHttpPrefix || lower.hasPrefix("__host-http-") {
      let prefix = isHttpPrefix ? "__Http-" : "__Host-Http-"
      if isHttpPrefix && !c.secure {
        out.append(
          CookieIssue(
            rule: "http-prefix-insecure", severity: .error,
            message:
              "\(prefix) cookie without Secure; browsers that know the prefix reject it (layered-cookies draft)"
          ))
      }
      if !c.httpOnly {
        out.append(
          CookieIssue(
            rule: "http-prefix-not-httponly", severity: .error,
            message:
              "\(prefix) cookie without HttpOnly; browsers that know the prefix reject it (layered-cookies draft)"
          ))
      }
    }
  }
}
