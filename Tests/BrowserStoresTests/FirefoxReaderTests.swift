import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

@testable import BrowserStores

/// Firefox `cookies.sqlite` (REFERENCE §6): the shared example and schema variants built with
/// the sqlite3 CLI from the SQL below.
@Suite struct FirefoxReaderTests {
  /// 2027-06-09T10:18:14Z, the examples' expiry.
  static let expiry = Instant(seconds: 1_812_536_294)
  static let created = Instant(microseconds: 1_795_564_800_000_000)

  static func cookie(
    _ name: String, _ value: String, _ host: String, path: String = "/", expires: Instant? = expiry,
    secure: Bool = false, httpOnly: Bool = false, sameSite: SameSite = .unset, file: String, rowid: Int,
    build: (inout Cookie) -> Void = { _ in }
  ) -> Cookie {
    let hostOnly = !host.hasPrefix(".")
    var c = Cookie(
      name: name, value: value, domain: hostOnly ? host : String(host.dropFirst()), hostOnly: hostOnly,
      path: path,
      expires: expires, secure: secure, httpOnly: httpOnly, sameSite: sameSite, sourceFile: file)
    c.sourceRecord = "rowid \(rowid)"
    build(&c)
    return c
  }

  @Test func readsTheSchema17Example() throws {
    let path = StoreFixtures.example("firefox-cookies-v17.sqlite")
    let result = try StoreFixtures.load(path)
    #expect(result.format == .firefox)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    func times(_ c: inout Cookie, _ us: Int64) {
      let t = Instant(microseconds: Self.created.microseconds + us)
      c.created = t
      c.lastAccessed = t
      c.lastUpdated = t
      c.sourceScheme = .https
      c.unknownFields = ["schemeMap": "2"]
    }
    let expected = [
      Self.cookie("lang", "en-US", ".example.com", file: path, rowid: 1) { times(&$0, 0) },
      Self.cookie(
        "sid", "31d4d96e407aad42", "www.example.com", secure: true, httpOnly: true, sameSite: .lax,
        file: path,
        rowid: 2
      ) { times(&$0, 1) },
      Self.cookie(
        "sid", "work-account-7f3a", "www.example.com", secure: true, httpOnly: true, sameSite: .lax,
        file: path,
        rowid: 3
      ) {
        times(&$0, 2)
        $0.originAttributes = "^userContextId=2"
        $0.storeId = "firefox-container-2"
      },
      Self.cookie(
        "__Host-embed", "e1", "widget.example.net", secure: true, httpOnly: true, sameSite: .none, file: path,
        rowid: 4
      ) {
        times(&$0, 3)
        $0.partitioned = true
        $0.originAttributes = "^partitionKey=%28https%2Cexample.org%29"
        $0.partitionKey = PartitionKey(topLevelSite: "https://example.org")
      },
    ]
    #expect(result.cookies == expected)
  }

  static let schema15Table = """
    CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '',
      name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER,
      creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0,
      sameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0,
      CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes));
    """

  /// §6.2: expiry is seconds through schema 15 and milliseconds from 16; the same instant
  /// must come out of both.
  @Test(.requires(.sqlite3), arguments: [(15, "1812536294"), (16, "1812536294000")])
  func expiryUnitFollowsUserVersion(version: Int, expiry: String) throws {
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sql = """
      PRAGMA user_version = \(version);
      \(Self.schema15Table)
      INSERT INTO moz_cookies VALUES(7,'','a','1','www.example.com','/p',\(expiry),1795564800000005,1795564800000004,1,0,0,2,1,0);
      INSERT INTO moz_cookies VALUES(9,'','b','2','.example.com','/',\(expiry),1795564800000000,1795564800000000,0,1,0,256,3,1);
      """
    let path = try StoreFixtures.sqliteDatabase(sql, named: "cookies.sqlite", in: dir)
    let result = try StoreFixtures.load(path)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    try #require(result.cookies.count == 2)
    let a = result.cookies[0]
    #expect(a.expires == Self.expiry)
    #expect(a.expires?.iso8601 == "2027-06-09T10:18:14Z")
    #expect(a.sameSite == .strict)
    #expect(a.secure && !a.httpOnly)
    #expect(a.sourceScheme == .http)
    #expect(a.lastAccessed == Instant(microseconds: 1_795_564_800_000_005))
    #expect(a.created == Instant(microseconds: 1_795_564_800_000_004))
    #expect(a.lastUpdated == nil)
    #expect(a.sourceRecord == "rowid 7")
    #expect(a.path == "/p" && a.hostOnly && a.domain == "www.example.com")
    let b = result.cookies[1]
    #expect(b.expires == Self.expiry)
    #expect(b.sameSite == .unset && b.httpOnly && b.partitioned && !b.hostOnly && b.domain == "example.com")
    // schemeMap 3 = http and https: the most secure wins, the bit set is kept.
    #expect(b.sourceScheme == .https && b.unknownFields["schemeMap"] == "3")
  }

  /// §6.2: in schema 10–14 "no SameSite attribute" is sameSite=1 with rawSameSite=0.
  @Test(.requires(.sqlite3)) func schema12ReadsRawSameSite() throws {
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sql = """
      PRAGMA user_version = 12;
      CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '',
        name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER,
        creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0,
        sameSite INTEGER DEFAULT 0, rawSameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0,
        CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes));
      INSERT INTO moz_cookies VALUES(1,'','absent','v','h.example','/',1812536294,0,0,0,0,0,1,0,2);
      INSERT INTO moz_cookies VALUES(2,'','lax','v','h.example','/',1812536294,0,0,0,0,0,1,1,2);
      INSERT INTO moz_cookies VALUES(3,'','none','v','h.example','/',1812536294,0,0,1,0,0,0,0,2);
      INSERT INTO moz_cookies VALUES(4,'','strict','v','h.example','/',1812536294,0,0,0,0,0,2,2,2);
      INSERT INTO moz_cookies VALUES(5,'','odd','v','h.example','/',1812536294,0,0,0,0,0,7,7,2);
      """
    let path = try StoreFixtures.sqliteDatabase(sql, named: "cookies.sqlite", in: dir)
    let result = try StoreFixtures.load(path)
    #expect(result.cookies.map(\.sameSite) == [.unset, .lax, .none, .strict, .unset])
    #expect(result.cookies.map(\.sameSiteRaw) == [nil, nil, nil, nil, "7"])
    #expect(result.cookies.allSatisfy { $0.expires == Self.expiry && !$0.partitioned && $0.created == nil })
    #expect(result.diagnostics.map(\.message) == ["rowid 5: unknown sameSite value 7; read as unset"])
  }

  @Test(
    arguments: [
      ("^userContextId=2", 2, nil, nil, nil),
      ("^partitionKey=%28https%2Cexample.org%29", 0, "https://example.org", nil, nil),
      ("^partitionKey=%28https%2Cexample.org%2C8443%2Cf%29", 0, "https://example.org:8443", true, nil),
      ("^userContextId=5&partitionKey=%28http%2Clocalhost%29", 5, "http://localhost", nil, nil),
      ("^firstPartyDomain=example.com", 0, nil, nil, "example.com"),
    ] as [(String, Int, String?, Bool?, String?)])
  func parsesOriginAttributes(raw: String, container: Int, site: String?, ancestor: Bool?, fpd: String?) {
    let a = FirefoxOriginAttributes(parsing: raw)
    #expect(a.userContextId == container)
    #expect(a.partitionKey?.topLevelSite == site)
    #expect(a.partitionKey?.hasCrossSiteAncestor == ancestor)
    #expect(a.firstPartyDomain == fpd)
    #expect(a.problem == nil)
    #expect(a.storeId == (container > 0 ? "firefox-container-\(container)" : nil))
  }

  @Test(arguments: ["userContextId=2", "^userContextId=x", "^partitionKey=%28https%29"])
  func reportsBadOriginAttributes(raw: String) {
    #expect(FirefoxOriginAttributes(parsing: raw).problem != nil)
  }

  /// A schema newer than any known one is still read (as 17) with a warning.
  @Test(.requires(.sqlite3)) func warnsAboutAnUnknownSchema() throws {
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sql = """
      PRAGMA user_version = 18;
      \(Self.schema15Table)
      INSERT INTO moz_cookies VALUES(1,'','a','1','www.example.com','/',1812536294000,0,0,0,0,0,0,2,0);
      """
    let path = try StoreFixtures.sqliteDatabase(sql, named: "cookies.sqlite", in: dir)
    let result = try StoreFixtures.load(path)
    #expect(result.cookies.first?.expires == Self.expiry)
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.severity == .warning)
    #expect(result.diagnostics.first?.message.contains("schema version 18") == true)
  }
}
