import CookieCore
import Foundation
import Inspector

/// The filter language: line 1 and line 2 are queries, later lines are cookies
/// (`name<TAB>value<TAB>domain<TAB>path`, flags from the line's length). Checks that a
/// filter narrows itself, and that narrowing is sound: when `f.narrows(g)`, every cookie
/// `f` keeps is kept by `g` (the inspector relies on it to filter only the rows `g` kept).
enum FilterFuzz {
  static let fixed: [Cookie] = [
    Cookie(name: "sid", value: "abc", domain: "example.com", hostOnly: false, secure: true, httpOnly: true),
    Cookie(
      name: "theme", value: "DARK", domain: "www.example.org", path: "/app", expires: Instant(seconds: 1)),
    Cookie(name: "", value: "x=y", domain: "", expires: Instant(seconds: 4_000_000_000), sameSite: .strict),
  ]

  static func run(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(16)
    let f = CookieFilter.parse(lines.first.map(String.init) ?? "")
    let g = CookieFilter.parse(lines.dropFirst().first.map(String.init) ?? "")
    var cookies = fixed
    for line in lines.dropFirst(2) {
      let p = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      var c = Cookie(
        name: p[0], value: p.count > 1 ? p[1] : "", domain: p.count > 2 ? p[2] : "example.com",
        hostOnly: line.utf8.count % 2 == 0, path: p.count > 3 ? p[3] : "/",
        expires: line.utf8.count % 3 == 0 ? nil : Instant(seconds: Int64(line.utf8.count) * 86400 * 365),
        secure: line.utf8.count % 5 == 0, httpOnly: line.utf8.count % 7 == 0,
        sameSite: [.unset, .lax, .strict, .none][line.utf8.count % 4], partitioned: line.utf8.count % 11 == 0)
      c.sourceFile = p.count > 4 ? p[4] : "cookies.txt"
      cookies.append(c)
    }
    for filter in [f, g] {
      Invariant.check(filter.narrows(filter), "a filter does not narrow itself: \(filter)")
      _ = filter.problems
    }
    // Typing more words only narrows: "q1 q2" narrows both "q1" and "q2".
    let both = CookieFilter.parse(
      (lines.first.map(String.init) ?? "") + " " + (lines.dropFirst().first.map(String.init) ?? ""))
    Invariant.check(both.narrows(f) && both.narrows(g), "\(both) does not narrow its parts \(f), \(g)")
    for (a, b) in [(f, g), (g, f)] where a.narrows(b) {
      for c in cookies where a.matches(c, now: fuzzNow) {
        Invariant.check(
          b.matches(c, now: fuzzNow), "\(a) narrows \(b) but keeps \(c), which \(b) drops")
      }
    }
  }
}
