import CookieCore
import CrumbsTestSupport
import Foundation
import SessionSigning
import Testing

/// The inspector's URL view (`s`) and signed sessions (key from `--key-file`,
/// `CRUMBS_SECRET_KEY`; edit, re-sign), the real binary in tmux.
@Suite(.serialized, .requires(.tmux)) struct InspectorRequestSessionTmuxTests {
  @Test func theURLViewShowsTheHeaderAndWhyTheOthersStayHome() throws {
    let dir = try makeJarDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path)
    guard t.waitFor("5 total") else { return }
    try t.keys("s")
    t.waitFor("Which cookies does this URL get?")
    try t.keys("C-u")
    try t.type("http://www.example.com/app")
    try t.keys("Enter")
    // Send order: the longer path first (RFC 6265bis §5.8.3).
    t.waitFor("Cookie: theme=dark; lang=en-US")
    let screen = t.screen()
    #expect(screen.contains("Sent (2), in send order"))
    #expect(screen.contains("✗ sid @ www.example.com/"))
    #expect(screen.contains("Secure cookie, and the request is not secure (http)"))
    #expect(!screen.contains("stale @"), "a cookie of another site is listed")
    try t.keys("Escape")
    t.waitFor("5 total")
    #expect(!t.screen().contains("Cookie: theme"))
    try t.keys("q")
    #expect(t.waitForExit())
  }

  static let key = "k3y-for-tests"

  /// A directory with `key.txt` and `jar.txt` holding a Flask session `value`.
  static func sessionDirectory(value: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crumbs-tmux-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data((key + "\n").utf8).write(to: dir.appendingPathComponent("key.txt"))
    let jar = "# Netscape HTTP Cookie File\n\n#HttpOnly_localhost\tFALSE\t/\tFALSE\t0\tsession\t\(value)\n"
    try Data(jar.utf8).write(to: dir.appendingPathComponent("jar.txt"))
    return dir
  }

  /// Edits the selected session's payload in the form, saves the jar, quits; returns the
  /// saved value.
  static func editPayload(_ t: TmuxSession, to payload: String, dir: URL) throws -> String? {
    try t.keys("e")
    t.waitFor("Payload")
    try t.keys("Tab", "Tab", "C-u")
    try t.type(payload)
    try t.keys("Enter")
    guard t.waitFor("payload re-signed") else { return nil }
    try t.keys("w")
    t.waitFor("Saved 1 cookies")
    try t.keys("q")
    #expect(t.waitForExit())
    let saved = try String(contentsOf: dir.appendingPathComponent("jar.txt"), encoding: .utf8)
    #expect(!saved.contains(key), "the key was written to the jar")
    return saved.split(separator: "\n").first { $0.contains("\tsession\t") }?.split(separator: "\t").last.map(
      String.init)
  }

  @Test func keyFileVerifiesAndAnEditedPayloadIsReSigned() throws {
    let issued = SessionSigner.sign(
      .flask, payload: #"{"user":"alice"}"#, key: Data(Self.key.utf8), now: Instant(seconds: 1_700_000_000),
      compress: false)
    let dir = try Self.sessionDirectory(value: issued)
    defer { try? FileManager.default.removeItem(at: dir) }
    let started = Int64(Date().timeIntervalSince1970)
    // `crumbs open --key-file FILE` (no --now: the new signature gets the real time).
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) open --key-file key.txt jar.txt", directory: dir.path)
    guard t.waitFor("1 total") else { return }
    try t.keys("Enter")
    t.waitFor("Flask session: signature valid")
    #expect(!t.screen().contains(Self.key))
    try t.keys("Enter")
    let value = try #require(try Self.editPayload(t, to: #"{"user":"mallory","admin":true}"#, dir: dir))
    #expect(value != issued)
    let session = try #require(SignedSession.parse(value), "not a session: \(value)")
    #expect(session.kind == .flask)
    #expect(SessionSigner.verify(session, key: Data(Self.key.utf8)))
    #expect(session.payload == #"{"user":"mallory","admin":true}"#)
    #expect((session.signedAt?.seconds ?? 0) >= started - 1, "the timestamp is not fresh")
  }

  @Test func theKeyFromTheEnvironmentAndAWrongKeySayWhy() throws {
    let issued = SessionSigner.sign(
      .flask, payload: #"{"user":"alice"}"#, key: Data(Self.key.utf8), now: Instant(seconds: 1_700_000_000),
      compress: false)
    let dir = try Self.sessionDirectory(value: issued)
    defer { try? FileManager.default.removeItem(at: dir) }
    let t = try TmuxSession(
      command: "\(TmuxSession.binary) --now 1800000000 jar.txt", directory: dir.path,
      env: ["CRUMBS_SECRET_KEY": "not-the-key"])
    guard t.waitFor("1 total") else { return }
    try t.keys("Enter")
    t.waitFor("signature invalid: signature does not match")
    // Without a key that verifies, an edited payload is not saved.
    try t.keys("Enter", "S")
    t.waitFor("Session signing key")
    try t.keys("Enter")  // empty: forget the key
    t.waitFor("Session key forgotten")
    try t.keys("e")
    t.waitFor("Payload")
    try t.keys("Tab", "Tab", "End")
    try t.type("x")
    try t.keys("Enter")
    t.waitFor("Not saved: the edited payload must be re-signed")
    // The key typed in the UI (masked) verifies it.
    try t.keys("Escape", "S")
    t.waitFor("Session signing key")
    try t.type(Self.key)
    t.waitFor(String(repeating: "•", count: Self.key.count))
    #expect(!t.screen().contains(Self.key))
    try t.keys("Enter", "Enter")
    t.waitFor("Flask session: signature valid")
    try t.keys("q")
    #expect(t.waitForExit())
  }

  @Test(.requires(.python3, .flask))
  func flaskReadsThePayloadEditedInTheInspector() throws {
    let issued = try SessionCommandTests.py(
      SessionCommandTests.flaskScript, [Self.key, "make", #"{"user": "alice"}"#])
    let dir = try Self.sessionDirectory(value: issued)
    defer { try? FileManager.default.removeItem(at: dir) }
    // `crumbs FILE --key-file FILE` (the default command takes the option after the file).
    let t = try TmuxSession(command: "\(TmuxSession.binary) jar.txt --key-file key.txt", directory: dir.path)
    guard t.waitFor("1 total") else { return }
    try t.keys("Enter")
    t.waitFor("Flask session: signature valid")
    try t.keys("Enter")
    let value = try #require(try Self.editPayload(t, to: #"{"user":"mallory","admin":true}"#, dir: dir))
    #expect(
      try SessionCommandTests.py(SessionCommandTests.flaskScript, [Self.key, "load", value])
        == #"{"admin": true, "user": "mallory"}"#)
  }
}
