import CookieCore

/// Recounting in progress: the domain list and the expiry index over `handles`, from
/// `next` on; the left pane and the expired count change when it is done.
struct CountJob: Job {
  static let priority = 0
  var handles: [CookieHandle]
  var next = 0
  var counts: [String: Int] = [:]
  var expiries: [Int64] = []
  /// Sorts `expiries` once they are all read, in slices too (a million of them took
  /// ~190 ms sorted at once).
  var sorter: ExpirySorter?
  /// Sorts the domain list, in slices too (a jar of 100,000 domains took ~300 ms).
  var domainSort: SlicedMergeSort<DomainCount>?
  /// Groups the sorted hosts under their sites, in slices too.
  var grouping: SlicedSiteGrouping?
  var revision: Int

  init(handles: [CookieHandle], revision: Int) {
    self.handles = handles
    self.revision = revision
    expiries.reserveCapacity(handles.count)
  }

  var progress: Double {
    if let grouping { return 0.95 + 0.05 * grouping.progress }
    if let domainSort { return 0.9 + 0.05 * domainSort.progress }
    if let sorter { return 0.8 + 0.1 * sorter.progress }
    return handles.isEmpty ? 1 : 0.8 * Double(next) / Double(handles.count)
  }

  var status: String { "counting…" }

  mutating func step(_ state: inout AppState, budget: Int) -> Bool {
    if sorter == nil {
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
      sorter = ExpirySorter(expiries)
      expiries = []
    }
    // A radix pass touches each value twice with no compare: eight times the filter's slice.
    // (A small jar goes through every phase in one slice.)
    if sorter?.advance(budget: budget * 8) == false { return false }
    if domainSort == nil && grouping == nil {
      domainSort = SlicedMergeSort(counts.map { DomainCount(domain: $0.key, count: $0.value) }) {
        $0.domain < $1.domain
      }
      counts = [:]
    }
    if grouping == nil {
      // String compares: a smaller slice.
      guard domainSort!.advance(budget: max(1, budget / 4)) else { return false }
      grouping = SlicedSiteGrouping(domainSort!.items.map { ($0.domain, $0.count) })
      domainSort = nil
    }
    // A host's site is looked up once per run (`siteCache`, filled in place); a lookup and a
    // dictionary insert per host: a smaller slice still.
    guard grouping!.advance(budget: max(1, budget / 8), cache: &state.derived.siteCache) else { return false }
    state.derived.expiries = sorter!.values
    sorter = nil
    state.derived.domains = grouping!.domains
    state.derived.sites = grouping!.sites
    grouping = nil
    state.derived.revision = revision
    if let d = state.domain, !state.derived.domains.contains(where: { $0.domain == d }) { state.domain = nil }
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
    // A small jar is counted at once; a large one's first slice would only lengthen the
    // edit's own frame (nothing shows before the count is done), so it waits for `Msg.work`.
    if store.count <= workSlice * 2 { stepJob(CountJob.self) }
  }
}

/// An LSD radix sort of 64-bit values (8 bits a pass, passes over a byte that is the same
/// in every value skipped) that runs `budget` values at a time: the same result as
/// `sort()`, with no step longer than a slice.
struct ExpirySorter: Sendable {
  private(set) var values: [Int64]
  private var scratch: [Int64] = []
  /// One histogram per byte, filled in the first (reading) pass.
  private var histograms = [Int](repeating: 0, count: 8 * 256)
  private var offsets = [Int](repeating: 0, count: 256)
  private var counted = false
  /// The byte the current pass sorts by (8: done).
  private var byte = 0
  private var position = 0

  init(_ values: [Int64]) {
    self.values = values
  }

  /// Signed order as unsigned: the sign bit flipped.
  @inline(__always) private static func key(_ v: Int64) -> UInt64 { UInt64(bitPattern: v) ^ (1 << 63) }

  var progress: Double {
    let n = max(1, values.count)
    return counted ? (1 + Double(byte) + Double(position) / Double(n)) / 9 : Double(position) / Double(n) / 9
  }

  /// Sorts about `budget` values' worth; true when `values` is sorted.
  mutating func advance(budget: Int) -> Bool {
    var left = max(1, budget)
    let n = values.count
    while left > 0 {
      if byte >= 8 || n < 2 { return true }
      let end = min(n, position + left)
      if !counted {
        values.withUnsafeBufferPointer { src in
          histograms.withUnsafeMutableBufferPointer { h in
            for i in position..<end {
              let k = ExpirySorter.key(src[i])
              for b in 0..<8 { h[b &* 256 &+ Int(truncatingIfNeeded: (k >> UInt64(b &* 8)) & 255)] &+= 1 }
            }
          }
        }
      } else {
        let shift = UInt64(byte * 8)
        values.withUnsafeBufferPointer { src in
          scratch.withUnsafeMutableBufferPointer { dst in
            offsets.withUnsafeMutableBufferPointer { o in
              for i in position..<end {
                let v = src[i]
                let d = Int(truncatingIfNeeded: (ExpirySorter.key(v) >> shift) & 255)
                dst[o[d]] = v
                o[d] &+= 1
              }
            }
          }
        }
      }
      left -= end - position
      position = end
      guard position == n else { continue }
      position = 0
      if counted {
        swap(&values, &scratch)
        byte += 1
      } else {
        counted = true
      }
      nextPass()
    }
    return byte >= 8 || n < 2
  }

  /// Moves `byte` to the next byte whose values differ and sets up its offsets.
  private mutating func nextPass() {
    let n = values.count
    while byte < 8 {
      let h = histograms[(byte * 256)..<(byte * 256 + 256)]
      if h.contains(n) {
        byte += 1
        continue
      }
      var sum = 0
      for (d, c) in h.enumerated() {
        offsets[d] = sum
        sum += c
      }
      if scratch.count != n { scratch = [Int64](repeating: 0, count: n) }
      return
    }
  }
}

/// A domain and how many cookies it holds (the left pane's rows).
struct DomainCount: Sendable {
  var domain: String
  var count: Int
}

/// A bottom-up merge sort (stable) that runs `budget` elements at a time: runs sorted in
/// one go, then merges whose cursors survive between slices.
struct SlicedMergeSort<Element: Sendable>: Sendable {
  private(set) var items: [Element]
  private var buffer: [Element] = []
  private let less: @Sendable (Element, Element) -> Bool
  private let runLength: Int
  private var sortedRuns = false
  private var next = 0
  private var width: Int
  private var lo = 0
  private var left = 0
  private var right = 0
  private var out = 0

  init(_ items: [Element], runLength: Int = 2048, by less: @escaping @Sendable (Element, Element) -> Bool) {
    self.items = items
    self.less = less
    self.runLength = max(1, runLength)
    width = self.runLength
  }

  var progress: Double {
    let n = max(1, items.count)
    return sortedRuns ? 0.5 + 0.5 * Double(min(width, n)) / Double(n) : 0.5 * Double(next) / Double(n)
  }

  /// Sorts about `budget` elements' worth; true when `items` is sorted.
  mutating func advance(budget: Int) -> Bool {
    let n = items.count
    var remaining = max(1, budget)
    while remaining > 0 {
      if !sortedRuns {
        let hi = min(n, next + runLength)
        items[next..<hi].sort(by: less)
        remaining -= hi - next
        next = hi
        if next >= n {
          sortedRuns = true
          if width >= n { return true }
          buffer = items
          startBlock(0)
        }
        continue
      }
      if width >= n { return true }
      if lo >= n {
        swap(&items, &buffer)
        width *= 2
        if width >= n { return true }
        startBlock(0)
        continue
      }
      let mid = min(lo + width, n)
      let hi = min(lo + 2 * width, n)
      while out < hi && remaining > 0 {
        if left < mid && (right >= hi || !less(items[right], items[left])) {
          buffer[out] = items[left]
          left += 1
        } else {
          buffer[out] = items[right]
          right += 1
        }
        out += 1
        remaining -= 1
      }
      if out >= hi { startBlock(lo + 2 * width) }
    }
    return sortedRuns && width >= n
  }

  private mutating func startBlock(_ start: Int) {
    lo = start
    left = start
    right = min(start + width, items.count)
    out = start
  }
}
