import CookieCore
import Foundation

/// Firefox `cookies.sqlite` (REFERENCE §6).
///
/// Both SQLite readers open the file the same way and look at its tables, so a file that
/// sniffing could only guess at (schema outside the first 64 KiB) still reads correctly;
/// the result's `format` says which browser wrote it.
public enum FirefoxCookiesReader: CookieReader {
  public static let format = CookieFormat.firefox
  public static func sniff(_ prefix: Data, fileName: String) -> Int {
    BrowserDatabase.sniff(prefix, fileName: fileName, for: .firefox)
  }
  public static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult {
    try BrowserDatabase.read(data, options: options)
  }
}

/// Chromium / Chrome / Edge / Brave `Cookies` (REFERENCE §7), `v10` values decrypted.
public enum ChromiumCookiesReader: CookieReader {
  public static let format = CookieFormat.chromium
  public static func sniff(_ prefix: Data, fileName: String) -> Int {
    BrowserDatabase.sniff(prefix, fileName: fileName, for: .chromium)
  }
  public static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult {
    try BrowserDatabase.read(data, options: options)
  }
}
