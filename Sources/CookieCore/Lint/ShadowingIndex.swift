import Foundation

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
/// How the nodes are found is in `ShadowingIndex+Nodes.swift`.
struct ShadowingIndex: Sendable {
  /// Lists of indices (cookies or nodes), one per node, each in jar order, in one flat
  /// array (a million small arrays cost more to allocate than to fill).
  struct FlatLists: Sendable {
    var start: [Int32]
    var items: [Int32]
    /// `members(emit)` calls `emit(list, item)` for every member, in list order.
    init(lists: Int, members: ((Int, Int32) -> Void) -> Void) {
      var count = [Int32](repeating: 0, count: lists + 1)
      members { list, _ in count[list + 1] += 1 }
      for k in 0..<lists { count[k + 1] += count[k] }
      start = count
      var next = count
      var items = [Int32](repeating: 0, count: Int(count[lists]))
      members { list, item in
        items[Int(next[list])] = item
        next[list] += 1
      }
      self.items = items
    }
    init(start: [Int32], items: [Int32]) {
      self.start = start
      self.items = items
    }
    func count(_ list: Int) -> Int { Int(start[list + 1] - start[list]) }
    func isEmpty(_ list: Int) -> Bool { start[list + 1] == start[list] }
    func range(_ list: Int) -> Range<Int> { Int(start[list])..<Int(start[list + 1]) }
  }

  /// Bits of what the partner check needs to know of each cookie, read once.
  enum Trait {
    /// A domain cookie (not host-only).
    static let domainCookie: UInt8 = 1
    /// It has an `identityPartition`.
    static let identityPartition: UInt8 = 2
    /// Its domain is ASCII and no IP address: for two such cookies of one name and
    /// partition, one domain a suffix (after a dot) of the other lower-cased, `domainMatch`
    /// holds without being worked out.
    static let plainDomain: UInt8 = 4
  }

  private let jar: [Cookie]
  /// The node of each cookie (-1: domain unknown, never a partner).
  private let nodeOf: [Int32]
  /// The `Trait` bits of each cookie.
  private let traits: [UInt8]
  private let paths: PathTable
  private let all: FlatLists
  private let domainOnly: FlatLists
  /// Cookies of strict descendant nodes (same name and partition), in jar order.
  private let below: FlatLists
  /// The nodes on each node's proper suffix chain that hold domain cookies, longest first.
  private let ancestors: FlatLists

  /// `shards`: how many parts the nodes are built in (by default one for a small jar, else
  /// two per core); any number gives the same index.
  init(_ jar: [Cookie], shards: Int? = nil) {
    self.jar = jar
    let shards = min(
      200, max(1, shards ?? (jar.count < 4096 ? 1 : 2 * ProcessInfo.processInfo.activeProcessorCount)))
    let built = jar.withUnsafeBufferPointer { ShadowingIndex.build($0, shards: shards) }
    (nodeOf, traits, ancestors, all, domainOnly, below) = built.parts
    paths = built.paths
    var most = 0
    for node in 0..<max(0, ancestors.start.count - 1) { most = max(most, ancestors.count(node)) }
    maxLists = most + 2
  }

  /// How many lists a cookie's partners can be merged from (its node, the nodes above, the
  /// nodes below): the capacity of a `Scratch`.
  let maxLists: Int

  /// Room for the lists `forEachPartner` merges, made once by each caller that asks about
  /// many cookies (a closure-made buffer captured the index and retained its arrays for
  /// each cookie, and the lint's threads share one index).
  struct Scratch {
    fileprivate let ranges: UnsafeMutablePointer<(list: Int, at: Int, end: Int)>
    init(for index: ShadowingIndex) { ranges = .allocate(capacity: index.maxLists) }
    func free() { ranges.deallocate() }
  }

  /// The index's parts, from cookies read in place (`jar[i].name` on an array copies the
  /// whole cookie first, retaining each of its strings).
  private static func build(_ jar: UnsafeBufferPointer<Cookie>, shards: Int) -> (
    parts: ([Int32], [UInt8], FlatLists, FlatLists, FlatLists, FlatLists), paths: PathTable
  ) {
    // The nodes first, so that what they took to build is gone before the lists are made.
    let nodes = ShadowingIndex.nodes(jar, shards: shards)
    let (nodeOf, traits, ancestors) = (nodes.nodeOf, nodes.traits, nodes.ancestors)
    // The three lists are built side by side, one per core.
    let lists = UnsafeMutablePointer<FlatLists>.allocate(capacity: 3)
    defer {
      lists.deinitialize(count: 3)
      lists.deallocate()
    }
    let job = ListsJob(lists: lists)
    DispatchQueue.concurrentPerform(iterations: 3) { k in
      switch k {
      case 0:
        (job.lists + 0).initialize(
          to: FlatLists(lists: nodes.count) { emit in
            for i in nodeOf.indices where nodeOf[i] >= 0 { emit(Int(nodeOf[i]), Int32(i)) }
          })
      case 1:
        (job.lists + 1).initialize(
          to: FlatLists(lists: nodes.count) { emit in
            for i in nodeOf.indices where nodeOf[i] >= 0 && traits[i] & Trait.domainCookie != 0 {
              emit(Int(nodeOf[i]), Int32(i))
            }
          })
      default:
        (job.lists + 2).initialize(
          to: FlatLists(lists: nodes.count) { emit in
            for i in nodeOf.indices where nodeOf[i] >= 0 {
              for k in ancestors.range(Int(nodeOf[i])) { emit(Int(ancestors.items[k]), Int32(i)) }
            }
          })
      }
    }
    let (all, domainOnly, below) = (lists[0], lists[1], lists[2])
    return ((nodeOf, traits, ancestors, all, domainOnly, below), nodes.paths)
  }

  /// The first `CookieLint.maxShadowingReports` cookies (jar order) that shadow cookie `i`.
  func partners(of i: Int, _ scratch: Scratch) -> [Int] {
    var found: [Int] = []
    jar.withUnsafeBufferPointer { cookies in
      forEachPartner(of: i, in: cookies, scratch) { j, _ in found.append(j) }
    }
    return found
  }

  /// As `partners(of:)`, each partner handed to `body` in jar order with whether it has an
  /// `identityPartition`, nothing allocated: `cookies` is the jar the index was built from,
  /// read in place.
  func forEachPartner(
    of i: Int, in cookies: UnsafeBufferPointer<Cookie>, _ scratch: Scratch, _ body: (Int, Bool) -> Void
  ) {
    let node = Int(nodeOf[i])
    guard node >= 0 else { return }
    let hostOnly = traits[i] & Trait.domainCookie == 0
    let up = ancestors.range(node)
    // Alone in its node with nothing above or below: the common case, no lists to merge.
    if all.count(node) == 1 && up.isEmpty && (hostOnly || below.isEmpty(node)) { return }
    // The lists to merge, as ranges of the flat arrays: its node (list 0), the domain
    // cookies of each node above (list 1), and for a domain cookie the cookies of the
    // nodes below (list 2). A range is kept as two words on the stack.
    let base = cookies.baseAddress!
    // The lists' heads are read with plain subscripts and no closure: one that reads the
    // index's arrays captures and retains them for every cookie.
    let ranges = scratch.ranges
    do {
      var n = 0
      if !all.isEmpty(node) {
        ranges[n] = (0, Int(all.start[node]), Int(all.start[node + 1]))
        n += 1
      }
      for k in up {
        let a = Int(ancestors.items[k])
        if !domainOnly.isEmpty(a) {
          ranges[n] = (1, Int(domainOnly.start[a]), Int(domainOnly.start[a + 1]))
          n += 1
        }
      }
      if !hostOnly && !below.isEmpty(node) {
        ranges[n] = (2, Int(below.start[node]), Int(below.start[node + 1]))
        n += 1
      }
      var found = 0
      while n > 0 {
        // The smallest head among the lists (there are only a few).
        var best = 0
        var bestValue = Int32.max
        for k in 0..<n {
          let (list, at, _) = ranges[k]
          let v = list == 0 ? all.items[at] : list == 1 ? domainOnly.items[at] : below.items[at]
          if v < bestValue {
            best = k
            bestValue = v
          }
        }
        let sameNode = ranges[best].list == 0
        ranges[best].at += 1
        if ranges[best].at == ranges[best].end {
          n -= 1
          ranges[best] = ranges[n]
        }
        let j = Int(bestValue)
        if j != i && shadows(i, j, sameNode: sameNode, base) {
          body(j, traits[j] & Trait.identityPartition != 0)
          found += 1
          if found == CookieLint.maxShadowingReports { break }
        }
      }
    }
  }
}

extension ShadowingIndex {
  /// Whether candidate `j` (from cookie `i`'s own node when `sameNode`, else from a node
  /// above or below) shadows cookie `i`, as `shadows(_:_:)` answers, mostly from the index
  /// alone: two numbered paths that do not overlap never shadow; in one node (one name,
  /// partition and lower-cased domain) two overlapping paths that differ do, and so do a
  /// host-only and a domain cookie on one path; across nodes
  /// two overlapping paths do when both domains are plain (`Trait.plainDomain`: the node
  /// chain already matched the domains, and their exact texts differ, so the cookies are
  /// not one). The rest (one path, or a path or domain off the shortcut) reads the cookies.
  /// `ShadowingIndexTests` hold the partners to the pairwise check.
  @inline(__always)
  fileprivate func shadows(_ i: Int, _ j: Int, sameNode: Bool, _ base: UnsafePointer<Cookie>) -> Bool {
    let (pi, pj) = (paths.id[i], paths.id[j])
    if pi >= 0 && pj >= 0 {
      guard paths.overlap(pi, pj) else { return false }
      if sameNode {
        // Other paths, or one host-only and one domain cookie: not the same cookie.
        if pi != pj || (traits[i] ^ traits[j]) & Trait.domainCookie != 0 { return true }
      } else if traits[i] & traits[j] & Trait.plainDomain != 0 {
        return true
      }
    }
    return ShadowingIndex.shadows(base + i, base + j)
  }

  /// `CookieLint.shadowingOverlap(a, b) && !IdentityTable.same(a, b)` for a candidate the
  /// index found, each field read in place: passing the cookies on, or a computed property
  /// of one read through a pointer, copies it whole, retaining all of its strings. The
  /// candidates' nodes have the cookie's name and partition in their keys, so the partitions
  /// are not compared again (`ShadowingIndexTests` hold the partners to the pairwise check).
  @inline(__always)
  fileprivate static func shadows(_ a: UnsafePointer<Cookie>, _ b: UnsafePointer<Cookie>) -> Bool {
    guard a.pointee.name == b.pointee.name, !a.pointee.domain.isEmpty, !b.pointee.domain.isEmpty else {
      return false
    }
    guard
      CookieLint.placesOverlap(
        a.pointee.domain, a.pointee.hostOnly, a.pointee.path, b.pointee.domain, b.pointee.hostOnly,
        b.pointee.path)
    else { return false }
    // `IdentityTable.same`: the same cookie twice is not shadowing.
    return
      !(a.pointee.domain == b.pointee.domain && a.pointee.hostOnly == b.pointee.hostOnly
      && a.pointee.path == b.pointee.path && a.pointee.identityPartition == b.pointee.identityPartition)
  }
}

private struct ListsJob: @unchecked Sendable {
  let lists: UnsafeMutablePointer<ShadowingIndex.FlatLists>
}
