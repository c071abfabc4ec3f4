import CookieCore

/// Recounting in progress: the domain list and the expiry index over `handles`, from
/// `next` on; the left pane and the expired count change when it is done.
struct CountJob: Job {
  static let priority = 0
  var handles: [CookieHandle]
  var next = 0
  var counts: [String: Int] = [:]
  var expiries: [Int64] = []
  var revision: Int

  init(handles: [CookieHandle], revision: Int) {
    self.handles = handles
    self.revision = revision
    expiries.reserveCapacity(handles.count)
  }

  var progress: Double { handles.isEmpty ? 1 : Double(next) / Double(handles.count) }

  var status: String { "counting…" }

  mutating func step(_ state: inout AppState, budget: Int) -> Bool {
    // Two lookups per cookie, no string compare: twice the filter's slice.
    let end = min(handles.count, next + budget * 2)
    let store = state.store
    for i in next..<end {
      let c = store[handles[i]]
      if let e = c.expires { expiries.append(e.microseconds) }
      counts[c.domain, default: 0] += 1
    }
    next = end
    guard end == handles.count else { return false }
    expiries.sort()
    state.derived.expiries = expiries
    state.derived.domains = counts.map { ($0.key, $0.value) }.sorted { $0.domain < $1.domain }
    // Sites once per store change (not per frame); a host's site is looked up once per run.
    var cache = state.derived.siteCache
    state.derived.sites = SiteGrouping.group(state.derived.domains) { host in
      if let s = cache[host] { return s }
      let s = SiteGrouping.site(of: host)
      cache[host] = s
      return s
    }
    state.derived.siteCache = cache
    state.derived.revision = revision
    if let d = state.domain, counts[d] == nil { state.domain = nil }
    if let site = state.site, !state.derived.sites.contains(where: { $0.site == site }) { state.site = nil }
    state.rebuildDomainRows()
    return true
  }

  func restart(_ state: inout AppState) { state.refreshDerived() }
}

extension AppState {
  /// Recounts the domain list and the expiry index when the store changed, in slices
  /// (`CountJob`) so an edit of a million-cookie jar does not stall the screen.
  mutating func refreshDerived() {
    guard derived.revision != store.revision else { return }
    if let job = jobs.pending(CountJob.self), job.revision == store.revision { return }
    jobs.start(CountJob(handles: store.handles, revision: store.revision))
    stepJob(CountJob.self)
  }
}
