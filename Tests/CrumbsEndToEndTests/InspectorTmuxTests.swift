import CrumbsTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real binary in tmux: a private socket, a fixed size, LANG=C.UTF-8; keys are sent
/// and the screen is polled until the expected text shows (bounded wait).
final class TmuxSession {
  static let root = TestEnvironment.root
  static let binary = TestEnvironment.crumbsBinary.path

  let socket: String
  let name = "ui"

  init(command: String, width: Int = 100, height: Int = 30, directory: String, env: [String: String] = [:])
    throws
  {
    guard FileManager.default.isExecutableFile(atPath: TmuxSession.binary) else {
      throw TmuxError("\(TmuxSession.binary) is missing; run `swift build` before `swift test`")
    }
    socket = "crumbs-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    var args = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "-c", directory]
    // The inspector keeps its view settings under XDG_CONFIG_HOME: never the user's own.
    var environment = [
      "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "screen-256color",
      "XDG_CONFIG_HOME": directory + "/.test-config",
    ]
    environment.merge(env) { $1 }
    for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
    args.append(command)
    let r = try tmux(args)
    if r.status != 0 { throw TmuxError("tmux new-session failed: \(r.stderr)") }
  }

  deinit { _ = try? tmux(["kill-server"]) }

  @discardableResult
  func tmux(_ args: [String]) throws -> ProcessOutput {
    // posix_spawn, not `Process`: see `spawnProcess`.
    try runSpawned(["/usr/bin/env", "tmux", "-f", "/dev/null", "-L", socket] + args)
  }

  func screen(colors: Bool = false) -> String {
    (try? tmux(["capture-pane", "-p", "-t", name] + (colors ? ["-e"] : [])).text) ?? ""
  }

  /// Sends tmux key names (`Enter`, `Escape`, `C-u`, `j`).
  func keys(_ keys: String...) throws {
    for k in keys { try tmux(["send-keys", "-t", name, k]) }
  }

  /// Types text literally.
  func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

  /// Sends each of `steps`' keys and waits for the text that follows it on screen.
  func steps(_ steps: [(key: String, shows: String)], sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    for (key, text) in steps {
      try keys(key)
      waitFor(text, sourceLocation: sourceLocation)
    }
  }

  /// Polls the screen until `text` shows; records the screen on time-out.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation)
    -> Bool
  {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if screen().contains(text) { return true }
      usleep(50_000)
    }
    Issue.record("timed out waiting for \"\(text)\"; screen:\n\(screen())", sourceLocation: sourceLocation)
    return false
  }

  /// Polls until `a` or `b` shows: 0 for `a`, 1 for `b`, nil (recorded) on time-out.
  @discardableResult
  func waitForEither(
    _ a: String, _ b: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation
  ) -> Int? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      let s = screen()
      if s.contains(a) { return 0 }
      if s.contains(b) { return 1 }
      usleep(50_000)
    }
    Issue.record(
      "timed out waiting for \"\(a)\" or \"\(b)\"; screen:\n\(screen())", sourceLocation: sourceLocation)
    return nil
  }

  /// Waits until the session has ended (the program exited).
  func waitForExit(seconds: Double = 10) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if (try? tmux(["has-session", "-t", name]).status) != 0 { return true }
      usleep(50_000)
    }
    return false
  }
}

struct TmuxError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// A Netscape jar as curl writes it: two live cookies, a session one, two expired as of
/// `now` (1800000000 = 2027-01-15).
let tmuxJar = """
  # Netscape HTTP Cookie File
  # https://curl.se/docs/http-cookies.html

  .example.com\tTRUE\t/\tFALSE\t1900000000\tlang\ten-US
  www.example.com\tFALSE\t/\tTRUE\t1900000000\tsid\tabc123
  www.example.com\tFALSE\t/app\tFALSE\t0\ttheme\tdark
  .old.test\tTRUE\t/\tFALSE\t1700000000\tstale\t1
  .old.test\tTRUE\t/\tFALSE\t1600000000\tolder\t2

  """

func makeJarDirectory() throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crumbs-tmux-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  try Data(tmuxJar.utf8).write(to: dir.appendingPathComponent("jar.txt"))
  return dir
}

@Suite(.serialized, .requires(.tmux)) struct InspectorTmuxTests {
  @Test func openFilterEditDeletePurgeUndoSave() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path)
    guard t.waitFor("5 total") else { return }
    #expect(t.screen().contains("Domains"))
    // Filter, then edit the value of the one match.
    try t.keys("/")
    try t.type("sid")
    t.waitFor("1 match")
    try t.keys("Enter", "e", "Tab", "C-u")
    try t.type("edited123")
    t.waitFor("edited123")
    try t.keys("Enter")
    t.waitFor("Edited sid")
    try t.keys("Escape")
    t.waitFor("5 shown")
    // Delete `theme`.
    try t.keys("/")
    try t.type("theme")
    t.waitFor("1 match")
    try t.keys("Enter", "d")
    t.waitFor("Delete 1 cookie?")
    try t.keys("y")
    t.waitFor("Deleted 1 cookie")
    try t.keys("Escape")
    // Purge the two expired ones, undo, redo.
    try t.keys("P")
    t.waitFor("Purge 2 expired cookies?")
    try t.keys("y")
    t.waitFor("Purged 2 expired")
    t.waitFor("2 total")
    try t.keys("u")
    t.waitFor("Undid: purge 2 expired")
    t.waitFor("4 total")
    try t.keys("C-r")
    t.waitFor("Redid: purge 2 expired")
    t.waitFor("2 total")
    // Save, then quit without a question (nothing unsaved).
    try t.keys("w")
    t.waitFor("Saved 2 cookies")
    try t.keys("q")
    #expect(t.waitForExit(), "crumbs did not quit on q after saving")
    let saved = try String(contentsOf: dir.appendingPathComponent("jar.txt"), encoding: .utf8)
    #expect(saved.contains("\tsid\tedited123"))
    #expect(saved.contains("\tlang\ten-US"))
    #expect(!saved.contains("theme"))
    #expect(!saved.contains("stale") && !saved.contains("older"))
  }

  /// The index is built while the first frame shows: a later cookie of the same identity
  /// still replaces the earlier one, the status line says so, and keys act on the result.
  @Test func aDuplicateIsReplacedOnceTheIndexArrives() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = """
      # Netscape HTTP Cookie File
      example.com\tFALSE\t/\tFALSE\t0\tsid\tfirst-value
      example.com\tFALSE\t/\tFALSE\t0\tother\tkept
      example.com\tFALSE\t/\tFALSE\t0\tsid\tsecond-value

      """
    try Data(jar.utf8).write(to: dir.appendingPathComponent("dup.txt"))
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 dup.txt", directory: dir.path)
    guard t.waitFor("1 duplicate replaced by later ones") else { return }
    t.waitFor("2 total")
    #expect(t.screen().contains("second-value"))
    #expect(!t.screen().contains("first-value"))
    try t.steps([("d", "Delete 1 cookie?"), ("y", "1 total"), ("u", "2 total")])
    try t.keys("q")
    #expect(t.waitForExit(), "crumbs did not quit on q")
  }

  /// A cookies.txt over the preview size (16 MiB): its first lines show while the rest is
  /// read, and a key pressed meanwhile acts on the whole jar (`G`: its last cookie).
  @Test func aLargeJarShowsItsFirstLinesWhileTheRestIsRead() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let n = 140_000
    var jar = "# Netscape HTTP Cookie File\n"
    jar.reserveCapacity(n * 130)
    let value = String(repeating: "v", count: 96)
    for i in 0..<n { jar += "site\(i % 97).example\tFALSE\t/\tFALSE\t1900000000\tc\(i)\t\(value)\n" }
    try Data(jar.utf8).write(to: dir.appendingPathComponent("big.txt"))
    #expect(jar.utf8.count >= 16 << 20)
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 big.txt", directory: dir.path)
    let first = t.waitForEither("reading… first", "\(n) total", seconds: 60)
    if first == 0 { #expect(t.screen().contains("Reading big.txt: its first")) }
    try t.keys("G")
    t.waitFor("\(n) total", seconds: 60)
    // The selected row is the last cookie (its domain: the screen is too narrow for names).
    let last = "site\((n - 1) % 97).example "
    t.waitFor(last, seconds: 20)
    let selected = t.screen().split(separator: "\n").first { $0.contains("›") }
    #expect(selected?.contains(last) == true, "\(t.screen())")
    #expect(!t.screen().contains("reading…"))
    try t.keys("q")
    #expect(t.waitForExit(), "crumbs did not quit on q")
  }

  @Test func editorEditsTheValue() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A stand-in for $EDITOR that replaces the file it is given.
    let editor = dir.appendingPathComponent("editor.sh")
    try Data("#!/bin/sh\nprintf 'from-the-editor' > \"$1\"\n".utf8).write(to: editor)
    chmod(editor.path, 0o755)
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path,
      // Run by sh, not exec'd: a file just written can be "busy" (ETXTBSY) while another
      // test's fork still holds its descriptor.
      env: ["EDITOR": "sh \(editor.path)"])
    guard t.waitFor("5 total") else { return }
    try t.keys("e", "C-e")
    t.waitFor("from-the-editor")
    try t.keys("Enter")
    t.waitFor("Edited lang")
    try t.keys("w")
    t.waitFor("Saved 5 cookies")
    try t.keys("q")
    #expect(t.waitForExit())
    let saved = try String(contentsOf: dir.appendingPathComponent("jar.txt"), encoding: .utf8)
    #expect(saved.contains("\tlang\tfrom-the-editor"))
  }

  @Test func saveAsExportsToAnotherFormat() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path)
    guard t.waitFor("5 total") else { return }
    try t.keys("W")
    t.waitFor("Save as / export")
    try t.keys("C-u")
    try t.type("out.json")
    // Tab to the format row, then step right until json is chosen (netscape comes first).
    try t.keys("Tab", "Right", "Enter")
    // What the format loses is worked out on the save thread: a question may come first.
    if t.waitForEither("Write anyway?", "Exported 5 cookies") == 0 { try t.keys("y") }
    t.waitFor("Exported 5 cookies to out.json (json)")
    try t.keys("q")
    #expect(t.waitForExit())
    let data = try Data(contentsOf: dir.appendingPathComponent("out.json"))
    let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    #expect(array?.count == 5)
    #expect(array?.contains { $0["name"] as? String == "sid" && $0["secure"] as? Bool == true } == true)
  }

  /// Exporting to a format that loses data: the save thread lists the losses and nothing is
  /// written until the user says yes; no leaves no file.
  @Test func aLossyExportAsksFirstAndWritesOnlyOnYes() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = """
      [{"name":"cross","value":"1","domain":".example.com","path":"/","secure":true,"httpOnly":false,
        "sameSite":"no_restriction","expirationDate":1900000000,"hostOnly":false,"session":false}]
      """
    try Data(json.utf8).write(to: dir.appendingPathComponent("in.json"))
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 in.json", directory: dir.path)
    guard t.waitFor("1 total") else { return }
    let out = dir.appendingPathComponent("out.txt")
    for answer in ["n", "y"] {
      try t.keys("W")
      t.waitFor("Save as / export")
      try t.keys("C-u")
      try t.type("out.txt")
      // The format row starts at the input's (json); netscape is the one before it.
      try t.keys("Tab", "Left", "Enter")
      guard t.waitFor("Write anyway?") else { return }
      #expect(t.screen().lowercased().contains("samesite"))
      #expect(!FileManager.default.fileExists(atPath: out.path), "written before the answer")
      try t.keys(answer)
      if answer == "n" {
        t.waitFor("Cancelled")
        #expect(!FileManager.default.fileExists(atPath: out.path))
      }
    }
    t.waitFor("Exported 1 cookies to out.txt (netscape)")
    let text = try String(contentsOf: out, encoding: .utf8)
    #expect(text.contains("\tcross\t1"))
    try t.keys("q")
    #expect(t.waitForExit())
  }

  @Test func aBrowserStoreIsReadOnlyAndSaveAsNeverWritesOverIt() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = dir.appendingPathComponent("cookies.sqlite")
    try FileManager.default.copyItem(
      at: TmuxSession.root.appendingPathComponent("Tests/Fixtures/browsers/firefox-cookies.sqlite"), to: store
    )
    let before = try Data(contentsOf: store)
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) --now 1800000000 cookies.sqlite", width: 140, directory: dir.path)
    guard t.waitFor("total") else { return }
    try t.keys("w")
    t.waitFor("browser store")
    // W proposes a new file next to the store, never the store itself.
    try t.keys("W")
    t.waitFor("Save as / export")
    #expect(t.screen().contains("cookies.txt"))
    // Typing the store's own name: refused before any question (the save policy is checked
    // before what the format loses is worked out).
    try t.keys("C-u")
    try t.type("cookies.sqlite")
    try t.keys("Enter")
    #expect(t.waitForEither("browser cookie store", "Write anyway?") == 0)
    try t.keys("q")
    if t.screen().contains("Quit without saving?") { try t.keys("y") }
    #expect(t.waitForExit())
    #expect(try Data(contentsOf: store) == before, "the browser store was written")
  }

  @Test func saveAsAsksBeforeReplacingAnotherFileOrTheOpenOneChangedOnDisk() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let other = dir.appendingPathComponent("other.txt")
    try Data("my notes\n".utf8).write(to: other)
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) --now 1800000000 jar.txt", width: 140, directory: dir.path)
    guard t.waitFor("5 total") else { return }
    try t.keys("W")
    t.waitFor("Save as / export")
    try t.keys("C-u")
    try t.type("other.txt")
    try t.keys("Enter")
    t.waitFor("already exists")
    try t.keys("n")
    #expect(try Data(contentsOf: other) == Data("my notes\n".utf8))
    // The open file, changed by someone else, under another spelling of its name.
    let jar = dir.appendingPathComponent("jar.txt")
    let changed = tmuxJar + ".new.test\tTRUE\t/\tFALSE\t1900000000\tfromcurl\t1\n"
    try Data(changed.utf8).write(to: jar)
    try t.keys("W")
    t.waitFor("Save as / export")
    try t.keys("C-u")
    try t.type("./jar.txt")
    try t.keys("Enter")
    t.waitFor("changed on disk")
    try t.keys("n")
    #expect(try String(contentsOf: jar, encoding: .utf8) == changed)
    try t.keys("q")
    #expect(t.waitForExit())
  }

  @Test func withoutAFileItOpensTheBundledExample() throws {
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) --now 1800000000", directory: TmuxSession.root.path)
    guard t.waitFor("opened the bundled example") else { return }
    #expect(t.screen().contains("Examples/cookies.txt"))
    try t.keys("q")
    #expect(t.waitForExit())
  }

  @Test func quitAsksWhenUnsaved() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path)
    guard t.waitFor("5 total") else { return }
    try t.keys("d")
    t.waitFor("Delete 1 cookie?")
    try t.keys("y", "q")
    t.waitFor("Quit without saving?")
    try t.keys("y")
    #expect(t.waitForExit())
    let onDisk = try String(contentsOf: dir.appendingPathComponent("jar.txt"), encoding: .utf8)
    #expect(onDisk == tmuxJar, "quitting without saving changed the file")
  }

  @Test func resizingDownTo40x10AndBelowKeepsWorking() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path)
    guard t.waitFor("5 total") else { return }
    for (w, h) in [(40, 10), (20, 5), (120, 40), (40, 10)] {
      try t.tmux(["resize-window", "-t", t.name, "-x", String(w), "-y", String(h)])
      usleep(150_000)
    }
    t.waitFor("5/5 shown")
    try t.keys("j", "Enter")
    t.waitFor("Cookie sid")
    try t.keys("Enter", "q")
    #expect(t.waitForExit())
  }

  @Test(arguments: ["TERM", "INT", "HUP"])
  func signalsRestoreTheTerminal(_ signal: String) throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script =
      "\(TmuxSession.binary) --now 1800000000 jar.txt; echo EXITED:$?; stty -a | grep -o -- \"-*icanon\"; sleep 30"
    let t = try TmuxSession(command: "sh -c '\(script)'", directory: dir.path)
    guard t.waitFor("5 total") else { return }
    // crumbs is the child of the pane's shell.
    let shell = try t.tmux(["display-message", "-p", "-t", t.name, "#{pane_pid}"]).text
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let pid =
      ((try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? "")
      .split(separator: " ").first.map(String.init) ?? ""
    guard !pid.isEmpty else {
      Issue.record("cannot find the crumbs process under the pane's shell \(shell)")
      return
    }
    _ = try runSpawned(["/bin/kill", "-\(signal)", pid])
    t.waitFor("EXITED:")
    // `stty` prints a moment after the shell's echo: wait for its line (either spelling)
    // before judging, so a slow machine does not read the screen in between.
    t.waitFor("icanon")
    let screen = t.screen()
    // Back from the alternate screen, and the tty in canonical mode again.
    #expect(!screen.contains("Domains"), "the UI is still on screen after SIG\(signal):\n\(screen)")
    #expect(screen.contains("EXITED:\(128 + (signal == "TERM" ? 15 : signal == "INT" ? 2 : 1))"))
    #expect(
      screen.contains("\nicanon") || screen.hasPrefix("icanon"), "terminal left in raw mode:\n\(screen)")
  }

  @Test func ctrlZSuspendsAndFgResumes() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: "bash --norc --noprofile -i", directory: dir.path)
    try t.type("\(TmuxSession.binary) --now 1800000000 jar.txt")
    try t.keys("Enter")
    guard t.waitFor("5 total") else { return }
    try t.keys("C-z")
    t.waitFor("Stopped")
    #expect(!t.screen().contains("Domains"), "the UI is still drawn while suspended")
    try t.type("fg")
    try t.keys("Enter")
    t.waitFor("Domains")
    try t.keys("q")
    // Back at the shell: the UI is gone from the screen.
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline && t.screen().contains("Domains") { usleep(50_000) }
    #expect(!t.screen().contains("Domains"), "crumbs did not quit after fg and q")
  }

  /// Mouse as a terminal reports it (xterm X10 encoding, which ncurses reads as KEY_MOUSE):
  /// a click on a row selects it, a click on a column header sorts by it.
  @Test func mouseClicksSelectRowsAndSortByHeaders() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path)
    guard t.waitFor("5 total") else { return }
    /// Press and release of the left button at 0-based column `x`, row `y`.
    func click(x: Int, y: Int) throws {
      for button in [0, 3] {
        let bytes = [0x1B, 0x5B, 0x4D, 32 + button, 33 + x, 33 + y].map {
          Character(UnicodeScalar(UInt8($0)))
        }
        try t.type(String(bytes))
      }
    }
    func row(_ y: Int) -> String {
      let lines = t.screen().components(separatedBy: "\n")
      return y < lines.count ? lines[y] : ""
    }
    // File order: lang, sid, theme, … ; the third row is on screen line 3 (under the header).
    try click(x: 40, y: 3)
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline && !row(3).contains("›") { usleep(50_000) }
    #expect(row(3).contains("›") && row(3).contains("theme"), "click did not select the row: \(row(3))")
    // Click the Name header: sorted by name, `older` comes second.
    guard
      let nameX = row(0).range(of: "Name").map({ row(0).distance(from: row(0).startIndex, to: $0.lowerBound) }
      )
    else {
      Issue.record("no Name header: \(row(0))")
      return
    }
    try click(x: nameX + 1, y: 0)
    let sorted = Date().addingTimeInterval(5)
    while Date() < sorted && !row(2).contains("older") { usleep(50_000) }
    #expect(row(2).contains("older"), "header click did not sort by name: \(t.screen())")
    try t.keys("q")
    #expect(t.waitForExit())
  }

  @Test func controlCharactersAreShownEscapedAndColoursFollowNoColor() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data((tmuxJar + "evil.test\tFALSE\t/\tFALSE\t1900000000\tevil\tx\u{1b}]0;pwned\u{07}y\n").utf8)
      .write(to: dir.appendingPathComponent("jar.txt"))
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path, env: ["NO_COLOR": "1"])
    guard t.waitFor("evil") else { return }
    let screen = t.screen(colors: true)
    // Shown escaped (the Value column may cut the rest with `…`), never as a raw OSC.
    #expect(screen.contains("x\\x1b]0;pw"))
    #expect(!screen.contains("\u{1b}]0;"))
    // Every SGR parameter must be an attribute or a reset (39/49 default colours), never a colour.
    var colours: [String] = []
    for part in screen.components(separatedBy: "\u{1b}[").dropFirst() {
      guard let end = part.firstIndex(of: "m") else { continue }
      for p in part[..<end].split(separator: ";") {
        if let n = Int(p), (30...38).contains(n) || (40...48).contains(n) || (90...107).contains(n) {
          colours.append(String(p))
        }
      }
    }
    #expect(colours.isEmpty, "NO_COLOR set but colours were sent: \(colours)")
    try t.keys("q")
    #expect(t.waitForExit())
  }
}

@Suite struct InspectorNonTerminalTests {
  @Test func withoutATerminalItPointsToList() throws {
    guard FileManager.default.isExecutableFile(atPath: TmuxSession.binary) else {
      Issue.record("\(TmuxSession.binary) is missing; run `swift build` first")
      return
    }
    let r = try runSpawned([TmuxSession.binary, "Examples/cookies.txt"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("crumbs list"))
  }
}
