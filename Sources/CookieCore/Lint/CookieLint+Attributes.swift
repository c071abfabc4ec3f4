extension CookieLint {
  /// Browsers cap a cookie's lifetime at 400 days from when it is set (RFC 6265bis §5.5,
  /// "cookie-age limit"; Chromium since M104, Firefox and Safari since).
  static let maxLifetimeSeconds: Int64 = 400 * 86400

  /// SameSite, Partitioned, expiry and attribute sizes.
  static func attributeIssues(_ c: UnsafePointer<Cookie>, now: Instant, _ out: inout [CookieIssue]) {
    // RFC 6265bis §5.7 step 15: SameSite=None requires Secure.
    if c.pointee.sameSite == .none && !c.pointee.secure {
      out.append(
        CookieIssue(
          rule: "samesite-none-insecure", severity: .error,
          message: "SameSite=None without Secure; browsers reject it (RFC 6265bis §5.7)"))
    }
    // CHIPS: Partitioned requires Secure (Chromium and Firefox reject it otherwise).
    if c.pointee.partitioned && !c.pointee.secure {
      out.append(
        CookieIssue(
          rule: "partitioned-insecure", severity: .error,
          message: "Partitioned without Secure; browsers reject it (CHIPS)"))
    }
    if c.pointee.sameSite == .unset {
      var m = "SameSite not set: Chrome treats it as Lax, Firefox and Safari as None"
      if let raw = c.pointee.sameSiteRaw {
        m += " (the file says \"\(TerminalSafe.escape(raw))\", not a known value)"
      }
      out.append(CookieIssue(rule: "samesite-unset", severity: .info, message: m))
    }
    if let expires = c.pointee.expires {
      if expires <= now {
        out.append(
          CookieIssue(
            rule: "expired", severity: .warning,
            message:
              "expired \(expires.iso8601) (\(RelativeTime.describe(expires, now: now))); browsers and curl drop it"
          ))
      } else {
        // The cap counts from when the cookie was set; a file that does not say uses now.
        let base = c.pointee.created.map { min($0, now) } ?? now
        let cap = base.adding(seconds: maxLifetimeSeconds)
        if expires > cap {
          out.append(
            CookieIssue(
              rule: "expiry-over-400-days", severity: .warning,
              message:
                "expires \(expires.iso8601), more than 400 days after \(c.pointee.created == nil ? "now" : "creation"); browsers cap it to \(cap.iso8601)"
            ))
        }
      }
    }
    // RFC 6265bis §5.6 step 5 and §5.6 (attributes over 1024 octets are ignored).
    let size = c.pointee.size
    if size > 4096 {
      out.append(
        CookieIssue(
          rule: "too-large", severity: .error,
          message: "name + value is \(size) bytes, over 4096; browsers ignore it (RFC 6265bis §5.6)"))
    }
    if c.pointee.domain.utf8.count > 1024 || c.pointee.path.utf8.count > 1024 {
      for (attr, text) in [("Domain", c.pointee.domain), ("Path", c.pointee.path)]
      where text.utf8.count > 1024 {
        out.append(
          CookieIssue(
            rule: "attribute-too-long", severity: .warning,
            message:
              "\(attr) is \(text.utf8.count) bytes, over 1024; browsers ignore the attribute (RFC 6265bis §5.6)"
          ))
      }
    }
  }
}
