import CrumbsTestSupport
import Foundation
import Testing

/// `y` and `Y` through the real terminal path: tmux with `set-clipboard on` keeps what an
/// application sends with OSC 52 in its paste buffer, as a terminal puts it on the clipboard.
@Suite(.serialized, .requires(.tmux)) struct InspectorCopyTmuxTests {
  @Test func yCopiesTheValueAndYTheSetCookieLine() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // No desktop clipboard here: only OSC 52 (PATH keeps wl-copy and xclip out of reach).
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path,
      env: ["DISPLAY": "", "WAYLAND_DISPLAY": ""])
    try t.tmux(["set-option", "-g", "set-clipboard", "on"])
    guard t.waitFor("5 total") else { return }
    try t.keys("/")
    try t.type("sid")
    t.waitFor("1 match")
    try t.keys("Enter", "y")
    t.waitFor("the value of sid (6 bytes)")
    #expect(try t.tmux(["show-buffer"]).text == "abc123")
    try t.keys("Y")
    t.waitFor("sid as a Set-Cookie line")
    let line = try t.tmux(["show-buffer"]).text
    #expect(line.hasPrefix("Set-Cookie: sid=abc123; Path=/; Expires="), "\(line)")
    #expect(line.hasSuffix("; Secure"), "\(line)")
    // Nothing of the sequence leaked onto the screen.
    #expect(!t.screen().contains("52;c;"))
    try t.keys("q")
    #expect(t.waitForExit())
  }
}

@Suite struct VersionOptionTests {
  @Test func versionPrintsTheVersion() throws {
    let r = try #require(try CrumbsRunner.run(["--version"]))
    #expect(r.status == 0)
    #expect(r.text.hasPrefix("crumbs "), "\(r.text)")
    #expect(r.text.split(separator: " ").last?.split(separator: ".").count == 3, "\(r.text)")
  }
}

/// `crumbs --diff A B` in the real binary: two curl jars of different runs, a side taken,
/// the result saved with W.
@Suite(.serialized, .requires(.tmux)) struct InspectorCompareTmuxTests {
  @Test func compareTakeASideAndSaveTheResult() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = TestEnvironment.fixture("netscape/curl.txt").path
    let b = TestEnvironment.fixture("netscape/curl-https.txt").path
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) --now 1795643000 --diff \(a) \(b)", width: 140, height: 30,
      directory: dir.path)
    guard t.waitFor("Status") else { return }
    t.waitFor("~ changed")
    t.waitFor("+ added")
    try t.keys("/")
    try t.type("name:multi2")
    t.waitFor("1 match")
    try t.keys("Enter", "L")
    t.waitFor("multi2: ")
    try t.keys("Escape", "W")
    t.waitFor("Save as / export")
    try t.keys("C-u")
    try t.type("result.txt")
    try t.keys("Enter")
    // The loss list (SameSite and such in cookies.txt) may ask first.
    for _ in 0..<100 where !t.screen().contains("Exported") {
      if t.screen().contains("Write anyway?") { try t.keys("y") }
      usleep(100_000)
    }
    t.waitFor("Exported")
    // Taking a side is an unsaved change of the compare view: quitting asks.
    try t.keys("q")
    t.waitFor("Quit without saving?")
    try t.keys("y")
    #expect(t.waitForExit())
    let result = try String(contentsOf: dir.appendingPathComponent("result.txt"), encoding: .utf8)
    let fromA = try String(contentsOfFile: a, encoding: .utf8).split(separator: "\n").first {
      $0.contains("\tmulti2\t")
    }
    let fromB = try String(contentsOfFile: b, encoding: .utf8).split(separator: "\n").first {
      $0.contains("\tmulti2\t")
    }
    let line = try #require(fromA)
    #expect(fromA != fromB)
    #expect(result.contains(String(line)), "multi2 as curl.txt has it")
    #expect(result.contains("__Host-id"), "the cookie only in the right jar is kept")
  }
}
