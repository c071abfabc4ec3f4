import CookieCore

/// Readers for the browsers' own cookie stores (SQLite, binary). Filled in by the formats work.
public enum BrowserStores {
  public static let readers: [any CookieReader.Type] = []
}
