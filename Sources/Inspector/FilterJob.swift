import CookieCore

/// What `visible` is computed from: rows are recomputed only when one of these changes,
/// and narrowed (not searched again) when only the query got stricter.
struct RowSpec: Sendable, Equatable {
  var revision: Int
  var query: CookieFilter
  var domain: String?
  var site: String?
  var sort: SortOrder?
  /// The order is an older one adjusted to the store (`AppState.provisionalOrder`) until the
  /// re-sort after an edit is done.
  var provisional = false
}

/// Filtering in progress: `source` is scanned from `next` on, matches go to `results`,
/// which the table shows meanwhile (a prefix of the final rows).
struct FilterJob: Job {
  static let priority = 2
  var source: [CookieHandle]
  var next = 0
  var results: [CookieHandle] = []
  var spec: RowSpec
  var keep: CookieHandle?
  var stayNear: Bool
  var oldCursor: Int

  init(source: [CookieHandle], spec: RowSpec, keep: CookieHandle?, stayNear: Bool, oldCursor: Int) {
    self.source = source
    self.spec = spec
    self.keep = keep
    self.stayNear = stayNear
    self.oldCursor = oldCursor
  }

  var revision: Int { spec.revision }

  var progress: Double { source.isEmpty ? 1 : Double(next) / Double(source.count) }

  var status: String { "filtering \(Int(progress * 100))%" }

  /// The rows a stricter query may still match: those matched so far and those not yet read.
  var candidates: [CookieHandle] { results + source[next...] }

  mutating func step(_ state: inout AppState, budget: Int) -> Bool {
    let end = min(source.count, next + budget)
    let query = spec.query
    let store = state.store
    let now = state.now
    let compare = state.compare
    for i in next..<end {
      let h = source[i]
      let c = store[h]
      if let d = spec.domain, c.domain != d { continue }
      if let site = spec.site, !AppState.cookie(c, isIn: site) { continue }
      if query.isEmpty || query.matches(c, now: now, compare: compare) { results.append(h) }
    }
    next = end
    if end == source.count {
      state.finishRows(results, spec: spec, keep: keep, stayNear: stayNear, oldCursor: oldCursor)
      return true
    }
    state.visible = results
    state.cursor = min(state.cursor, max(0, state.visible.count - 1))
    state.scrollToCursor()
    return false
  }

  func restart(_ state: inout AppState) { state.refreshRows(stayNear: stayNear) }
}
