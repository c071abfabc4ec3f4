import Foundation

/// An open-addressing hash set of slot indices keyed by cookie identity.
///
/// A `[CookieID: Int32]` dictionary would copy four strings per cookie; at a million
/// cookies that doubles the memory of the jar. This table stores only the slot index and a
/// 32-bit hash, and compares identities through the slots themselves.
struct IdentityTable: Sendable {
  private static let empty: Int32 = -1
  private static let tombstone: Int32 = -2
  private var entries: [Int32] = []
  private var hashes: [UInt32] = []
  private var used = 0  // live + tombstones
  /// The hash of each slot's identity as it was last inserted. A slot's cookie changes only
  /// while it is out of the table (a replace removes, changes, inserts), so removing or
  /// restoring a slot (a purge and its undo) needs no hashing.
  private var slotHashes: [UInt32] = []
  /// Receives the batch probes of `insertAll` so they are not optimised away.
  private var probeSink: Int32 = 0
  private(set) var count = 0

  mutating func reserve(_ n: Int, slots: [Cookie]) {
    var cap = 16
    while cap < n * 2 { cap <<= 1 }
    if cap > entries.count { rehash(capacity: cap, slots: slots) }
  }

  /// The one identity hash (name, domain, host-only, path, partition); the three entry
  /// points below must agree, since a table built from cookies is probed with `CookieID`s.
  @inline(__always)
  private static func hash(
    name: borrowing String, domain: borrowing String, hostOnly: Bool, path: borrowing String,
    partition: borrowing String?
  ) -> UInt32 {
    var h = Hasher()
    h.combine(name)
    h.combine(domain)
    h.combine(hostOnly)
    h.combine(path)
    h.combine(partition)
    let v = h.finalize()
    return UInt32(truncatingIfNeeded: v ^ (v >> 32))
  }

  static func hash(_ c: borrowing Cookie) -> UInt32 {
    hash(name: c.name, domain: c.domain, hostOnly: c.hostOnly, path: c.path, partition: c.identityPartition)
  }

  /// `hash(_:)` reading the fields in place (no copy of the cookie: a copy retains and
  /// releases each of its strings, contended across threads for interned ones).
  static func hash(at c: UnsafePointer<Cookie>) -> UInt32 {
    hash(
      name: c.pointee.name, domain: c.pointee.domain, hostOnly: c.pointee.hostOnly, path: c.pointee.path,
      partition: c.pointee.identityPartition)
  }

  static func hash(_ id: CookieID) -> UInt32 {
    hash(name: id.name, domain: id.domain, hostOnly: id.hostOnly, path: id.path, partition: id.partition)
  }

  static func same(_ c: Cookie, _ id: CookieID) -> Bool {
    c.name == id.name && c.domain == id.domain && c.hostOnly == id.hostOnly && c.path == id.path
      && c.identityPartition == id.partition
  }

  static func same(_ a: borrowing Cookie, _ b: borrowing Cookie) -> Bool {
    a.name == b.name && a.domain == b.domain && a.hostOnly == b.hostOnly && a.path == b.path
      && a.identityPartition == b.identityPartition
  }

  func find(_ id: CookieID, slots: [Cookie]) -> Int32? {
    if entries.isEmpty { return nil }
    let hv = IdentityTable.hash(id)
    let mask = entries.count - 1
    var i = Int(hv) & mask
    while true {
      let e = entries[i]
      if e == IdentityTable.empty { return nil }
      if e >= 0 && hashes[i] == hv && IdentityTable.same(slots[Int(e)], id) { return e }
      i = (i + 1) & mask
    }
  }

  /// Inserts slot `h`; when another slot has the same identity it is replaced and returned.
  mutating func insertOrReplace(_ h: Int32, slots: [Cookie]) -> Int32? {
    growIfNeeded(slots: slots)
    // Through a buffer pointer the cookies are borrowed, not copied: a copy retains five
    // strings, and loading a million cookies spent most of its time doing that.
    return slots.withUnsafeBufferPointer { insertOrReplace(h, borrowing: $0) }
  }

  private mutating func insertOrReplace(_ h: Int32, borrowing slots: UnsafeBufferPointer<Cookie>) -> Int32? {
    insertOrReplace(h, hash: IdentityTable.hash(slots[Int(h)]), borrowing: slots)
  }

  private mutating func insertOrReplace(
    _ h: Int32, hash hv: UInt32, borrowing slots: UnsafeBufferPointer<Cookie>
  ) -> Int32? {
    let c = Int(h)
    if c >= slotHashes.count {
      slotHashes.append(contentsOf: repeatElement(0, count: c + 1 - slotHashes.count))
    }
    slotHashes[c] = hv
    let mask = entries.count - 1
    var i = Int(hv) & mask
    var firstFree: Int? = nil
    while true {
      let e = entries[i]
      if e == IdentityTable.empty { break }
      if e == IdentityTable.tombstone {
        if firstFree == nil { firstFree = i }
      } else if hashes[i] == hv && IdentityTable.same(slots[Int(e)], slots[c]) {
        entries[i] = h
        return e
      }
      i = (i + 1) & mask
    }
    let at = firstFree ?? i
    if entries[at] == IdentityTable.empty { used += 1 }
    entries[at] = h
    hashes[at] = hv
    count += 1
    return nil
  }

  mutating func insert(_ h: Int32, slots: [Cookie]) {
    let replaced = insertOrReplace(h, slots: slots)
    precondition(replaced == nil, "identity already present")
  }

  mutating func remove(_ h: Int32, slots: [Cookie]) {
    guard !entries.isEmpty else { return }
    let hv = slotHashes[Int(h)]
    let mask = entries.count - 1
    var i = Int(hv) & mask
    while entries[i] != IdentityTable.empty {
      if entries[i] == h {
        entries[i] = IdentityTable.tombstone
        count -= 1
        return
      }
      i = (i + 1) & mask
    }
  }

  /// Removes the slots `hs`, each of them in the table, once their live flags are already
  /// false. A sweep is one pass over the table tombstoning every entry whose slot is no
  /// longer live: no hashing and no random probe, several times faster than finding a
  /// tenth of a million cookies one by one (a purge). `sweep` nil picks by size.
  mutating func removeMany(_ hs: [Int32], alive: [Bool], slots: [Cookie], sweep: Bool?) {
    guard !entries.isEmpty, !hs.isEmpty else { return }
    guard sweep ?? (hs.count * 32 >= entries.count) else {
      for h in hs { remove(h, slots: slots) }
      return
    }
    var removed = 0
    entries.withUnsafeMutableBufferPointer { e in
      alive.withUnsafeBufferPointer { live in
        for i in e.indices {
          let v = e[i]
          if v >= 0 && !live[Int(v)] {
            e[i] = IdentityTable.tombstone
            removed += 1
          }
        }
      }
    }
    precondition(removed == hs.count, "bulk removal of slots not in the table")
    count -= removed
  }

  /// Inserts the slots `hs` again, none of whose identities is in the table (an undone
  /// removal): no hashing (`slotHashes`), probes in batches as `insertAll` does.
  mutating func insertMany(_ hs: [Int32], slots: [Cookie]) {
    guard !hs.isEmpty else { return }
    reserve(count + hs.count, slots: slots)
    slots.withUnsafeBufferPointer { buf in
      let batch = 16
      var i = 0
      while i < hs.count {
        let end = min(i + batch, hs.count)
        let mask = entries.count - 1
        var touched: Int32 = 0
        for j in i..<end { touched &+= entries[Int(slotHashes[Int(hs[j])]) & mask] }
        probeSink &+= touched
        for j in i..<end {
          growIfNeeded(slots: slots)
          let replaced = insertOrReplace(hs[j], hash: slotHashes[Int(hs[j])], borrowing: buf)
          precondition(replaced == nil, "identity already present")
        }
        i = end
      }
    }
  }

  private mutating func growIfNeeded(slots: [Cookie]) {
    if entries.isEmpty {
      rehash(capacity: 16, slots: slots)
    } else if (used + 1) * 2 > entries.count {
      rehash(capacity: count * 4 > entries.count ? entries.count * 2 : entries.count, slots: slots)
    }
  }

  private mutating func rehash(capacity: Int, slots: [Cookie]) {
    let oldEntries = entries
    let oldHashes = hashes
    entries = Array(repeating: IdentityTable.empty, count: capacity)
    hashes = Array(repeating: 0, count: capacity)
    used = 0
    let mask = capacity - 1
    for (k, e) in oldEntries.enumerated() where e >= 0 {
      var i = Int(oldHashes[k]) & mask
      while entries[i] != IdentityTable.empty { i = (i + 1) & mask }
      entries[i] = e
      hashes[i] = oldHashes[k]
      used += 1
    }
  }

  /// Inserts every slot of `slots` in order, exactly as `insertOrReplace` one by one would,
  /// calling `replaced(old, new)` for each identity seen again. Built for loading a large
  /// jar: the hashes are computed on all cores first, and probes go in batches so their
  /// cache misses overlap instead of queueing (one miss per cookie dominated a 1M load).
  mutating func insertAll(_ slots: [Cookie], replaced: (Int32, Int32) -> Void) {
    let n = slots.count
    reserve(count + n, slots: slots)
    if slotHashes.count < n { slotHashes.append(contentsOf: repeatElement(0, count: n - slotHashes.count)) }
    // Four pieces of work per core, handed out as threads free up (a busy core does not
    // hold the others back).
    let cores = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    let parts = n < 65536 || cores == 1 ? 1 : 4 * cores
    // Hashes go in blocks, so their scratch stays small while the table (the peak of a
    // large load) is allocated.
    let block = min(n, 1 << 16)
    var hashes = [UInt32](repeating: 0, count: block)
    slots.withUnsafeBufferPointer { buf in
      var from = 0
      while from < n {
        let to = min(from + block, n)
        let start = from
        hashes.withUnsafeMutableBufferPointer { out in
          let shared = HashJob(cookies: buf, out: out)
          let m = to - start
          let run: @Sendable (Int) -> Void = { k in
            for i in (m * k / parts)..<(m * (k + 1) / parts) {
              shared.out[i] = IdentityTable.hash(at: shared.cookies.baseAddress! + start + i)
            }
          }
          if parts == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: run) }
        }
        let batch = 16
        var i = from
        while i < to {
          let end = min(i + batch, to)
          // Touch the buckets of the whole batch first: independent loads the CPU overlaps.
          let mask = entries.count - 1
          var touched: Int32 = 0
          for j in i..<end { touched &+= entries[Int(hashes[j - from]) & mask] }
          probeSink &+= touched  // a use the optimiser cannot drop
          for j in i..<end {
            growIfNeeded(slots: slots)
            if let old = insertOrReplace(Int32(j), hash: hashes[j - from], borrowing: buf) {
              replaced(old, Int32(j))
            }
          }
          i = end
        }
        from = to
      }
    }
  }
}

/// The buffers `insertAll`'s parallel hashing shares; each thread writes its own range.
private struct HashJob: @unchecked Sendable {
  let cookies: UnsafeBufferPointer<Cookie>
  let out: UnsafeMutableBufferPointer<UInt32>
}
