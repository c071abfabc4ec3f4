import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

@testable import BrowserStores

/// Chromium `Cookies` (REFERENCE §7). Ciphertexts below were made with Python's
/// `cryptography` package (AES-128-CBC, IV of 16 spaces, PBKDF2-SHA1 keys), not with Crumbs.
@Suite struct ChromiumReaderTests {
  static let expiry = Instant(seconds: 1_812_536_294)
  static let v24Table = """
    CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
    CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,
      name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,
      expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,
      last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,
      priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,
      source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,
      has_cross_site_ancestor INTEGER NOT NULL);
    """

  static func build(_ sql: String, in dir: URL) throws -> String {
    try StoreFixtures.sqliteDatabase(sql, named: "Cookies", in: dir)
  }

  @Test func keysMatchTheReference() {
    // REFERENCE §7.4 (verified there independently).
    #expect(
      ChromiumValueDecryptor.peanutsKey.map { String(format: "%02x", $0) }.joined()
        == "fd621fe5a2b402539dfa147ca9272778")
    #expect(
      ChromiumValueDecryptor.emptyPasswordKey.map { String(format: "%02x", $0) }.joined()
        == "d0d0ec9c7d77d43ac54187fa4818d17f")
  }

  @Test func readsTheVersion24Example() throws {
    let path = StoreFixtures.example("chromium-Cookies-v24.sqlite")
    let result = try StoreFixtures.load(path)
    #expect(result.format == .chromium)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    var expected: [Cookie] = []
    let rows: [(String, String, String, String, Bool, Bool, SameSite, Bool)] = [
      ("lang", "en-US", ".example.com", "/", false, false, .unset, true),
      ("sid", "31d4d96e407aad42", "www.example.com", "/", true, true, .lax, true),
      ("theme", "dark", "www.example.com", "/app", false, false, .lax, false),
      ("__Host-embed", "e1", "widget.example.net", "/", true, true, .none, true),
    ]
    for (i, r) in rows.enumerated() {
      let hostOnly = !r.2.hasPrefix(".")
      var c = Cookie(
        name: r.0, value: r.1, domain: hostOnly ? r.2 : String(r.2.dropFirst()), hostOnly: hostOnly,
        path: r.3,
        expires: r.7 ? Self.expiry : nil, secure: r.4, httpOnly: r.5, sameSite: r.6, sourceFile: path)
      let t = Instant(seconds: 1_795_564_800 + Int64(i))
      c.created = t
      c.lastAccessed = t
      c.lastUpdated = t
      c.priority = .medium
      c.sourceScheme = .https
      c.sourcePort = 443
      c.sourceRecord = "rowid \(i + 1)"
      c.unknownFields = ["source_type": "1"]
      if i == 3 {
        c.partitioned = true
        c.partitionKey = PartitionKey(topLevelSite: "https://example.org", hasCrossSiteAncestor: true)
      }
      expected.append(c)
    }
    #expect(result.cookies == expected)
  }

  /// Version 24 rows that exercise every decryption path, plus odd column values.
  @Test(.requires(.sqlite3)) func version24DecryptionPaths() throws {
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let v11 = "763131" + String(repeating: "AB", count: 48)
    let sql = """
      \(Self.v24Table)
      INSERT INTO meta VALUES('version','24');
      INSERT INTO meta VALUES('last_compatible_version','24');
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','fallback','',X'7631305C4BD8F5D5AE2ECC38EECEB16A2E1926C52A6D64CF1533374F3BF8C22D46338B3E55AB74BA6EDE5FCFCB8D96AD6EAAF6','/',13457009894000000,0,0,13440038400000000,1,1,0,3,0,-1,13440038400000000,0,0);
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','moved','',X'7631308C26CA059B1FF10AC5E30BFFD3195416A39F77490E98077C97ED209C6D2ACDEEE94218A075D756CB8C37BB3CE4278CEC','/',13457009894000000,0,0,13440038400000000,1,1,2,-1,1,80,13440038400000000,0,0);
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','empty','',X'76313029429F057859D6558A280A1DFF3538110CABD3146DCB82B8ACF5F9B00640650F6763AF41C780D6497576C35B1E3C4885','/',0,0,0,13440038400000000,0,0,1,-1,2,443,13440038400000000,0,0);
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','keyring','',X'\(v11)','/',0,0,0,0,0,0,1,-1,2,443,0,0,0);
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','appbound','',X'76323000112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF','/',0,0,0,0,0,0,1,-1,2,443,0,0,0);
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','plain','clear-text',X'','/',0,0,0,0,0,0,1,-1,2,443,0,0,0);
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','garbage','',X'763130000102030405060708090A0B0C0D0E0F','/',0,0,0,0,0,0,1,-1,2,443,0,0,0);
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','keyring2','',X'\(v11)','/x',0,0,0,0,0,0,1,-1,2,443,0,0,0);
      """
    let path = try Self.build(sql, in: dir)
    let result = try StoreFixtures.load(path)
    let byName = Dictionary(uniqueKeysWithValues: result.cookies.map { ($0.name, $0) })
    #expect(
      result.cookies.map(\.value) == [
        "fallback", "moved", "", "<encrypted v11: 48 bytes>", "<encrypted v20: 32 bytes>", "clear-text",
        "<encrypted v10: 16 bytes>", "<encrypted v11: 48 bytes>",
      ])
    #expect(byName["keyring"]?.unknownFields["encrypted_value"] == v11.lowercased())
    #expect(byName["fallback"]?.sameSite == .unset && byName["fallback"]?.sameSiteRaw == "3")
    #expect(byName["fallback"]?.priority == .low && byName["fallback"]?.sourcePort == nil)
    #expect(byName["fallback"]?.sourceScheme == nil && byName["fallback"]?.expires == Self.expiry)
    #expect(byName["moved"]?.priority == .high && byName["moved"]?.sourceScheme == .http)
    #expect(byName["moved"]?.sourcePort == 80)
    #expect(byName["empty"]?.expires == nil)
    let messages = result.diagnostics.map(\.message)
    #expect(messages.count == 4, "\(messages)")
    #expect(
      messages.contains { $0.hasPrefix("rowid 2: decrypted value does not start with SHA-256 of host_key") })
    #expect(
      messages.contains {
        $0.hasPrefix("rowid 4, rowid 8: value is encrypted with v11") && $0.contains("keyring")
      })
    #expect(messages.contains { $0.hasPrefix("rowid 5: encrypted value has prefix \"v20\"") })
    #expect(messages.contains { $0.hasPrefix("rowid 7: v10 value does not decrypt") })
    #expect(result.diagnostics.allSatisfy { $0.severity == .warning && $0.file == path })
  }

  /// Before version 24 there is no hash prefix; version 21 has no source_type and no
  /// has_cross_site_ancestor column.
  @Test(.requires(.sqlite3), arguments: [23, 21])
  func olderVersions(version: Int) throws {
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let table =
      version == 23
      ? Self.v24Table
      : """
      CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
      CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,
        name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,
        expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,
        last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,
        priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,
        source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL);
      """
    let extra = version == 23 ? ",1,1" : ""
    let sql = """
      \(table)
      INSERT INTO meta VALUES('version','\(version)');
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','https://example.org','p','',X'7631303F1C811F8F154287CA892CE26906EB39','/',13457009894000000,1,0,13440038400000001,1,1,1,2,2,443,13440038400000002\(extra));
      INSERT INTO cookies VALUES(13440038400000000,'.example.com','','q','',X'763130A3D7A756D755B127C9E325C9441DFDCE','/',13457009894000000,0,1,13440038400000001,1,1,1,-1,1,80,13440038400000002\(extra));
      """
    let path = try Self.build(sql, in: dir)
    let result = try StoreFixtures.load(path)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    try #require(result.cookies.count == 2)
    let (p, q) = (result.cookies[0], result.cookies[1])
    #expect(p.value == "plain-v23" && q.value == "legacy-21")
    #expect(p.partitioned && p.partitionKey?.topLevelSite == "https://example.org")
    #expect(p.partitionKey?.hasCrossSiteAncestor == (version == 23 ? true : nil))
    #expect(p.sameSite == .strict && p.secure && !p.httpOnly && p.expires == Self.expiry)
    #expect(p.created == Instant(seconds: 1_795_564_800))
    #expect(p.lastAccessed == Instant(microseconds: 1_795_564_800_000_001))
    #expect(p.lastUpdated == Instant(microseconds: 1_795_564_800_000_002))
    #expect(!q.hostOnly && q.domain == "example.com" && q.httpOnly && q.partitionKey == nil && !q.partitioned)
    #expect(q.unknownFields["source_type"] == (version == 23 ? "1" : nil))
  }

  @Test(.requires(.sqlite3)) func newerMetaVersionIsReadWithAWarning() throws {
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sql = """
      \(Self.v24Table)
      INSERT INTO meta VALUES('version','25');
      INSERT INTO meta VALUES('last_compatible_version','25');
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','empty','',X'76313029429F057859D6558A280A1DFF3538110CABD3146DCB82B8ACF5F9B00640650F6763AF41C780D6497576C35B1E3C4885','/',0,0,0,13440038400000000,0,0,1,-1,2,443,13440038400000000,0,0);
      """
    let path = try Self.build(sql, in: dir)
    let result = try StoreFixtures.load(path)
    #expect(result.cookies.map(\.value) == [""])
    #expect(result.diagnostics.count == 1)
    #expect(
      result.diagnostics.first?.message
        == "Chromium Cookies meta version 25, last_compatible_version 25 is newer than 24, the newest Crumbs "
        + "knows; the columns it recognises were read, other fields may be missing")
  }

  /// Version 9 and older name the booleans `secure`, `httponly`, `persistent` and keep
  /// SameSite in `firstpartyonly` (0 = no attribute) (§7.3).
  @Test(.requires(.sqlite3)) func version9ColumnNames() throws {
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sql = """
      CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
      INSERT INTO meta VALUES('version','9');
      CREATE TABLE cookies (creation_utc INTEGER NOT NULL UNIQUE PRIMARY KEY, host_key TEXT NOT NULL,
        name TEXT NOT NULL, value TEXT NOT NULL, path TEXT NOT NULL, expires_utc INTEGER NOT NULL,
        secure INTEGER NOT NULL, httponly INTEGER NOT NULL, last_access_utc INTEGER NOT NULL,
        has_expires INTEGER NOT NULL DEFAULT 1, persistent INTEGER NOT NULL DEFAULT 1,
        priority INTEGER NOT NULL DEFAULT 1, encrypted_value BLOB DEFAULT '',
        firstpartyonly INTEGER NOT NULL DEFAULT 0);
      INSERT INTO cookies VALUES(13440038400000000,'old.example','a','x','/',13457009894000000,1,1,0,1,1,1,X'',0);
      INSERT INTO cookies VALUES(13440038400000001,'old.example','b','y','/',13457009894000000,0,0,0,1,1,1,X'',2);
      """
    let path = try Self.build(sql, in: dir)
    let result = try StoreFixtures.load(path)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(result.cookies.map(\.value) == ["x", "y"])
    #expect(
      result.cookies.map(\.secure) == [true, false] && result.cookies.map(\.httpOnly) == [true, false])
    #expect(result.cookies.map(\.sameSite) == [.unset, .strict])
    #expect(result.cookies.allSatisfy { $0.expires == Self.expiry && $0.partitionKey == nil })
  }

  /// No version in meta: warn, and strip a SHA-256 host prefix only where it matches.
  @Test(.requires(.sqlite3)) func missingMetaVersion() throws {
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sql = """
      \(Self.v24Table)
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','hashed','',X'7631305C4BD8F5D5AE2ECC38EECEB16A2E1926C52A6D64CF1533374F3BF8C22D46338B3E55AB74BA6EDE5FCFCB8D96AD6EAAF6','/',0,0,0,0,0,0,1,-1,2,443,0,0,0);
      INSERT INTO cookies VALUES(13440038400000000,'www.example.com','','bare','',X'7631303F1C811F8F154287CA892CE26906EB39','/',0,0,0,0,0,0,1,-1,2,443,0,0,0);
      """
    let path = try Self.build(sql, in: dir)
    let result = try StoreFixtures.load(path)
    #expect(result.cookies.map(\.value) == ["fallback", "plain-v23"])
    #expect(result.diagnostics.map(\.severity) == [.warning])
    #expect(result.diagnostics.first?.message.hasPrefix("meta table has no numeric version") == true)
  }
}
