import CookieCore
import TerminalKit

/// Sort orders over the whole store, one per column, kept until the store changes
/// (visidata caches sort keys the same way): re-sorting a filtered view is then a linear
/// pass over a precomputed order instead of a sort.
struct SortCache: Sendable {
  var revision = -1
  var orders: [ColumnID: [CookieHandle]] = [:]
  /// Orders built for an earlier revision of the store: after an edit of a large jar the
  /// table shows such an order (adjusted to the live cookies) while the new one is built
  /// in slices (`AppState.provisionalOrder`).
  var previous: [ColumnID: [CookieHandle]] = [:]

  /// Moves the orders of an older revision to `previous`.
  mutating func sync(revision r: Int) {
    guard revision != r else { return }
    for (column, order) in orders { previous[column] = order }
    orders = [:]
    revision = r
  }

  mutating func order(for column: ColumnID, store: CookieStore, now: Instant) -> [CookieHandle] {
    sync(revision: store.revision)
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
  /// Everything at once (the first frame).
  mutating func refreshAll() {
    refreshDerived()
    refreshRows()
    finishJobs()
  }

  /// Recomputes `visible` from the filter, the chosen domain and the sort (a `RowSpec`).
  /// The work is a `FilterJob` done in slices, so a keystroke over a million cookies is
  /// drawn at once and the rest follows on `Msg.work`; when only the query got stricter,
  /// the rows computed for the previous query (finished or not) are narrowed instead of
  /// searching the whole store again, and when only the sort changed, the same rows are
  /// reordered. The selection stays on its cookie.
  mutating func refreshRows(stayNear: Bool = false) {
    var provisional = false
    if let sort { provisional = needsResort(sort) }
    let spec = RowSpec(
      revision: store.revision, query: CookieFilter.parse(filter.text), domain: domain, site: site,
      sort: sort,
      provisional: provisional)
    if provisional, let sort { startResort(sort) }
    let pending = jobs.pending(FilterJob.self)
    let keep = pending?.keep ?? selected
    let oldCursor = cursor
    // What the rows are (or are being) computed for.
    let current = pending?.spec ?? derived.rows
    var source: [CookieHandle]? = nil
    if let current, current.revision == spec.revision, current.domain == spec.domain,
      current.site == spec.site
    {
      if current.sort == spec.sort && current.provisional == spec.provisional {
        if current.query == spec.query { return }
        if spec.query.narrows(current.query) { source = pending?.candidates ?? visible }
      } else if current.query == spec.query, pending == nil, !spec.provisional {
        // Only the order changed: reorder the same rows by the cached column order.
        visible = reorder(visible)
        derived.rows = spec
        settleCursor(keep: keep, stayNear: stayNear, oldCursor: oldCursor)
        return
      }
    }
    let rows = source ?? baseRows()
    if spec.query.isEmpty && domain == nil && site == nil && rows.count == store.count {
      // Nothing to test: every cookie shows, in the base order.
      jobs.cancel(FilterJob.self)
      finishRows(rows, spec: spec, keep: keep, stayNear: stayNear, oldCursor: oldCursor)
      return
    }
    jobs.start(FilterJob(source: rows, spec: spec, keep: keep, stayNear: stayNear, oldCursor: oldCursor))
    stepJob(FilterJob.self)
  }

  /// Every live cookie in the current sort order (file order without one).
  mutating func baseRows() -> [CookieHandle] {
    guard let sort else { return store.handles }
    let order =
      needsResort(sort)
      ? provisionalOrder(derived.sortCache.previous[sort.column] ?? [])
      : derived.sortCache.order(for: sort.column, store: store, now: now)
    return sort.descending ? order.reversed() : order
  }

  /// True when the store changed since `sort`'s order was built and the jar is too large to
  /// sort again at once: the rows show the old order (`provisionalOrder`) while a `SortJob`
  /// builds the new one.
  mutating func needsResort(_ sort: SortOrder) -> Bool {
    derived.sortCache.sync(revision: store.revision)
    return store.count > workSlice && derived.sortCache.orders[sort.column] == nil
      && derived.sortCache.previous[sort.column] != nil
  }

  /// An older order of the store adjusted to the live cookies in linear time: the deleted
  /// ones dropped, the others in their old places, cookies it does not hold (added or
  /// restored since) at the end. Edited cookies keep their old place until the re-sort.
  func provisionalOrder(_ old: [CookieHandle]) -> [CookieHandle] {
    let live = store.handles
    var seen = [Bool](repeating: false, count: Int(live.last?.index ?? -1) + 1)
    var out: [CookieHandle] = []
    out.reserveCapacity(live.count)
    for h in old where store.contains(h) {
      seen[Int(h.index)] = true
      out.append(h)
    }
    for h in live where !seen[Int(h.index)] { out.append(h) }
    return out
  }

  /// A finished filter: `rows` are the table for `spec`.
  mutating func finishRows(
    _ rows: [CookieHandle], spec: RowSpec, keep: CookieHandle?, stayNear: Bool, oldCursor: Int
  ) {
    visible = rows
    measureColumns()
    derived.rows = spec
    settleCursor(keep: keep, stayNear: stayNear, oldCursor: oldCursor)
  }

  /// Samples the first 1,000 rows shown for the widths of the text columns.
  mutating func measureColumns() {
    var widths: [ColumnID: Int] = [:]
    var expiry: [ExpiryForm: Int] = [:]
    let sample: [ColumnID] = [
      .name, .domain, .path, .expires, .flags, .httpOnly, .secure, .sameSite, .partition, .priority, .source,
    ]
    let names = sourceNames
    for h in visible.prefix(1000) {
      let c = store[h]
      for id in sample {
        let text =
          id == .source ? names[c.sourceFile] ?? c.sourceFile : id.text(c, now: now, time: timeDisplay)
        let w = DisplayWidth.of(TerminalText.escaped(text))
        if w > widths[id, default: 0] { widths[id] = w }
      }
      for f in [ExpiryForm.full, .relative, .short] {
        let w = DisplayWidth.of(CookieText.expiry(c.expires, now: now, display: timeDisplay, form: f))
        if w > expiry[f, default: 0] { expiry[f] = w }
      }
    }
    derived.contentWidths = widths
    derived.expiryWidths = expiry
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
