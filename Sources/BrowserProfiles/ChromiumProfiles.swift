import Foundation

/// A Chromium user-data folder's profiles: sub-folders with `Preferences` or a cookie
/// store (`Default`, `Profile 1`, …; not `System Profile` or `Guest Profile`), named as
/// `Local State` `profile.info_cache` shows them, the default being `profile.last_used`
/// (else `Default`). Opera keeps its one profile in the folder itself.
enum ChromiumProfiles {
  static func profiles(of browser: BrowserKind, in root: String) -> [BrowserProfile] {
    if !browser.hasProfiles {
      guard let file = BrowserProfileFinder.cookieFile(of: browser, inProfile: root) else { return [] }
      return [
        BrowserProfile(
          browser: browser, name: "Default", path: root, cookieFile: file, isDefault: true, root: root)
      ]
    }
    let state = LocalState(path: "\(root)/Local State")
    let lastUsed = state.lastUsed ?? "Default"
    var result: [BrowserProfile] = []
    for name in BrowserProfileFinder.subfolders(root)
    where name != "System Profile" && name != "Guest Profile" {
      let path = "\(root)/\(name)"
      let file = BrowserProfileFinder.cookieFile(of: browser, inProfile: path)
      guard file != nil || BrowserProfileFinder.isFile("\(path)/Preferences") else { continue }
      result.append(
        BrowserProfile(
          browser: browser, name: state.names[name] ?? name, path: path, cookieFile: file,
          isDefault: name == lastUsed, root: root))
    }
    return result
  }
}

/// The parts of Chromium's `Local State` (JSON) that name profiles.
struct LocalState {
  var lastUsed: String?
  var names: [String: String] = [:]

  init(path: String) {
    guard let data = FileManager.default.contents(atPath: path),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let profile = json["profile"] as? [String: Any]
    else { return }
    lastUsed = profile["last_used"] as? String
    for (dir, info) in profile["info_cache"] as? [String: Any] ?? [:] {
      if let name = (info as? [String: Any])?["name"] as? String { names[dir] = name }
    }
  }
}
