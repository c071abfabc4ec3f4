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
