import CookieCore
import CrumbsTestSupport
import Foundation
import SessionSigning
import Testing

/// `crumbs session decode|verify|sign` against the frameworks themselves: each issues a
/// session, crumbs verifies it, signs an edited payload, and the framework reads the edit.
@Suite("crumbs session, against Flask, Django and Express")
struct SessionCommandTests {
  static var python: URL? { Tool.python3.url }
  static var node: URL? { Tool.node.url }

  /// Runs a Python helper script; its standard output without the final newline.
  static func py(_ script: String, _ args: [String]) throws -> String {
    let r = try runProcess(try #require(python), ["-c", script] + args)
    #expect(r.status == 0, "python failed: \(r.stderr)")
    return r.text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static let flaskScript = """
    import sys, json
    from flask import Flask
    from flask.sessions import SecureCookieSessionInterface
    app = Flask("t"); app.secret_key = sys.argv[1]
    s = SecureCookieSessionInterface().get_signing_serializer(app)
    if sys.argv[2] == "make": print(s.dumps(json.loads(sys.argv[3])))
    else: print(json.dumps(s.loads(sys.argv[3]), sort_keys=True))
    """

  static let djangoScript = """
    import sys, json, django
    from django.conf import settings
    settings.configure(SECRET_KEY=sys.argv[1], INSTALLED_APPS=["django.contrib.sessions"],
        SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
    django.setup()
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    if sys.argv[2] == "make":
        s = SessionStore()
        for k, v in json.loads(sys.argv[3]).items(): s[k] = v
        s.save(); print(s.session_key)
    else:
        s = SessionStore(session_key=sys.argv[3]); print(json.dumps(dict(s.load()), sort_keys=True))
    """

  /// cookie-signature's sign/unsign (the code cookie-parser runs), on Node's crypto.
  static let expressScript = """
    const crypto = require("crypto");
    const [, secret, mode, val] = process.argv;
    const sign = (v) => v + "." + crypto.createHmac("sha256", secret).update(v).digest("base64").replace(/=+$/, "");
    if (mode === "make") { console.log(encodeURIComponent("s:" + sign(val))); }
    else {
      const s = decodeURIComponent(val).slice(2), v = s.slice(0, s.lastIndexOf("."));
      const ok = Buffer.from(sign(v)).length === Buffer.from(s).length && crypto.timingSafeEqual(Buffer.from(sign(v)), Buffer.from(s));
      console.log(ok ? v : "INVALID");
    }
    """

  static func crumbs(_ args: [String], env: [String: String]? = nil) throws -> ProcessOutput {
    try runProcess(TestEnvironment.crumbsBinary, args, environment: env)
  }

  @Test(.requires(.python3, .flask))
  func flaskRoundTrip() throws {
    let issued = try Self.py(
      Self.flaskScript,
      ["k3y", "make", #"{"user": "alice", "roles": ["a", "b", "c", "d", "e", "f", "g", "h"]}"#])
    let decoded = try Self.crumbs(["session", "decode", issued])
    #expect(decoded.status == 0)
    #expect(decoded.text.contains("kind: flask") && decoded.text.contains(#""user":"alice""#))
    #expect(try Self.crumbs(["session", "verify", "--key", "k3y", issued]).text.contains("valid (flask)"))
    let wrong = try Self.crumbs(["session", "verify", "--key", "nope", issued])
    #expect(wrong.status == 1 && wrong.text.contains("invalid: signature does not match"))
    for compress in [false, true] {
      let signed = try Self.crumbs(
        [
          "session", "sign", "--key", "k3y", "--kind", "flask", "--payload",
          #"{"user": "mallory", "admin": true}"#,
        ]
          + (compress ? ["--compress"] : []))
      #expect(signed.status == 0, "\(signed.stderr)")
      let value = signed.text.trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(
        try Self.py(Self.flaskScript, ["k3y", "load", value]) == #"{"admin": true, "user": "mallory"}"#)
    }
  }

  @Test(.requires(.python3, .django))
  func djangoRoundTrip() throws {
    let issued = try Self.py(
      Self.djangoScript, ["dj-secret", "make", #"{"user": "alice", "n": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}"#])
    #expect(try Self.crumbs(["session", "decode", issued]).text.contains("kind: django"))
    #expect(try Self.crumbs(["session", "verify", "--key", "dj-secret", issued]).status == 0)
    #expect(try Self.crumbs(["session", "verify", "--key", "other", issued]).status == 1)
    let signed = try Self.crumbs(
      [
        "session", "sign", "--key", "dj-secret", "--kind", "django", "--payload", #"{"user": "mallory"}"#,
        "--compress",
      ])
    let value = signed.text.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(try Self.py(Self.djangoScript, ["dj-secret", "load", value]) == #"{"user": "mallory"}"#)
  }

  @Test(.requires(.node))
  func expressRoundTrip() throws {
    let node = try #require(Self.node)
    let issued = try runProcess(node, ["-e", Self.expressScript, "ex-secret", "make", "user-42"]).text
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(issued.hasPrefix("s%3Auser-42."))
    #expect(try Self.crumbs(["session", "verify", "--key", "ex-secret", issued]).status == 0)
    let signed = try Self.crumbs([
      "session", "sign", "--key", "ex-secret", "--kind", "express", "--payload", "admin-1",
    ])
    let value = signed.text.trimmingCharacters(in: .whitespacesAndNewlines)
    let back = try runProcess(node, ["-e", Self.expressScript, "ex-secret", "check", value]).text
    #expect(back.trimmingCharacters(in: .whitespacesAndNewlines) == "admin-1")
  }

  @Test func verifyCookiesByNameInAJarWithTheKeyFromTheEnvironment() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = SessionSigner.sign(
      .flask, payload: #"{"u":1}"#, key: Data("env-key".utf8), now: Instant(seconds: 1_800_000_000),
      compress: false)
    let bad = SessionSigner.sign(
      .flask, payload: #"{"u":2}"#, key: Data("other".utf8), now: Instant(seconds: 1_800_000_000),
      compress: false)
    let jar = dir.appendingPathComponent("jar.txt")
    try Data(
      """
      # Netscape HTTP Cookie File
      a.example\tFALSE\t/\tFALSE\t0\tsession\t\(good)
      b.example\tFALSE\t/\tFALSE\t0\tsession\t\(bad)
      b.example\tFALSE\t/\tFALSE\t0\tother\tx

      """.utf8
    ).write(to: jar)
    var env = ProcessInfo.processInfo.environment
    env["CRUMBS_SECRET_KEY"] = "env-key"
    let r = try Self.crumbs(["session", "verify", "--name", "session", jar.path], env: env)
    #expect(r.status == 1)
    let lines = r.text.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first?.contains("a.example") == true && lines.first?.hasSuffix("valid (flask)") == true)
    #expect(lines.last?.contains("b.example") == true && lines.last?.contains("invalid") == true)
    #expect(!r.text.contains("env-key") && !r.stderr.contains("env-key"), "the key was printed")
  }

  @Test func wordlistNamesTheKeyAndReportsTheSpeed() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let value = SessionSigner.sign(
      .django, payload: #"{"u":1}"#, key: Data("hunter2".utf8), now: Instant(seconds: 1_800_000_000),
      compress: false)
    let words = dir.appendingPathComponent("words.txt")
    var list = (0..<2000).map { "guess\($0)" }
    list.insert("hunter2", at: 1500)
    try Data((list.joined(separator: "\n") + "\n").utf8).write(to: words)
    let r = try Self.crumbs(["session", "verify", "--wordlist", words.path, value])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.text.contains("key at line 1501") && r.text.contains("\"hunter2\""))
    #expect(r.stderr.contains("keys/s"))
    let none = try Self.crumbs([
      "session", "verify", "--wordlist", words.path,
      value.replacingOccurrences(of: ":", with: ":x", options: [], range: nil),
    ])
    #expect(none.status == 1)
  }

  @Test(arguments: [
    ("", false), ("plain", false), ("a.b.c", false), ("s:abc.tooShort", false), ("x:y:z", false),
    ("eyJhIjoxfQ.aw1c5A.BgCN3UmA229NvvrCOsxbR4McE4g", true),
  ])
  func decodeRecognisesOnlySessions(_ value: String, _ isSession: Bool) {
    #expect((SignedSession.parse(value) != nil) == isSession)
  }

  @Test func signatureIsRejectedWhenOneByteChanges() {
    let key = Data("k".utf8)
    for kind in SessionKind.allCases {
      let value = SessionSigner.sign(
        kind, payload: kind == .express ? "v" : #"{"v":1}"#, key: key, now: Instant(seconds: 1_800_000_000),
        compress: false)
      let session = SignedSession.parse(value, as: [kind])
      #expect(session.map { SessionSigner.verify($0, key: key) } == true, "\(kind)")
      guard var tampered = session else { continue }
      tampered.signedPart += "x"
      #expect(!SessionSigner.verify(tampered, key: key), "\(kind)")
    }
  }
}
