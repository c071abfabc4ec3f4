import Foundation

@testable import CookieCore

/// The IETF http-state suite (Tests/Fixtures/http-state, see its README), loaded the way its
/// runner `run_http_state.py` loads it: same line regex, futurify rule, expected-file rule
/// and URL mapping.
struct HTTPStateCase: CustomStringConvertible, Sendable {
  var name: String
  var setCookies: [String]
  var origin: String
  var url: String
  /// nil: no Cookie header at all.
  var expected: String?
  var description: String { name }

  static let host = "http://home.example.org:8888"

  static var fixtures: URL {
    var url = URL(fileURLWithPath: #filePath)
    while url.lastPathComponent != "Tests" && url.path != "/" { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Fixtures")
  }

  static var parserDirectory: URL { fixtures.appendingPathComponent("http-state/parser") }

  static func loadAll() -> [HTTPStateCase] {
    let dir = parserDirectory
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
    var cases: [HTTPStateCase] = []
    for file in names.sorted() where file.hasSuffix("-test") {
      let name = String(file.dropLast(5))
      guard let raw = try? Data(contentsOf: dir.appendingPathComponent(file)),
        let expRaw = try? Data(contentsOf: dir.appendingPathComponent(name + "-expected"))
      else { continue }
      var setCookies: [String] = []
      var location: String? = nil
      // Split on the LF scalar (bytes, like the runner): as Characters, CR LF would not split.
      let lines = text(raw).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true)
      for line in lines {
        guard let (header, value) = splitHeaderLine(Substring(line)) else { continue }
        if header.lowercased() == "location" {
          location = value
        } else {
          setCookies.append(futurify(value))
        }
      }
      let origin = "\(host)/cookie-parser?\(name)"
      var url = "\(host)/cookie-parser-result?\(name)"
      if let location, let base = RequestURL(origin), let resolved = base.resolving(location) {
        url = resolved.description
      }
      let matches = cookieMatches(text(expRaw))
      cases.append(
        HTTPStateCase(
          name: name, setCookies: setCookies, origin: origin, url: url,
          expected: matches.count == 1 ? matches[0] : nil))
    }
    return cases
  }

  /// The files are UTF-8 (the charset cases); anything else is read byte for byte.
  static func text(_ data: Data) -> String {
    String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
  }

  /// Python `re.match(rb"(\S+):\s*(.*)", line)`: the greedy `\S+` takes the last `:` of the
  /// first non-blank run; `\s*` drops leading blanks of the value.
  static func splitHeaderLine(_ line: Substring) -> (String, String)? {
    let scalars = Array(line.unicodeScalars)
    var runEnd = 0
    while runEnd < scalars.count, !isPythonSpace(scalars[runEnd]) { runEnd += 1 }
    var colon = runEnd - 1
    while colon >= 1, scalars[colon] != ":" { colon -= 1 }
    guard colon >= 1 else { return nil }
    var start = colon + 1
    while start < scalars.count, isPythonSpace(scalars[start]) { start += 1 }
    return (string(scalars[..<colon]), string(scalars[start...]))
  }

  static func isPythonSpace(_ s: Unicode.Scalar) -> Bool {
    s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0B}" || s == "\u{0C}"
  }

  static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
    var v = String.UnicodeScalarView()
    v.append(contentsOf: s)
    return String(v)
  }

  /// `re.findall('Cookie:\s*(.*)', file)`: `\s*` may cross a line end, `(.*)` may not.
  static func cookieMatches(_ file: String) -> [String] {
    let scalars = Array(file.unicodeScalars)
    let needle = Array("Cookie:".unicodeScalars)
    var out: [String] = []
    var i = 0
    while i + needle.count <= scalars.count {
      guard scalars[i..<(i + needle.count)].elementsEqual(needle) else {
        i += 1
        continue
      }
      var j = i + needle.count
      while j < scalars.count, isPythonSpace(scalars[j]) { j += 1 }
      var k = j
      while k < scalars.count, scalars[k] != "\n" { k += 1 }
      out.append(string(scalars[j..<k]))
      i = k
    }
    return out
  }

  /// The suite README's rule: a 20xx year in an `Expires` attribute becomes 9999 (as
  /// tough-cookie does), since those dates were meant to be in the future.
  static func futurify(_ value: String) -> String {
    guard
      let re = try? NSRegularExpression(
        pattern: #"(expires\s*=[^;]*?)\b(20[1-9][0-9])\b"#, options: [.caseInsensitive])
    else { return value }
    let range = NSRange(value.startIndex..., in: value)
    return re.stringByReplacingMatches(in: value, range: range, withTemplate: "$19999")
  }
}
