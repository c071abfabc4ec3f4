import CookieCore
import Foundation

/// Where the secret behind a Chromium profile's `v11` values comes from: the desktop
/// keyring (REFERENCE §7.4). The secret stays in memory: it is turned into the AES key and
/// never written anywhere, printed, or kept in a diagnostic.
public struct ChromiumKeyring: Sendable {
  /// Why there is no secret, for the note on each value left encrypted.
  public struct Failure: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
  }

  /// Which keyring is asked, for diagnostics ("the Secret Service (…application chromium)").
  public var description: String
  /// Asks for the secret; called at most once per store, and only when a `v11` value is met.
  public var lookup: @Sendable () -> Result<String, Failure>

  public init(description: String, lookup: @escaping @Sendable () -> Result<String, Failure>) {
    self.description = description
    self.lookup = lookup
  }
}

extension BrowserStores {
  /// Reads a Firefox or Chromium SQLite store like its reader does; a Chromium store's
  /// `v11` values are decrypted with the secret `keyring` gives (asked only when needed).
  public static func read(_ data: Data, options: CookieReadOptions, keyring: ChromiumKeyring?) throws
    -> CookieReadResult
  {
    try BrowserDatabase.read(data, options: options, keyring: keyring)
  }
}
