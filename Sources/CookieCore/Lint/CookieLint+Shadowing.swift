extension CookieLint {
  /// At most this many `shadowed` issues per cookie, so a jar with one name on thousands of
  /// subdomains does not drown the report.
  static let maxShadowingReports = 5

  /// True when some request would carry both cookies: same name, overlapping domains
  /// (RFC 6265bis §5.1.3 domain-match), overlapping paths (§5.1.4 path-match), same partition.
  static func shadowingOverlap(_ a: borrowing Cookie, _ b: borrowing Cookie) -> Bool {
    guard a.name == b.name, a.partitionKey?.topLevelSite == b.partitionKey?.topLevelSite,
      a.isDomainKnown, b.isDomainKnown
    else { return false }
    let da = HostName.lowercased(a.domain)
    let db = HostName.lowercased(b.domain)
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
    return CookieIssue(rule: "shadowed", severity: .info, message: m)
  }

  /// For each cookie index, the indices of the cookies that shadow it: the first
  /// `maxShadowingReports` in jar order, exactly what comparing every pair would give
  /// (`shadowingPartnersPairwise`), found through a `ShadowingIndex`.
  static func shadowingPartners(_ jar: [Cookie]) -> [Int: [Int]] {
    let index = ShadowingIndex(jar)
    var result: [Int: [Int]] = [:]
    for i in jar.indices {
      let found = index.partners(of: i)
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

/// Finds the cookies that could shadow a cookie without comparing it with every other
/// cookie under a shared domain suffix. Cookies are grouped into nodes by (name, partition,
/// lower-cased domain). Two cookies overlap only when one domain is the other or a
/// label-suffix of it (RFC 6265bis §5.1.3), so the candidates of cookie `i` are:
/// - every cookie of its own node;
/// - the domain (not host-only) cookies of each node on its domain's suffix chain
///   (`a.b.example.com` → `b.example.com`, `example.com`, `com`);
/// - when `i` is itself a domain cookie, every cookie of the nodes below it.
/// Each of these lists is in jar order, so merging them yields candidates in jar order;
/// each candidate is then checked with `shadowingOverlap` itself, which keeps the answer
/// identical to the pairwise check (the lists are a superset of the real partners).
struct ShadowingIndex: Sendable {
  private struct NodeKey: Hashable, Sendable {
    var name: String
    var partition: String?
    var domain: String
  }
  private let jar: [Cookie]
  /// The node of each cookie (-1: domain unknown, never a partner).
  private var nodeOf: [Int32]
  private var all: [[Int32]] = []
  private var domainOnly: [[Int32]] = []
  /// Cookies of strict descendant nodes (same name and partition), in jar order.
  private var below: [[Int32]] = []
  /// The nodes on each node's proper suffix chain.
  private var ancestors: [[Int32]] = []

  init(_ jar: [Cookie]) {
    self.jar = jar
    nodeOf = [Int32](repeating: -1, count: jar.count)
    var ids: [NodeKey: Int32] = [:]
    ids.reserveCapacity(jar.count / 2)
    var keys: [NodeKey] = []
    // Distinct domains, so each domain's suffix chain is worked out once, not per node.
    var domains: [String: Int32] = [:]
    var domainNames: [String] = []
    var domainOf: [Int32] = []
    for i in jar.indices where jar[i].isDomainKnown {
      let domain = HostName.lowercased(jar[i].domain)
      let key = NodeKey(name: jar[i].name, partition: jar[i].partitionKey?.topLevelSite, domain: domain)
      var node = ids[key] ?? -1
      if node < 0 {
        node = Int32(keys.count)
        ids[key] = node
        keys.append(key)
        all.append([])
        domainOnly.append([])
        var d = domains[domain] ?? -1
        if d < 0 {
          d = Int32(domainNames.count)
          domains[domain] = d
          domainNames.append(domain)
        }
        domainOf.append(d)
      }
      nodeOf[i] = node
      all[Int(node)].append(Int32(i))
      if !jar[i].hostOnly { domainOnly[Int(node)].append(Int32(i)) }
    }
    // Every non-empty suffix that follows a '.' (the only domains `domainMatch` accepts)
    // that some cookie has as its domain.
    let domainChains: [[String]] = domainNames.map { name in
      let utf8 = Array(name.utf8)
      var chain: [String] = []
      for k in utf8.indices where utf8[k] == UInt8(ascii: ".") && k + 1 < utf8.count {
        let parent = String(decoding: utf8[(k + 1)...], as: UTF8.self)
        if domains[parent] != nil { chain.append(parent) }
      }
      return chain
    }
    below = [[Int32]](repeating: [], count: keys.count)
    ancestors = [[Int32]](repeating: [], count: keys.count)
    for (node, key) in keys.enumerated() {
      let parents = domainChains[Int(domainOf[node])]
      if parents.isEmpty { continue }
      var chain: [Int32] = []
      for domain in parents {
        var parent = key
        parent.domain = domain
        if let a = ids[parent] { chain.append(a) }
      }
      ancestors[node] = chain
    }
    // Only nodes holding domain cookies ever look below themselves.
    for (i, node) in nodeOf.enumerated() where node >= 0 {
      for a in ancestors[Int(node)] where !domainOnly[Int(a)].isEmpty { below[Int(a)].append(Int32(i)) }
    }
  }

  /// The first `CookieLint.maxShadowingReports` cookies (jar order) that shadow cookie `i`.
  func partners(of i: Int) -> [Int] {
    let node = Int(nodeOf[i])
    guard node >= 0 else { return [] }
    // Alone in its node with nothing above or below: the common case, no lists to merge.
    if all[node].count == 1 && (jar[i].hostOnly || below[node].isEmpty)
      && !ancestors[node].contains(where: { !domainOnly[Int($0)].isEmpty })
    {
      return []
    }
    var lists: [[Int32]] = [all[node]]
    for a in ancestors[node] where !domainOnly[Int(a)].isEmpty { lists.append(domainOnly[Int(a)]) }
    if !jar[i].hostOnly && !below[node].isEmpty { lists.append(below[node]) }
    var heads = [Int](repeating: 0, count: lists.count)
    var found: [Int] = []
    while true {
      // The smallest head among the lists (there are only a few).
      var best = -1
      var bestValue = Int32.max
      for k in lists.indices where heads[k] < lists[k].count && lists[k][heads[k]] < bestValue {
        best = k
        bestValue = lists[k][heads[k]]
      }
      if best < 0 { break }
      heads[best] += 1
      let j = Int(bestValue)
      if j != i && CookieLint.shadowingOverlap(jar[i], jar[j]) && !IdentityTable.same(jar[i], jar[j]) {
        found.append(j)
        if found.count == CookieLint.maxShadowingReports { break }
      }
    }
    return found
  }
}
