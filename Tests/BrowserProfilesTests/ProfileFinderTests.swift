import BrowserProfiles
import CrumbsTestSupport
import Foundation
import Testing

@Suite struct ProfileFinderTests {
  @Test func listsEveryProfileWhereTheBrowsersKeepThem() throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    let found = BrowserProfileFinder(BrowserLocations(environment: l.environment)).allProfiles()
    let rows = found.map {
      "\($0.browser.rawValue)|\($0.name)|\($0.isDefault)|\($0.cookieFile.map { $0.replacingOccurrences(of: l.home.path, with: "~") } ?? "-")"
    }
    #expect(
      rows == [
        "firefox|default|false|~/.mozilla/firefox/efgh5678.default/cookies.sqlite",
        "firefox|default-release|true|~/.mozilla/firefox/abcd1234.default-release/cookies.sqlite",
        "firefox|snap1234.default|false|~/snap/firefox/common/.mozilla/firefox/snap1234.default/cookies.sqlite",
        "chromium|Person 1|false|~/.config/chromium/Default/Network/Cookies",
        "chromium|Work|true|~/.config/chromium/Profile 1/Cookies",
        "chrome|Default|true|~/.var/app/com.google.Chrome/config/google-chrome/Default/Network/Cookies",
        "opera|Default|true|~/.config/opera/Network/Cookies",
      ], "\(rows)")
  }

  @Test(arguments: [
    ("firefox", ".mozilla/firefox/abcd1234.default-release/cookies.sqlite"),
    ("firefox:default", ".mozilla/firefox/efgh5678.default/cookies.sqlite"),
    ("firefox:abcd1234.default-release", ".mozilla/firefox/abcd1234.default-release/cookies.sqlite"),
    ("firefox:DEFAULT-RELEASE", ".mozilla/firefox/abcd1234.default-release/cookies.sqlite"),
    ("firefox:snap1234.default", "snap/firefox/common/.mozilla/firefox/snap1234.default/cookies.sqlite"),
    (
      "firefox:~/snap/firefox/common/.mozilla/firefox",
      "snap/firefox/common/.mozilla/firefox/snap1234.default/cookies.sqlite"
    ),
    ("firefox:~/.mozilla/firefox/efgh5678.default", ".mozilla/firefox/efgh5678.default/cookies.sqlite"),
    ("chromium", ".config/chromium/Profile 1/Cookies"),
    ("chromium:Default", ".config/chromium/Default/Network/Cookies"),
    ("chromium:Person 1", ".config/chromium/Default/Network/Cookies"),
    ("chromium:~/.config/chromium", ".config/chromium/Profile 1/Cookies"),
    ("chromium:~/.config/chromium/Default/Network/Cookies", ".config/chromium/Default/Network/Cookies"),
    ("chrome", ".var/app/com.google.Chrome/config/google-chrome/Default/Network/Cookies"),
    ("opera", ".config/opera/Network/Cookies"),
  ])
  func resolves(spec: String, expected: String) throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    let finder = BrowserProfileFinder(BrowserLocations(environment: l.environment))
    let resolved = try finder.resolve(try BrowserSpec(parsing: spec))
    #expect(resolved.cookieFile == l.path(expected))
  }

  @Test func absolutePathsAndXDGConfigHome() throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    try l.copy(ProfileLayout.chromiumStore, to: "xdg/BraveSoftware/Brave-Browser/Default/Cookies")
    var env = l.environment
    env["XDG_CONFIG_HOME"] = l.path("xdg")
    let finder = BrowserProfileFinder(BrowserLocations(environment: env))
    #expect(
      try finder.resolve(BrowserSpec(browser: .brave)).cookieFile
        == l.path("xdg/BraveSoftware/Brave-Browser/Default/Cookies"))
    let dir = l.path(".config/chromium/Default")
    #expect(
      try finder.resolve(BrowserSpec(browser: .chromium, profile: dir)).cookieFile == dir + "/Network/Cookies"
    )
  }

  @Test(arguments: [
    ("firefox:nosuch", "no firefox profile named \"nosuch\"; found: \"default (efgh5678.default)\""),
    ("vivaldi", "found no vivaldi profile (looked in "),
    ("edge:~/missing", "no such file or folder"),
  ])
  func saysWhereItLooked(spec: String, message: String) throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    let finder = BrowserProfileFinder(BrowserLocations(environment: l.environment))
    #expect {
      try finder.resolve(try BrowserSpec(parsing: spec))
    } throws: { error in
      "\(error)".contains(message)
    }
  }

  @Test func containersByNameLabelOrNumber() throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    let dir = l.path(".mozilla/firefox/abcd1234.default-release")
    #expect(try FirefoxContainers.userContextId("Work", inProfile: dir) == 2)
    #expect(try FirefoxContainers.userContextId("personal", inProfile: dir) == 1)
    #expect(try FirefoxContainers.userContextId("Shopping list", inProfile: dir) == 6)
    #expect(try FirefoxContainers.userContextId("6", inProfile: dir) == 6)
    #expect(try FirefoxContainers.userContextId("none", inProfile: dir) == nil)
    #expect {
      try FirefoxContainers.userContextId("Banking", inProfile: dir)
    } throws: { error in
      "\(error)".contains("containers: Personal (1), Work (2), Shopping list (6)")
    }
  }
}
