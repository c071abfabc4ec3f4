import Foundation

/// Reads chrome.cookies-shaped JSON: Cookie-Editor and EditThisCookie exports, Puppeteer /
/// CDP cookie arrays, and `{ "cookies": [...] }` wrappers (REFERENCE §3).
public enum JSONCookieReader: CookieReader {
  public static let format = CookieFormat.json

  /// REFERENCE §3.5: JSON is recognised by its first non-blank character.
  public static func sniff(_ prefix: Data, fileName: String) -> Int {
    switch firstNonBlank(prefix) {
    case UInt8(ascii: "["): return 70
    case UInt8(ascii: "{"): return containsASCII(prefix, "\"cookies\"") ? 60 : 40
    default: return 0
    }
  }

  public static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult {
    var decoder = JSONCookieDecoder(sourceName: options.sourceName)
    var result = CookieReadResult(format: format)
    let root = try parseDocument(data, options: options, decoder: &decoder, into: &result.cookies)
    switch root.value {
    case .array: break
    case .object:
      guard let c = root["cookies"], case .array = c.value else {
        throw CookieFormatError(
          file: options.sourceName,
          "a JSON object without a \"cookies\" array is not a cookie export (expected an array of cookie objects)"
        )
      }
      if let o = root["origins"], case .array(let origins) = o.value, !origins.isEmpty {
        result.diagnostics.append(
          Diagnostic(
            .note, file: options.sourceName, line: o.line,
            "\"origins\" (\(origins.count) origins of localStorage) is not cookie data and was not loaded"))
      }
    default:
      throw CookieFormatError(
        file: options.sourceName, "the JSON document is \(root.typeName), expected an array of cookie objects"
      )
    }
    result.diagnostics += decoder.diagnostics
    return result
  }

  /// Parses the whole input, decoding each cookie object as soon as it is parsed (the root
  /// array's elements, or the root object's `"cookies"`), so a million-cookie export never
  /// sits in memory as one JSON tree. A bad entry becomes a diagnostic and the rest load;
  /// broken JSON is one error with line:column (REFERENCE §3.3: it cannot be partly imported).
  static func parseDocument(
    _ data: Data, options: CookieReadOptions, decoder: inout JSONCookieDecoder, into cookies: inout [Cookie]
  ) throws -> JSONNode {
    // The record label names the array the entry is in: `[3]` or `cookies[3]`.
    let prefix = firstNonBlank(data) == UInt8(ascii: "{") ? "cookies" : ""
    let sink = CookieSink(decoder: decoder)
    defer {
      decoder = sink.decoder
      cookies += sink.cookies
    }
    do {
      return try JSONParser.parse(data) { index, node in
        if let c = sink.decoder.decode(node, record: "\(prefix)[\(index)]") { sink.cookies.append(c) }
      }
    } catch {
      throw CookieFormatError(
        file: options.sourceName, line: error.line, column: error.column, "invalid JSON: \(error.reason)")
    }
  }

  /// Holds the decoder state the parser's callback mutates.
  private final class CookieSink {
    var decoder: JSONCookieDecoder
    var cookies: [Cookie] = []
    init(decoder: JSONCookieDecoder) { self.decoder = decoder }
  }

  static func firstNonBlank(_ data: Data) -> UInt8? {
    var k = data.startIndex
    if data.starts(with: [0xEF, 0xBB, 0xBF]) {
      k += 3
    }
    while k < data.endIndex {
      let b = data[k]
      if b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return b }
      k += 1
    }
    return nil
  }

  static func containsASCII(_ data: Data, _ needle: String) -> Bool {
    data.range(of: Data(needle.utf8)) != nil
  }
}
