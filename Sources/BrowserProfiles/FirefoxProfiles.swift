import Foundation

/// Firefox's profiles in one folder: the `[ProfileN]` sections of `profiles.ini` (`Name`,
/// `Path`, `IsRelative`, `Default=1`), the install's default (`[Install…]` `Default=`,
/// which Firefox ≥ 67 uses over `Default=1`), and any other sub-folder holding a
/// `cookies.sqlite` (yt-dlp also looks in `*/` and `Profiles/*/`).
enum FirefoxProfiles {
  static func profiles(in root: String) -> [BrowserProfile] {
    var result: [BrowserProfile] = []
    var seen = Set<String>()
    let ini = IniFile(path: "\(root)/profiles.ini")
    let installDefaults = Set(
      ini.sections.filter { $0.name.hasPrefix("Install") }.compactMap { $0.values["Default"] })
    let profileSections = ini.sections.filter { $0.name.hasPrefix("Profile") }
    // Firefox ≥ 67 marks the default per installation; `Default=1` is the older marker,
    // used only when no installation names one.
    let useInstallDefault = !installDefaults.isEmpty
    for section in profileSections {
      guard let rel = section.values["Path"], !rel.isEmpty else { continue }
      let isRelative = section.values["IsRelative"] != "0"
      let path = (isRelative ? "\(root)/\(rel)" : rel as String)
      let std = (path as NSString).standardizingPath
      guard seen.insert(std).inserted else { continue }
      let isDefault = useInstallDefault ? installDefaults.contains(rel) : section.values["Default"] == "1"
      result.append(
        BrowserProfile(
          browser: .firefox, name: section.values["Name"] ?? (rel as NSString).lastPathComponent, path: std,
          cookieFile: BrowserProfileFinder.cookieFile(of: .firefox, inProfile: std), isDefault: isDefault,
          root: root))
    }
    for folder in [root, "\(root)/Profiles"] {
      for name in BrowserProfileFinder.subfolders(folder) {
        let path = ("\(folder)/\(name)" as NSString).standardizingPath
        guard !seen.contains(path), let file = BrowserProfileFinder.cookieFile(of: .firefox, inProfile: path)
        else {
          continue
        }
        seen.insert(path)
        result.append(
          BrowserProfile(
            browser: .firefox, name: name, path: path, cookieFile: file, isDefault: false, root: root))
      }
    }
    return result
  }
}

/// An INI file as Firefox writes profiles.ini: `[Section]`, `key=value`, `;`/`#` comments.
struct IniFile {
  struct Section {
    var name: String
    var values: [String: String] = [:]
  }
  var sections: [Section] = []

  init(path: String) {
    let data = FileManager.default.contents(atPath: path) ?? Data()
    self.init(text: String(decoding: data, as: UTF8.self))
  }

  init(text: String) {
    for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix(";") || line.hasPrefix("#") { continue }
      if line.hasPrefix("[") && line.hasSuffix("]") {
        sections.append(Section(name: String(line.dropFirst().dropLast())))
      } else if let eq = line.firstIndex(of: "="), !sections.isEmpty {
        let key = line[..<eq].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        sections[sections.count - 1].values[key] = value
      }
    }
  }
}

/// Firefox's containers (`containers.json` in the profile): `identities`, each with a
/// `userContextId` and a `name` (user-made) or an `l10nID` (`userContextWork.label`, the
/// built-in ones, shown as Work).
public enum FirefoxContainers {
  public struct Identity: Equatable, Sendable {
    public var id: Int
    public var name: String
  }

  public static func identities(inProfile dir: String) -> [Identity]? {
    guard let data = FileManager.default.contents(atPath: "\(dir)/containers.json"),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let list = json["identities"] as? [[String: Any]]
    else { return nil }
    return list.compactMap { entry in
      guard let id = (entry["userContextId"] as? Int) ?? (entry["userContextId"] as? NSNumber)?.intValue
      else {
        return nil
      }
      if let name = entry["name"] as? String { return Identity(id: id, name: name) }
      if let l10n = entry["l10nID"] as? String, l10n.hasPrefix("userContext"), l10n.hasSuffix(".label") {
        return Identity(id: id, name: String(l10n.dropFirst("userContext".count).dropLast(".label".count)))
      }
      return nil
    }
  }

  /// The `userContextId` `wanted` names in the profile: a container's name (exactly, then
  /// ignoring case) or its number; nil for `none` (cookies outside any container).
  public static func userContextId(_ wanted: String, inProfile dir: String) throws(BrowserProfileError)
    -> Int?
  {
    if wanted == "none" { return nil }
    let list = identities(inProfile: dir)
    if let match = list?.first(where: { $0.name == wanted })
      ?? list?.first(where: { $0.name.lowercased() == wanted.lowercased() })
    {
      return match.id
    }
    if let n = Int(wanted), n > 0 { return n }
    guard let list else {
      throw BrowserProfileError("cannot read containers.json in \(dir), so no container \(wanted) is known")
    }
    throw BrowserProfileError(
      "no Firefox container \(wanted) in \(dir)/containers.json; containers: "
        + (list.isEmpty ? "none" : list.map { "\($0.name) (\($0.id))" }.joined(separator: ", ")))
  }
}
