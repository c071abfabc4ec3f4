import CookieCore

/// Building a column's sort order over the whole store, in slices between keystrokes (a
/// bottom-up merge sort whose state survives from one slice to the next), so the first
/// sort by a column of a million cookies does not freeze the screen. Keys and their order
/// are `SortKeys`, the same as the one-shot sort's.
struct SortJob: Job {
  static let priority = 1
  enum Phase: Sendable {
    case keys
    case runs
    case merge
    case done
  }

  var target: SortOrder
  var revision: Int
  var handles: [CookieHandle]
  var keys: SortKeys
  var buffer: [(key: UInt64, at: Int32)] = []
  var phase = Phase.keys
  var next = 0
  // Merge state: run width, block start, left and right cursors, output position.
  var width: Int
  /// Elements per initial run, sorted in one go before merging.
  var runLength: Int
  var lo = 0
  var left = 0
  var right = 0
  var out = 0
  /// Re-sorting after an edit (the user asked for nothing): no message, and the rows are
  /// refreshed only if the table is still sorted by `target`.
  var quiet = false

  init(target: SortOrder, store: CookieStore, runLength: Int, quiet: Bool = false) {
    self.target = target
    self.quiet = quiet
    self.runLength = max(1, runLength)
    width = self.runLength
    revision = store.revision
    handles = store.handles
    keys = SortKeys(column: target.column, capacity: handles.count)
  }

  var numeric: Bool { keys.numeric }

  var progress: Double {
    let n = max(1, handles.count)
    switch phase {
    case .keys: return 0.3 * Double(next) / Double(n)
    case .runs: return 0.3 + 0.2 * Double(next) / Double(n)
    case .merge:
      var passes = 0
      var w = runLength
      while w < n {
        w *= 2
        passes += 1
      }
      var done = 0
      w = runLength
      while w < width {
        w *= 2
        done += 1
      }
      return 0.5 + 0.5 * (Double(done) + Double(out) / Double(n)) / Double(max(1, passes))
    case .done: return 1
    }
  }

  var status: String { "sorting \(Int(progress * 100))%" }

  mutating func step(_ state: inout AppState, budget: Int) -> Bool {
    // String keys tie often (names repeat) and then compare whole strings: smaller slices.
    guard advance(store: state.store, budget: numeric ? budget * 2 : max(1, budget / 2)) else { return false }
    state.derived.sortCache.store(order, for: target.column, revision: revision)
    if !quiet {
      state.applySort(target)
    } else if state.sort == target {
      state.refreshRows()
    }
    return true
  }

  func restart(_ state: inout AppState) {
    if quiet { state.refreshRows() } else { state.requestSort(target) }
  }

  /// Does about `budget` elements of work; returns true when the order is complete.
  mutating func advance(store: CookieStore, budget: Int) -> Bool {
    let n = handles.count
    switch phase {
    case .keys:
      let end = min(n, next + budget)
      for i in next..<end { keys.append(store[handles[i]]) }
      next = end
      if end == n {
        phase = .runs
        next = 0
      }
    case .runs:
      var done = 0
      while next < n && done < budget {
        let hi = min(n, next + runLength)
        let order = keys.ordering
        keys.pairs[next..<hi].sort { order.less($0, $1) }
        done += hi - next
        next = hi
      }
      if next >= n {
        phase = .merge
        buffer = keys.pairs
        width = runLength
        startBlock(0)
      }
    case .merge:
      var budgetLeft = budget
      while budgetLeft > 0 {
        if width >= n {
          phase = .done
          break
        }
        if lo >= n {
          // One pass done: the merged runs are twice as wide.
          swap(&keys.pairs, &buffer)
          width *= 2
          startBlock(0)
          continue
        }
        let mid = min(lo + width, n)
        let hi = min(lo + 2 * width, n)
        var (l, r, o) = (left, right, out)
        let order = keys.ordering
        // Unchecked buffers: this loop is the sort's hot path.
        keys.pairs.withUnsafeBufferPointer { src in
          buffer.withUnsafeMutableBufferPointer { dst in
            while o < hi && budgetLeft > 0 {
              if l < mid && (r >= hi || !order.less(src[r], src[l])) {
                dst[o] = src[l]
                l += 1
              } else {
                dst[o] = src[r]
                r += 1
              }
              o += 1
              budgetLeft -= 1
            }
          }
        }
        (left, right, out) = (l, r, o)
        if out >= hi { startBlock(lo + 2 * width) }
      }
    case .done: break
    }
    return phase == .done
  }

  private mutating func startBlock(_ start: Int) {
    lo = start
    left = start
    right = min(start + width, handles.count)
    out = start
  }

  /// The finished order.
  var order: [CookieHandle] { keys.pairs.map { handles[Int($0.at)] } }
}

extension AppState {
  /// Sorts by `order`: at once when the column's order is cached or the jar is small, else
  /// as a `SortJob` done in slices (the table keeps its old order until the new one is ready).
  mutating func requestSort(_ order: SortOrder) {
    let cached = derived.sortCache.revision == store.revision && derived.sortCache.orders[order.column] != nil
    if cached || store.count <= workSlice {
      jobs.cancel(SortJob.self)
      applySort(order)
      return
    }
    jobs.start(SortJob(target: order, store: store, runLength: sortRunLength))
    message = StatusMessage("Sorting by \(order.column.title)…")
    stepJob(SortJob.self)
  }

  /// After an edit of a large jar: rebuilds `order`'s column order in slices, unless a
  /// sort for the current store is already under way.
  mutating func startResort(_ order: SortOrder) {
    if let pending = jobs.pending(SortJob.self), pending.revision == store.revision { return }
    jobs.start(SortJob(target: order, store: store, runLength: sortRunLength, quiet: true))
  }

  mutating func applySort(_ order: SortOrder) {
    sort = order
    refreshRows()
    message = StatusMessage(
      "Sorted by \(order.column.title) \(order.descending ? "descending" : "ascending")")
  }
}

extension SortCache {
  mutating func store(_ order: [CookieHandle], for column: ColumnID, revision: Int) {
    sync(revision: revision)
    orders[column] = order
    previous[column] = nil
  }
}
