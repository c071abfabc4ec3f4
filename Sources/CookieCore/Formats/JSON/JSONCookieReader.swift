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
    let root = try parseDocument(data, options: options)
    var result = CookieReadResult(format: format)
    let items: [JSONNode]
    let recordPrefix: String
    switch root.value {
    case .array(let a):
      items = a
      recordPrefix = ""
    case .object:
      guard let c = root["cookies"], case .array(let a) = c.value else {
        throw CookieFormatError(
          file: options.sourceName,
          "a JSON object without a \"cookies\" array is not a cookie export (expected an array of cookie objects)"
        )
      }
      items = a
      recordPrefix = "cookies"
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
    decode(items, recordPrefix: recordPrefix, options: options, into: &result)
    return result
  }

  /// Decodes every entry; a bad entry becomes a diagnostic and the rest still load.
  static func decode(
    _ items: [JSONNode], recordPrefix: String, options: CookieReadOptions, into result: inout CookieReadResult
  ) {
    var decoder = JSONCookieDecoder(sourceName: options.sourceName)
    result.cookies.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      if let c = decoder.decode(item, record: "\(recordPrefix)[\(index)]") { result.cookies.append(c) }
    }
    result.diagnostics += decoder.diagnostics
  }

  /// Parses the whole input or throws one error with line:column (REFERENCE §3.3: broken
  /// JSON cannot be partly imported).
  static func parseDocument(_ data: Data, options: CookieReadOptions) throws -> JSONNode {
    do {
      return try JSONParser.parse(data)
    } catch {
      throw CookieFormatError(
        file: options.sourceName, line: error.line, column: error.column, "invalid JSON: \(error.reason)")
    }
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
