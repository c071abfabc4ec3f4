import CrumbsTestSupport
import Foundation
import Testing

/// `crumbs diff` on two jars the real curl writes now, in two runs against the fixture
/// Flask app (`Fixtures/generate/cookie_app.py`) on a loopback port: the second run a
/// second later, with `/multi` (three more cookies) and `/delete` (`scoped` gone).
@Suite("crumbs diff on live curl jars")
struct DiffLiveCurlTests {
  typealias R = CrumbsRunner

  /// Serves the app on an ephemeral port in a thread and runs curl against it twice, so
  /// no server outlives the script.
  static let script = """
    import importlib.util, subprocess, sys, threading, time
    from werkzeug.serving import make_server
    app_path, curl, jar1, jar2 = sys.argv[1:5]
    spec = importlib.util.spec_from_file_location("cookie_app", app_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    server = make_server("127.0.0.1", 0, mod.app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_port
    def run(jar, paths):
        for p in paths:
            subprocess.run([curl, "-s", "-o", "/dev/null", "-b", jar, "-c", jar, base + p], check=True)
    run(jar1, ["/set", "/login"])
    time.sleep(1.2)
    run(jar2, ["/set", "/login", "/multi", "/delete"])
    server.shutdown()
    """

  @Test(.requires(.curl, .python3, .flask))
  func twoLiveRuns() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar1 = dir.appendingPathComponent("run1.txt").path
    let jar2 = dir.appendingPathComponent("run2.txt").path
    let made = try runProcess(
      try #require(Tool.python3.url),
      ["-c", Self.script, R.fixture("generate/cookie_app.py"), try #require(Tool.curl.url).path, jar1, jar2],
      timeout: 60)
    #expect(made.status == 0, "\(made.stderr)")
    #expect(try String(contentsOfFile: jar2, encoding: .utf8).contains("libcurl"))

    guard let r = try R.run(["diff", jar1, jar2]),
      let json = try R.run(["diff", "--json", "--ignore", "expires", jar1, jar2])
    else { return }
    #expect(r.status == 1, "\(r.stderr)")
    let lines = r.text.split(separator: "\n").map(String.init)
    for name in ["multi0", "multi1", "multi2"] {
      #expect(lines.contains { $0.hasPrefix("+ \(name) @ 127.0.0.1/  value ") })
    }
    #expect(lines.contains { $0.hasPrefix("- scoped @ 127.0.0.1/app  value \"app-only\"") })
    // A second later: every max_age cookie expires later; the session is signed anew.
    #expect(lines.contains("~ max_age @ 127.0.0.1/"))
    #expect(lines.contains("~ session @ 127.0.0.1/"))
    #expect(!lines.contains { $0.contains("expires_fixed") })
    // (curl 7.88 keeps `username` although /delete expires it; other versions drop it too.)
    #expect(lines.last?.hasPrefix("3 added, ") == true)

    #expect(json.status == 1)
    let o = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
    let changed = try #require(o["changed"] as? [[String: Any]])
    #expect(changed.count == 1)
    let fields = try #require(changed.first?["fields"] as? [String: Any])
    #expect(Set(fields.keys) == ["value"])
    #expect((changed.first?["identity"] as? [String: Any])?["name"] as? String == "session")
  }
}
