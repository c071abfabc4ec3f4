import CrumbsTestSupport
import Foundation
import Testing

/// `--from-browser` and `list --browsers` through the built binary, `HOME` set to a folder
/// laid out as the browsers lay out their profiles, with real stores as the cookie files.
@Suite struct BrowserProfileCommandTests {
  static func crumbs(_ args: [String], _ layout: ProfileLayout, environment extra: [String: String] = [:])
    throws
    -> ProcessOutput
  {
    var env = layout.environment
    env["LANG"] = "C.UTF-8"
    for (k, v) in extra { env[k] = v }
    return try runProcess(TestEnvironment.crumbsBinary, args, in: TestEnvironment.root, environment: env)
  }

  static func names(_ json: Data) throws -> [String] {
    let list = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
    return list.compactMap { $0["name"] as? String }
  }

  @Test func listBrowsersShowsTheProfilesFound() throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    let r = try Self.crumbs(["list", "--browsers"], l)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.text.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("Browser") == true)
    #expect(
      lines.contains {
        $0.hasPrefix("firefox ") && $0.contains(" default-release   yes ")
          && $0.hasSuffix("abcd1234.default-release/cookies.sqlite")
      }, "\(r.text)")
    #expect(
      lines.contains {
        $0.hasPrefix("chromium  Work ") && $0.contains(" yes ") && $0.hasSuffix("Profile 1/Cookies")
      }, "\(r.text)")
    #expect(lines.count == 8)
    let json = try Self.crumbs(["list", "--browsers", "--json"], l)
    let list = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
    #expect(list.count == 7)
    #expect(list[1]["profile"] as? String == "default-release" && list[1]["default"] as? Bool == true)
  }

  @Test func fromBrowserReadsTheSameCookiesAsTheFile() throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    let direct = try Self.crumbs(
      ["list", "--json", "--now", "1795564800", ProfileLayout.firefoxStore.path], l)
    let viaProfile = try Self.crumbs(
      ["list", "--json", "--now", "1795564800", "--from-browser", "firefox"], l)
    #expect(viaProfile.status == 0, "\(viaProfile.stderr)")
    #expect(try Self.names(viaProfile.stdout) == Self.names(direct.stdout))
    #expect(try Self.names(viaProfile.stdout).count == 12)
    #expect(
      viaProfile.stderr.contains(
        "note: firefox profile \"default-release\" (the default in profiles.ini), read-only"))
    let chromium = try Self.crumbs(
      ["list", "--json", "--from-browser", "chromium:Person 1", "--from-browser", "chrome"], l)
    #expect(chromium.status == 0, "\(chromium.stderr)")
    let text = chromium.text
    #expect(!text.contains("<encrypted"), "v10 values decrypt: \(text.prefix(400))")
    // The same store twice: every cookie of the second replaces one of the first.
    #expect(chromium.stderr.contains("replaces the one from"))
  }

  @Test func everyReadingCommandTakesTheOption() throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    let out = l.path("out.txt")
    let convert = try Self.crumbs(
      ["convert", "--to", "netscape", "-o", out, "--from-browser", "chromium:Default"], l)
    #expect(convert.status == 0, "\(convert.stderr)")
    #expect(try String(contentsOfFile: out, encoding: .utf8).contains("crumbs.test"))
    let header = try Self.crumbs(
      [
        "header", "--url", "https://www.crumbs.test/", "--now", "1795564800", "--from-browser",
        "chromium:Default",
      ], l)
    #expect(header.status == 0, "\(header.stderr)")
    #expect(header.text.contains("__Host-id=host-prefixed"), "\(header.text)")
    let lint = try Self.crumbs(["lint", "--from-browser", "firefox:default"], l)
    #expect(lint.text.contains("efgh5678.default/cookies.sqlite"), "\(lint.text)")
    // Never written back: the store is a browser store.
    let store = l.path(".config/chromium/Default/Network/Cookies")
    let before = try Data(contentsOf: URL(fileURLWithPath: store))
    let overwrite = try Self.crumbs(
      ["convert", "--to", "netscape", "--force", "-o", store, "--from-browser", "chromium:Default"], l)
    #expect(overwrite.status != 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
  }

  /// `diff` takes a browser for a side: the files first, then the browsers.
  @Test func diffComparesAJarWithABrowserProfile() throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    // JSON keeps what the store has (SameSite, sub-second expiry); cookies.txt would not.
    let jar = l.path("firefox.json")
    let convert = try Self.crumbs(
      ["convert", "--to", "json", "-o", jar, "--now", "1795564800", "--from-browser", "firefox"], l)
    #expect(convert.status == 0, "\(convert.stderr)")
    let same = try Self.crumbs(["diff", "--now", "1795564800", jar, "--from-browser", "firefox"], l)
    #expect(same.status == 0, "\(same.text)\(same.stderr)")
    // The other Firefox profile holds another store: two browsers, compared.
    let other = try Self.crumbs(
      ["diff", "--now", "1795564800", "--from-browser", "firefox", "--from-browser", "firefox:default"], l)
    #expect(other.status == 1, "\(other.stderr)")
    #expect(
      other.text.hasPrefix("--- ") && other.text.contains("efgh5678.default/cookies.sqlite"), "\(other.text)")
    let one = try Self.crumbs(["diff", "--from-browser", "firefox"], l)
    #expect(one.status == 2)
    #expect(one.stderr.contains("diff compares two jars"))
  }

  @Test func badSpecsAndMissingProfilesSaySo() throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    let bad = try Self.crumbs(["list", "--from-browser", "safari"], l)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("unknown browser 'safari'"))
    let missing = try Self.crumbs(["list", "--from-browser", "vivaldi"], l)
    #expect(missing.status == 1)
    #expect(
      missing.stderr.contains("found no vivaldi profile (looked in \(l.home.path)/.config/vivaldi"),
      "\(missing.stderr)")
  }

  /// Containers: rows moved into container 2 (Work) and 6 with sqlite3, as Firefox keeps them.
  @Test(.requires(.sqlite3)) func firefoxContainers() throws {
    let l = try ProfileLayout.standard()
    defer { l.remove() }
    let store = l.path(".mozilla/firefox/abcd1234.default-release/cookies.sqlite")
    let sql =
      "UPDATE moz_cookies SET originAttributes='^userContextId=2' WHERE rowid IN (SELECT rowid FROM moz_cookies ORDER BY rowid LIMIT 3); UPDATE moz_cookies SET originAttributes='^userContextId=6&firstPartyDomain=x.test' WHERE rowid = (SELECT MAX(rowid) FROM moz_cookies);"
    let r = try runProcess(try #require(Tool.sqlite3.url), [store, sql])
    #expect(r.status == 0, "\(r.stderr)")
    let work = try Self.crumbs(["list", "--json", "--from-browser", "firefox::Work"], l)
    #expect(try Self.names(work.stdout).count == 3, "\(work.stderr)")
    #expect(work.stderr.contains("container \"Work\" (userContextId 2): 3 of 12 cookies"), "\(work.stderr)")
    let shopping = try Self.crumbs(
      ["list", "--json", "--from-browser", "firefox:default-release::Shopping list"], l)
    #expect(try Self.names(shopping.stdout).count == 1)
    let none = try Self.crumbs(["list", "--json", "--from-browser", "firefox::none"], l)
    #expect(try Self.names(none.stdout).count == 8)
    let unknown = try Self.crumbs(["list", "--from-browser", "firefox::Banking"], l)
    #expect(unknown.status == 1 && unknown.stderr.contains("no Firefox container Banking"))
  }
}
