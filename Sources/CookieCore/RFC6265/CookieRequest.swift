/// A request as cookie retrieval needs to know it: where it goes, and from which
/// top-level site (for SameSite and partitioned cookies).
public struct CookieRequest: Sendable, Hashable {
  public var url: RequestURL
  /// The top-level site the request is made from; nil: the request's own site (a
  /// same-site, top-level request).
  public var topLevel: RequestURL?
  /// A top-level navigation with a safe method (a link followed, GET): SameSite=Lax
  /// cookies go along on such a cross-site request (RFC 6265bis §5.8.3.1).
  public var isTopLevelNavigation: Bool

  public init(url: RequestURL, topLevel: RequestURL? = nil, isTopLevelNavigation: Bool = false) {
    self.url = url
    self.topLevel = topLevel
    self.isTopLevelNavigation = isTopLevelNavigation
  }

  /// The top-level site: scheme and registrable domain (`https://example.com`).
  public var topLevelSite: String { CookieRequest.site(of: topLevel ?? url) }

  /// Same-site when the request's site is the top-level site (RFC 6265bis §5.2: "same-site"
  /// compares registrable domains and schemes).
  public var isSameSite: Bool { CookieRequest.site(of: url) == topLevelSite }

  /// `scheme://registrable-domain` (the host itself for an IP address or a public suffix),
  /// the form Chromium writes partition keys in.
  public static func site(of url: RequestURL) -> String {
    let host =
      HostName.isIPAddress(url.host) ? url.host : PublicSuffixList.shared.registrableDomain(of: url.host)
    return url.scheme.lowercased() + "://" + (host ?? url.host)
  }

  /// A partition key's site in the same form (`https://example.com/` → `https://example.com`).
  static func normalizedSite(_ s: String) -> String {
    var t = s.lowercased()
    while t.hasSuffix("/") { t.removeLast() }
    return t
  }
}

/// Why a cookie is not sent with a request (Chrome's "filtered out request cookies").
public enum CookieExclusion: Hashable, Sendable, CustomStringConvertible {
  case expired(Instant)
  case domainUnknown
  /// Host-only for another host.
  case hostOnly(String)
  case domainMismatch(String)
  case pathMismatch(cookie: String, request: String)
  case secureOverInsecure
  case sameSiteStrict
  case sameSiteLax
  /// No SameSite attribute: Chrome treats it as Lax; Firefox and Safari would send it.
  case sameSiteUnsetLax
  case partitionedElsewhere(String)

  public var description: String {
    switch self {
    case .expired(let t): "expired at \(t.iso8601)"
    case .domainUnknown: "its domain is unknown (a capture read without --origin)"
    case .hostOnly(let h): "host-only cookie of \(h), not of this host"
    case .domainMismatch(let d): "domain \(d) does not match this host"
    case .pathMismatch(let c, let r): "path \(c) does not match the request path \(r)"
    case .secureOverInsecure: "Secure cookie, and the request is not secure (http)"
    case .sameSiteStrict: "SameSite=Strict on a cross-site request"
    case .sameSiteLax: "SameSite=Lax on a cross-site request that is not a top-level navigation"
    case .sameSiteUnsetLax:
      "no SameSite attribute: Chrome treats it as Lax on a cross-site request (Firefox and Safari would send it)"
    case .partitionedElsewhere(let site): "partitioned (CHIPS) for the top-level site \(site)"
    }
  }
}

extension CookieJar {
  /// What a browser does with each cookie of this jar for `request` at `now`: the cookies
  /// it sends, in send order (RFC 6265bis §5.8.3), and for every other cookie of the same
  /// site as the request, why it stays home.
  public func evaluate(_ request: CookieRequest, at now: Instant) -> (
    sent: [Cookie], excluded: [(cookie: Cookie, reasons: [CookieExclusion])]
  ) {
    let url = request.url
    let sameSite = request.isSameSite
    let topSite = request.topLevelSite
    let requestSite = PublicSuffixList.shared.registrableDomain(of: url.host) ?? url.host
    var matched: [Entry] = []
    var excluded: [(Entry, [CookieExclusion])] = []
    for e in entries.values {
      let c = e.cookie
      var reasons: [CookieExclusion] = []
      guard c.isDomainKnown else {
        excluded.append((e, [.domainUnknown]))
        continue
      }
      let hostMatches = CookieJar.hostMatches(c, url)
      if !hostMatches {
        guard CookieJar.isOfSite(c, requestSite) else { continue }
        reasons.append(c.hostOnly ? .hostOnly(c.domain) : .domainMismatch(c.domain))
      }
      if let t = c.expires, c.isExpired(at: now) { reasons.append(.expired(t)) }
      if !HostName.pathMatch(url.path, c.path) {
        reasons.append(.pathMismatch(cookie: c.path, request: url.path))
      }
      if c.secure && !url.isSecure { reasons.append(.secureOverInsecure) }
      if !sameSite {
        switch c.sameSite {
        case .strict: reasons.append(.sameSiteStrict)
        case .lax where !request.isTopLevelNavigation: reasons.append(.sameSiteLax)
        case .unset where !request.isTopLevelNavigation: reasons.append(.sameSiteUnsetLax)
        default: break
        }
      }
      if let key = c.partitionKey, CookieRequest.normalizedSite(key.topLevelSite) != topSite {
        reasons.append(.partitionedElsewhere(key.topLevelSite))
      }
      if reasons.isEmpty { matched.append(e) } else { excluded.append((e, reasons)) }
    }
    matched.sort(by: CookieJar.sendOrder)
    excluded.sort { CookieJar.sendOrder($0.0, $1.0) }
    return (matched.map(\.cookie), excluded.map { ($0.0.cookie, $0.1) })
  }

  static func hostMatches(_ c: Cookie, _ url: RequestURL) -> Bool {
    c.hostOnly ? url.host == c.domain : HostName.domainMatch(url.host, c.domain)
  }

  /// Only cookies of the request's site are worth explaining (their domain is the
  /// registrable domain or below it).
  static func isOfSite(_ c: Cookie, _ requestSite: String) -> Bool {
    c.domain == requestSite || c.domain.hasSuffix("." + requestSite)
  }

  /// Whether `evaluate(request, at:)` looks at `c` at all (sent, or explained as not sent).
  /// A loader may leave every other cookie out of the jar: the answer stays the same
  /// (`header` on a million-cookie jar keeps only these).
  public static func concerns(_ request: CookieRequest) -> @Sendable (Cookie) -> Bool {
    let url = request.url
    let requestSite = PublicSuffixList.shared.registrableDomain(of: url.host) ?? url.host
    return { c in !c.isDomainKnown || hostMatches(c, url) || isOfSite(c, requestSite) }
  }

  /// RFC 6265bis §5.8.3 step 2: longer paths first, then earlier creation time (then
  /// arrival order).
  static func sendOrder(_ a: Entry, _ b: Entry) -> Bool {
    let la = a.cookie.path.utf8.count
    let lb = b.cookie.path.utf8.count
    if la != lb { return la > lb }
    let ca = a.cookie.created ?? .distantPast
    let cb = b.cookie.created ?? .distantPast
    if ca != cb { return ca < cb }
    return a.sequence < b.sequence
  }
}
