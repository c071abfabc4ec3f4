import Foundation

/// The `headers` input format: captured HTTP headers of every kind `HeaderDumpParser`
/// knows, played through the storage model into one jar (REFERENCE §5).
public enum HeadersReader: CookieReader {
  public static let format = CookieFormat.headers

  public static func sniff(_ prefix: Data, fileName: String) -> Int {
    let text = HeaderDumpParser.decode(prefix)
    var lines: [Substring] = []
    for l in HeaderDumpParser.lines(of: text).prefix(80) {
      if !l.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(l) }
    }
    guard let first = lines.first else { return 0 }
    if CurlTraceASCII.looksLikeTrace(lines) { return 90 }
    if HeaderDumpParser.statusCode(first) != nil || HeaderDumpParser.requestTarget(first) != nil { return 90 }
    var verbose = 0
    var setCookie = 0
    var cookie = 0
    for l in lines {
      if l.hasPrefix("* ") || l.hasPrefix("> ") || l.hasPrefix("< ") { verbose += 1 }
      let content = (l.hasPrefix("< ") || l.hasPrefix("> ")) ? l.dropFirst(2) : l
      if let (name, _) = HeaderDumpParser.headerField(content) {
        switch name.lowercased() {
        case "set-cookie": setCookie += 1
        case "cookie": cookie += 1
        default: break
        }
      }
    }
    if verbose >= 2 && lines.contains(where: { $0.hasPrefix("> ") || $0.hasPrefix("< ") }) { return 90 }
    if setCookie > 0 { return 85 }
    if cookie > 0 { return 70 }
    return 0
  }

  public static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult {
    var diagnostics: [Diagnostic] = []
    let origin = originURL(options, diagnostics: &diagnostics)
    let capture = HeaderDumpParser.parse(data, sourceName: options.sourceName, origin: origin)
    var jar = CookieJar()
    diagnostics += CaptureReplay.apply(capture, to: &jar, sourceName: options.sourceName, now: options.now)
    if capture.events.isEmpty {
      diagnostics.append(
        Diagnostic(.warning, file: options.sourceName, "no Set-Cookie or Cookie header found in the capture"))
    }
    return CookieReadResult(cookies: jar.cookies, diagnostics: diagnostics, format: format)
  }

  /// `--origin` as a URL; a malformed one is reported and ignored.
  public static func originURL(_ options: CookieReadOptions, diagnostics: inout [Diagnostic]) -> RequestURL? {
    guard let text = options.origin else { return nil }
    if let url = RequestURL(text) { return url }
    diagnostics.append(
      Diagnostic(
        .error, file: options.sourceName,
        "--origin \(text) is not an absolute URL (scheme://host/path); ignored"))
    return nil
  }
}
