import Foundation
import Testing

@testable import CookieCore

/// The http-state suite's cookie-date cases (dates/examples.json, dates/bsd-examples.json).
struct CookieDateCase: CustomStringConvertible, Sendable {
  var file: String
  var text: String
  /// `Www, DD Mon YYYY HH:MM:SS GMT`, or nil when the algorithm must fail.
  var expected: String?
  var description: String { "\(file): \(text)" }

  static func loadAll() -> [CookieDateCase] {
    var out: [CookieDateCase] = []
    for file in ["examples.json", "bsd-examples.json"] {
      let url = HTTPStateCase.fixtures.appendingPathComponent("http-state/dates/\(file)")
      guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
        continue
      }
      // bsd-examples.json starts with `//` comment lines, which JSON does not allow.
      let json = text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
      guard let list = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else {
        continue
      }
      for item in list {
        guard let t = item["test"] as? String else { continue }
        out.append(CookieDateCase(file: file, text: t, expected: item["expected"] as? String))
      }
    }
    return out
  }

  /// Reads the fixed `Www, DD Mon YYYY HH:MM:SS GMT` shape independently of the algorithm.
  static func strict(_ s: String) -> Int64? {
    let p = s.split(separator: " ")
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    guard p.count == 6, let day = Int(p[1]), let m = months.firstIndex(of: String(p[2])), let y = Int(p[3])
    else { return nil }
    let t = p[4].split(separator: ":").compactMap { Int($0) }
    guard t.count == 3 else { return nil }
    return Instant.unixSeconds(year: y, month: m + 1, day: day, hour: t[0], minute: t[1], second: t[2])
  }
}

@Suite struct RFC6265DateTests {
  static let cases = CookieDateCase.loadAll()

  @Test func allCasesLoaded() {
    #expect(Self.cases.count == 70)
  }

  @Test(arguments: RFC6265DateTests.cases)
  func cookieDate(_ c: CookieDateCase) {
    let expected = c.expected.flatMap(CookieDateCase.strict)
    if c.expected != nil { #expect(expected != nil, "cannot read the expectation \(c.expected ?? "")") }
    #expect(CookieDate.parse(c.text) == expected)
  }

  @Test(arguments: [
    ("Wed, 09 Jun 2027 10:18:14 GMT", Int64?.some(1_812_536_294)),
    ("09-jun-27 10:18:14", 1_812_536_294),  // two-digit year: 0-69 → 20xx
    ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
    ("31 Feb 2027 00:00:00", nil),  // no such date
    ("1 Jan 1600 00:00:00", nil),  // before 1601
    ("1 Jan 2027 24:00:00", nil),  // hour out of range
    ("1 Jan 2027 10:00", nil),  // no seconds
    ("1 Jan 2027", nil),  // no time at all
    ("123 Jan 2027 10:00:00", nil),  // three-digit day-of-month is not a day
  ])
  func handPicked(_ text: String, _ expected: Int64?) {
    #expect(CookieDate.parse(text) == expected)
  }
}
