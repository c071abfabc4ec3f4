import CookieCore
import Foundation
import GRDB

/// Reads `cookies` from an in-memory snapshot of a Chromium `Cookies` file (REFERENCE §7).
enum ChromiumCookieTable {
  /// The newest meta version whose layout Crumbs knows (§7.3; current through Chrome 156).
  static let newestKnownVersion = 24

  static let columns = [
    "creation_utc", "host_key", "top_frame_site_key", "name", "value", "encrypted_value", "path",
    "expires_utc", "is_secure", "secure", "is_httponly", "httponly", "last_access_utc", "priority",
    "samesite", "firstpartyonly", "source_scheme", "source_port", "last_update_utc", "source_type",
    "has_cross_site_ancestor", "is_same_party",
  ]

  static func read(_ db: Database, options: CookieReadOptions, keyring: ChromiumKeyring? = nil) throws
    -> CookieReadResult
  {
    let file = options.sourceName
    var diagnostics: [Diagnostic] = []
    var problems = RecordProblems()
    let version = metaInt(db, "version")
    let plan = try ColumnPlan(db: db, table: "cookies", wanted: columns)
    var decryptor: ChromiumValueDecryptor
    switch version {
    case nil:
      diagnostics.append(
        Diagnostic(
          .warning, file: file,
          "meta table has no numeric version; columns read by name, SHA-256 host prefixes stripped where they match"
        ))
      decryptor = ChromiumValueDecryptor(hostPrefix: nil, keyring: keyring)
    case let v? where v > newestKnownVersion:
      let compatible = metaInt(db, "last_compatible_version").map { ", last_compatible_version \($0)" } ?? ""
      diagnostics.append(
        Diagnostic(
          .warning, file: file,
          "Chromium Cookies meta version \(v)\(compatible) is newer than \(newestKnownVersion), the newest "
            + "Crumbs knows; the columns it recognises were read, other fields may be missing"))
      decryptor = ChromiumValueDecryptor(hostPrefix: nil, keyring: keyring)
    case let v?:
      // §7.3: version 24 (Chrome 130) put SHA-256(host_key) in front of every plaintext.
      decryptor = ChromiumValueDecryptor(hostPrefix: v >= 24, keyring: keyring)
    }
    for needed in ["host_key", "name", "path"] where !plan.has(needed) {
      diagnostics.append(
        Diagnostic(.warning, file: file, "cookies has no \(needed) column; it reads as empty"))
    }
    let ix = (
      creation: plan["creation_utc"], host: plan["host_key"], topFrame: plan["top_frame_site_key"],
      name: plan["name"], value: plan["value"], encrypted: plan["encrypted_value"], path: plan["path"],
      expires: plan["expires_utc"], secure: plan["is_secure"] ?? plan["secure"],
      httpOnly: plan["is_httponly"] ?? plan["httponly"], lastAccess: plan["last_access_utc"],
      priority: plan["priority"], sameSite: plan["samesite"], firstPartyOnly: plan["firstpartyonly"],
      scheme: plan["source_scheme"], port: plan["source_port"], update: plan["last_update_utc"],
      sourceType: plan["source_type"], crossSite: plan["has_cross_site_ancestor"],
      sameParty: plan["is_same_party"]
    )
    var cookies: [Cookie] = []
    do {
      let cursor = try Row.fetchCursor(db, sql: plan.sql)
      while let row = try cursor.next() {
        let record = "rowid \(ColumnValue.int(row, 0) ?? 0)"
        var lossy = false
        let host = ColumnValue.text(row, ix.host, lossy: &lossy) ?? ""
        let name = ColumnValue.text(row, ix.name, lossy: &lossy) ?? ""
        let path = ColumnValue.text(row, ix.path, lossy: &lossy) ?? ""
        let plain = ColumnValue.text(row, ix.value, lossy: &lossy) ?? ""
        if lossy { problems.add(.warning, record, "text is not valid UTF-8; shown with U+FFFD") }
        if host.isEmpty { problems.add(.warning, record, "empty host_key; the cookie matches no site") }
        let hostOnly = !host.hasPrefix(".")
        var cookie = Cookie(
          name: name, value: plain, domain: (hostOnly ? host : String(host.dropFirst())).lowercased(),
          hostOnly: hostOnly, path: path, sourceFile: file)
        cookie.sourceRecord = record
        if let blob = ColumnValue.blob(row, ix.encrypted), !blob.isEmpty {
          if !plain.isEmpty {
            problems.add(
              .warning, record,
              "both value and encrypted_value are set; Chromium treats such a row as invalid; "
                + "the decrypted one is shown")
          }
          switch decryptor.decrypt(blob, hostKey: host) {
          case .decrypted(let bytes, let warning):
            if let s = String(validating: bytes, as: UTF8.self) {
              cookie.value = s
            } else {
              cookie.value = String(decoding: bytes, as: UTF8.self)
              problems.add(.warning, record, "decrypted value is not valid UTF-8; shown with U+FFFD")
            }
            if let warning { problems.add(.warning, record, warning) }
          case .encrypted(let marker, let reason):
            cookie.value = marker
            // Kept so that a Chromium export can write the original blob back unchanged.
            cookie.unknownFields["encrypted_value"] = blob.map { String(format: "%02x", $0) }.joined()
            problems.add(.warning, record, reason)
          }
        }
        // §7.2: µs since 1601; expires_utc 0 is a session cookie.
        if let e = ColumnValue.int(row, ix.expires), e != 0 { cookie.expires = StoreTime.chromium(e) }
        if let v = ColumnValue.int(row, ix.creation), v != 0 { cookie.created = StoreTime.chromium(v) }
        if let v = ColumnValue.int(row, ix.lastAccess), v != 0 { cookie.lastAccessed = StoreTime.chromium(v) }
        if let v = ColumnValue.int(row, ix.update), v != 0 { cookie.lastUpdated = StoreTime.chromium(v) }
        cookie.secure = (ColumnValue.int(row, ix.secure) ?? 0) != 0
        cookie.httpOnly = (ColumnValue.int(row, ix.httpOnly) ?? 0) != 0
        readSameSite(&cookie, row, ix.sameSite, ix.firstPartyOnly, record, &problems)
        if let p = ColumnValue.int(row, ix.priority) {
          // §7.2: 0 low, 1 medium (default), 2 high.
          switch p {
          case 0: cookie.priority = .low
          case 1: cookie.priority = .medium
          case 2: cookie.priority = .high
          default:
            cookie.unknownFields["priority"] = String(p)
            problems.add(.warning, record, "unknown priority \(p); left unset")
          }
        }
        if let s = ColumnValue.int(row, ix.scheme) {
          // §7.2: 0 unset, 1 non-secure, 2 secure.
          switch s {
          case 1: cookie.sourceScheme = .http
          case 2: cookie.sourceScheme = .https
          case 0: break
          default: cookie.unknownFields["source_scheme"] = String(s)
          }
        }
        // §7.2: -1 is url::PORT_UNSPECIFIED (migrated rows).
        if let p = ColumnValue.int(row, ix.port), (0...65535).contains(p) { cookie.sourcePort = Int(p) }
        if let t = ColumnValue.int(row, ix.sourceType) { cookie.unknownFields["source_type"] = String(t) }
        if let t = ColumnValue.int(row, ix.sameParty), t != 0 {
          cookie.unknownFields["is_same_party"] = String(t)
        }
        let topFrame = ColumnValue.text(row, ix.topFrame, lossy: &lossy) ?? ""
        if !topFrame.isEmpty {
          // §7.2: only CHIPS cookies have a partition site; v23+ adds the ancestor bit.
          cookie.partitioned = true
          cookie.partitionKey = PartitionKey(
            topLevelSite: topFrame, hasCrossSiteAncestor: ColumnValue.int(row, ix.crossSite).map { $0 != 0 })
        }
        cookies.append(cookie)
      }
    } catch {
      diagnostics.append(
        Diagnostic(
          .error, file: file,
          "reading cookies stopped after \(cookies.count) cookies: \(BrowserDatabase.describe(error))"))
    }
    diagnostics += problems.diagnostics(file: file)
    return CookieReadResult(cookies: cookies, diagnostics: diagnostics, format: .chromium)
  }

  /// §0.2: -1 unspecified, 0 None, 1 Lax, 2 Strict, 3 (legacy "extended") read as
  /// unspecified. Before version 11 the column was `firstpartyonly` where 0 meant no
  /// attribute (the v11 migration turned it into -1).
  private static func readSameSite(
    _ cookie: inout Cookie, _ row: Row, _ sameSite: Int?, _ firstPartyOnly: Int?, _ record: String,
    _ problems: inout RecordProblems
  ) {
    if let v = ColumnValue.int(row, sameSite) {
      switch v {
      case -1: cookie.sameSite = .unset
      case 0: cookie.sameSite = .none
      case 1: cookie.sameSite = .lax
      case 2: cookie.sameSite = .strict
      case 3: cookie.sameSiteRaw = "3"
      default:
        cookie.sameSiteRaw = String(v)
        problems.add(.warning, record, "unknown samesite value \(v); read as unset")
      }
    } else if let v = ColumnValue.int(row, firstPartyOnly) {
      cookie.sameSite = v == 1 ? .lax : v == 2 ? .strict : .unset
    }
  }

  /// A `meta` value as an integer; Chromium stores them as text (§7.1). Quoted with single
  /// quotes: SQLite builds without double-quoted strings reject `key = "version"`.
  static func metaInt(_ db: Database, _ key: String) -> Int? {
    guard
      let value = try? DatabaseValue.fetchOne(
        db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    else { return nil }
    switch value.storage {
    case .int64(let v): return Int(exactly: v)
    case .string(let s): return Int(s.trimmingCharacters(in: .whitespaces))
    default: return nil
    }
  }
}
