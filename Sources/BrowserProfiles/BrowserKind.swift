import Foundation

/// A browser whose profiles Crumbs can open, spelled as yt-dlp's `--cookies-from-browser`
/// spells it (its users know these names).
public enum BrowserKind: String, CaseIterable, Sendable {
  case firefox, chromium, chrome, brave, edge, vivaldi, opera

  public var isChromium: Bool { self != .firefox }

  /// Opera keeps one profile in its user-data folder (yt-dlp's `browsers_without_profiles`).
  var hasProfiles: Bool { self != .opera }

  /// Where the browser keeps its profiles on Linux, in the order they are searched: the
  /// distribution package's folder, then snap's and flatpak's. Firefox ≥ 147 also uses
  /// `$XDG_CONFIG_HOME/mozilla/firefox` (REFERENCE §6.4); Chromium's are its
  /// `user_data_dir.md` folders under `$XDG_CONFIG_HOME`.
  func roots(_ locations: BrowserLocations) -> [String] {
    let home = locations.home
    let config = locations.configHome
    switch self {
    case .firefox:
      return [
        "\(home)/.mozilla/firefox", "\(config)/mozilla/firefox",
        "\(home)/snap/firefox/common/.mozilla/firefox",
        "\(home)/.var/app/org.mozilla.firefox/.mozilla/firefox",
        "\(home)/.var/app/org.mozilla.firefox/config/mozilla/firefox",
      ]
    case .chromium:
      return [
        "\(config)/chromium", "\(home)/snap/chromium/common/chromium",
        "\(home)/.var/app/org.chromium.Chromium/config/chromium",
      ]
    case .chrome:
      return ["\(config)/google-chrome", "\(home)/.var/app/com.google.Chrome/config/google-chrome"]
    case .brave:
      return [
        "\(config)/BraveSoftware/Brave-Browser",
        "\(home)/snap/brave/current/.config/BraveSoftware/Brave-Browser",
        "\(home)/.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser",
      ]
    case .edge:
      return ["\(config)/microsoft-edge", "\(home)/.var/app/com.microsoft.Edge/config/microsoft-edge"]
    case .vivaldi:
      return ["\(config)/vivaldi", "\(home)/.var/app/com.vivaldi.Vivaldi/config/vivaldi"]
    case .opera:
      return [
        "\(config)/opera", "\(home)/snap/opera/current/.config/opera",
        "\(home)/.var/app/com.opera.Opera/config/opera",
      ]
    }
  }

  /// The `application` attribute of the browser's secret in the Secret Service
  /// (`kApplicationName` of Chromium's key_storage_libsecret: `chrome` for Google Chrome,
  /// `chromium` otherwise). For the derived browsers yt-dlp's Linux keyring names hold:
  /// Edge and Opera keep Chromium's, Vivaldi Chrome's, Brave its own.
  public var keyringApplication: String {
    switch self {
    case .firefox, .chromium, .edge, .opera: "chromium"
    case .chrome, .vivaldi: "chrome"
    case .brave: "brave"
    }
  }

  /// Names for messages.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The user's folders, from the environment the command runs in (tests set `HOME`).
public struct BrowserLocations: Sendable {
  public var home: String
  public var configHome: String
  public var environment: [String: String]

  public init(environment: [String: String]) {
    self.environment = environment
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    self.home = home
    // XDG Base Directory: a relative $XDG_CONFIG_HOME is invalid and ignored.
    if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
      configHome = config
    } else {
      configHome = "\(home)/.config"
    }
  }

  /// `~` and `~/…` expanded with this `HOME`.
  func expand(_ path: String) -> String {
    if path == "~" { return home }
    if path.hasPrefix("~/") { return home + path.dropFirst() }
    return path
  }
}
