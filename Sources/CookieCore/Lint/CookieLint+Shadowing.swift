extension CookieLint {
  /// At most this many `shadowed` issues per cookie, so a jar with one name on thousands of
  /// subdomains does not drown the report.
  static let maxShadowingReports = 5
  /// Bounded work per cookie in a large group of same-named cookies.
  static let maxShadowingComparisons = 2000

  /// True when some request would carry both cookies: same name, overlapping domains
  /// (RFC 6265bis §5.1.3 domain-match), overlapping paths (§5.1.4 path-match), same partition.
  static func shadowingOverlap(_ a: Cookie, _ b: Cookie) -> Bool {
    guard a.name == b.name, a.partitionKey?.topLevelSite == b.partitionKey?.topLevelSite,
      a.isDomainKnown, b.isDomainKnown
    else { return false }
    let da = a.domain.lowercased()
    let db = b.domain.lowercased()
    let domains: Bool
    switch (a.hostOnly, b.hostOnly) {
    case (true, true): domains = da == db
    case (true, false): domains = HostName.domainMatch(da, db)
    case (false, true): domains = HostName.domainMatch(db, da)
    case (false, false): domains = HostName.domainMatch(da, db) || HostName.domainMatch(db, da)
    }
    return domains && (HostName.pathMatch(a.path, b.path) || HostName.pathMatch(b.path, a.path))
  }

  static func shadowingIssue(_ c: Cookie, _ other: Cookie) -> CookieIssue {
    let longer =
      other.path.count > c.path.count
      ? "it is sent before this one (longer path)" : "servers often take the first"
    var where_ = other.sourceDescription
    if !where_.isEmpty { where_ = ", " + where_ }
    return CookieIssue(
      rule: "shadowed", severity: .info,
      message:
        "another \"\(TerminalSafe.escape(c.name))\" is sent with it: \(TerminalSafe.escape(other.id.description))\(TerminalSafe.escape(where_)); \(longer)"
    )
  }

  /// For each cookie index, the indices of cookies that shadow it (capped). Cookies are
  /// bucketed by name and the last two labels of the domain: overlapping domains always
  /// share them (one is a suffix of the other), barring a Domain that is a bare TLD.
  static func shadowingPartners(_ jar: [Cookie]) -> [Int: [Int]] {
    var buckets: [String: [Int]] = [:]
    for (i, c) in jar.enumerated() where c.isDomainKnown {
      let labels = c.domain.lowercased().split(separator: ".")
      let tail = labels.suffix(2).joined(separator: ".")
      buckets[c.name + "\u{0}" + tail, default: []].append(i)
    }
    var result: [Int: [Int]] = [:]
    for (_, members) in buckets where members.count > 1 {
      // Host-only cookies can only meet cookies on their exact host or domain cookies, so
      // compare against those two lists instead of the whole bucket.
      var byHost: [String: [Int]] = [:]
      var domainCookies: [Int] = []
      for i in members {
        byHost[jar[i].domain.lowercased(), default: []].append(i)
        if !jar[i].hostOnly { domainCookies.append(i) }
      }
      for i in members {
        let candidates: [Int]
        if jar[i].hostOnly {
          let sameHost = byHost[jar[i].domain.lowercased()] ?? []
          candidates =
            Array(sameHost.prefix(maxShadowingComparisons)) + domainCookies.prefix(maxShadowingComparisons)
        } else {
          candidates = Array(members.prefix(maxShadowingComparisons))
        }
        var found: [Int] = []
        for j in candidates where j != i && !found.contains(j) {
          if jar[i].id != jar[j].id && shadowingOverlap(jar[i], jar[j]) {
            found.append(j)
            if found.count == maxShadowingReports { break }
          }
        }
        if !found.isEmpty { result[i] = found }
      }
    }
    return result
  }
}
