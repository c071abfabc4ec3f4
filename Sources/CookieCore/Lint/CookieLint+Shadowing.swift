import Foundation

extension CookieLint {
  /// At most this many `shadowed` issues per cookie, so a jar with one name on thousands of
  /// subdomains does not drown the report.
  static let maxShadowingReports = 5

  /// The severity of a `shadowed` issue: info, the lowest, so the issues are appended after
  /// the others and never make the lint fail (`LintReport` relies on both).
  static var shadowingSeverity: CookieIssue.Severity { .info }

  /// True when some request would carry both cookies: same name, overlapping domains
  /// (RFC 6265bis §5.1.3 domain-match), overlapping paths (§5.1.4 path-match), same partition.
  static func shadowingOverlap(_ a: borrowing Cookie, _ b: borrowing Cookie) -> Bool {
    guard a.name == b.name, a.partitionKey?.topLevelSite == b.partitionKey?.topLevelSite,
      a.isDomainKnown, b.isDomainKnown
    else { return false }
    return placesOverlap(a.domain, a.hostOnly, a.path, b.domain, b.hostOnly, b.path)
  }

  /// The domain and path part of `shadowingOverlap` (known domains): some request URL
  /// domain-matches and path-matches both cookies.
  @inline(__always)
  static func placesOverlap(
    _ domainA: String, _ hostOnlyA: Bool, _ pathA: String, _ domainB: String, _ hostOnlyB: Bool,
    _ pathB: String
  ) -> Bool {
    let da = HostName.lowercased(domainA)
    let db = HostName.lowercased(domainB)
    let domains: Bool
    switch (hostOnlyA, hostOnlyB) {
    case (true, true): domains = da == db
    case (true, false): domains = HostName.domainMatch(da, db)
    case (false, true): domains = HostName.domainMatch(db, da)
    case (false, false): domains = HostName.domainMatch(da, db) || HostName.domainMatch(db, da)
    }
    return domains && (HostName.pathMatch(pathA, pathB) || HostName.pathMatch(pathB, pathA))
  }

  static func shadowingIssue(_ c: Cookie, _ other: Cookie) -> CookieIssue {
    let longer =
      other.path.count > c.path.count
      ? "it is sent before this one (longer path)" : "servers often take the first"
    let where_ = other.sourceDescription
    let id = other.id.description
    // Built piece by piece into one buffer: a large jar has a shadowing finding per cookie.
    var m = ""
    m.reserveCapacity(40 + c.name.utf8.count + id.utf8.count + where_.utf8.count + longer.utf8.count)
    m += "another \""
    m += TerminalSafe.escape(c.name)
    m += "\" is sent with it: "
    m += TerminalSafe.escape(id)
    if !where_.isEmpty {
      m += ", "
      m += TerminalSafe.escape(where_)
    }
    m += "; "
    m += longer
    return CookieIssue(rule: "shadowed", severity: shadowingSeverity, message: m)
  }

  /// For each cookie index, the indices of the cookies that shadow it: the first
  /// `maxShadowingReports` in jar order, exactly what comparing every pair would give
  /// (`shadowingPartnersPairwise`), found through a `ShadowingIndex`.
  static func shadowingPartners(_ jar: [Cookie], shards: Int? = nil) -> [Int: [Int]] {
    let index = ShadowingIndex(jar, shards: shards)
    let scratch = ShadowingIndex.Scratch(for: index)
    defer { scratch.free() }
    var result: [Int: [Int]] = [:]
    for i in jar.indices {
      let found = index.partners(of: i, scratch)
      if !found.isEmpty { result[i] = found }
    }
    return result
  }

  /// The simple path the index must agree with: every pair compared, in jar order.
  static func shadowingPartnersPairwise(_ jar: [Cookie]) -> [Int: [Int]] {
    var result: [Int: [Int]] = [:]
    for i in jar.indices {
      var found: [Int] = []
      for j in jar.indices where jar[i].id != jar[j].id && shadowingOverlap(jar[i], jar[j]) {
        found.append(j)
        if found.count == maxShadowingReports { break }
      }
      if !found.isEmpty { result[i] = found }
    }
    return result
  }
}
