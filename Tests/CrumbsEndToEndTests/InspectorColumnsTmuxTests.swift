import CrumbsTestSupport
import Foundation
import Testing

/// Issue 9 §1 and §2 in the real binary: the columns at 80×24 and 120×32, Name pinned, the
/// settings file under XDG_CONFIG_HOME, and deleting only what is shown.
@Suite(.serialized, .requires(.tmux)) struct InspectorColumnsTmuxTests {
  /// The tmux jar with `sid` HttpOnly (curl's `#HttpOnly_` prefix) and Secure.
  static let jar = tmuxJar.replacingOccurrences(
    of: "www.example.com\tFALSE\t/\tTRUE", with: "#HttpOnly_www.example.com\tFALSE\t/\tTRUE")

  static func directory() throws -> URL {
    let dir = try makeJarDirectory()
    try Data(jar.utf8).write(to: dir.appendingPathComponent("jar.txt"))
    return dir
  }

  static let command = "\(TmuxSession.binary) --now 1800000000 jar.txt"

  func line(_ t: TmuxSession, _ y: Int) -> String {
    let lines = t.screen().components(separatedBy: "\n")
    return y < lines.count ? lines[y] : ""
  }

  @Test(arguments: [(80, 24), (120, 32)])
  func theMainColumnsFitAndNameStaysPinned(_ size: (Int, Int)) throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: Self.command, width: size.0, height: size.1, directory: dir.path)
    guard t.waitFor("5 shown") else { return }
    let header = line(t, 0)
    for title in ["Name", "Value", "Domain", "Path", "Expires", "Flags"] {
      #expect(header.contains(title), "\(size): no \(title) in \(header)")
    }
    #expect(!header.contains("…"), "\(size): a header was cut: \(header)")
    #expect(header.contains("Domains") == (size.0 >= 100))
    // sid is HttpOnly and Secure.
    #expect(t.screen().contains("H S"), "\(size): no flags shown:\n\(t.screen())")
    // Scroll to the far right: Name stays.
    for _ in 0..<10 { try t.keys("l") }
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline && !line(t, 0).contains("Priority") { usleep(50_000) }
    let scrolled = line(t, 0)
    #expect(scrolled.contains("Priority"), "\(size): did not scroll to Priority: \(scrolled)")
    #expect(scrolled.contains("Name"), "\(size): Name scrolled away: \(scrolled)")
    #expect(!scrolled.contains("…"), "\(size): a header was cut: \(scrolled)")
    #expect(t.screen().contains("theme"))
    try t.keys("q")
    #expect(t.waitForExit())
  }

  @Test func columnSettingsAreRememberedBetweenRuns() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = dir.appendingPathComponent(".test-config/crumbs/inspector.json")
    do {
      let t = try TmuxSession(command: Self.command, width: 120, height: 32, directory: dir.path)
      guard t.waitFor("5 shown") else { return }
      // Domain: wider by 4, sorted; Path hidden; Expires shows dates only.
      try t.keys("l", "l", ">", ">")
      t.waitFor("Domain: ")
      try t.keys("[")
      t.waitFor("Sorted by Domain ascending")
      try t.keys("l", "-")
      t.waitFor("Hid Path")
      try t.keys("t")
      try t.keys("q")
      #expect(t.waitForExit())
    }
    let text = try String(contentsOf: config, encoding: .utf8)
    #expect(text.contains("\"path\""), "\(text)")
    #expect(text.contains("\"sort\": {\"column\": \"domain\", \"descending\": false}"), "\(text)")
    #expect(text.contains("\"expires\": \"absolute\""), "\(text)")
    #expect(text.contains("\"domain\": "), "\(text)")
    let t = try TmuxSession(command: Self.command, width: 120, height: 32, directory: dir.path)
    guard t.waitFor("5 shown") else { return }
    let header = line(t, 0)
    #expect(header.contains("Domain ▲"), "\(header)")
    #expect(!header.contains("Path"), "\(header)")
    // Absolute dates, no relative part.
    #expect(t.screen().contains("2030-03-17 17:46"), "\(t.screen())")
    #expect(!t.screen().contains("in 3 y"), "\(t.screen())")
    try t.keys("q")
    #expect(t.waitForExit())
  }

  @Test func aBrokenSettingsFileWarnsAndUsesTheDefaults() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let folder = dir.appendingPathComponent(".test-config/crumbs")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let config = folder.appendingPathComponent("inspector.json")
    try Data("{\"hiddenColumns\": [\"name\"".utf8).write(to: config)
    let t = try TmuxSession(command: Self.command, width: 120, height: 32, directory: dir.path)
    guard t.waitFor("Settings not used (not valid JSON; defaults instead)") else { return }
    #expect(line(t, 0).contains("Flags") && line(t, 0).contains("Name"))
    // A change writes a good file over the broken one.
    try t.keys("t", "q")
    #expect(t.waitForExit())
    let data = try Data(contentsOf: config)
    #expect(
      (try? JSONSerialization.jsonObject(with: data)) != nil, "\(String(decoding: data, as: UTF8.self))")
  }

  @Test func withoutXDGConfigHomeTheFileGoesUnderHome() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(
      command: Self.command, width: 120, height: 32, directory: dir.path,
      env: ["XDG_CONFIG_HOME": "", "HOME": dir.path])
    guard t.waitFor("5 shown") else { return }
    try t.keys("t", "q")
    #expect(t.waitForExit())
    let text = try String(
      contentsOf: dir.appendingPathComponent(".config/crumbs/inspector.json"), encoding: .utf8)
    #expect(text.contains("\"expires\": \"absolute\""))
  }

  @Test func deleteTakesOnlyShownMarksAndEscClearsMarks() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: Self.command, width: 120, height: 32, directory: dir.path)
    guard t.waitFor("5 shown") else { return }
    // Mark lang and sid; filter to sid; d deletes sid only.
    try t.keys("Space", "Space")
    t.waitFor("2 marked")
    try t.keys("/")
    try t.type("sid")
    t.waitFor("1 match")
    try t.keys("Enter", "d")
    t.waitFor("1 marked cookie hidden by the filter stays.")
    try t.keys("y")
    t.waitFor("Deleted 1 cookie")
    try t.keys("Escape")
    t.waitFor("4 shown · 1 marked")
    try t.keys("Escape")
    t.waitFor("4 shown · 0 marked")
    try t.keys("w")
    t.waitFor("Saved 4 cookies")
    try t.keys("q")
    #expect(t.waitForExit())
    let saved = try String(contentsOf: dir.appendingPathComponent("jar.txt"), encoding: .utf8)
    #expect(!saved.contains("\tsid\t") && saved.contains("\tlang\t"))
  }

  @Test func theDomainListJumpsAndDeletesAWholeDomain() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: Self.command, width: 120, height: 32, directory: dir.path)
    guard t.waitFor("5 shown") else { return }
    try t.keys("Tab", "/")
    try t.type("www")
    t.waitFor("domain: www")
    try t.keys("Enter")
    t.waitFor("domain www.example.com")
    try t.keys("d")
    t.waitFor("Delete all 2 cookies of www.example.com?")
    try t.keys("y")
    t.waitFor("Deleted 2 cookies of www.example.com")
    t.waitFor("3 total")
    try t.keys("u")
    t.waitFor("5 total")
    try t.keys("q")
    #expect(t.waitForExit())
  }

  @Test func capitalDDeletesTheSessionCookiesAt80Columns() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: Self.command, width: 80, height: 24, directory: dir.path)
    guard t.waitFor("5 shown") else { return }
    try t.keys("D")
    t.waitFor("Delete all 1 session cookie?")
    try t.keys("y")
    // At 80 columns the message takes room: the counts show in their short form.
    t.waitFor("4/4 shown")
    try t.keys("w")
    t.waitFor("Saved 4 cookies")
    try t.keys("q")
    #expect(t.waitForExit())
    let saved = try String(contentsOf: dir.appendingPathComponent("jar.txt"), encoding: .utf8)
    #expect(!saved.contains("theme"))
  }
}
