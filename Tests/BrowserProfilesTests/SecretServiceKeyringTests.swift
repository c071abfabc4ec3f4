import BrowserProfiles
import BrowserStores
import CrumbsTestSupport
import Foundation
import Testing

/// `secret-tool` replaced by a script that answers as the real one does, to check the
/// questions asked (schema v2 with the browser's application name, then v1).
@Suite struct SecretServiceKeyringTests {
  static func fakeTool(in dir: URL, script: String) throws {
    let url = dir.appendingPathComponent("secret-tool")
    try Data(("#!/bin/sh\n" + script).utf8).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
  }

  static func environment(_ dir: URL) -> [String: String] {
    [
      "HOME": dir.path, "PATH": "\(dir.path):/usr/bin:/bin",
      "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
    ]
  }

  @Test(.requires(.bash)) func asksSchemaV2WithTheApplicationThenV1() throws {
    let dir = try ProfileLayout().home
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.fakeTool(
      in: dir,
      script: """
        echo "$@" >> "\(dir.path)/asked"
        if [ "$3" = chrome_libsecret_os_crypt_password ]; then printf 'old-secret'; exit 0; fi
        exit 1
        """)
    let keyring = SecretServiceKeyring.keyring(
      for: BrowserSpec(browser: .brave), locations: BrowserLocations(environment: Self.environment(dir)))
    #expect(keyring.description.contains("application brave"))
    #expect(keyring.lookup() == .success("old-secret"))
    let asked = try String(contentsOf: dir.appendingPathComponent("asked"), encoding: .utf8)
    #expect(
      asked
        == "lookup xdg:schema chrome_libsecret_os_crypt_password_v2 application brave\nlookup xdg:schema chrome_libsecret_os_crypt_password\n"
    )
  }

  @Test(.requires(.bash)) func reportsWhatWentWrong() throws {
    let dir = try ProfileLayout().home
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.fakeTool(in: dir, script: "echo 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2; exit 1\n")
    let env = Self.environment(dir)
    let failing = SecretServiceKeyring.keyring(
      for: BrowserSpec(browser: .chromium), locations: .init(environment: env))
    #expect(failing.lookup() == .failure(.init("secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY")))
    var noBus = env
    noBus["DBUS_SESSION_BUS_ADDRESS"] = nil
    let none = SecretServiceKeyring.keyring(
      for: BrowserSpec(browser: .chromium), locations: .init(environment: noBus))
    guard case .failure(let f) = none.lookup() else {
      Issue.record("a lookup without a session bus succeeded")
      return
    }
    #expect(f.reason.contains("DBUS_SESSION_BUS_ADDRESS is not set"))
    let basic = SecretServiceKeyring.keyring(
      for: BrowserSpec(browser: .chromium, keyring: .basictext), locations: .init(environment: env))
    #expect(basic.description == "no keyring (+basictext)")
  }
}
