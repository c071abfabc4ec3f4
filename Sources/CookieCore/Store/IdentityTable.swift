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
  private(set) var count = 0

  mutating func reserve(_ n: Int, slots: [Cookie]) {
    var cap = 16
    while cap < n * 2 { cap <<= 1 }
    if cap > entries.count { rehash(capacity: cap, slots: slots) }
  }

  static func hash(_ c: Cookie) -> UInt32 {
    var h = Hasher()
    h.combine(c.name)
    h.combine(c.domain)
    h.combine(c.hostOnly)
    h.combine(c.path)
    h.combine(c.partitionKey?.topLevelSite)
    let v = h.finalize()
    return UInt32(truncatingIfNeeded: v ^ (v >> 32))
  }

  static func hash(_ id: CookieID) -> UInt32 {
    var h = Hasher()
    h.combine(id.name)
    h.combine(id.domain)
    h.combine(id.hostOnly)
    h.combine(id.path)
    h.combine(id.partition)
    let v = h.finalize()
    return UInt32(truncatingIfNeeded: v ^ (v >> 32))
  }

  static func same(_ c: Cookie, _ id: CookieID) -> Bool {
    c.name == id.name && c.domain == id.domain && c.hostOnly == id.hostOnly && c.path == id.path
      && c.partitionKey?.topLevelSite == id.partition
  }

  static func same(_ a: Cookie, _ b: Cookie) -> Bool {
    a.name == b.name && a.domain == b.domain && a.hostOnly == b.hostOnly && a.path == b.path
      && a.partitionKey?.topLevelSite == b.partitionKey?.topLevelSite
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
    let c = Int(h)
    let hv = IdentityTable.hash(slots[c])
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
    let hv = IdentityTable.hash(slots[Int(h)])
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
}
