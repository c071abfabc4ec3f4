import Foundation
import TerminalEscaping

/// One profile of an installed browser, as found on disk.
public struct BrowserProfile: Equatable, Sendable {
  public var browser: BrowserKind
  /// The name the browser shows (profiles.ini `Name`, `Local State` name), else the folder's.
  public var name: String
  /// The profile folder.
  public var path: String
  /// The cookie store in it; nil when the profile has none yet.
  public var cookieFile: String?
  /// The browser's own default (profiles.ini, `Local State` `last_used`).
  public var isDefault: Bool
  /// The folder the profile was found in (a root of `BrowserKind.roots`, or a path given).
  public var root: String

  /// The folder's own name (`abcd1234.default-release`, `Profile 1`).
  public var folderName: String { (path as NSString).lastPathComponent }

  /// Whether `name` names this profile: its shown name or its folder name, exactly, then
  /// ignoring case.
  func isNamed(_ wanted: String, ignoringCase: Bool) -> Bool {
    if ignoringCase {
      return name.lowercased() == wanted.lowercased() || folderName.lowercased() == wanted.lowercased()
    }
    return name == wanted || folderName == wanted
  }
}

/// Why no profile could be opened; the message says where Crumbs looked.
public struct BrowserProfileError: Error, CustomStringConvertible, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The profile `--from-browser` chose, and how.
public struct ResolvedBrowserProfile: Equatable, Sendable {
  public var profile: BrowserProfile
  public var cookieFile: String
  /// How the profile was picked, for a note ("the default in profiles.ini").
  public var reason: String
}

/// Finds the profiles of the browsers under a `HOME`, and the one a `BrowserSpec` names.
/// Only reads: folders are listed and small files (profiles.ini, Local State) read.
public struct BrowserProfileFinder: Sendable {
  public var locations: BrowserLocations

  public init(_ locations: BrowserLocations) { self.locations = locations }

  /// Every profile of every browser, in `BrowserKind` order, then root order.
  public func allProfiles() -> [BrowserProfile] {
    BrowserKind.allCases.flatMap { profiles(of: $0) }
  }

  public func profiles(of browser: BrowserKind) -> [BrowserProfile] {
    var seen = Set<String>()
    var result: [BrowserProfile] = []
    for root in browser.roots(locations) where Self.isDirectory(root) {
      for p in profiles(of: browser, in: root) where seen.insert(Self.canonical(p.path)).inserted {
        result.append(p)
      }
    }
    return result
  }

  /// The profiles in one folder of `browser`'s.
  func profiles(of browser: BrowserKind, in root: String) -> [BrowserProfile] {
    switch browser {
    case .firefox: FirefoxProfiles.profiles(in: root)
    default: ChromiumProfiles.profiles(of: browser, in: root)
    }
  }

  /// The profile `spec` names: by path, by name, or the browser's default.
  public func resolve(_ spec: BrowserSpec) throws(BrowserProfileError) -> ResolvedBrowserProfile {
    let browser = spec.browser
    if let wanted = spec.profile, wanted.contains("/") || wanted.hasPrefix("~") {
      return try resolve(path: locations.expand(wanted), browser: browser)
    }
    let roots = browser.roots(locations)
    let all = profiles(of: browser)
    let looked = "looked in \(roots.joined(separator: ", "))"
    if let wanted = spec.profile {
      var matches = all.filter { $0.isNamed(wanted, ignoringCase: false) }
      if matches.isEmpty { matches = all.filter { $0.isNamed(wanted, ignoringCase: true) } }
      guard !matches.isEmpty else {
        let names = all.map { $0.name == $0.folderName ? $0.name : "\($0.name) (\($0.folderName))" }
        throw BrowserProfileError(
          "no \(browser.rawValue) profile named \(TerminalSafe.quoted(wanted)); "
            + (names.isEmpty
              ? "found no \(browser.rawValue) profiles (\(looked))"
              : "found: \(names.map { TerminalSafe.quoted($0) }.joined(separator: ", ")) (crumbs list --browsers lists them)")
        )
      }
      guard let chosen = Self.newest(matches.filter { $0.cookieFile != nil }), let file = chosen.cookieFile
      else {
        throw BrowserProfileError(
          "the \(browser.rawValue) profile \(TerminalSafe.quoted(wanted)) at \(TerminalSafe.quoted(matches[0].path, limit: 4096)) has no cookie store yet (\(Self.storeName(browser)))"
        )
      }
      let reason =
        matches.count > 1 ? "the most recently used of \(matches.count) profiles of that name" : "named"
      return ResolvedBrowserProfile(profile: chosen, cookieFile: file, reason: reason)
    }
    let withCookies = all.filter { $0.cookieFile != nil }
    let defaults = withCookies.filter(\.isDefault)
    // yt-dlp takes the most recently used store; the browser's own default comes first here,
    // and the newest one decides between installations (a deb and a snap Firefox).
    if let chosen = Self.newest(defaults), let file = chosen.cookieFile {
      let why =
        browser == .firefox ? "the default in profiles.ini" : "the last used in Local State, or Default"
      return ResolvedBrowserProfile(profile: chosen, cookieFile: file, reason: why)
    }
    if let chosen = Self.newest(withCookies), let file = chosen.cookieFile {
      return ResolvedBrowserProfile(
        profile: chosen, cookieFile: file, reason: "no default profile marked; the most recently used")
    }
    throw BrowserProfileError(
      all.isEmpty
        ? "found no \(browser.rawValue) profile (\(looked)); name one with --from-browser \(browser.rawValue):PATH"
        : "no \(browser.rawValue) profile has a cookie store yet (\(Self.storeName(browser))); \(looked)")
  }

  /// A path: the cookie file itself, a profile folder, or a folder of profiles.
  func resolve(path: String, browser: BrowserKind) throws(BrowserProfileError) -> ResolvedBrowserProfile {
    let path = (path as NSString).standardizingPath
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
      throw BrowserProfileError("\(TerminalSafe.quoted(path, limit: 4096)): no such file or folder")
    }
    if !isDir.boolValue {
      let folder = (path as NSString).deletingLastPathComponent
      let profile = BrowserProfile(
        browser: browser, name: (folder as NSString).lastPathComponent, path: folder, cookieFile: path,
        isDefault: false, root: (folder as NSString).deletingLastPathComponent)
      return ResolvedBrowserProfile(profile: profile, cookieFile: path, reason: "the file named")
    }
    if let file = Self.cookieFile(of: browser, inProfile: path) {
      let profile = BrowserProfile(
        browser: browser, name: (path as NSString).lastPathComponent, path: path, cookieFile: file,
        isDefault: false, root: (path as NSString).deletingLastPathComponent)
      return ResolvedBrowserProfile(profile: profile, cookieFile: file, reason: "the profile folder named")
    }
    // A folder of profiles: Firefox's (profiles.ini) or a Chromium user-data folder.
    let inside = profiles(of: browser, in: path)
    if let chosen = Self.newest(inside.filter { $0.isDefault && $0.cookieFile != nil })
      ?? Self.newest(inside.filter { $0.cookieFile != nil }), let file = chosen.cookieFile
    {
      return ResolvedBrowserProfile(
        profile: chosen, cookieFile: file,
        reason: chosen.isDefault
          ? "the default profile of the folder named" : "the most recently used profile of the folder named")
    }
    throw BrowserProfileError(
      "\(TerminalSafe.quoted(path, limit: 4096)) holds no \(browser.rawValue) cookie store (\(Self.storeName(browser))), "
        + "neither as a profile nor in a profile inside it")
  }

  static func storeName(_ browser: BrowserKind) -> String {
    browser == .firefox ? "cookies.sqlite" : "Network/Cookies or Cookies"
  }

  /// Firefox: `cookies.sqlite`. Chromium: `Network/Cookies` (Chrome 96+), else `Cookies`.
  static func cookieFile(of browser: BrowserKind, inProfile dir: String) -> String? {
    let names = browser == .firefox ? ["cookies.sqlite"] : ["Network/Cookies", "Cookies"]
    for n in names where isFile("\(dir)/\(n)") { return "\(dir)/\(n)" }
    return nil
  }

  static func newest(_ profiles: [BrowserProfile]) -> BrowserProfile? {
    profiles.max { modified($0.cookieFile) < modified($1.cookieFile) }
  }

  static func modified(_ path: String?) -> Date {
    guard let path, let attrs = try? FileManager.default.attributesOfItem(atPath: path),
      let date = attrs[.modificationDate] as? Date
    else { return .distantPast }
    return date
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
  }

  static func isFile(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
  }

  static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }

  /// Sub-folders, sorted by name; empty when unreadable.
  static func subfolders(_ dir: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.sorted().filter { isDirectory("\(dir)/\($0)") }
  }
}
