import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

@testable import BrowserStores

/// A sqlite3 CLI process that keeps a database open, the way a running browser does.
final class LiveDatabase {
  let process = Process()
  private let input = Pipe()
  private let output = Pipe()

  init(sqlite3: String, path: String) throws {
    process.executableURL = URL(fileURLWithPath: sqlite3)
    process.arguments = [path]
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
  }

  /// Sends SQL and waits until the CLI printed `marker` (bounded: the process ends on error).
  func send(_ sql: String, until marker: String) -> String {
    input.fileHandleForWriting.write(Data("\(sql)\nSELECT '\(marker)';\n".utf8))
    var seen = ""
    while !seen.contains(marker) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen += String(decoding: chunk, as: UTF8.self)
    }
    return seen
  }

  func close() {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }
}

/// Reading never touches the browser's files: it reads them (with `-wal` and `-journal`) into
/// memory and opens that (REFERENCE §6.4, §7.5).
@Suite(.timeLimit(.minutes(1))) struct LiveStoreTests {
  static func bytes(_ path: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: path)) }

  /// Firefox keeps `cookies.sqlite` open in WAL mode; a new cookie sits only in the `-wal`.
  @Test(.requires(.sqlite3)) func readsARowThatIsOnlyInTheWALOfALiveDatabase() throws {
    let sqlite3 = try StoreFixtures.sqlite3()
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let schema = try String(contentsOfFile: StoreFixtures.example("firefox-cookies-v17.sql"), encoding: .utf8)
    let path = try StoreFixtures.sqliteDatabase(
      schema + "\nPRAGMA journal_mode=WAL;\n", named: "cookies.sqlite", in: dir)
    let live = try LiveDatabase(sqlite3: sqlite3, path: path)
    defer { live.close() }
    let reply = live.send(
      """
      PRAGMA wal_autocheckpoint=0;
      INSERT INTO moz_cookies VALUES(5,'','fresh','in-wal','www.example.com','/',1812536294000,1795564800000009,1795564800000009,1,0,0,1,2,0,1795564800000009);
      """, until: "ready")
    #expect(reply.contains("ready"), "\(reply)")
    // The main file alone (immutable=1 ignores the WAL) does not have the new row yet.
    let mainOnly = try StoreFixtures.run(
      sqlite3, ["file:\(path)?immutable=1", "SELECT count(*) FROM moz_cookies"])
    #expect(mainOnly.out == "4\n")
    let before = ["-wal", "-shm", "-journal"].map { Self.bytes(path + $0) }
    let beforeMain = Self.bytes(path)
    #expect(before[0]?.isEmpty == false, "the live writer left no -wal")

    let result = try StoreFixtures.load(path)
    #expect(result.cookies.count == 5)
    #expect(result.cookies.last?.name == "fresh" && result.cookies.last?.value == "in-wal")
    #expect(result.cookies.last?.sourceRecord == "rowid 5")
    // The browser's files are byte for byte what they were, and it can go on writing.
    #expect(Self.bytes(path) == beforeMain)
    #expect(["-wal", "-shm", "-journal"].map { Self.bytes(path + $0) } == before)
    let after = live.send(
      "INSERT INTO moz_cookies VALUES(6,'','later','x','www.example.com','/',1812536294000,0,0,0,0,0,1,2,0,0);",
      until: "still-writable")
    #expect(after.contains("still-writable") && !after.contains("locked"), "\(after)")
  }

  /// Chromium holds its `Cookies` with `locking_mode=EXCLUSIVE`: SQLite readers get
  /// "database is locked"; reading the bytes into memory does not.
  @Test(.requires(.sqlite3)) func readsADatabaseAnotherProcessHoldsExclusively() throws {
    let sqlite3 = try StoreFixtures.sqlite3()
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("Cookies").path
    try FileManager.default.copyItem(
      atPath: StoreFixtures.example("chromium-Cookies-v24.sqlite"), toPath: path)
    let live = try LiveDatabase(sqlite3: sqlite3, path: path)
    defer { live.close() }
    let reply = live.send(
      "PRAGMA locking_mode=EXCLUSIVE;\nUPDATE meta SET value = value WHERE key = 'version';", until: "held")
    #expect(reply.contains("held"), "\(reply)")
    let blocked = try runProcess(URL(fileURLWithPath: sqlite3), [path, "SELECT count(*) FROM cookies"])
    #expect(blocked.status != 0, "another sqlite3 could read a database held exclusively")
    let before = Self.bytes(path)

    let result = try StoreFixtures.load(path)
    #expect(result.cookies.map(\.value) == ["en-US", "31d4d96e407aad42", "dark", "e1"])
    #expect(Self.bytes(path) == before)
    let after = live.send("UPDATE meta SET value = value WHERE key = 'version';", until: "still-mine")
    #expect(after.contains("still-mine") && !after.contains("locked"), "\(after)")
  }

  /// After a read nothing holds a lock: an exclusive transaction on the file succeeds, and
  /// no copy was ever made (InMemorySnapshotTests checks the temporary directory).
  @Test(.requires(.sqlite3)) func leavesNoLockAndNoCopy() throws {
    let sqlite3 = try StoreFixtures.sqlite3()
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cookies.sqlite").path
    try FileManager.default.copyItem(
      atPath: StoreFixtures.example("firefox-cookies-v17.sqlite"), toPath: path)
    let before = Self.bytes(path)
    let data = try #require(before)
    let snapshot = try DatabaseSnapshot.make(data: data, filePath: path)
    #expect(snapshot.image == [UInt8](data) && snapshot.walFrames == 0 && snapshot.journal == nil)
    _ = try StoreFixtures.load(path)
    let exclusive = try StoreFixtures.run(sqlite3, [path, "BEGIN EXCLUSIVE; COMMIT; SELECT 'free';"])
    #expect(exclusive.out == "free\n")
    #expect(Self.bytes(path) == before)
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
  }

  /// Standard input has no path: the bytes themselves are copied and read.
  @Test func readsFromDataWithoutAPath() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: StoreFixtures.example("firefox-cookies-v17.sqlite")))
    let result = try FirefoxCookiesReader.read(
      data, options: CookieReadOptions(sourceName: "-", now: StoreFixtures.now))
    #expect(result.cookies.count == 4)
    #expect(result.cookies.allSatisfy { $0.sourceFile == "-" })
  }
}

/// A browser caught in the middle of a write transaction (Chromium uses a rollback
/// journal): there is a hot `-journal`, and reading must roll the change back in memory.
@Suite(.timeLimit(.minutes(1))) struct HotJournalTests {
  @Test(.requires(.sqlite3)) func uncommittedChangesAreRolledBackInMemory() throws {
    let sqlite3 = try StoreFixtures.sqlite3()
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let schema = try String(
      contentsOfFile: StoreFixtures.example("chromium-Cookies-v24.sql"), encoding: .utf8)
    let many = """
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
      INSERT INTO cookies SELECT 13440038400000000, 'h' || i || '.example', '', 'n' || i, 'v' || i, X'', '/',
        0, 0, 0, 0, 0, 0, 1, -1, 2, 443, 0, 1, 0 FROM n;
      """
    let path = try StoreFixtures.sqliteDatabase(schema + many, named: "Cookies", in: dir)
    let live = try LiveDatabase(sqlite3: sqlite3, path: path)
    defer { live.close() }
    // A one-page cache forces SQLite to write changed pages into the main file before
    // commit; the originals are then only in Cookies-journal.
    let reply = live.send(
      "PRAGMA cache_size=1;\nBEGIN;\nUPDATE cookies SET value = 'uncommitted-' || value;", until: "mid-write")
    #expect(reply.contains("mid-write"), "\(reply)")
    #expect((try? Data(contentsOf: URL(fileURLWithPath: path + "-journal")))?.isEmpty == false)
    let before = InMemorySnapshotTests.tree(dir)
    let result = try StoreFixtures.load(path)
    // Rolled back in memory: the browser's main file and journal are as they were.
    #expect(InMemorySnapshotTests.tree(dir) == before)
    #expect(result.cookies.count == 3004)
    #expect(result.cookies.filter { $0.value.hasPrefix("uncommitted-") }.count == 0)
    #expect(result.cookies.last?.value == "v3000")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
  }
}
