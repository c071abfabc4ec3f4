extension CookieLint {
  /// RFC 6265bis §4.1.3 cookie name prefixes, matched case-insensitively as user agents do
  /// (§5.7 steps 20–21), plus `__Http-`/`__Host-Http-` from draft-ietf-httpbis-layered-cookies.
  /// Which names carry a prefix and what it requires is `CookiePrefix`'s (the jar's rules);
  /// this only words the findings.
  static func prefixIssues(_ c: UnsafePointer<Cookie>, _ out: inout [CookieIssue]) {
    if c.pointee.name.isEmpty {
      // §5.7: a nameless cookie whose value starts with a prefix is rejected.
      if CookiePrefix.startsWithRFC6265bisPrefix(c.pointee.value) {
        out.append(
          CookieIssue(
            rule: "nameless-prefix", severity: .error,
            message: "nameless cookie whose value starts with a __Secure-/__Host- prefix; browsers reject it")
        )
      }
      return
    }
    guard let prefix = CookiePrefix.of(name: c.pointee.name) else { return }
    for violation in prefix.violations(for: c.pointee) {
      out.append(issue(violation, of: prefix, c.pointee))
    }
  }

  private static func issue(_ violation: CookiePrefix.Violation, of prefix: CookiePrefix, _ c: Cookie)
    -> CookieIssue
  {
    switch (violation, prefix) {
    case (.notSecure, .secure):
      CookieIssue(
        rule: "secure-prefix-insecure", severity: .error,
        message: "__Secure- cookie without Secure; browsers reject it (RFC 6265bis §4.1.3.1)")
    case (.notSecure, .http):
      CookieIssue(
        rule: "http-prefix-insecure", severity: .error,
        message:
          "__Http- cookie without Secure; browsers that know the prefix reject it (layered-cookies draft)")
    case (.notSecure, _):
      CookieIssue(
        rule: "host-prefix-insecure", severity: .error,
        message: "__Host- cookie without Secure; browsers reject it (RFC 6265bis §4.1.3.2)")
    case (.hasDomain, _):
      CookieIssue(
        rule: "host-prefix-domain", severity: .error,
        message:
          "__Host- cookie with a Domain attribute (not host-only); browsers reject it (RFC 6265bis §4.1.3.2)")
    case (.pathNotRoot, _):
      CookieIssue(
        rule: "host-prefix-path", severity: .error,
        message:
          "__Host- cookie with path \"\(TerminalSafe.escape(c.path))\", not \"/\"; browsers reject it (RFC 6265bis §4.1.3.2)"
      )
    case (.notHttpOnly, _):
      CookieIssue(
        rule: "http-prefix-not-httponly", severity: .error,
        message:
          "\(prefix.text) cookie without HttpOnly; browsers that know the prefix reject it (layered-cookies draft)"
      )
    }
  }
}
