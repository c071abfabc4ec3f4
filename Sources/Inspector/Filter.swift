import CookieCore

/// A parsed filter query: words that must all match (AND). A bare word matches name,
/// value or domain (case-insensitive substring); `field:value` terms match one field;
/// `expired`, `session`, `persistent`, `secure`, `insecure`, `httponly`, `partitioned`,
/// `hostonly` and `issue` are states; `size>100` and `expires<30d` compare; `!` or `-`
/// before a term negates it. Every term is listed in `CookieFilter.help`.
public struct CookieFilter: Hashable, Sendable {
  public enum Term: Hashable, Sendable {
    /// Bytes to find, ASCII-lower-cased, in name, value or domain.
    case text([UInt8])
    case field(Field, [UInt8])
    case flag(Flag, Bool)
    case sameSite(SameSite)
    case expired
    case session
    /// A warning or an error of the cookie's own lint rules (the row's `!`/`✗` marker),
    /// as Chrome's "Only show cookies with an issue".
    case issue
    /// Size as devtools shows it (bytes of name plus value) compared with a number.
    case size(Comparison, Int)
    /// The expiry compared with an instant; session cookies never match.
    case expires(Comparison, ExpiryBound)
    /// The compare view's status (`crumbs --diff A B`); matches nothing elsewhere.
    case compare(CompareInfo.Status)
    indirect case not(Term)
    /// A term that could not be read (`secure:maybe`, `color:red`): ignored, and the
    /// reason is shown in the filter line.
    case invalid(word: String, reason: String)
  }
  public enum Field: String, Hashable, Sendable { case name, value, domain, path, source, partition }
  public enum Flag: String, Hashable, Sendable { case secure, httpOnly, partitioned, hostOnly }
  public enum Comparison: String, Hashable, Sendable, CaseIterable {
    // Two-character operators first: they are tried in this order.
    case lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">", equal = "="

    func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
      switch self {
      case .less: a < b
      case .lessOrEqual: a <= b
      case .greater: a > b
      case .greaterOrEqual: a >= b
      case .equal: a == b
      }
    }
  }
  /// What `expires` compares with: a span from now (`30d`) or an instant (`2027-01-01`).
  public enum ExpiryBound: Hashable, Sendable {
    case fromNow(seconds: Int64)
    case at(Instant)

    func instant(now: Instant) -> Instant {
      switch self {
      case .fromNow(let s): Instant(seconds: now.seconds).adding(seconds: s)
      case .at(let t): t
      }
    }
  }

  public var terms: [Term]
  public init(terms: [Term]) { self.terms = terms }

  public var isEmpty: Bool { terms.isEmpty }

  /// Why terms could not be read (`color:red: unknown field …`), for the filter line.
  public var problems: [String] {
    var out: [String] = []
    for t in terms {
      if case .invalid(let w, let why) = t { out.append("\(w): \(why)") }
      if case .not(.invalid(let w, let why)) = t { out.append("\(w): \(why)") }
    }
    return out
  }

  /// Every term, one line each, for the `?` help screen and docs/KEYS.md.
  public static let help: [(term: String, meaning: String)] = [
    ("word", "name, value or domain contains it (any case); \"a:b\" in quotes for text with ':'"),
    ("name:  value:  domain:  path:", "that field contains the text"),
    ("source:  partition:", "the file it came from, the partition's top-level site"),
    ("expired  session  persistent", "expired now; no expiry; with an expiry"),
    ("secure  insecure  httponly", "Secure set or not; HttpOnly set"),
    ("partitioned  hostonly", "CHIPS-partitioned; host-only (no Domain attribute)"),
    ("secure:no  httponly:yes …", "any flag with yes/no (also partitioned:, hostonly:)"),
    ("samesite:none|lax|strict|unset", "the SameSite attribute"),
    ("issue", "has a lint warning or error (the row's ! or ✗)"),
    ("size>100  size<=4096", "name + value bytes compared (< <= > >= =)"),
    ("expires<30d  expires>2027-01-01", "expiry before/after a span from now (s m h d w y) or a date"),
    ("status:added|removed|changed|same", "in the compare view (crumbs --diff A B): the cookie's status"),
    ("-term  !term", "leave out what the term matches"),
  ]

  static let fieldNames = [
    "name", "value", "domain", "path", "source", "partition", "secure", "httponly", "partitioned", "hostonly",
    "samesite", "status",
  ]

  public static func parse(_ query: String) -> CookieFilter {
    var terms: [Term] = []
    // Split on scalars, not Characters: a grapheme cluster can swallow the space after a
    // prepended mark (U+0600–U+0605), and "q1 q2" must still be the words of q1 and q2.
    for word in query.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      var w = Substring(word)
      var negate = false
      if w.count > 1, w.first == "!" || w.first == "-" {
        negate = true
        w = w.dropFirst()
      }
      let t = term(w)
      terms.append(negate ? .not(t) : t)
    }
    return CookieFilter(terms: terms)
  }

  static func folded(_ s: some StringProtocol) -> [UInt8] {
    s.utf8.map { ($0 >= 65 && $0 <= 90) ? $0 + 32 : $0 }
  }

  static func term(_ w: Substring) -> Term {
    // "a:b" in double quotes is text, whatever it contains.
    if w.count >= 2, w.first == "\"", w.last == "\"" { return .text(folded(w.dropFirst().dropLast())) }
    switch w.lowercased() {
    case "expired": return .expired
    case "session": return .session
    case "persistent": return .not(.session)
    case "secure": return .flag(.secure, true)
    case "insecure": return .flag(.secure, false)
    case "httponly": return .flag(.httpOnly, true)
    case "partitioned": return .flag(.partitioned, true)
    case "hostonly": return .flag(.hostOnly, true)
    case "issue", "issues": return .issue
    default: break
    }
    if let t = comparison(w) { return t }
    guard let colon = w.firstIndex(of: ":") else { return .text(folded(w)) }
    let key = w[..<colon].lowercased()
    let value = w[w.index(after: colon)...]
    switch key {
    case "name", "value", "domain", "path", "source", "partition":
      return .field(Field(rawValue: key)!, folded(value))
    case "secure", "httponly", "partitioned", "hostonly":
      let flag: Flag =
        key == "secure"
        ? .secure : key == "httponly" ? .httpOnly : key == "partitioned" ? .partitioned : .hostOnly
      switch value.lowercased() {
      case "yes", "y", "true", "1", "on": return .flag(flag, true)
      case "no", "n", "false", "0", "off": return .flag(flag, false)
      default: return .invalid(word: String(w), reason: "use \(key):yes or \(key):no")
      }
    case "samesite":
      if let s = SameSite(parsing: String(value)), !value.isEmpty { return .sameSite(s) }
      return .invalid(word: String(w), reason: "use samesite:none, lax, strict or unset")
    case "size", "expires":
      return .invalid(word: String(w), reason: "compare with < <= > >= =, e.g. size>100 or expires<30d")
    case "status":
      if let st = CompareInfo.Status(rawValue: value.lowercased()) { return .compare(st) }
      return .invalid(word: String(w), reason: "use status:added, removed, changed or same")
    default:
      // A word before ':' is meant as a field name (`color:red`); anything else (`12:30`,
      // `https://…`) is text to find.
      if !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_") }),
        key != "http", key != "https"
      {
        return .invalid(
          word: String(w),
          reason: "unknown field; fields are \(fieldNames.map { $0 + ":" }.joined(separator: " ")) "
            + "(\"\(w)\" in quotes finds the text)")
      }
      return .text(folded(w))
    }
  }

  /// `size>100`, `size:<=4096`, `expires<30d`, `expires>=2027-01-01`; nil when `w` starts
  /// with neither key followed by an operator.
  static func comparison(_ w: Substring) -> Term? {
    let lower = w.lowercased()
    let key: String
    if lower.hasPrefix("size") {
      key = "size"
    } else if lower.hasPrefix("expires") {
      key = "expires"
    } else {
      return nil
    }
    var rest = Substring(lower.dropFirst(key.count))
    if rest.first == ":" { rest = rest.dropFirst() }
    guard let op = Comparison.allCases.first(where: { rest.hasPrefix($0.rawValue) }) else { return nil }
    let operand = String(rest.dropFirst(op.rawValue.count))
    let original = String(w)
    if key == "size" {
      guard let n = Int(operand), n >= 0 else {
        return .invalid(word: original, reason: "size compares with a number of bytes, e.g. size>100")
      }
      return .size(op, n)
    }
    let help = "expires compares with a span from now (30d, 12h, 2w, 1y) or a date (2027-01-01)"
    // A number with a unit is a span from now; plain digits are Unix seconds, as the edit
    // form reads them; anything else a date.
    let digits = operand.prefix { $0.isASCII && $0.isNumber }
    let unit = operand.dropFirst(digits.count)
    if !digits.isEmpty, !unit.isEmpty, unit.allSatisfy({ $0.isASCII && $0.isLetter }) {
      guard case .success(let t?) = ExpiryInput.parse("+" + operand, now: Instant(seconds: 0)) else {
        return .invalid(word: original, reason: help)
      }
      return .expires(op, .fromNow(seconds: t.seconds))
    }
    guard !operand.isEmpty, operand.lowercased() != "session",
      case .success(let t?) = ExpiryInput.parse(operand, now: Instant(seconds: 0))
    else { return .invalid(word: original, reason: help) }
    return .expires(op, .at(t))
  }

  public func matches(_ c: Cookie, now: Instant, compare: CompareInfo? = nil) -> Bool {
    for t in terms where !CookieFilter.matches(t, c, now, compare) { return false }
    return true
  }

  static func matches(_ t: Term, _ c: Cookie, _ now: Instant, _ compare: CompareInfo? = nil) -> Bool {
    switch t {
    case .text(let n):
      return FoldedSearch.contains(c.name, n) || FoldedSearch.contains(valueOf: c, n)
        || FoldedSearch.contains(c.domain, n)
    case .field(let f, let n):
      switch f {
      case .name: return FoldedSearch.contains(c.name, n)
      case .value: return FoldedSearch.contains(valueOf: c, n)
      case .domain: return FoldedSearch.contains(c.domain, n)
      case .path: return FoldedSearch.contains(c.path, n)
      case .source: return FoldedSearch.contains(c.sourceFile, n)
      case .partition: return FoldedSearch.contains(c.partitionKey?.topLevelSite ?? "", n)
      }
    case .flag(let f, let v):
      switch f {
      case .secure: return c.secure == v
      case .httpOnly: return c.httpOnly == v
      case .partitioned: return c.partitioned == v
      case .hostOnly: return c.hostOnly == v
      }
    case .sameSite(let s): return c.sameSite == s
    case .expired: return c.isExpired(at: now)
    case .session: return c.isSession
    case .issue: return CookieLint.issues(of: c, now: now).contains { $0.severity != .info }
    case .size(let op, let n): return op.holds(c.size, n)
    case .expires(let op, let bound):
      guard let e = c.expires else { return false }
      return op.holds(e, bound.instant(now: now))
    case .compare(let st): return compare?.status[c.id] == st
    case .not(let inner): return !matches(inner, c, now, compare)
    case .invalid: return true
    }
  }

  /// True when every cookie this filter keeps is kept by `other` too, so the rows
  /// matching `other` can be narrowed instead of searching the whole store again.
  public func narrows(_ other: CookieFilter) -> Bool {
    for o in other.terms {
      var implied = false
      for t in terms where CookieFilter.implies(t, o) {
        implied = true
        break
      }
      if !implied { return false }
    }
    return true
  }

  static func implies(_ a: Term, _ b: Term) -> Bool {
    if case .invalid = b { return true }
    switch (a, b) {
    case (.text(let x), .text(let y)): return FoldedSearch.contains(x, y)
    case (.field(let f, let x), .field(let g, let y)): return f == g && FoldedSearch.contains(x, y)
    case (.field(let f, let x), .text(let y)):
      return (f == .name || f == .value || f == .domain) && FoldedSearch.contains(x, y)
    default: return a == b
    }
  }
}

/// Substring search over UTF-8 with ASCII case folding, without allocating (the filter
/// runs over a million cookies per keystroke).
enum FoldedSearch {
  static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    var h = haystack
    return h.withUTF8 { contains($0, needle) }
  }

  /// `contains(c.value, needle)`, the value read in place.
  static func contains(valueOf c: Cookie, _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    return c.withValueBytes { contains($0.assumingMemoryBound(to: UInt8.self), needle) }
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    return haystack.withUnsafeBufferPointer { contains($0, needle) }
  }

  static func contains(_ h: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    let n = needle.count
    if h.count < n { return false }
    return needle.withUnsafeBufferPointer { nd in
      let first = nd[0]
      var i = 0
      let last = h.count - n
      while i <= last {
        var b = h[i]
        if b >= 65 && b <= 90 { b += 32 }
        if b == first {
          var j = 1
          while j < n {
            var c = h[i + j]
            if c >= 65 && c <= 90 { c += 32 }
            if c != nd[j] { break }
            j += 1
          }
          if j == n { return true }
        }
        i += 1
      }
      return false
    }
  }
}
