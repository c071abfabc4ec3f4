import Foundation

/// How `ShadowingIndex` groups a jar's cookies into nodes. A node's key is (name, the
/// partition's top-level site, lower-cased domain), compared as `String ==` compares
/// (canonical equivalence: `é` and `e` + U+0301, `K` and U+212A are one name). No key is
/// stored: a node is known by its first cookie, whose fields are read in place when another
/// cookie's key is compared with it, and each shard's table holds node numbers under a hash
/// of the key worked out once per cookie on all cores. A million cookies' keys as strings
/// (and a dictionary of them) took more time and memory than the rest of the lint.
extension ShadowingIndex {
  /// What `nodes` finds.
  struct Nodes {
    /// The node of each cookie (-1: domain unknown).
    var nodeOf: [Int32]
    /// `ShadowingIndex.Trait` bits of each cookie.
    var traits: [UInt8]
    var paths: PathTable
    /// The nodes on each node's proper suffix chain that hold domain cookies, longest first.
    var ancestors: FlatLists
    var count: Int
  }

  /// The hash of a node key, as `Hasher` hashes strings: canonically equal names, domains
  /// and partitions hash alike, and a domain's suffix hashes as the same text would as a
  /// `String` (a test holds the index to the pairwise check on such names).
  static func keyHash(name: String, partition: String?, domain: some StringProtocol & Hashable) -> UInt64 {
    var h = Hasher()
    h.combine(name)
    h.combine(partition)
    h.combine(domain)
    return UInt64(bitPattern: Int64(h.finalize()))
  }

  /// Each cookie's node and domain-cookie flag, and each node's ancestors, from cookies read
  /// in place (`jar[i].name` on an array copies the whole cookie first, retaining each of its
  /// strings; a computed property read through a pointer does too, so each is read once).
  static func nodes(_ jar: UnsafeBufferPointer<Cookie>, shards: Int) -> Nodes {
    let n = jar.count
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let pieces = n < 4096 ? 1 : 4 * cores
    // What the build reads of each cookie, worked out once per cookie on all cores.
    var each = [CookieFact](repeating: CookieFact(), count: n)
    each.withUnsafeMutableBufferPointer { each in
      let job = CookieFactsJob(each: each, jar: jar)
      DispatchQueue.concurrentPerform(iterations: pieces) { k in
        for i in n * k / pieces..<n * (k + 1) / pieces {
          // Fields read through the pointer: a copy of the cookie would retain each of its
          // strings, and `sourceFile` is one string for the whole jar, which the cores would
          // fight over.
          let c = job.jar.baseAddress! + i
          let partition = c.pointee.partitionKey?.topLevelSite
          var fact = CookieFact()
          if !c.pointee.hostOnly { fact.traits |= ShadowingIndex.Trait.domainCookie }
          fact.partitioned = partition != nil
          if c.pointee.identityPartition != nil { fact.traits |= ShadowingIndex.Trait.identityPartition }
          (fact.pathHash, fact.pathASCII) = ShadowingIndex.PathTable.hash(c.pointee.path)
          if !c.pointee.domain.isEmpty {
            let domain = HostName.lowercased(c.pointee.domain)
            fact.hash = keyHash(name: c.pointee.name, partition: partition, domain: domain)
            fact.shard = UInt8(fact.hash % UInt64(shards))
            fact.domainSlot = KnownDomains.slot(of: domain)
            var d = domain
            if d.withUTF8({ b in b.allSatisfy { $0 < 0x80 } && !HostName.isIPAddress(utf8: b) }) {
              fact.traits |= ShadowingIndex.Trait.plainDomain
            }
          }
          job.each[i] = fact
        }
      }
    }
    // Only domain cookies' domains: an ancestor must hold a domain cookie, so a suffix that
    // only host-only cookies have is no ancestor, and need not be looked up.
    var knownDomains = KnownDomains()
    for fact in each where fact.shard != unknownDomain && fact.isDomainCookie {
      knownDomains.insert(fact.domainSlot)
    }
    let known = knownDomains
    let facts = CookieFacts(jar: jar, each: each)
    // Each shard's nodes, on its own core: a node's cookies all have its key, so they all
    // fall in one shard. Numbered from 0 in jar order of their first cookie; `nodeOf` holds
    // the shard's number until every shard is done.
    var nodeOf = [Int32](repeating: -1, count: n)
    // Whether each cookie is the first of its node (the one its ancestors are looked up from).
    var isFirst = [Bool](repeating: false, count: n)
    let parts = UnsafeMutablePointer<NodeShard>.allocate(capacity: shards)
    parts.initialize(repeating: NodeShard(capacity: 0), count: shards)
    defer {
      parts.deinitialize(count: shards)
      parts.deallocate()
    }
    nodeOf.withUnsafeMutableBufferPointer { nodeOf in
      isFirst.withUnsafeMutableBufferPointer { isFirst in
        let job = ShardJob(parts: parts, nodeOf: nodeOf, isFirst: isFirst)
        let work: @Sendable (Int) -> Void = { s in
          let shard = UInt8(s)
          var members = 0
          for i in 0..<n where facts.each[i].shard == shard { members += 1 }
          var part = NodeShard(capacity: members)
          for i in 0..<n where facts.each[i].shard == shard {
            let nodes = part.firstCookie.count
            let node = part.node(of: i, facts)
            job.nodeOf[i] = node
            if part.firstCookie.count > nodes { job.isFirst[i] = true }
            if facts.each[i].isDomainCookie { part.hasDomainCookie[Int(node)] = true }
          }
          job.parts[s] = part
        }
        if shards == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: shards, execute: work) }
      }
    }
    let built = (0..<shards).map { parts[$0] }
    // Node numbers across shards: shard by shard.
    var offsets = [Int32](repeating: 0, count: shards + 1)
    for s in 0..<shards { offsets[s + 1] = offsets[s] + Int32(built[s].firstCookie.count) }
    let nodeCount = Int(offsets[shards])
    let firstNode = offsets
    // Each node's ancestors: the nodes of the same name and partition whose domain is a
    // non-empty suffix of its domain following a '.' (the only domains `domainMatch`
    // accepts), longest first, that hold domain cookies (only those shadow from above).
    // Looked up from each node's first cookie, the jar cut in pieces on all cores and each
    // piece read in jar order (the shards' tables are only read here): by shard, the first
    // cookies were far apart in memory, and reading them stalled more than the lookups
    // took. Each piece keeps its (node, ancestor) pairs in order.
    let isFirstCookie = isFirst
    let pairs = UnsafeMutablePointer<[(node: Int32, ancestor: Int32)]>.allocate(capacity: pieces)
    pairs.initialize(repeating: [], count: pieces)
    defer {
      pairs.deinitialize(count: pieces)
      pairs.deallocate()
    }
    nodeOf.withUnsafeMutableBufferPointer { nodeOf in
      let job = ChainJob(nodeOf: nodeOf, pairs: pairs)
      DispatchQueue.concurrentPerform(iterations: pieces) { k in
        for i in n * k / pieces..<n * (k + 1) / pieces where facts.each[i].shard != unknownDomain {
          job.nodeOf[i] += firstNode[Int(facts.each[i].shard)]
        }
      }
      DispatchQueue.concurrentPerform(iterations: pieces) { k in
        var found: [(node: Int32, ancestor: Int32)] = []
        for first in n * k / pieces..<n * (k + 1) / pieces where isFirstCookie[first] {
          let c = facts.jar.baseAddress! + first
          let domain = HostName.lowercased(c.pointee.domain)
          let utf8 = domain.utf8
          var at = utf8.startIndex
          while let dot = utf8[at...].firstIndex(of: UInt8(ascii: ".")) {
            at = utf8.index(after: dot)
            if at == utf8.endIndex { break }
            // The bytes after the dot as they are (a dot is one scalar, so they start on one).
            let suffix = Substring(utf8[at...])
            // Most suffixes (`example.com`, `com`) are no domain cookie's domain: no node to
            // look for.
            guard known.contains(KnownDomains.slot(of: suffix)) else { continue }
            let name = c.pointee.name
            let partition = facts.each[first].partitioned ? c.pointee.partitionKey?.topLevelSite : nil
            let hash = keyHash(name: name, partition: partition, domain: suffix)
            let t = Int(hash % UInt64(shards))
            if let a = built[t].node(
              hash: hash, facts,
              where: { other in
                facts.jar[other].name == name
                  && facts.each[other].partitioned == (partition != nil)
                  && (partition == nil || facts.jar[other].partitionKey?.topLevelSite == partition)
                  && HostName.lowercased(facts.jar[other].domain) == suffix
              }), built[t].hasDomainCookie[Int(a)]
            {
              found.append((job.nodeOf[first], firstNode[t] + a))
            }
          }
        }
        job.pairs[k] = found
      }
    }
    let ancestors = FlatLists(lists: nodeCount) { emit in
      for k in 0..<pieces {
        for (node, ancestor) in pairs[k] { emit(Int(node), ancestor) }
      }
    }
    let paths = PathTable(jar, hash: { each[$0].pathHash }, ascii: { each[$0].pathASCII })
    return Nodes(
      nodeOf: nodeOf, traits: each.map(\.traits), paths: paths,
      ancestors: ancestors,
      count: nodeCount)
  }
}

/// `shardOf` of a cookie whose domain is unknown.
private let unknownDomain: UInt8 = 0xFF

/// What the node build reads of one cookie: its key's hash and shard (`unknownDomain`: never
/// a partner), where its domain falls in `KnownDomains`, its path's hash, and flags.
private struct CookieFact {
  var hash: UInt64 = 0
  var pathHash: UInt64 = 0
  var domainSlot: UInt32 = 0
  var shard = unknownDomain
  /// `ShadowingIndex.Trait` bits.
  var traits: UInt8 = 0
  var partitioned = false
  var pathASCII = false
  var isDomainCookie: Bool { traits & ShadowingIndex.Trait.domainCookie != 0 }
}

/// The jar and what the node build read of each of its cookies.
private struct CookieFacts: @unchecked Sendable {
  let jar: UnsafeBufferPointer<Cookie>
  let each: [CookieFact]

  /// Whether cookies `a` and `b` (of equal key hashes) have the same node key.
  func sameKey(_ a: Int, _ b: Int) -> Bool {
    guard jar[a].name == jar[b].name, each[a].partitioned == each[b].partitioned else { return false }
    if each[a].partitioned && jar[a].partitionKey?.topLevelSite != jar[b].partitionKey?.topLevelSite {
      return false
    }
    return HostName.lowercased(jar[a].domain) == HostName.lowercased(jar[b].domain)
  }
}

/// One shard of the shadowing index's nodes: an open-addressing table of node numbers by
/// key hash (at most half full), and each node's first cookie, key hash and whether it
/// holds a domain cookie.
private struct NodeShard: Sendable {
  var table: [Int32]
  var firstCookie: [Int32] = []
  var keyHash: [UInt64] = []
  var hasDomainCookie: [Bool] = []

  init(capacity members: Int) {
    var size = 16
    while size < 2 * members { size *= 2 }
    table = [Int32](repeating: -1, count: size)
  }

  /// The first slot to look at for `hash`: its high bits (the low ones chose the shard).
  private func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 32) & (table.count - 1) }

  /// The node of cookie `i`, added as a new node when none has its key.
  mutating func node(of i: Int, _ facts: CookieFacts) -> Int32 {
    let hash = facts.each[i].hash
    var s = slot(hash)
    while true {
      let node = table[s]
      if node < 0 {
        let new = Int32(firstCookie.count)
        table[s] = new
        firstCookie.append(Int32(i))
        keyHash.append(hash)
        hasDomainCookie.append(false)
        return new
      }
      if keyHash[Int(node)] == hash && facts.sameKey(i, Int(firstCookie[Int(node)])) { return node }
      s = (s + 1) & (table.count - 1)
    }
  }

  /// The node whose key hashes to `hash` and whose first cookie passes `sameKey`, if any.
  func node(hash: UInt64, _ facts: CookieFacts, where sameKey: (Int) -> Bool) -> Int32? {
    var s = slot(hash)
    while true {
      let node = table[s]
      if node < 0 { return nil }
      if keyHash[Int(node)] == hash && sameKey(Int(firstCookie[Int(node)])) { return node }
      s = (s + 1) & (table.count - 1)
    }
  }
}

private struct CookieFactsJob: @unchecked Sendable {
  let each: UnsafeMutableBufferPointer<CookieFact>
  let jar: UnsafeBufferPointer<Cookie>
}

private struct ShardJob: @unchecked Sendable {
  let parts: UnsafeMutablePointer<NodeShard>
  let nodeOf: UnsafeMutableBufferPointer<Int32>
  let isFirst: UnsafeMutableBufferPointer<Bool>
}

private struct ChainJob: @unchecked Sendable {
  let nodeOf: UnsafeMutableBufferPointer<Int32>
  let pairs: UnsafeMutablePointer<[(node: Int32, ancestor: Int32)]>
}

/// The lower-cased domains of a jar's domain cookies as bits of a hash set (a Bloom filter
/// with one hash): a domain not in it is certainly no domain cookie's, one in it very likely
/// is. Hashed as `Hasher` hashes strings, so a suffix (`Substring`) and a canonically equal
/// domain find the same bit.
private struct KnownDomains: Sendable {
  /// 2^23 bits, 1 MiB: a million-cookie jar has a few hundred thousand domains.
  private var bits = [UInt64](repeating: 0, count: 1 << 17)

  static func slot(of domain: some StringProtocol & Hashable) -> UInt32 {
    var h = Hasher()
    h.combine(domain)
    return UInt32(truncatingIfNeeded: h.finalize()) & (1 << 23 - 1)
  }
  mutating func insert(_ slot: UInt32) { bits[Int(slot >> 6)] |= 1 << UInt64(slot & 63) }
  func contains(_ slot: UInt32) -> Bool { bits[Int(slot >> 6)] & (1 << UInt64(slot & 63)) != 0 }
}
