import CrumbsTestSupport
import Foundation
import Testing

/// The real thing: a headless D-Bus session with gnome-keyring as its Secret Service,
/// Chromium started with `--password-store=gnome-libsecret` storing the cookies a local
/// server sets (so as `v11` values, its secret in the keyring), then crumbs reading the
/// profile with `--from-browser chromium:DIR` in that session, and again without a bus.
@Suite struct BrowserKeyringTests {
  static let script = #"""
    set -euo pipefail
    work="$1"; crumbs="$2"
    # Every program started here writes to files, never to the test's pipes.
    exec >"$work/script.log" 2>&1
    # The test runner's children inherit SIGTERM blocked, so every helper started here is
    # ended with SIGKILL. A private session bus first (dbus-run-session's daemon would outlive the test, deaf to SIGTERM).
    dbus-daemon --session --fork --nopidfile --print-address=1 --print-pid=1 >"$work/bus"
    export DBUS_SESSION_BUS_ADDRESS="$(sed -n 1p "$work/bus")"
    pids="$(sed -n 2p "$work/bus")"
    trap 'kill -KILL $pids 2>/dev/null || true' EXIT
    # The keyring lives under $HOME/.local/share/keyrings; unlocked with a throwaway password.
    printf 'crumbs-test' | gnome-keyring-daemon --foreground --unlock --components=secrets \
      >"$work/keyring.log" 2>&1 &
    pids="$pids $!"
    for _ in $(seq 100); do
      dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
      sleep 0.1
    done
    python3 -c '
    import http.server, sys
    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Set-Cookie", "v11probe=keyring-protected-value; Max-Age=86400; Path=/")
            self.send_header("Set-Cookie", "second=another value; Max-Age=86400; Path=/")
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>ok</p>")
        def log_message(self, *a): pass
    s = http.server.HTTPServer(("127.0.0.1", 0), H)
    print(s.server_port, flush=True)
    s.serve_forever()
    ' >"$work/port" &
    pids="$pids $!"
    for _ in $(seq 100); do port=$(cat "$work/port"); [ -n "$port" ] && break; sleep 0.2; done
    # --dump-dom loads the page and exits cleanly, flushing the cookie store.
    timeout 180 chromium --headless --no-sandbox --disable-gpu --no-first-run \
      --user-data-dir="$work/profile" --password-store=gnome-libsecret \
      --dump-dom "http://127.0.0.1:$port/" >/dev/null 2>"$work/chromium.log" </dev/null
    sqlite3 "$work/profile/Default/Cookies" "SELECT name, substr(encrypted_value, 1, 3) FROM cookies ORDER BY name" >"$work/tags"
    "$crumbs" list --json --from-browser "chromium:$work/profile" >"$work/out.json" 2>"$work/err.txt"
    "$crumbs" list --json --from-browser "chromium+basictext:$work/profile" >"$work/basic.json" 2>"$work/basic.txt"
    secret=$(secret-tool lookup xdg:schema chrome_libsecret_os_crypt_password_v2 application chromium)
    [ -n "$secret" ] && echo found >"$work/secret-found"
    if grep -qF "$secret" "$work/out.json" "$work/err.txt" "$work/basic.json" "$work/basic.txt"; then echo leaked >"$work/leak"; fi
    """#

  @Test(.requires(.gnomeKeyring, .chromium, .python3, .sqlite3, .bash))
  func decryptsV11WithTheSecretServiceOfARealChromium() throws {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crumbs-keyring-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let scriptURL = work.appendingPathComponent("run.sh")
    try Data(Self.script.utf8).write(to: scriptURL)
    let home = work.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let env = [
      "HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "LANG": "C.UTF-8",
    ]
    let run = try runProcess(
      try #require(TestEnvironment.program("bash")),
      [scriptURL.path, work.path, TestEnvironment.crumbsBinary.path], environment: env, timeout: 300)
    func file(_ name: String) -> String {
      (try? String(contentsOf: work.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
    #expect(run.status == 0, "\(run.stderr)\n\(file("script.log"))\n\(file("chromium.log").suffix(2000))")
    // Chromium really wrote v11 values, its secret in the keyring.
    #expect(file("tags") == "second|v11\nv11probe|v11\n", "\(file("tags"))")
    #expect(file("secret-found") == "found\n")
    let list = try #require(
      try JSONSerialization.jsonObject(with: Data(file("out.json").utf8)) as? [[String: Any]],
      "\(file("err.txt"))")
    let values = Dictionary(
      uniqueKeysWithValues: list.compactMap { c in
        (c["name"] as? String).map { ($0, c["value"] as? String ?? "") }
      })
    #expect(
      values == ["v11probe": "keyring-protected-value", "second": "another value"], "\(file("err.txt"))")
    #expect(!file("err.txt").contains("warning"), "\(file("err.txt"))")
    // +basictext: the keyring is not asked; the values stay encrypted and the note says why.
    #expect(file("basic.json").contains("<encrypted v11: "))
    #expect(file("basic.txt").contains("tried no keyring (+basictext)"), "\(file("basic.txt"))")
    #expect(
      !FileManager.default.fileExists(atPath: work.appendingPathComponent("leak").path),
      "the secret was printed")

    // Without a session bus, the values stay encrypted with a note naming the keyring tried.
    var noBus = env
    noBus["DBUS_SESSION_BUS_ADDRESS"] = nil
    noBus["XDG_RUNTIME_DIR"] = home.path
    let outside = try runProcess(
      TestEnvironment.crumbsBinary,
      ["list", "--json", "--from-browser", "chromium:\(work.appendingPathComponent("profile").path)"],
      environment: noBus)
    #expect(outside.status == 0, "\(outside.stderr)")
    #expect(outside.text.contains("<encrypted v11: "))
    #expect(
      outside.stderr.contains(
        "value is encrypted with v11, whose key is the browser's secret in the desktop keyring; tried the Secret Service on the D-Bus session bus (secret-tool lookup xdg:schema chrome_libsecret_os_crypt_password_v2 application chromium, then chrome_libsecret_os_crypt_password): no D-Bus session bus"
      ), "\(outside.stderr)")
  }
}
