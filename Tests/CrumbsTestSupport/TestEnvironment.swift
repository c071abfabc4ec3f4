import Foundation

/// Where things are when tests run, and which outside programs exist.
public enum TestEnvironment {
  /// `CI` set: a missing outside program is a failure, not a skip (see `Tool`).
  public static let isCI = ProcessInfo.processInfo.environment["CI"] != nil

  /// The repository root, found from this file.
  public static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.lastPathComponent != "Tests" && url.path != "/" { url.deleteLastPathComponent() }
    return url.deletingLastPathComponent()
  }()

  /// `Tests/Fixtures` (fixtures are not a SwiftPM resource).
  public static let fixtures = root.appendingPathComponent("Tests/Fixtures")

  public static func fixture(_ relative: String) -> URL { fixtures.appendingPathComponent(relative) }

  /// The folder of build products the running tests came from
  /// (`.build/<triple>/<configuration>/`, or under `--scratch-path`): SwiftPM puts the test
  /// runner (`<Package>PackageTests.xctest`) next to the executables it built.
  public static let buildProducts: URL = {
    var runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    if runner.path == "/proc/self/exe" { runner = Bundle.main.executableURL ?? runner }
    var dir = runner.deletingLastPathComponent()
    // On macOS the runner is inside `X.xctest/Contents/MacOS/`.
    while dir.path != "/" && dir.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
      dir.deleteLastPathComponent()
    }
    return dir
  }()

  /// The `crumbs` binary built with the tests (`swift test` builds it: the end-to-end
  /// target depends on it), whatever the configuration or scratch path.
  public static let crumbsBinary = buildProducts.appendingPathComponent("crumbs")

  /// `name` on PATH, nil when it is not there. The one lookup every test uses.
  public static func program(_ name: String) -> URL? {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for d in dirs {
      let u = URL(fileURLWithPath: String(d)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: u.path) { return u }
    }
    return nil
  }
}
