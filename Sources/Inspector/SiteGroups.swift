import CookieCore

/// A site of the domain list: the hosts of one registrable domain ("eTLD+1" by the Public
/// Suffix List, as browsers' site settings group them), with their cookie counts.
struct SiteGroup: Sendable {
  var site: String
  var count: Int
  /// The site's hosts: the site itself first (when it has cookies), then by name.
  var hosts: [(domain: String, count: Int)]

  /// True when the site has several hosts, so it can be expanded (`example.net ▸`).
  var isExpandable: Bool { hosts.count > 1 }

  /// The row's name: the site, or a lone host itself (nothing to group).
  var label: String { hosts.count == 1 ? hosts[0].domain : site }
}

/// A row of the domain list.
enum DomainRow: Hashable, Sendable {
  case all
  /// Index into the sites.
  case site(Int)
  /// Indices into the sites and into that site's hosts.
  case host(Int, Int)
}

enum SiteGrouping {
  /// The site `host` belongs to: its registrable domain; an IP address, a public suffix or
  /// a single label (`localhost`) is its own site, and an unknown (empty) domain its own.
  static func site(of host: String) -> String {
    if host.isEmpty || HostName.isIPAddress(host) { return host }
    return PublicSuffixList.shared.registrableDomain(of: host) ?? host
  }

  /// Groups the per-host counts under their sites, sorted by site; `siteOf` gives (and may
  /// cache) each host's site. (`SlicedSiteGrouping` does the same a slice at a time.)
  static func group(_ domains: [(domain: String, count: Int)], siteOf: (String) -> String) -> [SiteGroup] {
    var index: [String: Int] = [:]
    var sites: [SiteGroup] = []
    for (domain, count) in domains {
      add(domain, count, site: siteOf(domain), to: &sites, index: &index)
    }
    sortHosts(&sites)
    sites.sort(by: labelOrder)
    return sites
  }

  /// Puts a host's count under its site.
  static func add(
    _ domain: String, _ count: Int, site: String, to sites: inout [SiteGroup], index: inout [String: Int]
  ) {
    if let i = index[site] {
      sites[i].count += count
      sites[i].hosts.append((domain, count))
    } else {
      index[site] = sites.count
      sites.append(SiteGroup(site: site, count: count, hosts: [(domain, count)]))
    }
  }

  /// Each site's hosts: the site itself first, then by name.
  static func sortHosts(_ sites: inout [SiteGroup]) {
    for i in sites.indices where sites[i].hosts.count > 1 {
      let site = sites[i].site
      sites[i].hosts.sort { a, b in
        if (a.domain == site) != (b.domain == site) { return a.domain == site }
        return a.domain < b.domain
      }
    }
  }

  /// The sites' order in the list.
  @Sendable static func labelOrder(_ a: SiteGroup, _ b: SiteGroup) -> Bool { a.label < b.label }

  /// The list's rows: All, then each site (by name), followed by its hosts when expanded.
  static func rows(_ sites: [SiteGroup], expanded: Set<String>) -> [DomainRow] {
    var rows: [DomainRow] = [.all]
    rows.reserveCapacity(sites.count + 1)
    for (i, g) in sites.enumerated() {
      rows.append(.site(i))
      if g.isExpandable && expanded.contains(g.site) {
        for j in g.hosts.indices { rows.append(.host(i, j)) }
      }
    }
    return rows
  }
}

extension AppState {
  /// The domain list's rows as shown (sites, and the hosts of expanded ones).
  var domainRows: [DomainRow] { derived.domainRows }

  /// A row's name, cookie count and whether it is a host under a site.
  func domainRowInfo(_ row: DomainRow) -> (name: String, count: Int, site: SiteGroup?) {
    switch row {
    case .all: return ("All", store.count, nil)
    case .site(let i): return (derived.sites[i].label, derived.sites[i].count, derived.sites[i])
    case .host(let i, let j):
      let h = derived.sites[i].hosts[j]
      return (h.domain, h.count, nil)
    }
  }

  /// True when `c` is shown under the chosen site (its domain's site is `site`). Only the
  /// site itself and its subdomains can be; only those pay for the lookup.
  static func cookie(_ c: Cookie, isIn site: String) -> Bool {
    if c.domain == site { return true }
    let d = c.domain.utf8
    let s = site.utf8
    guard d.count > s.count + 1, d.reversed().starts(with: s.reversed()) else { return false }
    guard d[d.index(d.endIndex, offsetBy: -s.count - 1)] == UInt8(ascii: ".") else { return false }
    return SiteGrouping.site(of: c.domain) == site
  }

  /// Rebuilds the rows after the sites or the expanded set changed, keeping the cursor on
  /// the chosen domain or site.
  mutating func rebuildDomainRows() {
    derived.domainRows = SiteGrouping.rows(derived.sites, expanded: expandedSites)
    domainCursor = domainRowIndex() ?? 0
  }

  /// The row of the chosen host or site (a chosen host's site is expanded to show it).
  mutating func domainRowIndex() -> Int? {
    if let site {
      return derived.domainRows.firstIndex {
        if case .site(let i) = $0 { return derived.sites[i].site == site }
        return false
      }
    }
    guard let domain else { return nil }
    let s = derived.siteCache[domain] ?? SiteGrouping.site(of: domain)
    guard let si = derived.sites.firstIndex(where: { $0.site == s }) else { return nil }
    if !derived.sites[si].isExpandable {
      return derived.domainRows.firstIndex(of: .site(si))
    }
    if !expandedSites.contains(s) {
      expandedSites.insert(s)
      derived.domainRows = SiteGrouping.rows(derived.sites, expanded: expandedSites)
    }
    guard let hj = derived.sites[si].hosts.firstIndex(where: { $0.domain == domain }) else { return nil }
    return derived.domainRows.firstIndex(of: .host(si, hj))
  }

  /// `l`/`→` in the domain list: shows the selected site's hosts.
  mutating func expandSite() {
    guard derived.domainRows.indices.contains(domainCursor),
      case .site(let i) = derived.domainRows[domainCursor], derived.sites[i].isExpandable
    else { return }
    expandedSites.insert(derived.sites[i].site)
    let keep = domainCursor
    derived.domainRows = SiteGrouping.rows(derived.sites, expanded: expandedSites)
    domainCursor = keep
  }

  /// `h`/`←` in the domain list: hides the site's hosts (from a host, goes to its site).
  mutating func collapseSite() {
    guard derived.domainRows.indices.contains(domainCursor) else { return }
    let si: Int
    switch derived.domainRows[domainCursor] {
    case .all: return
    case .site(let i): si = i
    case .host(let i, _): si = i
    }
    let wasHost = if case .host = derived.domainRows[domainCursor] { true } else { false }
    expandedSites.remove(derived.sites[si].site)
    derived.domainRows = SiteGrouping.rows(derived.sites, expanded: expandedSites)
    let row = derived.domainRows.firstIndex(of: .site(si)) ?? 0
    if wasHost {
      chooseDomain(row)
    } else {
      domainCursor = row
    }
  }
}

/// `SiteGrouping.group` a slice at a time, for the recount of a large jar (140,000 hosts
/// grouped at once took 150–360 ms, and their first public-suffix lookups over a second):
/// hosts are looked up and grouped `budget` at a time, then the sites sorted in slices.
struct SlicedSiteGrouping: Sendable {
  let domains: [(domain: String, count: Int)]
  private var next = 0
  private var index: [String: Int] = [:]
  private var groups: [SiteGroup] = []
  private var sorter: SlicedMergeSort<SiteGroup>?
  /// The result, once `advance` returned true.
  private(set) var sites: [SiteGroup] = []

  init(_ domains: [(domain: String, count: Int)]) { self.domains = domains }

  var progress: Double {
    if let sorter { return 0.5 + 0.5 * sorter.progress }
    return domains.isEmpty ? 1 : 0.5 * Double(next) / Double(domains.count)
  }

  /// Groups about `budget` hosts (looking each host's site up in `cache`, filling it), or
  /// sorts about `budget` sites; true when `sites` is done.
  mutating func advance(budget: Int, cache: inout [String: String]) -> Bool {
    if sorter == nil {
      let end = min(domains.count, next + max(1, budget))
      for k in next..<end {
        let (domain, count) = domains[k]
        let site: String
        if let s = cache[domain] {
          site = s
        } else {
          site = SiteGrouping.site(of: domain)
          cache[domain] = site
        }
        SiteGrouping.add(domain, count, site: site, to: &groups, index: &index)
      }
      next = end
      guard end == domains.count else { return false }
      SiteGrouping.sortHosts(&groups)
      sorter = SlicedMergeSort(groups, by: SiteGrouping.labelOrder)
      groups = []
      index = [:]
    }
    guard sorter!.advance(budget: max(1, budget)) else { return false }
    sites = sorter!.items
    sorter = nil
    return true
  }
}
