/// A problem with one cookie, like the warnings devtools shows in its Issues panel.
public struct CookieIssue: Hashable, Sendable {
  public enum Severity: String, Hashable, Sendable, Comparable {
    case info, warning, error
    public static func < (a: Severity, b: Severity) -> Bool { a.index < b.index }
    public static let allCases: [Severity] = [.info, .warning, .error]
    /// The place in `allCases`: info 0, warning 1, error 2.
    var index: Int {
      switch self {
      case .info: 0
      case .warning: 1
      case .error: 2
      }
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

/// One lint rule: its stable name, its severity and what it checks.
public struct CookieLintRule: Hashable, Sendable {
  public var name: String
  public var severity: CookieIssue.Severity
  public var summary: String
}

/// Lint rules over cookies (prefixes, SameSite, sizes, expiry caps, control characters …).
public enum CookieLint {
  /// Every issue of `cookie` as of `now`, most severe first.
  public static func issues(of cookie: Cookie, now: Instant) -> [CookieIssue] {
    var out: [CookieIssue] = []
    appendIssues(of: cookie, now: now, to: &out)
    return out
  }

  /// `issues(of: cookie, now: now)` appended to `out`: a caller linting many cookies empties
  /// one array and fills it again for each, instead of allocating one per cookie.
  static func appendIssues(of cookie: Cookie, now: Instant, to out: inout [CookieIssue]) {
    withUnsafePointer(to: cookie) { appendIssues(of: $0, now: now, to: &out) }
  }

  /// As `appendIssues(of:now:to:)` for a cookie read in place. The rules read its fields
  /// through the pointer: a jar's cookie passed on as a value is copied first, retaining
  /// each of its strings (`sourceFile` is one string for the whole jar, so the cores' lint
  /// threads fought over its reference count).
  static func appendIssues(of cookie: UnsafePointer<Cookie>, now: Instant, to out: inout [CookieIssue]) {
    let start = out.count
    prefixIssues(cookie, &out)
    attributeIssues(cookie, now: now, &out)
    contentIssues(cookie, &out)
    domainIssues(cookie, &out)
    sortBySeverity(&out, from: start)
  }

  /// The issues of `cookie` including those that need the rest of `jar` (a cookie of the
  /// same name that shadows it), most severe first.
  public static func issues(of cookie: Cookie, in jar: [Cookie], now: Instant) -> [CookieIssue] {
    var out = issues(of: cookie, now: now)
    var shown = 0
    for other in jar where other.id != cookie.id && shadowingOverlap(cookie, other) {
      if shown < maxShadowingReports { out.append(shadowingIssue(cookie, other)) }
      shown += 1
    }
    return sorted(out)
  }

  /// The issues of every cookie in `jar` (same order), cross-cookie rules included.
  public static func issues(ofEach jar: [Cookie], now: Instant) -> [[CookieIssue]] {
    var result: [[CookieIssue]] = []
    result.reserveCapacity(jar.count)
    forEachCookie(in: jar, now: now) { _, issues in result.append(issues) }
    return result
  }

  /// Calls `body` with each cookie's index and issues (as `issues(of:in:now:)` gives them),
  /// in jar order, keeping nothing: a large jar's issues need not all be in memory at once.
  /// Shadowing partners come from a `ShadowingIndex`, not from comparing every pair.
  public static func forEachCookie(
    in jar: [Cookie], now: Instant, _ body: (Int, [CookieIssue]) throws -> Void
  ) rethrows {
    let index = ShadowingIndex(jar)
    let scratch = ShadowingIndex.Scratch(for: index)
    defer { scratch.free() }
    for i in jar.indices {
      var out = issues(of: jar[i], now: now)
      let partners = index.partners(of: i, scratch)
      if !partners.isEmpty {
        for j in partners { out.append(shadowingIssue(jar[i], jar[j])) }
        out = sorted(out)
      }
      try body(i, out)
    }
  }

  /// Stable sort: errors first, then warnings, then infos; rule order kept within each.
  static func sorted(_ issues: [CookieIssue]) -> [CookieIssue] {
    var out = issues
    sortBySeverity(&out, from: 0)
    return out
  }

  /// `issues[start...]` sorted as `sorted` sorts, in place: an insertion sort, stable, with
  /// nothing to move when the issues are already in order (most cookies' are: rules run
  /// errors-first within a group) and nothing allocated (a cookie has only a few).
  static func sortBySeverity(_ issues: inout [CookieIssue], from start: Int) {
    var k = start + 1
    while k < issues.count {
      var j = k
      while j > start && issues[j - 1].severity < issues[j].severity {
        issues.swapAt(j - 1, j)
        j -= 1
      }
      k += 1
    }
  }

  /// Every rule, for `--help`, docs and tests that each rule is exercised.
  public static let rules: [CookieLintRule] = [
    CookieLintRule(
      name: "secure-prefix-insecure", severity: .error, summary: "__Secure- cookie without Secure"),
    CookieLintRule(name: "host-prefix-insecure", severity: .error, summary: "__Host- cookie without Secure"),
    CookieLintRule(name: "host-prefix-domain", severity: .error, summary: "__Host- cookie with a Domain"),
    CookieLintRule(
      name: "host-prefix-path", severity: .error, summary: "__Host- cookie with a path other than /"),
    CookieLintRule(name: "http-prefix-insecure", severity: .error, summary: "__Http- cookie without Secure"),
    CookieLintRule(
      name: "http-prefix-not-httponly", severity: .error,
      summary: "__Http-/__Host-Http- cookie without HttpOnly"),
    CookieLintRule(
      name: "nameless-prefix", severity: .error, summary: "nameless cookie whose value starts with a prefix"),
    CookieLintRule(name: "samesite-none-insecure", severity: .error, summary: "SameSite=None without Secure"),
    CookieLintRule(name: "partitioned-insecure", severity: .error, summary: "Partitioned without Secure"),
    CookieLintRule(name: "samesite-unset", severity: .info, summary: "SameSite not set (Chrome: Lax)"),
    CookieLintRule(name: "expiry-over-400-days", severity: .warning, summary: "expiry clamped by browsers"),
    CookieLintRule(name: "expired", severity: .warning, summary: "expiry in the past"),
    CookieLintRule(name: "too-large", severity: .error, summary: "name + value over 4096 bytes"),
    CookieLintRule(name: "attribute-too-long", severity: .warning, summary: "Domain or Path over 1024 bytes"),
    CookieLintRule(
      name: "control-character", severity: .error, summary: "control character in name or value"),
    CookieLintRule(
      name: "tab-or-newline", severity: .warning, summary: "TAB/CR/LF: not writable to cookies.txt"),
    CookieLintRule(name: "empty-cookie", severity: .error, summary: "empty name and empty value"),
    CookieLintRule(name: "nameless", severity: .info, summary: "empty name (nameless cookie)"),
    CookieLintRule(
      name: "nameless-with-equals", severity: .warning, summary: "empty name and a value containing ="),
    CookieLintRule(name: "value-grammar", severity: .info, summary: "value outside the cookie-octet grammar"),
    CookieLintRule(name: "name-grammar", severity: .info, summary: "name is not an HTTP token"),
    CookieLintRule(name: "domain-unknown", severity: .warning, summary: "domain unknown"),
    CookieLintRule(name: "ip-domain-not-host-only", severity: .warning, summary: "Domain attribute on an IP"),
    CookieLintRule(
      name: "domain-not-canonical", severity: .warning, summary: "domain upper-case or with dots"),
    CookieLintRule(name: "path-not-absolute", severity: .warning, summary: "path not starting with /"),
    CookieLintRule(name: "public-suffix-domain", severity: .error, summary: "domain is a public suffix"),
    CookieLintRule(name: "shadowed", severity: .info, summary: "another cookie of this name is sent too"),
  ]
}
