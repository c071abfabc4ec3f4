/// The partner check's shortcut for paths (`ShadowingIndex.forEachPartner`): each distinct
/// ASCII path of the jar gets a number, and whether two of them overlap
/// (`HostName.pathMatch` either way) is a bit in a table worked out once. Most candidates
/// are then decided from two numbers and a bit, without reading either cookie: a million
/// cookies' partners read from random places in the jar stalled on memory more than they
/// computed.
extension ShadowingIndex {
  struct PathTable: Sendable {
    /// At most this many paths get a number (the table is `limit * limit` bits, 8 KiB);
    /// the paths of further cookies go the simple way.
    static let limit = 256

    /// The number of each cookie's path, or -1 (not ASCII, or past `limit`, or a hash
    /// shared with another path): that cookie's candidates read the cookies.
    let id: [Int32]
    private let count: Int
    private let overlapBits: [UInt64]

    /// `hash` and `ascii` of each cookie's path as `PathTable.hash` gives them, worked out
    /// with the rest of what the index reads of each cookie (on all cores).
    init(_ jar: UnsafeBufferPointer<Cookie>, hash: (Int) -> UInt64, ascii: (Int) -> Bool) {
      var id = [Int32](repeating: -1, count: jar.count)
      var byHash: [UInt64: Int32] = [:]
      var first: [Int] = []
      var last: (hash: UInt64, id: Int32)? = nil
      for i in jar.indices where ascii(i) {
        let h = hash(i)
        // The last number found is tried first (neighbouring cookies often share a path).
        if let known = last?.hash == h ? last?.id : byHash[h] {
          // Same hash, other bytes: left to the simple way.
          if jar[first[Int(known)]].path == jar[i].path { id[i] = known }
          last = (h, known)
        } else if first.count < PathTable.limit {
          let new = Int32(first.count)
          byHash[h] = new
          first.append(i)
          id[i] = new
          last = (h, new)
        }
      }
      self.id = id
      count = first.count
      var bits = [UInt64](repeating: 0, count: (count * count + 63) / 64)
      for a in 0..<count {
        for b in 0..<count {
          let pa = jar[first[a]].path
          let pb = jar[first[b]].path
          if HostName.pathMatch(pa, pb) || HostName.pathMatch(pb, pa) {
            bits[(a * count + b) >> 6] |= 1 << UInt64((a * count + b) & 63)
          }
        }
      }
      overlapBits = bits
    }

    /// Whether paths number `a` and `b` overlap: some request path path-matches both.
    @inline(__always)
    func overlap(_ a: Int32, _ b: Int32) -> Bool {
      let k = Int(a) * count + Int(b)
      return overlapBits[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// FNV-1a of a path's bytes, and whether they are all ASCII (then two paths are `==`
    /// exactly when their bytes are equal, which the numbering relies on).
    static func hash(_ path: String) -> (hash: UInt64, ascii: Bool) {
      var h: UInt64 = 0xCBF2_9CE4_8422_2325
      var high: UInt8 = 0
      for b in path.utf8 {
        h = (h ^ UInt64(b)) &* 0x100_0000_01B3
        high |= b
      }
      return (h, high < 0x80)
    }
  }
}
