import CookieCore

/// Readers for the browsers' own cookie stores (SQLite, binary).
public enum BrowserStores {
  public static let readers: [any CookieReader.Type] = [
    FirefoxCookiesReader.self,
    ChromiumCookiesReader.self,
    SafariBinaryCookiesReader.self,
  ]
}
