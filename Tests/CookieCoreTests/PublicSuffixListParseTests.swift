import Foundation
import Testing

@testable import CookieCore

/// The list is parsed as bytes (the inspector's first frame waits for it); the sets it
/// builds equal what the simple `Character`-based parse gives, on the bundled list and on
/// lines with comments, white space, wildcards, exceptions, upper case and Unicode labels.
@Suite struct PublicSuffixListParseTests {
  /// The simple parse the byte one replaced: rules, wildcards, exceptions.
  static func simpleParse(_ text: String) -> [Set<String>] {
    var sets: [Set<String>] = [[], [], []]
    for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
      let line = rawLine.prefix { $0 != " " && $0 != "\t" }
      if line.isEmpty || line.hasPrefix("//") { continue }
      var rule = Substring(line)
      var k = 0
      if rule.hasPrefix("!") {
        rule = rule.dropFirst()
        k = 2
      } else if rule.hasPrefix("*.") {
        rule = rule.dropFirst(2)
        k = 1
      }
      let lower = rule.lowercased()
      sets[k].insert(lower)
      if let ascii = Punycode.toASCII(domain: lower), ascii != lower { sets[k].insert(ascii) }
    }
    return sets
  }

  static func sets(_ l: PublicSuffixList) -> [Set<String>] { [l.rules, l.wildcards, l.exceptions] }

  @Test func theBundledListParsesAsTheSimpleParseDoes() throws {
    let url = try #require(Bundle.module.url(forResource: "public_suffix_list", withExtension: "dat"))
    let text = try String(contentsOf: url, encoding: .utf8)
    let parsed = Self.sets(PublicSuffixList(text: text))
    #expect(parsed == Self.simpleParse(text))
    #expect(parsed[0].count > 5000)
    #expect(parsed[1].contains("ck") && parsed[2].contains("www.ck"))
    // A Unicode rule is kept in both forms.
    #expect(parsed[0].contains("公司.cn") && parsed[0].contains("xn--55qx5d.cn"))
    #expect(Self.sets(PublicSuffixList.shared) == parsed)
  }

  /// The list is found without `Bundle.module` (which stops a process whose build folder
  /// is gone): first next to the executable, then in the source tree.
  @Test func theListIsFoundWhereSwiftPMPutsIt() throws {
    let candidates = PublicSuffixList.bundledListCandidates()
    #expect(candidates.count >= 2)
    #expect(candidates[0].path.hasSuffix("Crumbs_CookieCore.resources/public_suffix_list.dat"))
    #expect(FileManager.default.fileExists(atPath: candidates[0].path), "not next to \(candidates[0].path)")
    #expect(candidates.last.map { FileManager.default.fileExists(atPath: $0.path) } == true)
    #expect(PublicSuffixList.shared.ruleCount > 5000)
  }

  @Test func edgeLinesParseAsTheSimpleParseDoes() {
    let text =
      "// comment\n\nCOM\n  \nfoo.Bar trailing words\n*.Wild.example\t// note\n!Keep.wild.example\r\n"
      + "ÉCOLE.fr\n*.\n!\n/\n/not-comment\nxn--p1ai\nbücher.example\r\nend"
    let parsed = Self.sets(PublicSuffixList(text: text))
    #expect(parsed == Self.simpleParse(text))
    #expect(parsed[0].contains("com") && parsed[0].contains("foo.bar") && parsed[0].contains("end"))
    #expect(parsed[1].contains("wild.example") && parsed[2].contains("keep.wild.example"))
  }
}
