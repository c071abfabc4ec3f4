/// A hot rollback journal (`Cookies-journal`): a browser caught in the middle of a write
/// transaction has already changed pages of the main file, and the journal holds their
/// original content. Rolling it back in memory gives the database as of the last commit,
/// as SQLite would on open, without writing anything.
///
/// Format: https://www.sqlite.org/fileformat2.html#rollbackjournal; playback rules from
/// SQLite's pager.c (`pager_playback`, `pager_playback_one_page`, `readSuperJournal`).
enum RollbackJournal {
  static let magic: [UInt8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]
  /// The page holding the lock bytes at 1 GiB is never journaled; a record naming it marks
  /// the end of valid records, like page 0 (pager.c `PAGER_SJ_PGNO`).
  static let pendingByte = 0x4000_0000

  enum Outcome: Equatable {
    /// No transaction to undo: no header (a committed `PERSIST`/`TRUNCATE` journal has
    /// a zeroed or empty one), or a super-journal that no longer exists.
    case notHot
    /// The original content of this many pages was put back.
    case rolledBack(pages: Int)
    /// A header SQLite itself would call corrupt.
    case damaged(String)
  }

  /// Undoes the journaled transaction in `image`. `superJournalExists` answers for a
  /// multi-database transaction, whose journal is hot only while its super-journal exists.
  static func rollBack(
    _ journal: [UInt8], into image: inout [UInt8], superJournalExists: (String) -> Bool
  ) -> Outcome {
    guard journal.count >= 28, Array(journal[0..<8]) == magic else { return .notHot }
    if let name = superJournalName(journal), !superJournalExists(name) { return .notHot }
    let sectorSize = Int(journal.uint32(at: 20))
    let pageSize = Int(journal.uint32(at: 24))
    guard DatabaseSnapshot.isPageSize(pageSize) else {
      return .damaged("its header gives page size \(pageSize)")
    }
    guard sectorSize >= 32, sectorSize <= 65536, sectorSize & (sectorSize - 1) == 0 else {
      return .damaged("its header gives sector size \(sectorSize)")
    }
    let lockPage = UInt32(pendingByte / pageSize + 1)
    let recordSize = 4 + pageSize + 4
    var records: [(page: UInt32, offset: Int)] = []
    var originalPages = Int(journal.uint32(at: 16))
    var header = 0
    var sawHeader = false
    // Each header (at a sector boundary) is followed by its count of page records; the
    // first header's database size is the size before the transaction.
    playback: while header + sectorSize <= journal.count, Array(journal[header..<header + 8]) == magic {
      sawHeader = true
      var count = Int(journal.uint32(at: header + 8))
      let nonce = journal.uint32(at: header + 12)
      var offset = header + sectorSize
      if count == 0xFFFF_FFFF {
        // Written without syncs: the rest of the file is records (pager.c, no-sync mode).
        count = (journal.count - offset) / recordSize
      }
      for _ in 0..<count {
        // A short, unnumbered or badly summed record ends the playback: the writer never
        // got to sync it, so it never wrote the page it stands for.
        guard offset + recordSize <= journal.count else { break playback }
        let page = journal.uint32(at: offset)
        guard page != 0, page != lockPage else { break playback }
        let data = offset + 4
        guard checksum(journal, data, pageSize, nonce) == journal.uint32(at: data + pageSize) else {
          break playback
        }
        records.append((page, data))
        offset += recordSize
      }
      header = (offset + sectorSize - 1) / sectorSize * sectorSize
    }
    // SQLite truncates to the original size only once it has read a whole first header.
    guard sawHeader else { return .notHot }
    // Pages past the current end that no record restores would read as zeros; a damaged
    // size field must not allocate more than the file and the journal hold.
    let highest = Int(records.map(\.page).max() ?? 0)
    originalPages = min(originalPages, max(image.count / pageSize, highest))
    image.resize(to: originalPages * pageSize)
    // A page is journaled once per transaction; the first record holds the original.
    var restored = Set<UInt32>()
    for (page, data) in records where Int(page) <= originalPages && restored.insert(page).inserted {
      let at = (Int(page) - 1) * pageSize
      image.replaceSubrange(at..<at + pageSize, with: journal[data..<data + pageSize])
    }
    return .rolledBack(pages: restored.count)
  }

  /// The journal checksum: the nonce plus every 200th byte of the page, from the end.
  static func checksum(_ journal: [UInt8], _ data: Int, _ pageSize: Int, _ nonce: UInt32) -> UInt32 {
    var sum = nonce
    var i = pageSize - 200
    while i > 0 {
      sum &+= UInt32(journal[data + i])
      i -= 200
    }
    return sum
  }

  /// The name of the super-journal at the end of the journal, if any: name, its length,
  /// the sum of its bytes, then the journal magic (pager.c `readSuperJournal`).
  static func superJournalName(_ journal: [UInt8]) -> String? {
    let n = journal.count
    guard n >= 16, Array(journal[(n - 8)...]) == magic else { return nil }
    let length = Int(journal.uint32(at: n - 16))
    let sum = journal.uint32(at: n - 12)
    guard length > 0, length <= n - 16 else { return nil }
    let name = journal[(n - 16 - length)..<(n - 16)]
    guard name.reduce(UInt32(0), { $0 &+ UInt32($1) }) == sum else { return nil }
    let text = name.prefix { $0 != 0 }
    return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
  }
}
