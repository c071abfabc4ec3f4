import Foundation
import Inspector

#if canImport(Glibc)
  import Glibc
#endif

/// The inspector's settings file: `$XDG_CONFIG_HOME/crumbs/inspector.json`, else
/// `~/.config/crumbs/inspector.json` (XDG Base Directory: a relative `XDG_CONFIG_HOME` is
/// ignored). Read once at start; written atomically whenever the view settings change. A
/// broken file costs a one-line warning and the defaults, never the session.
enum InspectorConfig {
  static let fileName = "inspector.json"

  /// The file's path, nil when neither variable names a folder.
  static func path(environment env: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let x = env["XDG_CONFIG_HOME"], x.hasPrefix("/") {
      return x + "/crumbs/" + fileName
    }
    if let home = env["HOME"], home.hasPrefix("/") {
      return home + "/.config/crumbs/" + fileName
    }
    return nil
  }

  /// The settings at `path` (the defaults when there is no file), and a warning when the
  /// file could not be used.
  static func load(_ path: String?) -> (settings: ViewSettings, warning: String?) {
    guard let path else { return (ViewSettings(), nil) }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      if !FileManager.default.fileExists(atPath: path) { return (ViewSettings(), nil) }
      return (ViewSettings(), "Settings not used (cannot be read; defaults instead): \(path)")
    }
    do {
      return (try ViewSettings.parse(data), nil)
    } catch {
      // The reason first: a long path is what the status line cuts.
      return (ViewSettings(), "Settings not used (\(error.description); defaults instead): \(path)")
    }
  }

  /// Writes `settings` to `path` atomically, creating the folder (0700) when needed.
  static func save(_ settings: ViewSettings, to path: String) throws {
    let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try FileManager.default.createDirectory(
      atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    try AtomicFile.write(Data(settings.json.utf8), to: path)
  }
}
