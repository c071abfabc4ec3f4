import CookieCore
import Foundation
import GRDB
import GRDBSQLite

/// A browser's SQLite store as of its last commit, held only in this process's memory.
///
/// Browsers keep their cookie database open: Chromium with `locking_mode=EXCLUSIVE`
/// (REFERENCE §7.5), Firefox in WAL mode with recent rows only in `cookies.sqlite-wal`
/// (§6.4). Opening the live file would fail, take a lock the browser trips over, or create
/// a `-shm` and checkpoint the browser's WAL. A copy on disk would leave the user's cookies
/// (credentials) behind if the process were killed (issue "Trust": the private copy must
/// not outlive the process on any signal, SIGKILL included). So the main file, `-journal`
/// and `-wal` are only read; a hot journal is rolled back and the committed WAL frames are
/// replayed on an image in memory, and SQLite opens that image with `sqlite3_deserialize`.
/// Nothing is written anywhere.
struct DatabaseSnapshot {
  /// The database file as it would be after a rollback and a checkpoint.
  private(set) var image: [UInt8]
  /// Frames of committed transactions replayed from the `-wal` (0: none or no log).
  private(set) var walFrames = 0
  /// What the `-journal` did, nil when there is none.
  private(set) var journal: RollbackJournal.Outcome?

  /// Why a store could not be put together in memory.
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  static func isPageSize(_ size: Int) -> Bool {
    size >= 512 && size <= 65536 && size & (size - 1) == 0
  }

  /// Builds the image from `filePath` and its siblings when the input is a file, else from
  /// `data` alone (standard input has no siblings).
  static func make(data: Data, filePath: String?) throws -> DatabaseSnapshot {
    guard let filePath, let main = read(filePath) else {
      return DatabaseSnapshot(image: [UInt8](data))
    }
    // Re-read from disk rather than using `data` so that the main file and the `-wal`
    // read right after it are as close in time as possible.
    var snapshot = DatabaseSnapshot(image: main)
    if let journal = read(filePath + "-journal") {
      let outcome = RollbackJournal.rollBack(journal, into: &snapshot.image) {
        FileManager.default.fileExists(atPath: $0)
      }
      if case .damaged(let why) = outcome {
        throw Failure(
          description:
            "its rollback journal \(filePath)-journal is damaged (\(why)); the browser may be "
            + "in the middle of a write: close it and try again")
      }
      snapshot.journal = outcome
    }
    // SQLite reads a `-wal` whenever one exists next to a non-empty database, after any
    // hot journal has been rolled back (pager.c `pagerOpenWalIfPresent`).
    if let bytes = read(filePath + "-wal"), let wal = WriteAheadLog(bytes) {
      wal.apply(to: &snapshot.image)
      snapshot.walFrames = wal.committedFrames
    }
    return snapshot
  }

  private static func read(_ path: String) -> [UInt8]? {
    (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) }
  }

  /// Makes the header of the image in `bytes` say "rollback journal" instead of "WAL"
  /// (bytes 18 and 19, file format write/read version 2 → 1, fileformat2 §1.3.3), so SQLite
  /// looks for no `-wal` or `-shm` of the in-memory database.
  static func markRollbackMode(_ bytes: UnsafeMutableRawBufferPointer) {
    guard bytes.count >= 100 else { return }
    for i in [18, 19] where bytes[i] == 2 { bytes[i] = 1 }
  }

  /// Opens the image read-only in an in-memory connection; temporary tables and sorts stay
  /// in memory too (`temp_store = MEMORY`).
  func open() throws -> DatabaseQueue {
    var config = Configuration()
    config.label = "crumbs.snapshot"
    let queue = try DatabaseQueue(configuration: config)
    try queue.inDatabase { db in
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
      // SQLite owns the buffer from here (FREEONCLOSE), also when deserializing fails.
      let size = image.count
      guard let buffer = sqlite3_malloc64(UInt64(max(size, 1))) else {
        throw DatabaseError(resultCode: .SQLITE_NOMEM)
      }
      image.withUnsafeBytes { source in
        if let base = source.baseAddress { buffer.copyMemory(from: base, byteCount: size) }
      }
      Self.markRollbackMode(UnsafeMutableRawBufferPointer(start: buffer, count: size))
      let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
      let code = sqlite3_deserialize(
        db.sqliteConnection, "main", buffer.assumingMemoryBound(to: UInt8.self), Int64(size), Int64(size),
        flags)
      guard code == SQLITE_OK else {
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
      }
      db.clearSchemaCache()
      // Touch the schema now so a corrupt header surfaces here.
      _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
    }
    return queue
  }
}
