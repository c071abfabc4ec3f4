import Foundation

/// HAR 1.2 captures (REFERENCE §4): every entry's request `Cookie` and response
/// `Set-Cookie` headers, each applied from the entry's URL at its `startedDateTime` through
/// the storage model. Lenient as the reference advises: missing arrays, `expires: null`,
/// header names in any case, HTTP/2 pseudo-headers, Chrome's `sameSite`/`partitionKey`.
public enum HARReader: CookieReader {
  public static let format = CookieFormat.har

  public static func sniff(_ prefix: Data, fileName: String) -> Int {
    let head = String(decoding: prefix.prefix(4096), as: UTF8.self)
    let trimmed = head.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
    guard trimmed.first == "{" else { return 0 }
    if head.contains("\"log\"") && (head.contains("\"entries\"") || head.contains("\"creator\"")) {
      return 95
    }
    return fileName.lowercased().hasSuffix(".har") ? 60 : 0
  }

  public static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult {
    let capture = try HARParser.parse(data, sourceName: options.sourceName)
    var jar = CookieJar()
    let diagnostics = CaptureReplay.apply(capture, to: &jar, sourceName: options.sourceName, now: options.now)
    return CookieReadResult(cookies: jar.cookies, diagnostics: diagnostics, format: format)
  }
}
