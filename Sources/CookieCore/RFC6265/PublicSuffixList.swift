import Foundation

/// The Public Suffix List (publicsuffix.org) and its matching algorithm, used by the storage
/// model to refuse `Domain=com`-style cookies (RFC 6265bis §5.7 step 9, REFERENCE §9.4).
///
/// The bundled `Resources/public_suffix_list.dat` is read lazily, once per process, on the
/// first lookup (`shared` is a `static let`, which Swift initialises once and thread-safely).
/// Both the ICANN and the PRIVATE sections are used, as browsers do.
public struct PublicSuffixList: Sendable {
  private(set) var rules: Set<String> = []
  /// `*.ck` is stored as `ck`: every direct child of it is a public suffix.
  private(set) var wildcards: Set<String> = []
  /// `!www.ck` is stored as `www.ck`: not a public suffix although a wildcard covers it.
  private(set) var exceptions: Set<String> = []
  /// The three sets again as bytes, for `isListedPublicSuffix` on plain ASCII domains.
  private(set) var asciiRules = ASCIIByteSet([])
  private(set) var asciiWildcards = ASCIIByteSet([])
  private(set) var asciiExceptions = ASCIIByteSet([])

  /// Number of rules read, for tests and diagnostics.
  public var ruleCount: Int { rules.count + wildcards.count + exceptions.count }

  /// The bundled list. An unreadable resource yields an empty list, under which the
  /// algorithm's default rule `*` still makes every top-level label a public suffix.
  public static let shared: PublicSuffixList = {
    for url in bundledListCandidates() {
      if let text = try? String(contentsOf: url, encoding: .utf8) { return PublicSuffixList(text: text) }
    }
    return PublicSuffixList(text: "")
  }()

  /// Where the bundled list may be, in order: the resource folder SwiftPM puts next to the
  /// executable (and that an install copies with it), then the source tree this was built
  /// from. Not `Bundle.module`: its accessor stops the process when the build folder it
  /// remembers is gone (a binary copied elsewhere, the build cleaned).
  static func bundledListCandidates() -> [URL] {
    let file = "public_suffix_list.dat"
    let folder = "Crumbs_CookieCore.resources"
    var out: [URL] = []
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    out.append(exe.appendingPathComponent(folder).appendingPathComponent(file))
    if let resources = Bundle.main.resourceURL {
      out.append(resources.appendingPathComponent(folder).appendingPathComponent(file))
    }
    // #filePath is Sources/CookieCore/RFC6265/PublicSuffixList.swift.
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    out.append(source.appendingPathComponent("Resources").appendingPathComponent(file))
    return out
  }

  /// Parses the list format: one rule per line (LF or CRLF), `//` comments, blank lines
  /// ignored; only the text up to the first white space counts (publicsuffix.org
  /// "Format"). Read as bytes: the inspector's first frame waits for this list, and going
  /// through `Character`s cost tens of milliseconds for its ten thousand rules.
  public init(text: String) {
    var text = text
    text.withUTF8 { b in
      var i = 0
      while i < b.count {
        var end = i
        while end < b.count && b[end] != 0x0A && b[end] != 0x0D { end += 1 }
        var stop = i
        while stop < end && b[stop] != 0x20 && b[stop] != 0x09 { stop += 1 }
        addRule(UnsafeBufferPointer(rebasing: b[i..<stop]))
        i = end + 1
      }
    }
    asciiRules = ASCIIByteSet(rules)
    asciiWildcards = ASCIIByteSet(wildcards)
    asciiExceptions = ASCIIByteSet(exceptions)
  }

  /// One line's rule (the bytes before any white space), if it is one.
  private mutating func addRule(_ line: UnsafeBufferPointer<UInt8>) {
    if line.isEmpty || (line.count >= 2 && line[0] == 0x2F && line[1] == 0x2F) { return }
    var from = 0
    var set = \PublicSuffixList.rules
    if line[0] == 0x21 {  // !
      from = 1
      set = \.exceptions
    } else if line.count >= 2 && line[0] == 0x2A && line[1] == 0x2E {  // *.
      from = 2
      set = \.wildcards
    }
    let rule = UnsafeBufferPointer(rebasing: line[from...])
    if rule.allSatisfy({ $0 < 0x80 }) {
      // Plain ASCII: lower-cased bytewise, and already its own A-label form.
      let lower = rule.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
      self[keyPath: set].insert(String(decoding: lower, as: UTF8.self))
      return
    }
    // Rules with non-ASCII labels are stored in the A-label (punycode) form hosts arrive
    // in, and in Unicode form for hosts given as U-labels.
    let lower = String(decoding: rule, as: UTF8.self).lowercased()
    self[keyPath: set].insert(lower)
    if let ascii = Punycode.toASCII(domain: lower), ascii != lower {
      self[keyPath: set].insert(ascii)
    }
  }

  /// The public suffix of `host` (lower-case, no leading or trailing dot), by the
  /// publicsuffix.org algorithm: an exception rule wins, else the matching rule with the
  /// most labels, else the default rule `*` (the last label).
  public func publicSuffix(of host: String) -> String {
    let labels = host.split(separator: ".", omittingEmptySubsequences: false)
    guard !labels.isEmpty else { return host }
    // Longest candidates first, so the first hit is the most specific rule.
    for i in 0..<labels.count {
      let candidate = labels[i...].joined(separator: ".")
      if exceptions.contains(candidate) {
        return labels[(i + 1)...].joined(separator: ".")
      }
      if rules.contains(candidate) { return candidate }
      if i + 1 < labels.count, wildcards.contains(labels[(i + 1)...].joined(separator: ".")) {
        return candidate
      }
    }
    return String(labels[labels.count - 1])
  }

  /// True when `domain` is itself a public suffix (`com`, `co.uk`, `github.io`).
  public func isPublicSuffix(_ domain: String) -> Bool {
    publicSuffix(of: domain) == domain
  }

  /// True when `domain` is a public suffix by an explicit rule of the list. Unlike
  /// `isPublicSuffix`, a single label the list does not name (`localhost`) is not one: the
  /// implicit `*` rule matters for registrable domains, not for judging a cookie's host.
  public func isListedPublicSuffix(_ domain: String) -> Bool {
    var d = domain
    if let verdict = d.withUTF8({ listedASCIIVerdict($0) }) { return verdict }
    return isListedPublicSuffixChecked(domain)
  }

  /// `isListedPublicSuffix` the simple way, for any text.
  func isListedPublicSuffixChecked(_ domain: String) -> Bool {
    var d = HostName.lowercased(domain)
    while d.hasSuffix(".") { d.removeLast() }
    while d.hasPrefix(".") { d.removeFirst() }
    guard !d.isEmpty else { return false }
    // The exceptions matter only for a name a rule lists: most names are listed by none,
    // so they cost two lookups, not three.
    if rules.contains(d) { return !exceptions.contains(d) }
    guard let dot = d.utf8.firstIndex(of: UInt8(ascii: ".")) else { return false }
    return wildcards.contains(String(d[d.utf8.index(after: dot)...])) && !exceptions.contains(d)
  }

  /// The registrable domain ("eTLD+1") of `host`, nil when the host is a public suffix.
  public func registrableDomain(of host: String) -> String? {
    let suffix = publicSuffix(of: host)
    guard host.count > suffix.count, host.hasSuffix("." + suffix) else { return nil }
    let rest = host.dropLast(suffix.count + 1)
    let label = rest.split(separator: ".").last.map(String.init) ?? String(rest)
    return label + "." + suffix
  }
}
