import CookieCore
import Dispatch
import Foundation
import Inspector
import TerminalKit
import Testing

@testable import crumbs

/// `crumbs open` on a large cookies.txt: its first lines on screen at once
/// (`JarLoader.preview`), the whole jar read on a thread of its own and swapped in by the
/// run loop (`InspectorSession.swapInLoadIfReady`), keys held until then.
@Suite struct OpenPreviewTests {
  static let now = Instant(seconds: 1_800_000_000)

  static func jar(lines: Int) -> String {
    var s = "# Netscape HTTP Cookie File\n\n"
    for i in 0..<lines {
      s +=
        "site\(i % 53).example\tFALSE\t/p\(i % 7)\tTRUE\t1900000000\tc\(i)\tvalue-\(i)-\(String(repeating: "v", count: i % 50))\n"
    }
    return s
  }

  static func file(_ text: String, _ name: String) throws -> (URL, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crumbs-preview-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return (dir, url)
  }

  /// The preview is exactly the first cookies of the whole read, cut at a line end, never a
  /// cookie the whole read does not have.
  @Test func thePreviewIsTheFirstCookiesOfTheJar() throws {
    let (dir, url) = try OpenPreviewTests.file(OpenPreviewTests.jar(lines: 2000), "big.txt")
    defer { try? FileManager.default.removeItem(at: dir) }
    let whole = try JarLoader.load(url.path, now: OpenPreviewTests.now)
    for bytes in [100, 4096, 10_000, 1 << 20] {
      let first = try #require(
        JarLoader.preview(url.path, now: OpenPreviewTests.now, forced: nil, minimumSize: 1000, bytes: bytes))
      #expect(bytes < 4096 || !first.isEmpty)
      #expect(first == Array(whole.cookies.prefix(first.count)), "bytes \(bytes)")
      if bytes >= 1 << 20 { #expect(first.count == whole.cookies.count) }
    }
  }

  @Test func onlyALargeCookiesTxtIsPreviewed() throws {
    let (dir, url) = try OpenPreviewTests.file(OpenPreviewTests.jar(lines: 200), "small.txt")
    defer { try? FileManager.default.removeItem(at: dir) }
    let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
    #expect(JarLoader.preview(url.path, now: OpenPreviewTests.now, forced: nil, minimumSize: size + 1) == nil)
    #expect(JarLoader.preview(url.path, now: OpenPreviewTests.now, forced: nil, minimumSize: size) != nil)
    #expect(JarLoader.preview(url.path, now: OpenPreviewTests.now, forced: .json, minimumSize: 1) == nil)
    #expect(JarLoader.preview("-", now: OpenPreviewTests.now, forced: nil, minimumSize: 1) == nil)
    #expect(JarLoader.preview(dir.path, now: OpenPreviewTests.now, forced: nil, minimumSize: 1) == nil)
    let json = dir.appendingPathComponent("jar.json")
    try Data(#"[{"name": "a", "value": "b", "domain": "example.com", "path": "/"}]"#.utf8).write(to: json)
    #expect(JarLoader.preview(json.path, now: OpenPreviewTests.now, forced: nil, minimumSize: 1) == nil)
  }

  /// Holds the background load until `open()`.
  final class Gate: @unchecked Sendable {
    private let release = DispatchSemaphore(value: 0)
    func wait() { _ = release.wait(timeout: .now() + 120) }
    func open() { release.signal() }
  }

  static func session(previewOf url: URL, gate: Gate, fails: Bool = false) throws -> InspectorSession {
    let setup = InspectorSetup(
      now: now, note: nil, sessionKey: nil, redaction: ValueRedaction(digest: { _ in "x" }),
      settings: ViewSettings(), settingsWarning: nil)
    let first = try #require(JarLoader.preview(url.path, now: now, forced: nil, minimumSize: 1, bytes: 2000))
    var preview = setup.preview(first, of: url.path)
    _ = update(&preview, .resize(width: 120, height: 30))
    var session = InspectorSession(state: preview, sources: [], fixedClock: true)
    let load = JarsToOpen(
      sources: [.file(url.path)], input: try InputOptions.parse(["--now", "1800000000"]), diff: false)
    session.pendingLoad = BackgroundLoad {
      gate.wait()
      if fails {
        throw JarLoadError(
          description: "\(url.path): error: the file was truncated or rewritten while it was read; try again")
      }
      return setup.opened(try load.read())
    }
    return session
  }

  static func waitForLoad(_ session: InspectorSession) -> Bool {
    for _ in 0..<12_000 {
      if session.pendingLoad?.take() != nil { return true }
      usleep(10_000)
    }
    return false
  }

  @Test func keysWaitForTheJarAndActOnItOnceSwappedIn() throws {
    let (dir, url) = try OpenPreviewTests.file(OpenPreviewTests.jar(lines: 3000), "big.txt")
    defer { try? FileManager.default.removeItem(at: dir) }
    let gate = Gate()
    var session = try OpenPreviewTests.session(previewOf: url, gate: gate)
    #expect(session.state.reading)
    let previewCount = session.state.store.count
    #expect(previewCount > 0 && previewCount < 3000)
    #expect(OpenPreviewTests.screen(session.state).contains("reading… first \(previewCount) shown"))
    // A key and a tick while it is read: the tick acts, the key waits.
    var queue: [Msg] = [.key(Key("j")), .tick(OpenPreviewTests.now)]
    try session.swapInLoadIfReady(&queue)
    #expect(queue.count == 1 && session.held.count == 1)
    if case .tick = queue.first {} else { Issue.record("the tick was held: \(queue)") }
    #expect(session.state.reading)

    gate.open()
    #expect(OpenPreviewTests.waitForLoad(session))
    queue = []
    try session.swapInLoadIfReady(&queue)
    #expect(session.pendingLoad == nil)
    #expect(!session.state.reading)
    #expect(session.state.store.count == 3000)
    #expect(session.state.width == 120 && session.state.height == 30)
    #expect(session.sources.map(\.name) == [url.path] && session.originals[url.path] != nil)
    #expect(session.pendingIndex != nil)
    // The held key comes back first, to act on the whole jar.
    #expect(session.held.isEmpty)
    if case .key(let k)? = queue.first {
      #expect(k == Key("j"))
    } else {
      Issue.record("no held key: \(queue)")
    }
    #expect(OpenPreviewTests.screen(session.state).contains("3000 total"))
  }

  @Test func qQuitsWithoutWaitingForTheJar() throws {
    let (dir, url) = try OpenPreviewTests.file(OpenPreviewTests.jar(lines: 500), "big.txt")
    defer { try? FileManager.default.removeItem(at: dir) }
    let gate = Gate()
    defer { gate.open() }
    var session = try OpenPreviewTests.session(previewOf: url, gate: gate)
    var queue: [Msg] = [.key(Key("j"))]
    try session.swapInLoadIfReady(&queue)
    #expect(!session.quitting && session.held.count == 1)
    queue = [.key(Key("q"))]
    try session.swapInLoadIfReady(&queue)
    #expect(session.quitting)
    #expect(queue.isEmpty && session.held.isEmpty)
    #expect(session.state.reading, "the preview stays: the jar was never waited for")
  }

  @Test func aJarThatCannotBeReadEndsTheSessionWithItsError() throws {
    let (dir, url) = try OpenPreviewTests.file(OpenPreviewTests.jar(lines: 500), "big.txt")
    defer { try? FileManager.default.removeItem(at: dir) }
    let gate = Gate()
    var session = try OpenPreviewTests.session(previewOf: url, gate: gate, fails: true)
    gate.open()
    #expect(OpenPreviewTests.waitForLoad(session))
    var queue: [Msg] = []
    #expect(throws: JarLoadError.self) { try session.swapInLoadIfReady(&queue) }
  }

  static func screen(_ s: AppState) -> String {
    var buf = Buffer(width: s.width, height: s.height)
    Inspector.render(s, into: &buf)
    return buf.text
  }
}
