import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

@testable import BrowserStores

/// Issue "Trust": the private copy of a browser store must not outlive the process on any
/// signal, SIGKILL included. The store is read into memory (main file, hot `-journal`
/// rolled back, committed `-wal` frames replayed) and never written anywhere.
@Suite(.timeLimit(.minutes(2))) struct InMemorySnapshotTests {
  static func bytes(_ path: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: path)) }

  /// Every file under `dir` (relative path → bytes), to compare a folder before and after.
  static func tree(_ dir: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    let base = dir.resolvingSymlinksInPath().path
    let walker = FileManager.default.enumerator(atPath: base)
    while let relative = walker?.nextObject() as? String {
      files[relative] = bytes(base + "/" + relative) ?? Data()
    }
    return files
  }

  /// Copies fixtures into a fresh folder (the browser's profile for the test).
  static func profile(_ files: [(from: String, to: String)]) throws -> URL {
    let dir = try StoreFixtures.temporaryFolder()
    for f in files {
      try FileManager.default.copyItem(atPath: f.from, toPath: dir.appendingPathComponent(f.to).path)
    }
    return dir
  }

  /// The real binary reads each kind of store with TMPDIR (and SQLite's SQLITE_TMPDIR)
  /// pointing at an empty private folder: the folder is still empty afterwards, so a
  /// `kill -9` at any moment could not have left a copy of the cookies behind.
  @Test func readingAStoreWritesNothingToTheTemporaryDirectory() throws {
    let binary = TestEnvironment.crumbsBinary
    try #require(
      FileManager.default.isExecutableFile(atPath: binary.path),
      "\(binary.path) is missing; run `swift build` first")
    let profile = try Self.profile([
      (StoreFixtures.browser("firefox-live/cookies.sqlite"), "cookies.sqlite"),
      (StoreFixtures.browser("firefox-live/cookies.sqlite-wal"), "cookies.sqlite-wal"),
      (StoreFixtures.browser("chromium-Cookies"), "Cookies"),
      (StoreFixtures.example("firefox-cookies-v17.sqlite"), "plain.sqlite"),
    ])
    defer { try? FileManager.default.removeItem(at: profile) }
    let tmp = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = tmp.path
    environment["SQLITE_TMPDIR"] = tmp.path
    let before = Self.tree(profile)
    for (store, count) in [("cookies.sqlite", 9), ("Cookies", 15), ("plain.sqlite", 4)] {
      let path = profile.appendingPathComponent(store).path
      let out = try runProcess(
        binary, ["list", "--json", "--now", "1795564800", path], environment: environment)
      #expect(out.status == 0, "\(store): \(out.stderr)")
      let cookies = try JSONSerialization.jsonObject(with: out.stdout) as? [[String: Any]]
      #expect((cookies?.count ?? 0) >= count, "\(store): \(out.text.prefix(200))")
      #expect(Self.tree(tmp).isEmpty, "reading \(store) left \(Self.tree(tmp).keys.sorted()) in TMPDIR")
    }
    #expect(Self.tree(profile) == before)
    // Standard input too (no siblings to read).
    let stdin = try #require(Self.bytes(StoreFixtures.example("chromium-Cookies-v24.sqlite")))
    let piped = try runProcess(binary, ["list", "--json", "-"], stdin: stdin, environment: environment)
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(Self.tree(tmp).isEmpty)
  }

  /// `kill -9` in the middle of reading a large store: TMPDIR, watched the whole time the
  /// binary runs, never holds anything, so nothing can be left behind. (The old reader kept
  /// a copy there for the whole read and lost it to SIGKILL.)
  @Test(.requires(.sqlite3)) func aKillDuringTheReadLeavesNothingBehind() throws {
    let binary = TestEnvironment.crumbsBinary
    try #require(
      FileManager.default.isExecutableFile(atPath: binary.path),
      "\(binary.path) is missing; run `swift build` first")
    let profile = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: profile) }
    let tmp = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let schema = try String(
      contentsOfFile: StoreFixtures.example("chromium-Cookies-v24.sql"), encoding: .utf8)
    let many = """
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
      INSERT INTO cookies SELECT 13440038400000000, 'h' || i || '.example', '', 'n' || i,
        printf('%.200c', 'v') || i, X'', '/', 0, 0, 0, 0, 0, 0, 1, -1, 2, 443, 0, 1, 0 FROM n;
      """
    let path = try StoreFixtures.sqliteDatabase(schema + many, named: "Cookies", in: profile)
    let process = Process()
    process.executableURL = binary
    process.arguments = ["list", "--json", path]
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = tmp.path
    environment["SQLITE_TMPDIR"] = tmp.path
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let started = Date()
    try process.run()
    var seen: [String] = []
    var killed = false
    while process.isRunning && Date().timeIntervalSince(started) < 60 {
      let now = Self.tree(tmp).keys.sorted()
      if !now.isEmpty && seen.isEmpty { seen = now }
      if !killed && Date().timeIntervalSince(started) > 0.15 {
        kill(process.processIdentifier, SIGKILL)
        killed = true
      }
      usleep(1000)
    }
    process.waitUntilExit()
    #expect(seen.isEmpty, "while reading, TMPDIR held \(seen)")
    #expect(Self.tree(tmp).isEmpty, "after kill -9, TMPDIR holds \(Self.tree(tmp).keys.sorted())")
  }

  /// In process: the snapshot has no path at all, and reading leaves the browser's folder
  /// exactly as it was (no `-shm` created, no checkpoint into the main file).
  @Test func theWALFixtureIsReadFromMemoryAndLeftUntouched() throws {
    let dir = try Self.profile([
      (StoreFixtures.browser("firefox-live/cookies.sqlite"), "cookies.sqlite"),
      (StoreFixtures.browser("firefox-live/cookies.sqlite-wal"), "cookies.sqlite-wal"),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cookies.sqlite").path
    let before = Self.tree(dir)
    let data = try #require(Self.bytes(path))
    let snapshot = try DatabaseSnapshot.make(data: data, filePath: path)
    #expect(snapshot.walFrames > 0)
    #expect(snapshot.journal == nil)
    // The main file says WAL (2); the image SQLite gets says rollback journal (1).
    #expect(data[18] == 2 && data[19] == 2)
    var header = Array(snapshot.image.prefix(100))
    header.withUnsafeMutableBytes { DatabaseSnapshot.markRollbackMode($0) }
    #expect(header[18] == 1 && header[19] == 1)
    let names = try snapshot.open().read { db in
      try String.fetchAll(db, sql: "SELECT name FROM moz_cookies ORDER BY id")
    }
    let result = try StoreFixtures.load(path)
    #expect(names.count >= 9)
    #expect(result.cookies.map(\.name) == names)
    #expect(result.cookies.contains { $0.name == "expires_fixed" && $0.expires?.seconds == 1_812_536_294 })
    #expect(Self.tree(dir) == before)
    #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
  }

  /// A WAL whose last frame is torn (its checksum no longer matches): the transaction it
  /// would have committed is left out, every earlier commit is read, exactly as sqlite3
  /// itself reads the same files.
  @Test(.requires(.sqlite3)) func aTornLastFrameDropsOnlyItsTransaction() throws {
    let sqlite3 = try StoreFixtures.sqlite3()
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let schema = try String(contentsOfFile: StoreFixtures.example("firefox-cookies-v17.sql"), encoding: .utf8)
    let path = try StoreFixtures.sqliteDatabase(
      schema + "\nPRAGMA journal_mode=WAL;\n", named: "cookies.sqlite", in: dir)
    let live = try LiveDatabase(sqlite3: sqlite3, path: path)
    let row = { (id: Int, name: String) in
      "INSERT INTO moz_cookies VALUES(\(id),'','\(name)','\(String(repeating: "v", count: 900))',"
        + "'www.example.com','/',1812536294000,0,0,1,0,0,1,2,0,0);"
    }
    // Two committed transactions; the second spans several pages, so several frames.
    let reply = live.send(
      "PRAGMA wal_autocheckpoint=0;\n" + row(5, "first") + "\nBEGIN;\n"
        + (6..<30).map { row($0, "second-\($0)") }.joined(separator: "\n") + "\nCOMMIT;",
      until: "written")
    #expect(reply.contains("written"), "\(reply)")
    let main = try #require(Self.bytes(path))
    var wal = [UInt8](try #require(Self.bytes(path + "-wal")))
    live.close()

    let full = try #require(WriteAheadLog(wal))
    let pageSize = full.pageSize
    let frames = (wal.count - WriteAheadLog.headerSize) / (WriteAheadLog.frameHeaderSize + pageSize)
    #expect(full.committedFrames == frames, "every frame of the intact log is committed")
    #expect(frames >= 3)
    // Tear the last frame: one byte of its page changes, so its checksum fails.
    wal[wal.count - 1] ^= 0xFF
    let torn = try #require(WriteAheadLog(wal))
    #expect(torn.committedFrames < frames - 1, "the second transaction's earlier frames stay out")
    #expect(torn.committedFrames >= 1)

    let copy = dir.appendingPathComponent("torn")
    try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
    let tornPath = copy.appendingPathComponent("cookies.sqlite").path
    try main.write(to: URL(fileURLWithPath: tornPath))
    try Data(wal).write(to: URL(fileURLWithPath: tornPath + "-wal"))
    let result = try StoreFixtures.load(tornPath)
    #expect(result.cookies.map(\.name) == ["lang", "sid", "sid", "__Host-embed", "first"])
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    // sqlite3 reads the same (from its own scratch copy: it writes a -shm and checkpoints).
    let scratch = dir.appendingPathComponent("scratch")
    try FileManager.default.copyItem(at: copy, to: scratch)
    let theirs = try StoreFixtures.run(
      sqlite3, [scratch.appendingPathComponent("cookies.sqlite").path, "SELECT count(*) FROM moz_cookies"])
    #expect(theirs.out == "\(result.cookies.count)\n")
  }

  /// A log with a damaged header (here its salt, so the header checksum fails) is no log:
  /// SQLite ignores it, and so does the snapshot.
  @Test func aLogWithABadHeaderIsIgnored() throws {
    var wal = [UInt8](try #require(Self.bytes(StoreFixtures.browser("firefox-live/cookies.sqlite-wal"))))
    #expect((WriteAheadLog(wal)?.committedFrames ?? 0) > 0)
    wal[16] ^= 0x01
    #expect(WriteAheadLog(wal)?.committedFrames == nil)
    #expect(WriteAheadLog(Array(wal.prefix(31)))?.committedFrames == nil)
  }

  /// A rollback journal whose header is zeroed (committed in PERSIST mode) or empty
  /// (TRUNCATE mode) changes nothing; a hot one restores the original pages.
  @Test func rollbackJournalPlayback() throws {
    let main = [UInt8](try #require(Self.bytes(StoreFixtures.example("chromium-Cookies-v24.sqlite"))))
    let pageSize = 4096
    #expect(main.count % pageSize == 0 && main.count >= 2 * pageSize)
    var image = main
    #expect(RollbackJournal.rollBack([], into: &image) { _ in true } == .notHot)
    let zeroed = [UInt8](repeating: 0, count: 1024)
    #expect(RollbackJournal.rollBack(zeroed, into: &image) { _ in true } == .notHot)
    #expect(image == main)

    // A transaction that changed page 2 and appended page N+1: the journal holds page 2's
    // original and the original size; rolling back restores both.
    let sector = 512
    var journal = RollbackJournal.magic
    let nonce: UInt32 = 0x1234_5678
    for v in [UInt32(1), nonce, UInt32(main.count / pageSize), UInt32(sector), UInt32(pageSize)] {
      journal += Self.be32(v)
    }
    journal += [UInt8](repeating: 0, count: sector - journal.count)
    let original = Array(main[pageSize..<2 * pageSize])
    journal += Self.be32(2) + original
    journal += Self.be32(RollbackJournal.checksum(journal, journal.count - pageSize, pageSize, nonce))
    var changed = main
    for i in pageSize..<2 * pageSize { changed[i] = 0xAB }
    changed += [UInt8](repeating: 0xCD, count: pageSize)
    #expect(RollbackJournal.rollBack(journal, into: &changed) { _ in true } == .rolledBack(pages: 1))
    #expect(changed == main)

    // A bad record checksum ends the playback before that record (never synced, so the
    // page it stands for was never written); the size is still restored.
    var badSum = journal
    badSum[badSum.count - 1] ^= 1
    var grown = main + [UInt8](repeating: 0xCD, count: pageSize)
    #expect(RollbackJournal.rollBack(badSum, into: &grown) { _ in true } == .rolledBack(pages: 0))
    #expect(grown == main)

    // A header with an impossible page size is damaged: reading refuses rather than guess.
    var damaged = journal
    damaged.replaceSubrange(24..<28, with: Self.be32(1000))
    if case .damaged = RollbackJournal.rollBack(damaged, into: &image, superJournalExists: { _ in true }) {
    } else {
      Issue.record("a journal with page size 1000 was not reported as damaged")
    }
  }

  /// A journal naming a super-journal that no longer exists belongs to a committed
  /// multi-database transaction: not hot (pager.c `pager_playback`).
  @Test func aJournalWhoseSuperJournalIsGoneIsNotHot() throws {
    let main = [UInt8](try #require(Self.bytes(StoreFixtures.example("chromium-Cookies-v24.sqlite"))))
    var journal = RollbackJournal.magic
    for v: UInt32 in [0, 0, UInt32(main.count / 4096), 512, 4096] { journal += Self.be32(v) }
    journal += [UInt8](repeating: 0, count: 512 - journal.count)
    let name = Array("/p/Cookies-mj01".utf8)
    journal += Self.be32(UInt32(RollbackJournal.pendingByte / 4096 + 1)) + name
    journal += Self.be32(UInt32(name.count)) + Self.be32(name.reduce(0) { $0 + UInt32($1) })
    journal += RollbackJournal.magic
    #expect(RollbackJournal.superJournalName(journal) == "/p/Cookies-mj01")
    var image = main + [UInt8](repeating: 0, count: 4096)
    #expect(RollbackJournal.rollBack(journal, into: &image) { _ in false } == .notHot)
    #expect(image.count == main.count + 4096)
    #expect(RollbackJournal.rollBack(journal, into: &image) { _ in true } == .rolledBack(pages: 0))
    #expect(image == main)
  }

  static func be32(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
  }
}
