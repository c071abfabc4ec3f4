/// The programs a jar is made for, and what each does to the cookies of the file Crumbs
/// writes for it (`convert --for`): which it drops on load, which it changes, which it
/// keeps but sends differently. Each rule cites the consumer's behaviour as REFERENCE §1
/// records it (curl `lib/cookie.c`, CPython `http/cookiejar.py`, yt-dlp `cookies.py`, wget
/// `src/cookies.c`, Chromium `CanonicalCookie`).
public enum CookieConsumer: String, CaseIterable, Sendable {
  case curl, wget
  case ytDlp = "yt-dlp"
  case python, chrome, firefox

  /// The format and dialect this consumer reads best.
  public var format: CookieFormat {
    switch self {
    case .curl, .wget, .ytDlp, .python: .netscape
    case .chrome, .firefox: .playwright
    }
  }

  public var dialect: String? {
    switch self {
    case .curl: "curl"
    case .wget: "wget"
    case .ytDlp, .python: "cpython"
    case .chrome, .firefox: nil
    }
  }

  /// What happens to one cookie: dropped on load, changed, or kept and sent differently.
  public enum Verdict: Hashable, Sendable {
    case dropped(String)
    /// Dropped by recent releases of the consumer only; older ones (Debian's curl 7.88)
    /// keep it.
    case droppedByNewer(String)
    case changed(String)
    case sentDifferently(String)

    public var issue: (severity: CookieIssue.Severity, kind: String, reason: String) {
      switch self {
      case .dropped(let r): (.error, "dropped", r)
      case .droppedByNewer(let r): (.warning, "dropped by newer versions", r)
      case .changed(let r): (.warning, "changed", r)
      case .sentDifferently(let r): (.info, "sent differently", r)
      }
    }
  }

  /// Every verdict for `c` at `now`; empty when the consumer takes it as it is.
  public func verdicts(for c: Cookie, now: Instant) -> [Verdict] {
    var out: [Verdict] = []
    if format == .netscape {
      out += netscapeVerdicts(c, now: now)
    } else {
      out += browserVerdicts(c, now: now)
    }
    return out
  }

  /// The verdicts as lint issues (rule `for-CONSUMER`), for `lint --for`.
  public func issues(ofEach cookies: [Cookie], now: Instant) -> [[CookieIssue]] {
    cookies.map { issues(of: $0, now: now) }
  }

  /// Whether a cookie with these verdicts is left out of the file written for this
  /// consumer (`convert --for`, the inspector's `W`): a browser loading a Playwright storage
  /// state refuses the whole file for one invalid cookie (Chromium: "Storage.setCookies:
  /// Invalid cookie fields"), so a cookie it drops stays out, with its warning; the text
  /// jars' readers skip only its line, so there it is written.
  public func leavesOut(_ verdicts: [Verdict]) -> Bool {
    guard isBrowser else { return false }
    return verdicts.contains { if case .dropped = $0 { true } else { false } }
  }

  /// `cookies` less those `leavesOut` keeps out of the file (no verdicts are worked out
  /// for a consumer that keeps them all).
  public func written(_ cookies: [Cookie], now: Instant) -> [Cookie] {
    guard isBrowser else { return cookies }
    return cookies.filter { !leavesOut(verdicts(for: $0, now: now)) }
  }

  private var isBrowser: Bool { self == .chrome || self == .firefox }

  /// One cookie's verdicts as lint issues.
  public func issues(of c: Cookie, now: Instant) -> [CookieIssue] {
    verdicts(for: c, now: now).map { v in
      let i = v.issue
      return CookieIssue(
        rule: "for-\(rawValue)", severity: i.severity, message: "\(rawValue): \(i.kind): \(i.reason)")
    }
  }

  private func netscapeVerdicts(_ c: Cookie, now: Instant) -> [Verdict] {
    if let why = NetscapeWriter.unwritable(c) { return [.dropped("cookies.txt cannot hold it: \(why)")] }
    var out: [Verdict] = []
    if c.isExpired(at: now) {
      if self == .ytDlp {
        // yt-dlp loads with ignore_expires=True; http.cookiejar then never sends it.
        out.append(.sentDifferently("expired: yt-dlp keeps it but never sends it"))
      } else {
        out.append(.dropped("expired: \(rawValue) drops expired cookies when it loads a jar"))
      }
    }
    switch self {
    case .curl:
      if hasControl(c.name) || valueHasControl(c) {
        out.append(
          .droppedByNewer("a control character in the name or value: curl since 2026 refuses such lines"))
      }
      // curl checks prefixes on file load, case-sensitively (REFERENCE §1.7).
      if c.name.hasPrefix("__Secure-") && !c.secure {
        out.append(.dropped("__Secure- cookie without Secure: curl refuses it"))
      }
      if c.name.hasPrefix("__Host-") && (!c.secure || c.path != "/" || !c.hostOnly) {
        out.append(.dropped("__Host- cookie that is not Secure, host-only with path /: curl refuses it"))
      }
      if NetscapeWriter.lineLength(c, .curl) > 5000 {
        out.append(
          .dropped(
            "its line is over curl's 5000-byte limit: curl ≤ 8.6 skips it, curl ≥ 8.7 stops reading the file there"
          ))
      }
      if !c.hostOnly, PublicSuffixList.shared.isPublicSuffix(c.domain) {
        out.append(
          .droppedByNewer(
            "its domain \(c.domain) is a public suffix: curl with libpsl refuses it since 2026-08"))
      }
    case .wget:
      // Measured with wget 1.21.3: an empty value is kept.
      if c.name.isEmpty {
        out.append(.dropped("an empty name: wget skips lines with an empty field"))
      }
      if c.httpOnly {
        out.append(.changed("HttpOnly is not written (wget skips #HttpOnly_ lines)"))
      }
    case .python:
      if c.isSession {
        out.append(.dropped("session cookie: MozillaCookieJar.load() drops it unless ignore_discard=True"))
      }
      if c.name.isEmpty { out.append(.changed("nameless: CPython reads the value as the name")) }
    case .ytDlp:
      if c.httpOnly { out.append(.changed("yt-dlp drops the HttpOnly flag")) }
    case .chrome, .firefox: break
    }
    if c.sameSite != .unset {
      out.append(.sentDifferently("SameSite=\(c.sameSite) is lost (cookies.txt has no field for it)"))
    }
    if c.partitioned || c.partitionKey != nil {
      out.append(.sentDifferently("its partition is lost: sent to every top-level site"))
    }
    return out
  }

  private func browserVerdicts(_ c: Cookie, now: Instant) -> [Verdict] {
    var out: [Verdict] = []
    let browser = self == .chrome ? "Chrome" : "Firefox"
    if !c.isDomainKnown { return [.dropped("its domain is unknown")] }
    if c.isExpired(at: now) { out.append(.dropped("expired: \(browser) deletes it at once")) }
    if hasControl(c.name) || valueHasControl(c) {
      out.append(.dropped("a control character in the name or value: \(browser) rejects it"))
    }
    if c.name.isEmpty && c.valueByteCount == 0 {
      out.append(.dropped("empty name and value: \(browser) rejects it"))
    }
    if c.size > 4096 {
      out.append(.dropped("name and value are over 4096 bytes: \(browser) rejects it"))
    }
    if c.sameSite == .none && !c.secure {
      if self == .chrome {
        out.append(.dropped("SameSite=None without Secure: Chrome rejects it"))
      } else {
        out.append(.changed("SameSite=None without Secure: Firefox treats it as Lax or rejects it"))
      }
    }
    if c.partitioned && !c.secure {
      out.append(.dropped("Partitioned without Secure: \(browser) rejects it"))
    }
    let lower = c.name.lowercased()
    if lower.hasPrefix("__secure-") && !c.secure {
      out.append(.dropped("__Secure- cookie without Secure: \(browser) rejects it"))
    }
    if lower.hasPrefix("__host-") && (!c.secure || c.path != "/" || !c.hostOnly) {
      out.append(.dropped("__Host- cookie that is not Secure, host-only with path /: \(browser) rejects it"))
    }
    // Chromium keeps a cookie of a public suffix handed to it whole (Playwright's storage
    // state, CDP); only a server's Set-Cookie is refused one. Measured: Chromium 156 kept it.
    if self == .firefox, !c.hostOnly, PublicSuffixList.shared.isPublicSuffix(c.domain) {
      out.append(.dropped("its domain \(c.domain) is a public suffix: \(browser) rejects it"))
    }
    if let e = c.expires, e.seconds - now.seconds > 400 * 86400 {
      out.append(.changed("expires more than 400 days ahead: \(browser) caps it at 400 days"))
    }
    return out
  }

  private func hasControl(_ s: String) -> Bool {
    s.utf8.contains { $0 < 0x20 || $0 == 0x7F }
  }

  /// `hasControl(c.value)`, the value read in place.
  private func valueHasControl(_ c: Cookie) -> Bool {
    c.withValueBytes { $0.contains { $0 < 0x20 || $0 == 0x7F } }
  }
}
