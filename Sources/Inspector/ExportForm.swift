import CookieCore
import TerminalKit

/// Save as / export: a path and a format among those with a writer, or a consumer by
/// name (curl, wget, yt-dlp, python, chrome, firefox): the format and dialect it reads,
/// as `convert --for` picks them.
public struct ExportForm: Sendable {
  public var path: TextField
  public var formats: [CookieFormat]
  /// The consumers offered after the formats (those whose format has a writer).
  public var consumers: [CookieConsumer] = []
  /// Index into formats, then consumers.
  public var formatIndex: Int
  /// The path proposed for the current format (next to the first source, with the format's
  /// extension); while the user has not typed over it, it follows the format.
  public var proposed: String = ""
  /// 0 = path, 1 = format.
  public var focus = 0
  public var choiceCount: Int { formats.count + consumers.count }
  /// The consumer chosen, nil when a plain format is.
  public var consumer: CookieConsumer? {
    let i = formatIndex - formats.count
    return consumers.indices.contains(i) ? consumers[i] : nil
  }
  public var format: CookieFormat? {
    if let c = consumer { return c.format }
    return formats.indices.contains(formatIndex) ? formats[formatIndex] : nil
  }
  /// The writer dialect: the consumer's, else the format's default.
  public var dialect: String? { consumer?.dialect }

  /// The path `W` proposes for the current choice: `jar.curl.txt` for curl.
  public static func proposedPath(source: String?, format: CookieFormat, consumer: CookieConsumer?) -> String
  {
    let plain = proposedPath(source: source, format: format)
    guard let consumer else { return plain }
    let slash = plain.lastIndex(of: "/").map { plain.index(after: $0) } ?? plain.startIndex
    guard let dot = plain[slash...].firstIndex(of: ".") else { return plain + "." + consumer.rawValue }
    return String(plain[..<dot]) + "." + consumer.rawValue + String(plain[dot...])
  }

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
