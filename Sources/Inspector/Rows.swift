import CookieCore
import TerminalKit

/// Filtering in progress: `source` is scanned from `next` on, matches go to `results`.
struct FilterJob: Sendable {
  var source: [CookieHandle]
  var next = 0
  var results: [CookieHandle] = []
  var query: CookieFilter
  var domain: String?
  var sort: SortOrder?
  var revision: Int
  var keep: CookieHandle?
  var stayNear: Bool
  var oldCursor: Int

  init(
    source: [CookieHandle], query: CookieFilter, domain: String?, sort: SortOrder?, revision: Int,
    keep: CookieHandle?, stayNear: Bool, oldCursor: Int
  ) {
    self.source = source
    self.query = query
    self.domain = domain
    self.sort = sort
    self.revision = revision
    self.keep = keep
    self.stayNear = stayNear
    self.oldCursor = oldCursor
  }
}

/// Recounting in progress: domains and expiries of `handles` from `next` on.
struct CountJob: Sendable {
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
}

/// Sort orders over the whole store, one per column, kept until the store changes
/// (visidata caches sort keys the same way): re-sorting a filtered view is then a linear
/// pass over a precomputed order instead of a sort.
struct SortCache: Sendable {
  var revision = -1
  var orders: [ColumnID: [CookieHandle]] = [:]

  mutating func order(for column: ColumnID, store: CookieStore, now: Instant) -> [CookieHandle] {
    if revision != store.revision {
      orders = [:]
      revision = store.revision
    }
    if let o = orders[column] { return o }
    let o = SortCache.compute(column, store: store, now: now)
    orders[column] = o
    return o
  }

  /// The column's order in one go: the same keys and comparison as `SortJob`.
  static func compute(_ column: ColumnID, store: CookieStore, now: Instant) -> [CookieHandle] {
    let handles = store.handles
    var keys = SortKeys(column: column, capacity: handles.count)
    for h in handles { keys.append(store[h]) }
    let order = keys.ordering
    keys.pairs.sort { order.less($0, $1) }
    return keys.pairs.map { handles[Int($0.at)] }
  }
}

extension AppState {
  /// Recounts the domain list and the expiry index when the store changed, in slices
  /// (`CountJob`) so an edit of a million-cookie jar does not stall the screen.
  mutating func refreshDerived() {
    guard derived.revision != store.revision else { return }
    if let job = countJob, job.revision == store.revision { return }
    countJob = CountJob(handles: store.handles, revision: store.revision)
    stepCounts()
  }

  /// Does one slice of the recount.
  mutating func stepCounts() {
    guard var job = countJob else { return }
    // Own the job while working on it, so its arrays are not copied on write.
    countJob = nil
    guard job.revision == store.revision else {
      refreshDerived()
      return
    }
    let end = min(job.handles.count, job.next + max(1, filterSlice * 2))
    for i in job.next..<end {
      let c = store[job.handles[i]]
      if let e = c.expires { job.expiries.append(e.microseconds) }
      job.counts[c.domain, default: 0] += 1
    }
    job.next = end
    guard end == job.handles.count else {
      countJob = job
      return
    }
    job.expiries.sort()
    derived.expiries = job.expiries
    derived.domains = job.counts.map { ($0.key, $0.value) }.sorted { $0.domain < $1.domain }
    derived.revision = job.revision
    if let d = domain, job.counts[d] == nil { domain = nil }
    domainCursor = domain.flatMap { d in derived.domains.firstIndex { $0.domain == d }.map { $0 + 1 } } ?? 0
  }

  /// Everything at once (the first frame).
  mutating func refreshAll() {
    refreshDerived()
    while countJob != nil { stepCounts() }
    refreshRows()
    while filterJob != nil { stepFilter() }
  }

  /// Recomputes `visible` from the filter, the chosen domain and the sort. The work is
  /// a `FilterJob` done in slices of `filterSlice` cookies, so a keystroke over a million
  /// cookies is drawn at once and the rest follows on `Msg.work`; when the query only got
  /// stricter, the previous rows are narrowed instead of searching the whole store again.
  /// The selection stays on its cookie.
  mutating func refreshRows(stayNear: Bool = false) {
    let query = CookieFilter.parse(filter.text)
    let keep = filterJob?.keep ?? selected
    let oldCursor = cursor
    var source: [CookieHandle]
    if let job = filterJob, job.revision == store.revision, job.domain == domain, job.sort == sort {
      if job.query == query { return }
      if query.narrows(job.query) {
        source = job.results + job.source[job.next...]
      } else {
        source = baseRows()
      }
    } else if filterJob == nil, derived.filteredRevision == store.revision, derived.filteredDomain == domain,
      let old = derived.filteredQuery
    {
      if derived.filteredSort == sort {
        if query == old { return }
        source = query.narrows(old) ? visible : baseRows()
      } else if query == old {
        // Only the order changed: reorder the same rows by the cached column order.
        visible = reorder(visible)
        derived.filteredSort = sort
        settleCursor(keep: keep, stayNear: stayNear, oldCursor: oldCursor)
        return
      } else {
        source = baseRows()
      }
    } else {
      source = baseRows()
    }
    if query.isEmpty && domain == nil && source.count == store.count {
      // Nothing to test: every cookie shows, in the base order.
      filterJob = nil
      finishRows(source, query: query, keep: keep, stayNear: stayNear, oldCursor: oldCursor)
      return
    }
    filterJob = FilterJob(
      source: source, query: query, domain: domain, sort: sort, revision: store.revision, keep: keep,
      stayNear: stayNear, oldCursor: oldCursor)
    stepFilter()
  }

  /// Every live cookie in the current sort order (file order without one).
  mutating func baseRows() -> [CookieHandle] {
    guard let sort else { return store.handles }
    let order = derived.sortCache.order(for: sort.column, store: store, now: now)
    return sort.descending ? order.reversed() : order
  }

  /// Does one slice of the pending filter work; shows the partial result meanwhile.
  mutating func stepFilter() {
    guard var job = filterJob else { return }
    // Own the job while working on it, so its arrays are not copied on write.
    filterJob = nil
    let end = min(job.source.count, job.next + max(1, filterSlice))
    let query = job.query
    for i in job.next..<end {
      let h = job.source[i]
      let c = store[h]
      if let d = job.domain, c.domain != d { continue }
      if query.isEmpty || query.matches(c, now: now) { job.results.append(h) }
    }
    job.next = end
    if end == job.source.count {
      finishRows(
        job.results, query: job.query, keep: job.keep, stayNear: job.stayNear, oldCursor: job.oldCursor)
    } else {
      filterJob = job
      visible = job.results
      cursor = min(cursor, max(0, visible.count - 1))
      scrollToCursor()
    }
  }

  private mutating func finishRows(
    _ rows: [CookieHandle], query: CookieFilter, keep: CookieHandle?, stayNear: Bool, oldCursor: Int
  ) {
    visible = rows
    measureColumns()
    derived.filteredRevision = store.revision
    derived.filteredDomain = domain
    derived.filteredQuery = query
    derived.filteredSort = sort
    settleCursor(keep: keep, stayNear: stayNear, oldCursor: oldCursor)
  }

  /// Samples the first 1,000 rows shown for the widths of the text columns.
  mutating func measureColumns() {
    var widths: [ColumnID: Int] = [:]
    let sample: [ColumnID] = [.name, .domain, .path, .expires, .sameSite, .partition, .priority, .source]
    for h in visible.prefix(1000) {
      let c = store[h]
      for id in sample {
        let w = DisplayWidth.of(TerminalText.escaped(id.text(c, now: now, time: timeDisplay)))
        if w > widths[id, default: 0] { widths[id] = w }
      }
    }
    derived.contentWidths = widths
  }

  private mutating func settleCursor(keep: CookieHandle?, stayNear: Bool, oldCursor: Int) {
    // The selected cookie stays selected while it is shown; otherwise the first row is.
    if let keep, let i = visible.firstIndex(of: keep) {
      cursor = i
    } else if stayNear {
      // After a delete: the row that moved into the deleted one's place.
      cursor = min(oldCursor, max(0, visible.count - 1))
    } else {
      cursor = 0
      top = 0
    }
    scrollToCursor()
  }

  /// `rows` in the current sort order (file order without one), in linear time.
  private mutating func reorder(_ rows: [CookieHandle]) -> [CookieHandle] {
    var maxIndex: Int32 = -1
    for h in rows where h.index > maxIndex { maxIndex = h.index }
    var member = [Bool](repeating: false, count: Int(maxIndex) + 1)
    for h in rows { member[Int(h.index)] = true }
    var out: [CookieHandle] = []
    out.reserveCapacity(rows.count)
    guard let sort else {
      for i in member.indices where member[i] { out.append(CookieHandle(Int32(i))) }
      return out
    }
    let order = derived.sortCache.order(for: sort.column, store: store, now: now)
    if sort.descending {
      for h in order.reversed() where h.index <= maxIndex && member[Int(h.index)] { out.append(h) }
    } else {
      for h in order where h.index <= maxIndex && member[Int(h.index)] { out.append(h) }
    }
    return out
  }

  /// Keeps the selected row on screen.
  mutating func scrollToCursor() {
    let rows = max(1, Layout(self).tableRows)
    if cursor < top { top = cursor }
    if cursor >= top + rows { top = cursor - rows + 1 }
    top = max(0, min(top, max(0, visible.count - rows)))
  }
}
