import CookieCore
import Dispatch
import Foundation
import Inspector
import TerminalKit
import Testing

@testable import crumbs

/// The inspector's run loop with its save on the save thread (`BackgroundSave`), driven
/// without a terminal: a write held half-way (a slow disk) while keys are handled, and a
/// quit meanwhile that waits for the complete file.
@Suite("Inspector saves in the background")
struct BackgroundSaveTests {
  /// Holds the save thread after its first piece until `open()`.
  final class Gate: @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen = false
    private let reached = DispatchSemaphore(value: 0)
    private let release = DispatchSemaphore(value: 0)
    private var signalled = false

    func pieceWritten() {
      let wait = lock.withLock { () -> Bool in
        if isOpen || signalled { return false }
        signalled = true
        return true
      }
      guard wait else { return }
      reached.signal()
      release.wait()
    }

    /// Waits until the save thread is held (a hang guard, not a timing).
    func waitUntilHeld() -> Bool { reached.wait(timeout: .now() + 120) == .success }

    func open() {
      lock.withLock { isOpen = true }
      release.signal()
    }
  }

  static let now = Instant(seconds: 1_795_000_000)

  /// A cookies.txt of `n` cookies, a tenth of them expired.
  static func jar(_ n: Int) -> String {
    var s = "# Netscape HTTP Cookie File\n"
    for i in 0..<n {
      let expires = i % 10 == 0 ? 1_700_000_000 : 1_900_000_000 + i
      s +=
        "site\(i % 97).example\tFALSE\t/\tFALSE\t\(expires)\tc\(i)\tvalue-\(i)-\(String(repeating: "x", count: i % 40))\n"
    }
    return s
  }

  static func session(_ path: String, gate: Gate) throws -> InspectorSession {
    let jar = try JarLoader.load(path, now: now, keepOriginal: true)
    let state = AppState(
      store: CookieStore(loading: jar.cookies), now: now,
      files: [OpenFile(name: path, format: jar.format, dialect: jar.dialect)], width: 120, height: 30,
      backgroundWork: true)
    var session = InspectorSession(
      state: state,
      sources: [LoadedSource(name: path, format: jar.format, stamp: jar.stamp, cookieCount: jar.cookieCount)],
      originals: jar.original.map { [path: $0] } ?? [:], fixedClock: true)
    session.saves = BackgroundSave { _, _ in gate.pieceWritten() }
    return session
  }

  static func keys(_ text: String) -> [Msg] {
    text.split(separator: " ").map { .key(Key(String($0))) }
  }

  static func screen(_ s: AppState) -> String {
    var buf = Buffer(width: s.width, height: s.height)
    render(s, into: &buf)
    return buf.text
  }

  /// One turn of the run loop without a terminal: collect the writes, apply what came back.
  /// Returns true when the loop would end.
  static func turn(_ session: inout InspectorSession, _ msgs: [Msg] = []) -> Bool {
    let queue = session.collectWrites() + msgs
    if session.quitting && queue.isEmpty && !session.saves.isBusy { return true }
    return session.perform(queue, terminal: nil)
  }

  static func temporaries(in dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.contains(AtomicFile.temporaryMarker)
    }
  }

  @Test("keys are handled while a save is written, and a quit waits for the complete file")
  func keysDuringASaveAndQuitWaits() throws {
    let dir = try AtomicFileTests.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("jar.txt").path
    let original = BackgroundSaveTests.jar(3000)
    try Data(original.utf8).write(to: URL(fileURLWithPath: path))
    let gate = Gate()
    defer { gate.open() }
    var session = try BackgroundSaveTests.session(path, gate: gate)
    while session.state.hasPendingWork { _ = BackgroundSaveTests.turn(&session, [.work]) }
    #expect(session.state.expiredCount == 300)

    // Purge the expired cookies, then save: the write is held after its first piece.
    #expect(!BackgroundSaveTests.turn(&session, BackgroundSaveTests.keys("P y w")))
    #expect(session.state.store.count == 2700)
    let snapshot = session.state.store.cookies
    #expect(session.saves.isBusy)
    #expect(gate.waitUntilHeld())

    // The UI answers meanwhile: moving, filtering, deleting; the status line shows progress.
    #expect(!BackgroundSaveTests.turn(&session, BackgroundSaveTests.keys("j j j")))
    #expect(session.state.cursor == 3)
    #expect(!BackgroundSaveTests.turn(&session, BackgroundSaveTests.keys("/ 2 9 9 enter")))
    #expect(session.state.visible.allSatisfy { session.state.store[$0].name.contains("299") })
    #expect(!BackgroundSaveTests.turn(&session, BackgroundSaveTests.keys("esc d y")))
    #expect(session.state.store.count == 2699)
    #expect(BackgroundSaveTests.screen(session.state).contains("Saving… "))
    #expect(session.state.pendingWrites == [path])
    // Nothing replaced the file yet; the write goes to a temporary file beside it.
    #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
    #expect(try BackgroundSaveTests.temporaries(in: dir).count == 1)

    // Quit without saving the later deletion: the loop waits for the write in flight.
    #expect(!BackgroundSaveTests.turn(&session, BackgroundSaveTests.keys("q y")))
    #expect(session.quitting)
    #expect(session.state.message?.text == "Quitting when the save is written…")
    let cursor = session.state.cursor
    #expect(!BackgroundSaveTests.turn(&session, BackgroundSaveTests.keys("j")))
    #expect(session.state.cursor == cursor, "keys are ignored while quitting")
    gate.open()
    var turns = 0
    while !BackgroundSaveTests.turn(&session) {
      turns += 1
      #expect(turns < 100_000, "the save never finished")
      if turns >= 100_000 { return }
      usleep(1000)
    }
    // The file is the store as it was at `w`: complete, the later deletion not in it.
    let saved = try JarLoader.load(path, now: BackgroundSaveTests.now)
    func lines(_ cookies: [Cookie]) -> [String] {
      cookies.map { "\($0.domain) \($0.name)=\($0.value) \(String(describing: $0.expires))" }
    }
    #expect(lines(saved.cookies) == lines(snapshot))
    #expect(try BackgroundSaveTests.temporaries(in: dir).isEmpty)
    #expect(session.state.message?.text.hasPrefix("Saved 2700 cookies") == true)
    #expect(session.state.store.isDirty, "the deletion made during the save is still unsaved")
  }

  @Test("a save that finishes updates the file's stamp, so the next save goes ahead")
  func secondSaveAfterTheFirst() throws {
    let dir = try AtomicFileTests.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("jar.txt").path
    try Data(BackgroundSaveTests.jar(200).utf8).write(to: URL(fileURLWithPath: path))
    let gate = Gate()
    gate.open()
    var session = try BackgroundSaveTests.session(path, gate: gate)
    while session.state.hasPendingWork { _ = BackgroundSaveTests.turn(&session, [.work]) }
    for round in 1...2 {
      #expect(!BackgroundSaveTests.turn(&session, BackgroundSaveTests.keys("d y w")))
      session.saves.waitUntilIdle()
      #expect(!BackgroundSaveTests.turn(&session))
      #expect(
        session.state.message?.kind == .ok, "round \(round): \(String(describing: session.state.message))")
      #expect(!session.state.store.isDirty)
      #expect(try JarLoader.load(path, now: BackgroundSaveTests.now).cookies.count == 200 - round)
    }
  }
}
