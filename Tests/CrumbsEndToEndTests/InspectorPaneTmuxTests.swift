import CrumbsTestSupport
import Foundation
import Testing

/// The real binary in tmux for issue 9 §4: the problems view lists what went wrong reading
/// the jar, and a long value in the detail pane is folded until `z` unfolds it.
@Suite(.serialized, .requires(.tmux)) struct InspectorPaneTmuxTests {
  /// A curl-style jar with a line that is not a cookie (line 6) and a 3 KB value.
  static let jar =
    "# Netscape HTTP Cookie File\n\n"
    + ".example.com\tTRUE\t/\tFALSE\t1900000000\tlang\ten-US\n"
    + "www.example.com\tFALSE\t/\tTRUE\t1900000000\tbig\t" + String(repeating: "0123456789abcdef", count: 192)
    + "\n"
    + "accounts.example.com\tFALSE\t/\tTRUE\t1900000000\tsid\tabc\n"
    + "this line is not a cookie\n"

  static func directory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crumbs-pane-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(jar.utf8).write(to: dir.appendingPathComponent("jar.txt"))
    return dir
  }

  @Test func problemsViewListsTheBadLineAndEscReturns() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path)
    guard t.waitFor("3 total") else { return }
    #expect(t.waitFor("1 problem reading (! lists them)"))
    try t.keys("!")
    #expect(t.waitFor("Problems reading (Esc returns)"))
    #expect(t.waitFor("! warning  jar.txt:6"))
    try t.keys("Escape")
    #expect(t.waitFor("Domains"))
    #expect(!t.screen().contains("Problems reading"))
  }

  @Test func longValueFoldsAndZUnfolds() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) --now 1800000000 jar.txt", width: 100, height: 40, directory: dir.path)
    guard t.waitFor("3 total") else { return }
    try t.keys("j", "Enter")
    // 3,072 characters are ~40 lines at this width: folded, the attributes stay in view.
    #expect(t.waitFor("more lines (z unfolds)"))
    #expect(t.screen().contains("HttpOnly"))
    #expect(t.screen().contains("Source        jar.txt:4"))
    try t.keys("z")
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline && t.screen().contains("z unfolds") { usleep(50_000) }
    #expect(!t.screen().contains("z unfolds"))
    // Unfolded, the pane is a page of value: Ctrl-D pages down to the attributes.
    try t.keys("C-d", "C-d")
    #expect(t.waitFor("Source        jar.txt:4"))
    // The domain list groups the three hosts under example.com.
    #expect(t.screen().contains("example.com ▸"))
  }
}
