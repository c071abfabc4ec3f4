import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

@testable import BrowserStores

/// Stores written by real browsers (Tests/Fixtures/browsers/, made by
/// generate/capture_browsers.sh): each must load exactly as the browser stored it. The
/// expectation comes from elsewhere: the sqlite3 CLI for Firefox, and for Chromium a dump
/// made with Python's sqlite3 module and `cryptography` (generate/chromium_dump.py).
@Suite struct RealBrowserTests {
  /// One row of `chromium_dump.py`'s output.
  struct ChromiumRow: Decodable {
    var rowid: Int64
    var host_key, top_frame_site_key, name, value, path: String
    var creation_utc, expires_utc, last_access_utc, last_update_utc: Int64
    var is_secure, is_httponly, samesite, priority, source_scheme, source_port, source_type: Int64
    var has_cross_site_ancestor: Int64
  }

  /// One row of `sqlite3 -json` over moz_cookies.
  struct FirefoxRow: Decodable {
    var id: Int64
    var originAttributes, name, value, host, path: String
    var expiry, lastAccessed, creationTime, updateTime: Int64
    var isSecure, isHttpOnly, sameSite, schemeMap, isPartitionedAttributeSet: Int64
  }

  static func chromiumTime(_ v: Int64) -> Instant? {
    v == 0 ? nil : Instant(microseconds: v - 11_644_473_600_000_000)
  }

  @Test func chromiumCookiesLoadAsStored() throws {
    let path = StoreFixtures.browser("chromium-Cookies")
    let dump = try String(contentsOfFile: path + ".expected.jsonl", encoding: .utf8)
    let rows = try dump.split(separator: "\n").map {
      try JSONDecoder().decode(ChromiumRow.self, from: Data($0.utf8))
    }
    #expect(rows.count >= 10, "the capture should hold the /set, /login and /multi cookies")
    let result = try StoreFixtures.load(path)
    #expect(result.format == .chromium)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    try #require(result.cookies.count == rows.count)
    for (c, r) in zip(result.cookies, rows) {
      #expect(c.sourceRecord == "rowid \(r.rowid)")
      #expect(c.name == r.name && c.value == r.value && c.path == r.path, "\(r.name)")
      #expect(c.hostOnly == !r.host_key.hasPrefix("."))
      #expect((c.hostOnly ? c.domain : "." + c.domain) == r.host_key)
      #expect(c.expires == Self.chromiumTime(r.expires_utc))
      #expect(c.created == Self.chromiumTime(r.creation_utc))
      #expect(c.lastAccessed == Self.chromiumTime(r.last_access_utc))
      #expect(c.lastUpdated == Self.chromiumTime(r.last_update_utc))
      #expect(c.secure == (r.is_secure != 0) && c.httpOnly == (r.is_httponly != 0))
      let sameSite: [Int64: SameSite] = [-1: .unset, 0: .none, 1: .lax, 2: .strict]
      #expect(c.sameSite == sameSite[r.samesite])
      #expect(c.priority == [0: .low, 1: .medium, 2: .high][r.priority])
      #expect(c.sourceScheme == [1: .http, 2: .https][r.source_scheme])
      #expect(c.sourcePort == Int(r.source_port))
      #expect(c.partitionKey?.topLevelSite == (r.top_frame_site_key.isEmpty ? nil : r.top_frame_site_key))
      #expect(c.unknownFields["source_type"] == String(r.source_type))
    }
    // Spot checks against what cookie_app.py sent.
    let byName = Dictionary(result.cookies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byName["expires_fixed"]?.expires?.seconds == 1_812_536_294)
    #expect(byName["domain_wide"]?.hostOnly == false && byName["domain_wide"]?.domain == "crumbs.test")
    #expect(byName["__Host-id"]?.secure == true && byName["__Host-id"]?.value == "host-prefixed")
    #expect(byName["lax"]?.sameSite == .lax && byName["secure_none"]?.sameSite == SameSite.none)
  }

  static func firefoxRows(_ path: String, sqlite3: String) throws -> [FirefoxRow] {
    let out = try StoreFixtures.run(
      sqlite3,
      [
        "-json", path,
        "SELECT id, originAttributes, name, value, host, path, expiry, lastAccessed, creationTime, updateTime, "
          + "isSecure, isHttpOnly, sameSite, schemeMap, isPartitionedAttributeSet FROM moz_cookies ORDER BY id",
      ]
    ).out
    return out.isEmpty ? [] : try JSONDecoder().decode([FirefoxRow].self, from: Data(out.utf8))
  }

  static func expectFirefox(_ result: CookieReadResult, _ rows: [FirefoxRow]) throws {
    #expect(result.format == .firefox)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    try #require(result.cookies.count == rows.count)
    for (c, r) in zip(result.cookies, rows) {
      #expect(c.sourceRecord == "rowid \(r.id)")
      #expect(c.name == r.name && c.value == r.value && c.path == r.path)
      #expect((c.hostOnly ? c.domain : "." + c.domain) == r.host)
      // Schema 17: expiry in milliseconds.
      #expect(c.expires == Instant(milliseconds: r.expiry))
      #expect(c.created == Instant(microseconds: r.creationTime))
      #expect(c.lastAccessed == Instant(microseconds: r.lastAccessed))
      #expect(c.lastUpdated == Instant(microseconds: r.updateTime))
      #expect(c.secure == (r.isSecure != 0) && c.httpOnly == (r.isHttpOnly != 0))
      #expect(c.partitioned == (r.isPartitionedAttributeSet != 0))
      let sameSite: [Int64: SameSite] = [256: .unset, 0: .none, 1: .lax, 2: .strict]
      #expect(c.sameSite == sameSite[r.sameSite])
      #expect(c.unknownFields["schemeMap"] == (r.schemeMap == 0 ? nil : String(r.schemeMap)))
      #expect((c.originAttributes ?? "") == r.originAttributes)
    }
  }

  @Test(.requires(.sqlite3)) func firefoxCookiesLoadAsStored() throws {
    let sqlite3 = try StoreFixtures.sqlite3()
    let path = StoreFixtures.browser("firefox-cookies.sqlite")
    #expect(
      try StoreFixtures.run(sqlite3, ["file:\(path)?immutable=1", "PRAGMA user_version"]).out == "17\n")
    let rows = try Self.firefoxRows("file:\(path)?immutable=1", sqlite3: sqlite3)
    #expect(rows.count >= 10)
    let result = try StoreFixtures.load(path)
    try Self.expectFirefox(result, rows)
    let byName = Dictionary(result.cookies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byName["expires_fixed"]?.expires?.seconds == 1_812_536_294)
    #expect(byName["strict"]?.sameSite == .strict && byName["lax"]?.sameSite == .lax)
    #expect(byName["http_only"]?.httpOnly == true)
  }

  /// Copied while Firefox ran: the main file has the schema, every cookie is in the WAL.
  @Test(.requires(.sqlite3)) func liveFirefoxProfileIsReadThroughItsWAL() throws {
    let sqlite3 = try StoreFixtures.sqlite3()
    let path = StoreFixtures.browser("firefox-live/cookies.sqlite")
    let mainOnly = try StoreFixtures.run(
      sqlite3, ["file:\(path)?immutable=1", "SELECT count(*) FROM moz_cookies"])
    #expect(mainOnly.out == "0\n")
    // sqlite3 reads main + WAL from a scratch copy (it would write a -shm next to the fixture).
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let copy = dir.appendingPathComponent("cookies.sqlite").path
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
    let rows = try Self.firefoxRows(copy, sqlite3: sqlite3)
    #expect(rows.count >= 9)
    try Self.expectFirefox(try StoreFixtures.load(path), rows)
  }
}
