import CookieCore
import TerminalKit

/// Save as / export: a path and a format among those with a writer.
public struct ExportForm: Sendable {
  public var path: TextField
  public var formats: [CookieFormat]
  public var formatIndex: Int
  /// The path proposed for the current format (next to the first source, with the format's
  /// extension); while the user has not typed over it, it follows the format.
  public var proposed: String = ""
  /// 0 = path, 1 = format.
  public var focus = 0
  public var format: CookieFormat? { formats.indices.contains(formatIndex) ? formats[formatIndex] : nil }

  /// The file name `W` proposes: next to `source` (its extension replaced), with the
  /// format's usual extension: `jar.txt` → `jar.json` for JSON.
  public static func proposedPath(source: String?, format: CookieFormat) -> String {
    let ext: String
    switch format {
    case .netscape: ext = ".txt"
    case .json: ext = ".json"
    case .playwright: ext = ".storage-state.json"
    case .lwp: ext = ".lwp"
    case .setCookie: ext = ".set-cookie.txt"
    case .cookieHeader: ext = ".cookie-header.txt"
    default: ext = "." + format.rawValue
    }
    guard let source, source != "-", !source.isEmpty else { return "cookies" + ext }
    var base = Substring(source)
    let slash = base.lastIndex(of: "/").map { base.index(after: $0) } ?? base.startIndex
    if let dot = base[slash...].lastIndex(of: "."), dot > slash { base = base[..<dot] }
    // `jar.storage-state.json` → `jar`, not `jar.storage-state` plus another extension.
    for known in [".storage-state", ".set-cookie", ".cookie-header"] where base.hasSuffix(known) {
      base = base.dropLast(known.count)
    }
    return String(base) + ext
  }
}

extension String {
  func trimmingCharactersInSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
