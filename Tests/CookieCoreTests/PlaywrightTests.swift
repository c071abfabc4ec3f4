import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

/// Loads a storageState file into Debian's chromium through Playwright for Python and prints
/// `context.cookies()`: the real consumer of what `PlaywrightWriter` writes.
private let playwrightLoad = #"""
  import sys, json
  from playwright.sync_api import sync_playwright
  with sync_playwright() as p:
      b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
      ctx = b.new_context(storage_state=sys.argv[1])
      print(json.dumps(ctx.cookies()))
      b.close()
  """#

private func key(_ name: String, _ domain: String, _ path: String) -> String {
  "\(name)\u{0}\(domain)\u{0}\(path)"
}

@Suite struct PlaywrightTests {
  /// The file Playwright saved, held to what Playwright itself loads back from it.
  @Test func readsStorageStateLikePlaywright() throws {
    let file = "captured/playwright-storage-state.json"
    let r = try FmtFixtures.read(PlaywrightReader.self, file)
    let expected = try #require(
      try JSONSerialization.jsonObject(
        with: FmtFixtures.data("captured/playwright-storage-state.expected.json"))
        as? [[String: Any]])
    #expect(r.cookies.count == expected.count && expected.count >= 15)
    var ours: [String: Cookie] = [:]
    for c in r.cookies { ours[key(c.name, (c.hostOnly ? "" : ".") + c.domain, c.path)] = c }
    for o in expected {
      let k = key(o["name"] as? String ?? "", o["domain"] as? String ?? "", o["path"] as? String ?? "")
      let c = try #require(ours[k], "missing \(o)")
      #expect(c.value == o["value"] as? String)
      let expires = try #require(o["expires"] as? Double)
      if expires == -1 {
        #expect(c.expires == nil)
      } else {
        #expect(abs(Double(c.expires?.microseconds ?? 0) - expires * 1e6) < 2, "\(c.name)")
      }
      #expect(c.secure == o["secure"] as? Bool && c.httpOnly == o["httpOnly"] as? Bool)
      #expect(c.sameSite.displayName == o["sameSite"] as? String)
      #expect(c.partitionKey?.topLevelSite == o["partitionKey"] as? String)
      #expect(c.partitionKey?.hasCrossSiteAncestor == o["_crHasCrossSiteAncestor"] as? Bool)
    }
    #expect(r.cookies.contains { $0.partitionKey != nil }, "the capture has a CHIPS cookie")
    // localStorage is reported, not loaded.
    #expect(r.diagnostics.count == 1 && r.diagnostics[0].severity == .note)
    #expect(r.diagnostics[0].message.contains("localStorage"))
  }

  @Test func sniffsStorageStateAheadOfPlainJSON() throws {
    let data = try FmtFixtures.data("captured/playwright-storage-state.json")
    #expect(
      CookieFormats.sniff(data, fileName: "state.json", among: CookieFormats.readers) == PlaywrightReader.self
    )
    let array = try FmtFixtures.data("captured/cdp-network-getallcookies.json")
    #expect(
      CookieFormats.sniff(array, fileName: "c.json", among: CookieFormats.readers) == JSONCookieReader.self)
    let lwp = try FmtFixtures.data("captured/lwp-written-by-cpython-urllib.txt")
    #expect(CookieFormats.sniff(lwp, fileName: "c.txt", among: CookieFormats.readers) == LWPReader.self)
  }

  static func cookiesForBrowser(now: Instant) -> [Cookie] {
    let soon = now.adding(seconds: 30 * 86400).adding(seconds: 0)
    let frac = Instant(microseconds: soon.microseconds + 123_456)
    var out = [
      Cookie(name: "host", value: "h1", domain: "www.example.test", expires: frac),
      Cookie(
        name: "dom", value: "d1", domain: "example.test", hostOnly: false, path: "/app", expires: soon,
        httpOnly: true),
      Cookie(name: "sess", value: "s1", domain: "www.example.test", sameSite: .strict),
      Cookie(
        name: "none", value: "n1", domain: "www.example.test", expires: soon, secure: true, sameSite: .none),
      Cookie(name: "insecure_none", value: "x", domain: "www.example.test", expires: soon, sameSite: .none),
      Cookie(name: "unknown_domain", value: "u", domain: ""),
    ]
    var p = Cookie(
      name: "part", value: "p1", domain: "widget.example.net", expires: soon, secure: true, sameSite: .none)
    p.partitioned = true
    p.partitionKey = PartitionKey(topLevelSite: "https://example.org", hasCrossSiteAncestor: true)
    out.append(p)
    return out
  }

  /// REFERENCE §11 / the brief: chromium must load our storageState with the same cookies,
  /// except exactly those our warnings say it will drop.
  @Test(.requires(.playwright)) func chromiumLoadsOurStorageState() throws {
    let now = Instant(Date())
    let cookies = Self.cookiesForBrowser(now: now)
    let w = PlaywrightWriter.write(cookies, options: CookieWriteOptions(now: now))
    #expect(w.skipped == 1)
    let messages = w.warnings.map(\.description)
    #expect(messages.contains { $0.contains("unknown_domain") && $0.contains("not written") })
    #expect(
      messages.contains {
        $0.hasPrefix("playwright output: warning: SameSite=None without Secure: 1 cookie (insecure_none")
      })
    #expect(messages.contains { $0.hasPrefix("playwright output: note: session cookie: 1 cookie (sess") })

    let file = try FmtExternal.temporaryFile(w.data, suffix: ".json")
    defer { try? FileManager.default.removeItem(at: file) }
    let loaded = try #require(try FmtExternal.pythonJSON(playwrightLoad, [file.path]) as? [[String: Any]])
    var byName: [String: [String: Any]] = [:]
    for o in loaded { byName[o["name"] as? String ?? ""] = o }
    // Dropped by chromium, as the warning said; never written, as the skip said.
    #expect(byName["insecure_none"] == nil && byName["unknown_domain"] == nil)
    let kept = cookies.filter { $0.name != "insecure_none" && $0.name != "unknown_domain" }
    #expect(Set(byName.keys) == Set(kept.map(\.name)))
    for c in kept {
      let o = try #require(byName[c.name])
      #expect(o["value"] as? String == c.value)
      #expect(o["domain"] as? String == (c.hostOnly ? "" : ".") + c.domain, "\(c.name)")
      #expect(o["path"] as? String == c.path)
      let expires = try #require(o["expires"] as? Double)
      if let e = c.expires {
        #expect(abs(expires * 1e6 - Double(e.microseconds)) < 2, "\(c.name)")
      } else {
        #expect(expires == -1)
      }
      #expect(o["secure"] as? Bool == c.secure && o["httpOnly"] as? Bool == c.httpOnly)
      // Unset SameSite comes back as "Lax", as the note says.
      #expect(o["sameSite"] as? String == (c.sameSite == .unset ? "Lax" : c.sameSite.displayName))
      #expect(o["partitionKey"] as? String == c.partitionKey?.topLevelSite)
    }
  }
}
