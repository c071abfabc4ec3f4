import CookieCore
import Foundation
import GRDB

/// Which browser wrote a SQLite cookie store; the SQLite readers share this so either one,
/// picked by a guess from the first 64 KiB, can hand the file to the right table reader.
enum BrowserDatabase {
  case firefox, chromium

  /// `SQLite format 3\0`, the first 16 bytes of every SQLite 3 database file.
  static let magic = Data("SQLite format 3\u{0}".utf8)

  /// How sure each SQLite reader is about `prefix`.
  ///
  /// The schema (`sqlite_master`) lives on page 1, so its `CREATE TABLE` text is normally
  /// inside the 64 KiB prefix: `moz_cookies` means Firefox (§6.1), the `host_key` column
  /// means Chromium (§7.2). A schema that is not there (in the `-wal`, or a huge page)
  /// leaves a guess by file name, re-checked when the file is opened.
  static func sniff(_ prefix: Data, fileName: String, for kind: BrowserDatabase) -> Int {
    guard prefix.starts(with: magic) else { return 0 }
    let isFirefox = contains(prefix, "moz_cookies")
    let isChromium = contains(prefix, "host_key")
    switch (isFirefox, isChromium) {
    case (true, false): return kind == .firefox ? 100 : 0
    case (false, true): return kind == .chromium ? 100 : 0
    default:
      let base = (fileName as NSString).lastPathComponent
      let firefoxName = base.lowercased().hasSuffix(".sqlite")
      let chromiumName = base == "Cookies"
      switch kind {
      case .firefox: return firefoxName ? 60 : 55
      case .chromium: return chromiumName ? 60 : 50
      }
    }
  }

  private static func contains(_ data: Data, _ needle: String) -> Bool {
    data.range(of: Data(needle.utf8)) != nil
  }

  /// Opens an in-memory snapshot of the store and reads it with the table reader its schema
  /// calls for, whichever reader sniffing chose.
  static func read(_ data: Data, options: CookieReadOptions, keyring: ChromiumKeyring? = nil) throws
    -> CookieReadResult
  {
    let name = options.sourceName
    guard data.starts(with: magic) else {
      throw CookieFormatError(file: name, "not a SQLite 3 database (no \"SQLite format 3\" header)")
    }
    // The store is read into memory and never copied to disk (see DatabaseSnapshot).
    let snapshot: DatabaseSnapshot
    do {
      snapshot = try DatabaseSnapshot.make(data: data, filePath: options.filePath)
    } catch {
      throw CookieFormatError(file: name, "cannot read the SQLite database: \(describe(error))")
    }
    let queue: DatabaseQueue
    do {
      queue = try snapshot.open()
    } catch {
      throw CookieFormatError(file: name, "cannot open the SQLite database: \(describe(error))")
    }
    defer { try? queue.close() }
    do {
      return try queue.read { db -> CookieReadResult in
        if try db.tableExists("moz_cookies") {
          return try FirefoxCookieTable.read(db, options: options)
        }
        if try db.tableExists("cookies"), try db.tableExists("meta") {
          return try ChromiumCookieTable.read(db, options: options, keyring: keyring)
        }
        let tables = try String.fetchAll(
          db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        let list =
          tables.isEmpty ? "none" : tables.prefix(8).map { TerminalSafe.quoted($0) }.joined(separator: ", ")
        throw CookieFormatError(
          file: name,
          "SQLite database is neither a Firefox cookies.sqlite (no moz_cookies table) nor a "
            + "Chromium Cookies file (no cookies + meta tables); its tables: \(list)")
      }
    } catch let e as CookieFormatError {
      throw e
    } catch {
      throw CookieFormatError(file: name, "cannot read the SQLite database: \(describe(error))")
    }
  }

  /// SQLite's own words for an error (`file is not a database`), without GRDB's SQL echo.
  /// SQLite's message for `error`, escaped: it quotes bytes of the file (a token of a
  /// broken schema), which may be control characters (found by the chromium fuzz target).
  static func describe(_ error: any Error) -> String {
    if let e = error as? DatabaseError {
      return TerminalSafe.escape(e.message ?? "\(e.resultCode)")
    }
    return TerminalSafe.escape("\(error)")
  }
}

/// Plain column values from a GRDB row, never trapping on a type the schema did not promise
/// (SQLite columns are dynamically typed; a hand-edited store can hold anything).
enum ColumnValue {
  static func int(_ row: Row, _ index: Int?) -> Int64? {
    guard let index else { return nil }
    switch (row[index] as DatabaseValue).storage {
    case .int64(let v): return v
    case .double(let d): return d.isFinite && abs(d) < 9.2e18 ? Int64(d) : nil
    case .string(let s): return Int64(s.trimmingCharacters(in: .whitespaces))
    case .null, .blob: return nil
    }
  }

  /// Text; a BLOB is decoded as UTF-8 with replacement characters (`lossy` is then set).
  static func text(_ row: Row, _ index: Int?, lossy: inout Bool) -> String? {
    guard let index else { return nil }
    switch (row[index] as DatabaseValue).storage {
    case .string(let s): return s
    case .int64(let v): return String(v)
    case .double(let d): return String(d)
    case .blob(let b):
      if let s = String(validating: b, as: UTF8.self) { return s }
      lossy = true
      return String(decoding: b, as: UTF8.self)
    case .null: return nil
    }
  }

  static func blob(_ row: Row, _ index: Int?) -> Data? {
    guard let index else { return nil }
    switch (row[index] as DatabaseValue).storage {
    case .blob(let b): return b
    case .string(let s): return Data(s.utf8)
    case .null, .int64, .double: return nil
    }
  }
}

/// The SELECT for a cookie table: only the columns this schema version has, so one reader
/// serves every version; a missing column reads as absent.
struct ColumnPlan {
  let sql: String
  private let positions: [String: Int]

  init(db: Database, table: String, wanted: [String]) throws {
    let present = Set(try db.columns(in: table).map { $0.name.lowercased() })
    var list = ["rowid"]
    var positions: [String: Int] = [:]
    for name in wanted where present.contains(name.lowercased()) {
      positions[name] = list.count
      list.append("\"\(name)\"")
    }
    self.sql = "SELECT \(list.joined(separator: ", ")) FROM \"\(table)\" ORDER BY rowid"
    self.positions = positions
  }

  /// Position of `column` in each row, nil when this schema has no such column.
  subscript(_ column: String) -> Int? { positions[column] }
  func has(_ column: String) -> Bool { positions[column] != nil }
}
