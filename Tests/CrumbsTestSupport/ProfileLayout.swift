import Foundation

/// A temporary `HOME` laid out as the browsers lay out their profiles, with real cookie
/// stores (Tests/Fixtures/browsers, shared/formats/examples) as the cookie files.
public struct ProfileLayout {
  public let home: URL

  public static let firefoxStore = TestEnvironment.fixtures.appendingPathComponent(
    "browsers/firefox-cookies.sqlite")
  public static let chromiumStore = TestEnvironment.fixtures.appendingPathComponent(
    "browsers/chromium-Cookies")
  public static let examples = TestEnvironment.fixtures.appendingPathComponent("examples")
  public static let firefoxExample = examples.appendingPathComponent("firefox-cookies-v17.sqlite")
  public static let chromiumExample = examples.appendingPathComponent("chromium-Cookies-v24.sqlite")

  public init() throws {
    home = FileManager.default.temporaryDirectory.appendingPathComponent("crumbs-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
  }

  public func remove() { try? FileManager.default.removeItem(at: home) }

  public func path(_ relative: String) -> String { home.appendingPathComponent(relative).path }

  public func write(_ relative: String, _ text: String) throws {
    let url = home.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  public func copy(_ source: URL, to relative: String, modified: Date? = nil) throws {
    let url = home.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: source, to: url)
    if let modified {
      try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
    }
  }

  /// Firefox (deb: two profiles, the install's default and an old `Default=1` one; snap: one
  /// profile without profiles.ini), Chromium (two profiles, `Profile 1` last used; one in
  /// the old `Cookies` place), Chrome from flatpak, Opera (no profiles).
  public static func standard() throws -> ProfileLayout {
    let l = try ProfileLayout()
    let old = Date(timeIntervalSince1970: 1_700_000_000)
    try l.write(
      ".mozilla/firefox/profiles.ini",
      """
      [Install4F96D1932A9F858E]
      Default=abcd1234.default-release
      Locked=1

      [Profile1]
      Name=default
      IsRelative=1
      Path=efgh5678.default
      Default=1

      [Profile0]
      Name=default-release
      IsRelative=1
      Path=abcd1234.default-release

      [General]
      StartWithLastProfile=1
      Version=2

      """)
    try l.copy(firefoxStore, to: ".mozilla/firefox/abcd1234.default-release/cookies.sqlite", modified: old)
    try l.copy(firefoxExample, to: ".mozilla/firefox/efgh5678.default/cookies.sqlite")
    try l.write(
      ".mozilla/firefox/abcd1234.default-release/containers.json",
      """
      {"version":5,"lastUserContextId":6,"identities":[
      {"userContextId":1,"public":true,"icon":"fingerprint","color":"blue","l10nID":"userContextPersonal.label","accessKey":"userContextPersonal.accesskey","telemetryId":1},
      {"userContextId":2,"public":true,"icon":"briefcase","color":"orange","l10nID":"userContextWork.label","accessKey":"userContextWork.accesskey","telemetryId":2},
      {"userContextId":6,"public":true,"icon":"circle","color":"green","name":"Shopping list"}]}
      """)
    try l.copy(
      firefoxExample, to: "snap/firefox/common/.mozilla/firefox/snap1234.default/cookies.sqlite",
      modified: old)
    try l.write(
      ".config/chromium/Local State",
      #"{"profile":{"last_used":"Profile 1","info_cache":{"Default":{"name":"Person 1"},"Profile 1":{"name":"Work"}}}}"#
    )
    try l.write(".config/chromium/Default/Preferences", "{}")
    try l.copy(chromiumStore, to: ".config/chromium/Default/Network/Cookies")
    try l.write(".config/chromium/Profile 1/Preferences", "{}")
    try l.copy(chromiumExample, to: ".config/chromium/Profile 1/Cookies")
    try l.write(".config/chromium/System Profile/Preferences", "{}")
    try l.write(".var/app/com.google.Chrome/config/google-chrome/Default/Preferences", "{}")
    try l.copy(chromiumStore, to: ".var/app/com.google.Chrome/config/google-chrome/Default/Network/Cookies")
    try l.copy(chromiumExample, to: ".config/opera/Network/Cookies")
    return l
  }

  public var environment: [String: String] { ["HOME": home.path, "PATH": "/usr/bin:/bin"] }
}
