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
  /// (name, partition, lower-cased domain) with its hash worked out beforehand on all cores:
  /// the dictionary then hashes one word, not three strings, for each of a million cookies.
  fileprivate struct NodeKey: Hashable, Sendable {
    var name: String
    var partition: String?
    var domain: String
    var hash: UInt64
    static func == (a: NodeKey, b: NodeKey) -> Bool {
      a.hash == b.hash && a.name == b.name && a.partition == b.partition && a.domain == b.domain
    }
    func hash(into h: inout Hasher) { h.combine(hash) }

    /// String hashing as `Hashable` does it (canonically equal names hash alike: `é` and
    /// `e` + U+0301, `K` and U+212A), done once per cookie on all cores.
    static func hash(name: String, partition: String?, domain: String) -> UInt64 {
      var h = Hasher()
      h.combine(name)
      h.combine(partition)
      h.combine(domain)
      return UInt64(bitPattern: Int64(h.finalize()))
    }
  }

  /// Lists of cookie indices, one per node, each in jar order, in one flat array (a
  /// million small arrays cost more to allocate than to fill).
  private struct FlatLists: Sendable {
    var start: [Int32]
    var items: [Int32]
    /// `members(emit)` calls `emit(list, cookie)` for every member, in jar order.
    init(lists: Int, members: ((Int, Int32) -> Void) -> Void) {
      var count = [Int32](repeating: 0, count: lists + 1)
      members { list, _ in count[list + 1] += 1 }
      for k in 0..<lists { count[k + 1] += count[k] }
      start = count
      var next = count
      var items = [Int32](repeating: 0, count: Int(count[lists]))
      members { list, cookie in
        items[Int(next[list])] = cookie
        next[list] += 1
      }
      self.items = items
    }
    func count(_ list: Int) -> Int { Int(start[list + 1] - start[list]) }
    func isEmpty(_ list: Int) -> Bool { start[list + 1] == start[list] }
    func range(_ list: Int) -> Range<Int> { Int(start[list])..<Int(start[list + 1]) }
  }

  private let jar: [Cookie]
  /// The node of each cookie (-1: domain unknown, never a partner).
  private let nodeOf: [Int32]
  private let all: FlatLists
  private let domainOnly: FlatLists
  /// Cookies of strict descendant nodes (same name and partition), in jar order.
  private let below: FlatLists
  /// The nodes on each node's proper suffix chain that hold domain cookies.
  private let ancestors: [[Int32]]

  /// `shards`: how many parts the nodes are built in (by default one for a small jar, else
  /// two per core); any number gives the same index.
  init(_ jar: [Cookie], shards: Int? = nil) {
    self.jar = jar
    let shards = min(
      200, max(1, shards ?? (jar.count < 4096 ? 1 : 2 * ProcessInfo.processInfo.activeProcessorCount)))
    (nodeOf, ancestors, all, domainOnly, below) = jar.withUnsafeBufferPointer {
      ShadowingIndex.build($0, shards: shards)
    }
  }

  /// Each cookie's node (-1 for an unknown domain) and each node's ancestors, from cookies
  /// read in place (`jar[i].name` on an array copies the whole cookie first, retaining each
  /// of its strings).
  private static func nodes(_ jar: UnsafeBufferPointer<Cookie>, shards: Int) -> (
    nodeOf: [Int32], ancestors: [[Int32]], count: Int
  ) {
    let n = jar.count
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    // Nodes are built in shards by key hash, each shard on its own core, with its own
    // dictionary: a node's cookies all have its key, so they all fall in one shard. First
    // the keys' hashes and shards (`unknownDomain`: never a partner), on all cores.
    var hashes = [UInt64](repeating: 0, count: n)
    var shardOf = [UInt8](repeating: unknownDomain, count: n)
    hashes.withUnsafeMutableBufferPointer { hashes in
      shardOf.withUnsafeMutableBufferPointer { shardOf in
        let job = HashJob(out: hashes, shardOf: shardOf, jar: jar)
        let pieces = n < 4096 ? 1 : 4 * cores
        DispatchQueue.concurrentPerform(iterations: pieces) { k in
          for i in n * k / pieces..<n * (k + 1) / pieces where job.jar[i].isDomainKnown {
            let h = NodeKey.hash(
              name: job.jar[i].name, partition: job.jar[i].partitionKey?.topLevelSite,
              domain: HostName.lowercased(job.jar[i].domain))
            job.out[i] = h
            job.shardOf[i] = UInt8(h % UInt64(shards))
          }
        }
      }
    }
    let keyHashes = hashes
    let shardOfCookie = shardOf
    // Each shard's nodes, numbered from 0 in jar order of their first cookie; `nodeOf`
    // holds the shard's number until every shard is done.
    var nodeOf = [Int32](repeating: -1, count: n)
    let parts = UnsafeMutablePointer<NodeShard>.allocate(capacity: shards)
    parts.initialize(repeating: NodeShard(), count: shards)
    defer {
      parts.deinitialize(count: shards)
      parts.deallocate()
    }
    nodeOf.withUnsafeMutableBufferPointer { nodeOf in
      let job = ShardJob(parts: parts, nodeOf: nodeOf, jar: jar)
      let work: @Sendable (Int) -> Void = { s in
        var part = NodeShard()
        part.ids.reserveCapacity(n / 2 / shards)
        let shard = UInt8(s)
        for i in 0..<n where shardOfCookie[i] == shard {
          let key = NodeKey(
            name: job.jar[i].name, partition: job.jar[i].partitionKey?.topLevelSite,
            domain: HostName.lowercased(job.jar[i].domain), hash: keyHashes[i])
          var node = part.ids[key] ?? -1
          if node < 0 {
            node = Int32(part.keys.count)
            part.ids[key] = node
            part.keys.append(key)
            part.hasDomainCookie.append(false)
          }
          job.nodeOf[i] = node
          if !job.jar[i].hostOnly { part.hasDomainCookie[Int(node)] = true }
        }
        job.parts[s] = part
      }
      if shards == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: shards, execute: work) }
    }
    let built = (0..<shards).map { parts[$0] }
    // Node numbers across shards: shard by shard.
    var offsets = [Int32](repeating: 0, count: shards + 1)
    for s in 0..<shards { offsets[s + 1] = offsets[s] + Int32(built[s].keys.count) }
    let nodeCount = Int(offsets[shards])
    let firstNode = offsets
    var ancestors = [[Int32]](repeating: [], count: nodeCount)
    nodeOf.withUnsafeMutableBufferPointer { nodeOf in
      ancestors.withUnsafeMutableBufferPointer { ancestors in
        let job = ChainJob(nodeOf: nodeOf, ancestors: ancestors)
        let pieces = n < 4096 ? 1 : 4 * cores
        DispatchQueue.concurrentPerform(iterations: pieces) { k in
          for i in n * k / pieces..<n * (k + 1) / pieces where shardOfCookie[i] != unknownDomain {
            job.nodeOf[i] += firstNode[Int(shardOfCookie[i])]
          }
        }
        // Each node's ancestors: the nodes of the same name and partition whose domain is a
        // non-empty suffix of its domain following a '.' (the only domains `domainMatch`
        // accepts), longest first, that hold domain cookies (only those shadow from above).
        // The shards' dictionaries are only read here.
        DispatchQueue.concurrentPerform(iterations: shards) { s in
          for (local, key) in built[s].keys.enumerated() {
            var chain: [Int32] = []
            let utf8 = Array(key.domain.utf8)
            for k in utf8.indices where utf8[k] == UInt8(ascii: ".") && k + 1 < utf8.count {
              let domain = String(decoding: utf8[(k + 1)...], as: UTF8.self)
              let hash = NodeKey.hash(name: key.name, partition: key.partition, domain: domain)
              let t = Int(hash % UInt64(shards))
              let parent = NodeKey(name: key.name, partition: key.partition, domain: domain, hash: hash)
              if let a = built[t].ids[parent], built[t].hasDomainCookie[Int(a)] {
                chain.append(firstNode[t] + a)
              }
            }
            if !chain.isEmpty { job.ancestors[Int(firstNode[s]) + local] = chain }
          }
        }
      }
    }
    return (nodeOf, ancestors, nodeCount)
  }

  /// The index's parts, from cookies read in place (`jar[i].name` on an array copies the
  /// whole cookie first, retaining each of its strings).
  private static func build(_ jar: UnsafeBufferPointer<Cookie>, shards: Int) -> (
    [Int32], [[Int32]], FlatLists, FlatLists, FlatLists
  ) {
    // The nodes first, so that what they took to build is gone before the lists are made.
    let (nodeOf, ancestors, nodeCount) = nodes(jar, shards: shards)
    let all = FlatLists(lists: nodeCount) { emit in
      for i in nodeOf.indices where nodeOf[i] >= 0 { emit(Int(nodeOf[i]), Int32(i)) }
    }
    let domainOnly = FlatLists(lists: nodeCount) { emit in
      for i in nodeOf.indices where nodeOf[i] >= 0 && !jar[i].hostOnly { emit(Int(nodeOf[i]), Int32(i)) }
    }
    let below = FlatLists(lists: nodeCount) { emit in
      for i in nodeOf.indices where nodeOf[i] >= 0 {
        for a in ancestors[Int(nodeOf[i])] { emit(Int(a), Int32(i)) }
      }
    }
    return (nodeOf, ancestors, all, domainOnly, below)
  }

  /// The first `CookieLint.maxShadowingReports` cookies (jar order) that shadow cookie `i`.
  func partners(of i: Int) -> [Int] {
    var found: [Int] = []
    jar.withUnsafeBufferPointer { cookies in forEachPartner(of: i, in: cookies) { found.append($0) } }
    return found
  }

  /// As `partners(of:)`, each partner handed to `body` in jar order, nothing allocated:
  /// `cookies` is the jar the index was built from, read in place.
  func forEachPartner(of i: Int, in cookies: UnsafeBufferPointer<Cookie>, _ body: (Int) -> Void) {
    let node = Int(nodeOf[i])
    guard node >= 0 else { return }
    let hostOnly = cookies[i].hostOnly
    let up = ancestors[node]
    // Alone in its node with nothing above or below: the common case, no lists to merge.
    if all.count(node) == 1 && up.isEmpty && (hostOnly || below.isEmpty(node)) { return }
    // The lists to merge, as ranges of the flat arrays: its node (list 0), the domain
    // cookies of each node above (list 1), and for a domain cookie the cookies of the
    // nodes below (list 2). A range is kept as two words on the stack.
    let count = 1 + up.count + 1
    let base = cookies.baseAddress!
    withUnsafeTemporaryAllocation(of: (Int, Int, Int).self, capacity: count) { ranges in
      var n = 0
      func add(_ list: Int, _ r: Range<Int>) {
        if r.isEmpty { return }
        ranges[n] = (list, r.lowerBound, r.upperBound)
        n += 1
      }
      add(0, all.range(node))
      for a in up { add(1, domainOnly.range(Int(a))) }
      if !hostOnly { add(2, below.range(node)) }
      all.items.withUnsafeBufferPointer { allItems in
        domainOnly.items.withUnsafeBufferPointer { domainItems in
          below.items.withUnsafeBufferPointer { belowItems in
            func head(_ k: Int) -> Int32 {
              let (list, at, _) = ranges[k]
              return list == 0 ? allItems[at] : list == 1 ? domainItems[at] : belowItems[at]
            }
            var found = 0
            while n > 0 {
              // The smallest head among the lists (there are only a few).
              var best = 0
              var bestValue = head(0)
              for k in 1..<n {
                let v = head(k)
                if v < bestValue {
                  best = k
                  bestValue = v
                }
              }
              ranges[best].1 += 1
              if ranges[best].1 == ranges[best].2 {
                n -= 1
                ranges[best] = ranges[n]
              }
              let j = Int(bestValue)
              if j != i && ShadowingIndex.shadows(base + i, base + j) {
                body(j)
                found += 1
                if found == CookieLint.maxShadowingReports { break }
              }
            }
          }
        }
      }
    }
  }
}

extension ShadowingIndex {
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

/// `shardOf` of a cookie whose domain is unknown.
private let unknownDomain: UInt8 = 0xFF

private struct HashJob: @unchecked Sendable {
  let out: UnsafeMutableBufferPointer<UInt64>
  let shardOf: UnsafeMutableBufferPointer<UInt8>
  let jar: UnsafeBufferPointer<Cookie>
}

/// One shard of the shadowing index's nodes while it is built.
private struct NodeShard: Sendable {
  var ids: [ShadowingIndex.NodeKey: Int32] = [:]
  var keys: [ShadowingIndex.NodeKey] = []
  var hasDomainCookie: [Bool] = []
}

private struct ShardJob: @unchecked Sendable {
  let parts: UnsafeMutablePointer<NodeShard>
  let nodeOf: UnsafeMutableBufferPointer<Int32>
  let jar: UnsafeBufferPointer<Cookie>
}

private struct ChainJob: @unchecked Sendable {
  let nodeOf: UnsafeMutableBufferPointer<Int32>
  let ancestors: UnsafeMutableBufferPointer<[Int32]>
}
