import Foundation
import Testing

/// An outside program (or library) a test checks our output against. Each is looked for
/// once per test run; `scripts/test.sh` installs them all.
public enum Tool: String, Sendable, CaseIterable, CustomStringConvertible {
  case bash
  case chromium
  case curl
  case django
  case flask
  case gnomeKeyring
  case node
  case perlHTTPCookies
  case playwright
  case python3
  case script
  case sqlite3
  case tmux
  case werkzeug
  case wget
  case ytDlp

  public var description: String {
    switch self {
    case .chromium: "Debian's chromium (apt: chromium)"
    case .django: "Django (pip: django)"
    case .flask: "Flask (pip: flask)"
    case .gnomeKeyring:
      "a Secret Service to start: dbus-daemon, gnome-keyring-daemon, secret-tool (apt: dbus, gnome-keyring, libsecret-tools)"
    case .node: "Node.js (apt: nodejs)"
    case .perlHTTPCookies: "perl's HTTP::Cookies and JSON::PP (apt: libhttp-cookies-perl)"
    case .playwright: "Playwright for Python with Debian's chromium (pip: playwright; apt: chromium)"
    case .script: "util-linux's script"
    case .werkzeug: "Werkzeug (pip: flask)"
    case .ytDlp: "yt-dlp (pip: yt-dlp)"
    default: rawValue
    }
  }

  /// The program to run, when the tool is one.
  public var url: URL? { isInstalled ? TestEnvironment.program(rawValue) : nil }

  /// Whether the tool is there; computed once per tool.
  public var isInstalled: Bool {
    switch self {
    case .bash: Found.bash
    case .chromium: Found.chromium
    case .curl: Found.curl
    case .django: Found.django
    case .flask: Found.flask
    case .gnomeKeyring: Found.gnomeKeyring
    case .node: Found.node
    case .perlHTTPCookies: Found.perlHTTPCookies
    case .playwright: Found.playwright
    case .python3: Found.python3
    case .script: Found.script
    case .sqlite3: Found.sqlite3
    case .tmux: Found.tmux
    case .werkzeug: Found.werkzeug
    case .wget: Found.wget
    case .ytDlp: Found.ytDlp
    }
  }

  /// Static lets: each check runs at most once, the first time a test asks.
  private enum Found {
    static let bash = TestEnvironment.program("bash") != nil
    static let curl = TestEnvironment.program("curl") != nil
    static let chromium = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    static let gnomeKeyring = ["dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool"].allSatisfy {
      TestEnvironment.program($0) != nil
    }
    static let node = TestEnvironment.program("node") != nil
    static let django = python3 && succeeds("python3", ["-c", "import django"])
    static let flask = python3 && succeeds("python3", ["-c", "import flask"])
    static let python3 = TestEnvironment.program("python3") != nil
    static let script = TestEnvironment.program("script") != nil
    static let sqlite3 = TestEnvironment.program("sqlite3") != nil
    static let tmux = TestEnvironment.program("tmux") != nil
    static let wget = TestEnvironment.program("wget") != nil
    static let perlHTTPCookies = succeeds("perl", ["-MHTTP::Cookies", "-MJSON::PP", "-e", "1"])
    static let playwright =
      python3 && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
      && succeeds("python3", ["-c", "import playwright.sync_api"])
    static let werkzeug = python3 && succeeds("python3", ["-c", "import werkzeug"])
    static let ytDlp = python3 && succeeds("python3", ["-c", "import yt_dlp"])

    static func succeeds(_ program: String, _ arguments: [String]) -> Bool {
      guard let url = TestEnvironment.program(program) else { return false }
      return (try? runProcess(url, arguments).status) == 0
    }
  }
}

/// Why a test that needs a tool did not run in CI, where every tool must be installed.
public struct MissingTool: Error, CustomStringConvertible {
  public var tools: [Tool]
  public var description: String {
    "CI must have \(tools.map(\.description).joined(separator: ", ")); scripts/test.sh installs it"
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs the test only when every tool is installed. Without one the test is reported as
  /// skipped, with the reason; in CI (`CI` set) it fails instead, naming what is missing.
  /// `scripts/test.sh` installs the tools and fails when any test was skipped.
  public static func requires(_ tools: Tool...) -> Self {
    let names = tools.map(\.description).joined(separator: ", ")
    return .enabled(
      if: try Tool.installed(tools),
      Comment(rawValue: "needs \(names), which is not installed (scripts/test.sh installs it)"))
  }
}

extension Tool {
  /// True when all are installed; false, or in CI a `MissingTool` error, otherwise.
  public static func installed(_ tools: [Tool]) throws -> Bool {
    let missing = tools.filter { !$0.isInstalled }
    if missing.isEmpty { return true }
    if TestEnvironment.isCI { throw MissingTool(tools: missing) }
    return false
  }
}
