import Foundation

/// The registry of readers and writers in the core, and content sniffing over them.
public enum CookieFormats {
  /// Readers in the core. `BrowserStores.readers` adds the SQLite and binary ones.
  public static let readers: [any CookieReader.Type] = [
    NetscapeReader.self,
    JSONCookieReader.self,
    PlaywrightReader.self,
    LWPReader.self,
    HeadersReader.self,
    HARReader.self,
  ]
  /// Writers in the core.
  public static let writers: [any CookieWriter.Type] = [
    NetscapeWriter.self,
    JSONCookieWriter.self,
    PlaywrightWriter.self,
    LWPWriter.self,
    SetCookieWriter.self,
    CookieHeaderWriter.self,
  ]

  public static func writer(for format: CookieFormat) -> (any CookieWriter.Type)? {
    for w in writers where w.format == format { return w }
    return nil
  }

  public static func reader(
    for format: CookieFormat, among readers: [any CookieReader.Type]
  ) -> (any CookieReader.Type)? {
    for r in readers where r.format == format { return r }
    return nil
  }

  /// The names `--to` takes, for help texts.
  public static var writerNames: String {
    var names: [String] = []
    for w in writers { names.append(w.format.rawValue) }
    return names.joined(separator: ", ")
  }

  /// `netscape, json, …`: the formats of `readers`, for messages.
  public static func names(of readers: [any CookieReader.Type]) -> String {
    var names: [String] = []
    for r in readers { names.append(r.format.rawValue) }
    return names.joined(separator: ", ")
  }

  /// Picks the reader most sure of `prefix`; nil when none claims it. `tried` lists every
  /// format considered, for the "not a cookie file" message.
  public static func sniff(
    _ prefix: Data, fileName: String, among readers: [any CookieReader.Type]
  ) -> (any CookieReader.Type)? {
    var best: (any CookieReader.Type)? = nil
    var bestScore = 0
    for r in readers {
      let s = r.sniff(prefix, fileName: fileName)
      if s > bestScore {
        bestScore = s
        best = r
      }
    }
    return best
  }
}
