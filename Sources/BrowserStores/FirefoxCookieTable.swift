import CookieCore
import Foundation
import GRDB

/// Reads `moz_cookies` from an in-memory snapshot of a Firefox `cookies.sqlite` (REFERENCE §6).
enum FirefoxCookieTable {
  static let columns = [
    "originAttributes", "name", "value", "host", "path", "expiry", "lastAccessed", "creationTime",
    "isSecure", "isHttpOnly", "inBrowserElement", "sameSite", "rawSameSite", "schemeMap",
    "isPartitionedAttributeSet", "updateTime",
  ]

  static func read(_ db: Database, options: CookieReadOptions) throws -> CookieReadResult {
    let file = options.sourceName
    let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    let plan = try ColumnPlan(db: db, table: "moz_cookies", wanted: columns)
    var diagnostics: [Diagnostic] = []
    var problems = RecordProblems()
    for needed in ["name", "value", "host", "path"] where !plan.has(needed) {
      diagnostics.append(
        Diagnostic(.warning, file: file, "moz_cookies has no \(needed) column; it reads as empty"))
    }
    if version < 9 || version > 17 {
      // §6.2: only 9...17 are documented; newer Firefox may have changed units again.
      diagnostics.append(
        Diagnostic(
          .warning, file: file,
          "cookies.sqlite schema version \(version) is outside the known 9–17; read as "
            + (version > 17 ? "schema 17 (expiry in milliseconds)" : "an old schema")))
    }
    // §6.2: the 15→16 upgrade multiplied expiry by 1000; branch on the version, never guess.
    let expiryInMilliseconds = version >= 16
    // §6.2: schema 10–14 keep the attribute as sent in rawSameSite; sameSite=1 with
    // rawSameSite=0 is "no SameSite attribute" (Firefox's lax-by-default value).
    let useRawSameSite = version < 15 && plan.has("rawSameSite")

    let ix = (
      origin: plan["originAttributes"], name: plan["name"], value: plan["value"], host: plan["host"],
      path: plan["path"], expiry: plan["expiry"], lastAccessed: plan["lastAccessed"],
      creation: plan["creationTime"], secure: plan["isSecure"], httpOnly: plan["isHttpOnly"],
      inBrowser: plan["inBrowserElement"], sameSite: plan["sameSite"], raw: plan["rawSameSite"],
      scheme: plan["schemeMap"], partitioned: plan["isPartitionedAttributeSet"],
      update: plan["updateTime"]
    )
    var cookies: [Cookie] = []
    var originCache: [String: FirefoxOriginAttributes] = [:]
    do {
      let cursor = try Row.fetchCursor(db, sql: plan.sql)
      while let row = try cursor.next() {
        let rowid = ColumnValue.int(row, 0) ?? 0
        let record = "rowid \(rowid)"
        var lossy = false
        let name = ColumnValue.text(row, ix.name, lossy: &lossy) ?? ""
        let value = ColumnValue.text(row, ix.value, lossy: &lossy) ?? ""
        let host = ColumnValue.text(row, ix.host, lossy: &lossy) ?? ""
        let path = ColumnValue.text(row, ix.path, lossy: &lossy) ?? ""
        if lossy { problems.add(.warning, record, "text is not valid UTF-8; shown with U+FFFD") }
        if host.isEmpty { problems.add(.warning, record, "empty host; the cookie matches no site") }
        // §6.1: a leading dot is what marks a domain cookie.
        let hostOnly = !host.hasPrefix(".")
        var cookie = Cookie(
          name: name, value: value, domain: (hostOnly ? host : String(host.dropFirst())).lowercased(),
          hostOnly: hostOnly, path: path, sourceFile: file)
        cookie.sourceRecord = record
        if let expiry = ColumnValue.int(row, ix.expiry) {
          cookie.expires = expiryInMilliseconds ? Instant(milliseconds: expiry) : Instant(seconds: expiry)
        } else {
          problems.add(.note, record, "no expiry; read as a session cookie")
        }
        cookie.secure = (ColumnValue.int(row, ix.secure) ?? 0) != 0
        cookie.httpOnly = (ColumnValue.int(row, ix.httpOnly) ?? 0) != 0
        cookie.partitioned = (ColumnValue.int(row, ix.partitioned) ?? 0) != 0
        readSameSite(
          &cookie, ColumnValue.int(row, ix.sameSite),
          raw: useRawSameSite ? ColumnValue.int(row, ix.raw) : nil, record, &problems)
        // §0.1: lastAccessed, creationTime, updateTime are PRTime microseconds.
        if let v = ColumnValue.int(row, ix.creation), v != 0 { cookie.created = StoreTime.microseconds(v) }
        if let v = ColumnValue.int(row, ix.lastAccessed), v != 0 {
          cookie.lastAccessed = StoreTime.microseconds(v)
        }
        if let v = ColumnValue.int(row, ix.update), v != 0 { cookie.lastUpdated = StoreTime.microseconds(v) }
        if let map = ColumnValue.int(row, ix.scheme) {
          // §6.1 schemeMap bits: 0x1 http, 0x2 https, 0x4 file. The model has one scheme;
          // the most secure one seen wins and the bit set is kept for a faithful re-export.
          cookie.sourceScheme = map & 2 != 0 ? .https : map & 1 != 0 ? .http : map & 4 != 0 ? .file : nil
          if map != 0 { cookie.unknownFields["schemeMap"] = String(map) }
        }
        if let v = ColumnValue.int(row, ix.inBrowser), v != 0 {
          cookie.unknownFields["inBrowserElement"] = String(v)
        }
        let origin = ColumnValue.text(row, ix.origin, lossy: &lossy) ?? ""
        if !origin.isEmpty {
          let attrs: FirefoxOriginAttributes
          if let cached = originCache[origin] {
            attrs = cached
          } else {
            attrs = FirefoxOriginAttributes(parsing: origin)
            originCache[origin] = attrs
          }
          cookie.originAttributes = origin
          cookie.storeId = attrs.storeId
          cookie.partitionKey = attrs.partitionKey
          if let problem = attrs.problem { problems.add(.warning, record, problem) }
        }
        cookies.append(cookie)
      }
    } catch {
      // A damaged page ends the table scan; what was read before it still counts.
      diagnostics.append(
        Diagnostic(
          .error, file: file,
          "reading moz_cookies stopped after \(cookies.count) cookies: \(BrowserDatabase.describe(error))"))
    }
    diagnostics += problems.diagnostics(file: file)
    return CookieReadResult(cookies: cookies, diagnostics: diagnostics, format: .firefox)
  }

  /// §0.2: 0 None, 1 Lax, 2 Strict, 256 unset (schema ≥15); schema 10–14 unset is
  /// sameSite=1 with rawSameSite=0.
  private static func readSameSite(
    _ cookie: inout Cookie, _ sameSite: Int64?, raw: Int64?, _ record: String,
    _ problems: inout RecordProblems
  ) {
    guard let sameSite else { return }
    switch sameSite {
    case 0: cookie.sameSite = .none
    case 1: cookie.sameSite = raw == 0 ? .unset : .lax
    case 2: cookie.sameSite = .strict
    case 256: cookie.sameSite = .unset
    default:
      cookie.sameSite = .unset
      cookie.sameSiteRaw = String(sameSite)
      problems.add(.warning, record, "unknown sameSite value \(sameSite); read as unset")
    }
  }
}
