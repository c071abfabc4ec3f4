import Foundation

/// Reads a Playwright `storageState` file: `{"cookies": [...], "origins": [...]}` where each
/// cookie has name, value, domain (leading dot for domain cookies), path, `expires` seconds
/// (-1 for session), httpOnly, secure, sameSite `Strict|Lax|None`, and, for partitioned
/// Chromium cookies, `partitionKey` (a site string) with `_crHasCrossSiteAncestor`.
/// `origins` holds localStorage, which is not cookie data: it is counted, not loaded.
public enum PlaywrightReader: CookieReader {
  public static let format = CookieFormat.playwright

  public static func sniff(_ prefix: Data, fileName: String) -> Int {
    guard JSONCookieReader.firstNonBlank(prefix) == UInt8(ascii: "{") else { return 0 }
    let cookies = JSONCookieReader.containsASCII(prefix, "\"cookies\"")
    let origins = JSONCookieReader.containsASCII(prefix, "\"origins\"")
    if cookies && origins { return 90 }
    // A big storageState has "origins" past the sniffed prefix; its cookies still have
    // CDP-style `expires` and no extension-style `expirationDate`.
    let expires = JSONCookieReader.containsASCII(prefix, "\"expires\"")
    let expirationDate = JSONCookieReader.containsASCII(prefix, "\"expirationDate\"")
    if cookies && expires && !expirationDate { return 65 }
    return cookies ? 45 : 0
  }

  public static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult {
    var decoder = JSONCookieDecoder(sourceName: options.sourceName)
    var cookies: [Cookie] = []
    let root = try JSONCookieReader.parseDocument(data, options: options, decoder: &decoder, into: &cookies)
    guard case .object = root.value else {
      throw CookieFormatError(
        file: options.sourceName, "a storageState file is a JSON object, found \(root.typeName)")
    }
    guard let c = root["cookies"], case .array = c.value else {
      throw CookieFormatError(file: options.sourceName, "the storageState object has no \"cookies\" array")
    }
    var result = CookieReadResult(format: format)
    if let o = root["origins"], case .array(let origins) = o.value {
      var entries = 0
      for origin in origins {
        if let ls = origin["localStorage"], case .array(let a) = ls.value { entries += a.count }
      }
      if entries > 0 {
        result.diagnostics.append(
          Diagnostic(
            .note, file: options.sourceName, line: o.line,
            "\(entries) localStorage entries of \(origins.count) origins are not cookies and were not loaded")
        )
      }
    }
    result.cookies = cookies
    result.diagnostics += decoder.diagnostics
    return result
  }
}
