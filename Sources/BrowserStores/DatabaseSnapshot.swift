import CookieCore
import Foundation
import GRDB

/// A private copy of a browser's SQLite store, opened read-only.
///
/// Browsers keep their cookie database open: Chromium with `locking_mode=EXCLUSIVE`
/// (REFERENCE §7.5), Firefox in WAL mode with recent rows only in `cookies.sqlite-wal`
/// (§6.4). Opening the live file would either fail, take a lock the browser then trips over,
/// or (on close) checkpoint the browser's WAL. So the reader copies the file and its
/// `-wal`, `-shm` and `-journal` siblings into a fresh 0700 folder, opens that copy, and
/// deletes the folder afterwards. The browser's files are only ever read byte by byte.
struct DatabaseSnapshot {
  /// The folder holding the copy; removed by `remove()`.
  let directory: URL
  /// The copied main database file.
  let path: String
  /// Which siblings were copied (`-wal`, `-journal`, …), for notes.
  let siblings: [String]

  static let siblingSuffixes = ["-wal", "-shm", "-journal"]

  /// Copies `filePath` (and its siblings) when the input is a file, else writes `data`.
  static func make(data: Data, filePath: String?) throws -> DatabaseSnapshot {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent(
      "crumbs-store-\(UUID().uuidString)", isDirectory: true)
    // 0700: the copy holds the user's cookies, which are credentials.
    try fm.createDirectory(
      at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let main = dir.appendingPathComponent("store.sqlite").path
    var copied: [String] = []
    do {
      var wroteMain = false
      if let filePath, let bytes = try? Data(contentsOf: URL(fileURLWithPath: filePath)) {
        // Re-read from disk rather than using `data` so that the main file and the `-wal`
        // copied right after it are as close in time as possible.
        try write(bytes, to: main)
        wroteMain = true
      }
      if !wroteMain { try write(data, to: main) }
      if let filePath, wroteMain {
        for suffix in siblingSuffixes {
          guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: filePath + suffix)) else {
            continue
          }
          try write(bytes, to: main + suffix)
          copied.append(suffix)
        }
      }
    } catch {
      try? fm.removeItem(at: dir)
      throw error
    }
    return DatabaseSnapshot(directory: dir, path: main, siblings: copied)
  }

  private static func write(_ data: Data, to path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
    else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
  }

  /// Opens the copy read-only. A hot rollback journal (a browser caught mid-transaction)
  /// cannot be rolled back by a read-only connection, so then the private copy is opened
  /// read-write once; the browser's own files are never opened by SQLite at all.
  func open() throws -> DatabaseQueue {
    var config = Configuration()
    config.readonly = true
    config.label = "crumbs.snapshot"
    do {
      let queue = try DatabaseQueue(path: path, configuration: config)
      // Touch the schema now so a hot journal or corrupt header surfaces here.
      _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
      return queue
    } catch let error as DatabaseError
      where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN
    {
      config.readonly = false
      let queue = try DatabaseQueue(path: path, configuration: config)
      _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
      return queue
    }
  }

  func remove() {
    try? FileManager.default.removeItem(at: directory)
  }
}
