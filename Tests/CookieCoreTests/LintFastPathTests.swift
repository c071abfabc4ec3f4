import Foundation
import Testing

@testable import CookieCore

/// The fast paths `crumbs lint` takes at a million cookies, each held to the simple path it
/// stands for, over generated and hostile input.
@Suite("Lint fast paths equal their simple paths")
struct LintFastPathTests {
  /// The dotted-quad test as it was written before the byte scan (`split`, `Int`).
  static func isIPAddressSimple(_ host: String) -> Bool {
    if host.unicodeScalars.contains(":") { return true }
    let parts = host.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return false }
    for p in parts {
      guard !p.isEmpty, p.count <= 3, p.allSatisfy(\.isASCII), p.allSatisfy(\.isNumber),
        let v = Int(p), v <= 255
      else { return false }
    }
    return true
  }

  static let hostPieces = [
    "1", "12", "255", "256", "0", "00", "000", "0000", "999", "a", "example", "com", "٣", "1\u{301}", "",
    "x1", "[::1]", "::", "é", "A", "B2",
  ]

  static func randomHost(_ rng: inout NetscapeReaderRobustnessTests.SeededRandom) -> String {
    let labels = Int.random(in: 1...5, using: &rng)
    return (0..<labels).map { _ in hostPieces.randomElement(using: &rng)! }.joined(separator: ".")
  }

  @Test func isIPAddressEqualsTheSplittingTest() {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 7)
    var fixed = [
      "1.2.3.4", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "::1", "a:b",
    ]
    fixed += ["01.002.3.4", "1.2.3.4a", "1.2.3.٤", "１.2.3.4", "", ".", "...", "1.2.3.1234"]
    for host in fixed + (0..<20_000).map({ _ in Self.randomHost(&rng) }) {
      #expect(HostName.isIPAddress(host) == Self.isIPAddressSimple(host), "\(host.debugDescription)")
    }
  }

  @Test func domainMatchEqualsTheRule() {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 8)
    for _ in 0..<20_000 {
      let domain = Self.randomHost(&rng)
      let host = Bool.random(using: &rng) ? Self.randomHost(&rng) + "." + domain : Self.randomHost(&rng)
      // RFC 6265bis §5.1.3 as written: identical, or ends with "." + domain on a non-IP host.
      let h = Array(host.utf8)
      let d = Array(("." + domain).utf8)
      let suffix = !domain.isEmpty && h.count >= d.count && Array(h.suffix(d.count)) == d
      let expected = host == domain || (suffix && !Self.isIPAddressSimple(host))
      #expect(HostName.domainMatch(host, domain) == expected, "\(host) / \(domain)")
    }
  }

  @Test func hasUpperCaseEqualsLowercasing() {
    for s in [
      "", "example.com", "Example.com", "EXAMPLE", "ex\u{e9}mple", "EX\u{c9}MPLE", "\u{130}", "ß", "ǅ",
      "a-b_c.D",
    ] {
      #expect(HostName.hasUpperCase(s) == (s != s.lowercased()), "\(s)")
      #expect(HostName.lowercased(s) == s.lowercased(), "\(s)")
    }
  }

  @Test func iso8601EqualsStringFormat() {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 9)
    var instants: [Instant] = [
      Instant(seconds: 0), Instant(seconds: -1), Instant(microseconds: -1), Instant(microseconds: 1),
      Instant(microseconds: 1_500_000), Instant(microseconds: 120), Instant(seconds: 253_402_300_799),
      Instant(seconds: 253_402_300_800), Instant(seconds: -62_167_219_200), Instant(seconds: -62_167_219_201),
      .distantPast, .distantFuture,
    ]
    for _ in 0..<20_000 {
      let us = Int64.random(in: -70_000_000_000_000_000...300_000_000_000_000_000, using: &rng)
      instants.append(Instant(microseconds: Bool.random(using: &rng) ? us : us / 1_000_000 * 1_000_000))
    }
    for t in instants { #expect(t.iso8601 == t.iso8601Formatted, "\(t.microseconds)") }
  }

  /// Names and values from every byte class the content rules look at.
  static func randomText(_ rng: inout NetscapeReaderRobustnessTests.SeededRandom) -> String {
    let pieces = [
      "a", "Z", "0", "_", "-", ".", "~", "!", "%", "=", " ", "\"", ",", ";", "\\", "\t", "\n", "\r", "\u{7}",
      "\u{7F}", "\u{1B}", "é", "\u{85}", "\u{202E}", "(", ")", "/", ":", "@", "[", "{", "?", "__Host-",
    ]
    let n = Int.random(in: 0...6, using: &rng)
    return (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined()
  }

  @Test func contentFastPathEqualsEveryRule() {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 10)
    var plain = 0
    for _ in 0..<50_000 {
      var value = Self.randomText(&rng)
      if Int.random(in: 0..<5, using: &rng) == 0 { value = "\"" + value + "\"" }
      let c = Cookie(name: Self.randomText(&rng), value: value, domain: "example.com")
      var fast: [CookieIssue] = []
      var checked: [CookieIssue] = []
      withUnsafePointer(to: c) { CookieLint.contentIssues($0, &fast) }
      CookieLint.contentIssuesChecked(c, &checked)
      #expect(fast == checked, "\(c.name.debugDescription)=\(c.value.debugDescription)")
      if withUnsafePointer(to: c, CookieLint.isPlainContent) {
        plain += 1
        #expect(checked.isEmpty, "plain content must break no rule: \(c.name.debugDescription)")
      }
    }
    #expect(plain > 100, "the generator should make plain cookies too")
  }

  @Test func domainFastPathEqualsEveryRule() {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 12)
    let labels = [
      "example", "www", "a-b", "x1", "com", "co", "uk", "EXAMPLE", "Www", "127", "0", "1", "255", "256",
      "[::1]", "\u{e9}", "xn--e1a", "", "github", "io", "appspot", "ck", "www", "kawasaki", "jp", "a_b",
    ]
    let paths = ["/", "/a", "", "a", "\u{e9}", "/\u{e9}"]
    var plain = 0
    for _ in 0..<20_000 {
      let n = Int.random(in: 1...4, using: &rng)
      var domain = (0..<n).map { _ in labels.randomElement(using: &rng)! }.joined(separator: ".")
      switch Int.random(in: 0..<12, using: &rng) {
      case 0: domain = "." + domain
      case 1: domain += "."
      case 2: domain = ""
      default: break
      }
      let c = Cookie(
        name: "n", value: "v", domain: domain, hostOnly: Bool.random(using: &rng),
        path: paths.randomElement(using: &rng)!)
      var fast: [CookieIssue] = []
      var checked: [CookieIssue] = []
      withUnsafePointer(to: c) { p in
        CookieLint.domainIssues(p, &fast)
        CookieLint.domainIssuesChecked(p, &checked)
        if CookieLint.hasPlainPlace(p) {
          plain += 1
          #expect(checked.isEmpty, "a plain place must break no rule: \(domain.debugDescription)")
        }
      }
      #expect(fast == checked, "\(domain.debugDescription) \(c.path.debugDescription)")
    }
    #expect(plain > 1000, "the generator should make plain domains too")
  }

  /// The lookups were reordered (exceptions last); rules, wildcards and exceptions still
  /// decide as the list says.
  @Test func listedPublicSuffixes() {
    let psl = PublicSuffixList.shared
    for (name, listed) in [
      ("com", true), ("COM.", true), (".co.uk", true), ("example.com", false), ("foo.ck", true),
      ("www.ck", false), ("foo.kawasaki.jp", true), ("city.kawasaki.jp", false), ("localhost", false),
      ("", false),
    ] as [(String, Bool)] {
      #expect(psl.isListedPublicSuffix(name) == listed, "\(name)")
    }
  }

  /// The byte lookup for plain ASCII domains against the `Set<String>` lookups, on names made
  /// from every rule of the bundled list (each rule, a child, a grandchild, its parent, and
  /// forms the fast path leaves to the simple one: upper case, dots at either end).
  @Test func listedASCIIVerdictEqualsTheSetLookups() {
    let psl = PublicSuffixList.shared
    var fast = 0
    for rule in psl.rules.union(psl.wildcards).union(psl.exceptions) {
      let parent = rule.split(separator: ".", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
      for name in [
        rule, "x." + rule, "www.x." + rule, parent, rule.uppercased(), "." + rule, rule + ".",
        "xn--p1ai." + rule,
      ] {
        #expect(psl.isListedPublicSuffix(name) == psl.isListedPublicSuffixChecked(name), "\(name)")
        var n = name
        if n.withUTF8({ psl.listedASCIIVerdict($0) }) != nil { fast += 1 }
      }
    }
    #expect(fast > 10_000, "most of these names are plain ASCII and take the byte lookup")
  }

  /// A string that is not ASCII but canonically equal to an ASCII one (U+212A KELVIN SIGN is
  /// `K`) is found by its ASCII bytes, as `==` on strings finds it.
  @Test func asciiByteSetFindsCanonicallyEqualStrings() {
    let set = ASCIIByteSet(["\u{212A}x", "ab", "\u{e9}t\u{e9}"])
    for (text, found) in [
      ("Kx", true), ("ab", true), ("kx", false), ("a", false), ("", false), ("abc", false),
    ] {
      var t = text
      #expect(t.withUTF8 { set.contains($0) } == found, "\(text)")
      #expect(["\u{212A}x", "ab"].contains(text) == found, "the set must agree with String ==")
    }
  }

  /// `appendIssues`, which the lint calls with one array for many cookies, appends exactly
  /// the four rule groups' issues sorted (`issues(of:now:)` as it was written), after what
  /// the array held.
  @Test func appendIssuesEqualsTheRuleGroupsSorted() {
    var jar = ShadowingIndexTests.jar(seed: 11, count: 400)
    for i in jar.indices {
      jar[i].expires = Instant(seconds: [1_000, 1_900_000_000, 1_700_000_000][i % 3])
      if i % 5 == 0 { jar[i].name = ["__Host-x", "__Secure-y", "__Http-z", ""][i % 4] }
      if i % 7 == 0 { jar[i].sameSite = [.none, .lax, .strict][i % 3] }
      if i % 11 == 0 { jar[i].value = "a b\u{7}" }
    }
    let now = Instant(seconds: 1_800_000_000)
    let kept = CookieIssue(rule: "kept", severity: .info, message: "already there")
    var reused: [CookieIssue] = []
    var unsortedSeen = false
    for c in jar {
      var simple: [CookieIssue] = []
      withUnsafePointer(to: c) { c in
        CookieLint.prefixIssues(c, &simple)
        CookieLint.attributeIssues(c, now: now, &simple)
        CookieLint.contentIssues(c, &simple)
        CookieLint.domainIssues(c, &simple)
      }
      if CookieLint.sorted(simple) != simple { unsortedSeen = true }
      reused.removeAll(keepingCapacity: true)
      reused.append(kept)
      CookieLint.appendIssues(of: c, now: now, to: &reused)
      #expect(reused == [kept] + CookieLint.sorted(simple), "\(c.name) @ \(c.domain)")
      #expect(CookieLint.issues(of: c, now: now) == CookieLint.sorted(simple))
    }
    #expect(unsortedSeen, "some cookie's rule groups should need sorting")
  }

  @Test func sortedKeepsRuleOrderWithinASeverity() {
    let i = CookieIssue(rule: "i", severity: .info, message: "")
    let w = CookieIssue(rule: "w", severity: .warning, message: "")
    let e1 = CookieIssue(rule: "e1", severity: .error, message: "")
    let e2 = CookieIssue(rule: "e2", severity: .error, message: "")
    #expect(CookieLint.sorted([i, e1, w, e2]).map(\.rule) == ["e1", "e2", "w", "i"])
    #expect(CookieLint.sorted([e2, e1, w, i]).map(\.rule) == ["e2", "e1", "w", "i"])
    #expect(CookieLint.sorted([w, i, i]).map(\.rule) == ["w", "i", "i"])
    #expect(CookieIssue.Severity.info < .warning && CookieIssue.Severity.warning < .error)
  }
}
