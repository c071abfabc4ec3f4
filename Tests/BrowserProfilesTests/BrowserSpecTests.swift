import BrowserProfiles
import Testing

@Suite struct BrowserSpecTests {
  @Test(arguments: [
    ("firefox", BrowserSpec(browser: .firefox)),
    ("Firefox:default-release", BrowserSpec(browser: .firefox, profile: "default-release")),
    ("firefox::Work", BrowserSpec(browser: .firefox, container: "Work")),
    (
      "firefox:~/p/x.default::none",
      BrowserSpec(browser: .firefox, profile: "~/p/x.default", container: "none")
    ),
    ("chromium:Profile 1", BrowserSpec(browser: .chromium, profile: "Profile 1")),
    ("chrome+basictext:Default", BrowserSpec(browser: .chrome, keyring: .basictext, profile: "Default")),
    ("brave+GNOMEKEYRING", BrowserSpec(browser: .brave, keyring: .gnomekeyring)),
    ("edge:/tmp/a:b", BrowserSpec(browser: .edge, profile: "/tmp/a:b")),
    ("vivaldi", BrowserSpec(browser: .vivaldi)),
    ("opera", BrowserSpec(browser: .opera)),
  ])
  func parses(text: String, expected: BrowserSpec) throws {
    #expect(try BrowserSpec(parsing: text) == expected)
  }

  @Test(arguments: [
    ("safari", "unknown browser 'safari'"),
    ("chromium::Work", "containers (::CONTAINER) are Firefox's"),
    ("chromium+wallet", "unknown keyring 'wallet'"),
    ("firefox+basictext", "Firefox keeps no cookie secret"),
    ("firefox::", "empty container"),
  ])
  func refuses(text: String, message: String) {
    #expect {
      try BrowserSpec(parsing: text)
    } throws: { error in
      "\(error)".contains(message)
    }
  }
}
