import Foundation

/// `--from-browser BROWSER[+KEYRING][:PROFILE][::CONTAINER]`, yt-dlp's spelling of
/// `--cookies-from-browser` (its `_parse_browser_specification`).
public struct BrowserSpec: Equatable, Sendable, CustomStringConvertible {
  public var browser: BrowserKind
  /// `+KEYRING`: which keyring holds a Chromium profile's secret.
  public var keyring: BrowserKeyringChoice?
  /// A profile name, or a path (anything with a `/`, or starting with `~`).
  public var profile: String?
  /// Firefox only: a container name, its number, or `none` (no container).
  public var container: String?

  public init(
    browser: BrowserKind, keyring: BrowserKeyringChoice? = nil, profile: String? = nil,
    container: String? = nil
  ) {
    self.browser = browser
    self.keyring = keyring
    self.profile = profile
    self.container = container
  }

  public struct ParseError: Error, CustomStringConvertible, Equatable {
    public var description: String
  }

  public init(parsing text: String) throws(ParseError) {
    var rest = Substring(text)
    var container: String? = nil
    if let range = rest.range(of: "::") {
      container = String(rest[range.upperBound...])
      rest = rest[..<range.lowerBound]
    }
    var profile: String? = nil
    if let colon = rest.firstIndex(of: ":") {
      profile = String(rest[rest.index(after: colon)...])
      rest = rest[..<colon]
    }
    var keyring: BrowserKeyringChoice? = nil
    if let plus = rest.firstIndex(of: "+") {
      let name = rest[rest.index(after: plus)...].lowercased()
      guard let k = BrowserKeyringChoice(rawValue: name) else {
        throw ParseError(
          description:
            "unknown keyring '\(name)' in --from-browser \(text); known: \(BrowserKeyringChoice.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      keyring = k
      rest = rest[..<plus]
    }
    let name = rest.trimmingCharacters(in: .whitespaces).lowercased()
    guard let browser = BrowserKind(rawValue: name) else {
      throw ParseError(
        description: "unknown browser '\(name)' in --from-browser \(text); known: \(BrowserKind.names)")
    }
    if let p = profile, p.isEmpty { profile = nil }
    if let c = container, c.isEmpty {
      throw ParseError(description: "empty container after '::' in --from-browser \(text)")
    }
    if container != nil && browser != .firefox {
      throw ParseError(description: "containers (::CONTAINER) are Firefox's; \(browser.rawValue) has none")
    }
    if keyring != nil && browser == .firefox {
      throw ParseError(description: "Firefox keeps no cookie secret in a keyring; drop +KEYRING")
    }
    self.init(browser: browser, keyring: keyring, profile: profile, container: container)
  }

  public var description: String {
    var s = browser.rawValue
    if let keyring { s += "+\(keyring.rawValue)" }
    if let profile { s += ":\(profile)" }
    if let container { s += "::\(container)" }
    return s
  }
}

/// yt-dlp's keyring names (Chromium's `SelectedLinuxBackend`). Every one but `basictext`
/// is asked through the Secret Service, which GNOME keyring serves and KWallet bridges.
public enum BrowserKeyringChoice: String, CaseIterable, Sendable {
  case gnomekeyring, kwallet, kwallet5, kwallet6, basictext
}
