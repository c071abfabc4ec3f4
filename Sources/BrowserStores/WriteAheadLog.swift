/// The committed transactions of a SQLite write-ahead log (`cookies.sqlite-wal`), replayed
/// onto a database image in memory the way a reader would see them.
///
/// SQLite would read the log through its `-shm` index, which it creates next to the
/// browser's file and may checkpoint into it; replaying the log here keeps the browser's
/// files untouched and every byte of the store inside this process.
/// Format: https://www.sqlite.org/fileformat2.html#walformat (wal.c `walIndexRecover`).
struct WriteAheadLog {
  /// The page size the log was written with.
  let pageSize: Int
  /// The database size in pages after the last valid commit; nil when nothing is committed.
  let committedPages: Int?
  /// How many frames belong to committed transactions (later frames of a page win).
  let committedFrames: Int
  /// For each page, where its newest committed copy starts in `bytes`.
  private let newestPage: [UInt32: Int]
  private let bytes: [UInt8]

  static let headerSize = 32
  static let frameHeaderSize = 24
  /// The two magic numbers; the low bit says the checksums read words big-endian.
  static let magics: Set<UInt32> = [0x377f_0682, 0x377f_0683]
  static let formatVersion: UInt32 = 3_007_000

  /// Reads the log; nil when it has no valid header (bad magic, version, page size or header
  /// checksum), which SQLite treats as an empty log.
  init?(_ bytes: [UInt8]) {
    guard bytes.count >= Self.headerSize else { return nil }
    let magic = bytes.uint32(at: 0)
    guard Self.magics.contains(magic), bytes.uint32(at: 4) == Self.formatVersion else { return nil }
    let bigEndian = magic & 1 == 1
    let pageSize = Int(bytes.uint32(at: 8))
    guard DatabaseSnapshot.isPageSize(pageSize) else { return nil }
    let salts = (bytes.uint32(at: 16), bytes.uint32(at: 20))

    let headerSum = bytes.withUnsafeBytes { Self.checksum($0, 0..<24, bigEndian: bigEndian, seed: (0, 0)) }
    guard headerSum == (bytes.uint32(at: 24), bytes.uint32(at: 28)) else { return nil }

    var frames: [(page: UInt32, offset: Int)] = []
    var committedFrames = 0
    var committedPages: Int?
    bytes.withUnsafeBytes { raw in
      var sum = headerSum
      var offset = Self.headerSize
      // A frame is valid when its salts are the header's (older frames of a restarted log
      // are not) and the checksum running through every frame so far matches.
      while offset + Self.frameHeaderSize + pageSize <= bytes.count {
        let page = bytes.uint32(at: offset)
        let commit = bytes.uint32(at: offset + 4)
        guard page != 0, (bytes.uint32(at: offset + 8), bytes.uint32(at: offset + 12)) == salts else { break }
        sum = Self.checksum(raw, offset..<offset + 8, bigEndian: bigEndian, seed: sum)
        let data = offset + Self.frameHeaderSize
        sum = Self.checksum(raw, data..<data + pageSize, bigEndian: bigEndian, seed: sum)
        guard sum == (bytes.uint32(at: offset + 16), bytes.uint32(at: offset + 20)) else { break }
        frames.append((page, data))
        // A non-zero "database size after commit" marks the last frame of a transaction;
        // frames after the last such frame belong to one that never committed.
        if commit != 0 {
          committedFrames = frames.count
          committedPages = Int(commit)
        }
        offset = data + pageSize
      }
    }
    var newest: [UInt32: Int] = [:]
    for frame in frames.prefix(committedFrames) { newest[frame.page] = frame.offset }
    self.pageSize = pageSize
    self.committedPages = committedPages
    self.committedFrames = committedFrames
    self.newestPage = newest
    self.bytes = bytes
  }

  /// Writes the newest committed copy of each page into `image` and gives it the size of
  /// the last commit, as a checkpoint would.
  ///
  /// A commit size past both the main file and every logged page names pages that exist
  /// nowhere (SQLite would read them as zeros); the image stops at the last real page
  /// rather than allocating what a damaged size field asks for.
  func apply(to image: inout [UInt8]) {
    guard let committed = committedPages else { return }
    let highest = Int(newestPage.keys.max() ?? 0)
    let pages = Swift.min(committed, Swift.max(image.count / pageSize, highest))
    image.resize(to: pages * pageSize)
    for (page, offset) in newestPage where Int(page) <= pages {
      let at = (Int(page) - 1) * pageSize
      image.replaceSubrange(at..<at + pageSize, with: bytes[offset..<offset + pageSize])
    }
  }

  /// SQLite's WAL checksum: two running sums over pairs of 32-bit words (fileformat2 §4.1).
  static func checksum(
    _ raw: UnsafeRawBufferPointer, _ range: Range<Int>, bigEndian: Bool, seed: (UInt32, UInt32)
  ) -> (UInt32, UInt32) {
    var (s0, s1) = seed
    var i = range.lowerBound
    while i + 8 <= range.upperBound {
      let a = raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)
      let b = raw.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self)
      s0 = s0 &+ (bigEndian ? UInt32(bigEndian: a) : UInt32(littleEndian: a)) &+ s1
      s1 = s1 &+ (bigEndian ? UInt32(bigEndian: b) : UInt32(littleEndian: b)) &+ s0
      i += 8
    }
    return (s0, s1)
  }
}

extension [UInt8] {
  /// The big-endian 32-bit integer at `offset` (SQLite's file formats are big-endian);
  /// the caller has checked the bounds.
  func uint32(at offset: Int) -> UInt32 {
    UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16 | UInt32(self[offset + 2]) << 8
      | UInt32(self[offset + 3])
  }

  /// Truncates, or extends with zero bytes.
  mutating func resize(to count: Int) {
    if count < self.count {
      removeSubrange(count...)
    } else if count > self.count {
      append(contentsOf: repeatElement(0, count: count - self.count))
    }
  }
}
