import Foundation

/// Minimal public-suffix lookup for the lint rules only.
///
/// The full matcher (registrable domains, IDN) lives in `RFC6265/`; this stays behind one
/// internal function so the lead can swap it for that matcher in one place.
func isLikelyPublicSuffix(_ domain: String) -> Bool {
  PublicSuffixRules.bundled.isPublicSuffix(domain)
}

/// The rules of the bundled `public_suffix_list.dat` (publicsuffix.org format): one rule
/// per line, `//` comments, `*.` wildcards and `!` exceptions.
struct PublicSuffixRules: Sendable {
  var exact: Set<String> = []
  var wildcardParents: Set<String> = []
  var exceptions: Set<String> = []

  init(text: String) {
    for raw in text.split(whereSeparator: \.isNewline) {
      // The rule is the first whitespace-free run of the line (publicsuffix.org wiki, Format).
      guard let rule = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).first, !rule.hasPrefix("//")
      else { continue }
      let r = rule.lowercased()
      if r.hasPrefix("!") {
        exceptions.insert(String(r.dropFirst()))
      } else if r.hasPrefix("*.") {
        wildcardParents.insert(String(r.dropFirst(2)))
      } else {
        exact.insert(r)
      }
    }
  }

  static let bundled: PublicSuffixRules = {
    guard let url = Bundle.module.url(forResource: "public_suffix_list", withExtension: "dat"),
      let data = try? Data(contentsOf: url)
    else { return PublicSuffixRules(text: "") }
    return PublicSuffixRules(text: String(decoding: data, as: UTF8.self))
  }()

  /// True when `domain` (lower-case, no leading dot) is itself a public suffix such as `com`,
  /// `co.uk` or `github.io`. A single label not in the list (`localhost`) is not: the
  /// implicit `*` rule matters for registrable domains, not for cookie hosts.
  func isPublicSuffix(_ domain: String) -> Bool {
    var d = domain.lowercased()
    while d.hasSuffix(".") { d.removeLast() }
    while d.hasPrefix(".") { d.removeFirst() }
    guard !d.isEmpty else { return false }
    if exceptions.contains(d) { return false }
    if exact.contains(d) { return true }
    if let dot = d.firstIndex(of: ".") {
      return wildcardParents.contains(String(d[d.index(after: dot)...]))
    }
    return false
  }
}
