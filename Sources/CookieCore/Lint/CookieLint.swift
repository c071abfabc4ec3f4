/// A problem with one cookie, like the warnings devtools shows in its Issues panel.
public struct CookieIssue: Hashable, Sendable {
  public enum Severity: String, Hashable, Sendable, Comparable {
    case info, warning, error
    public static func < (a: Severity, b: Severity) -> Bool {
      let order: [Severity] = [.info, .warning, .error]
      return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
  }
  /// Stable rule name, e.g. `host-prefix`, `samesite-none-insecure`.
  public var rule: String
  public var severity: Severity
  public var message: String
  public init(rule: String, severity: Severity, message: String) {
    self.rule = rule
    self.severity = severity
    self.message = message
  }
}

/// Lint rules over cookies (prefixes, SameSite, sizes, expiry caps, control characters …).
public enum CookieLint {
  /// Every issue of `cookie` as of `now`, most severe first.
  public static func issues(of cookie: Cookie, now: Instant) -> [CookieIssue] {
    []
  }
}
