import CookieCore

/// A parsed filter query: words that must all match (AND). A bare word matches name,
/// value or domain (case-insensitive substring); `field:value` terms match one field;
/// `expired`, `session` are states; `!` or `-` before a term negates it.
public struct CookieFilter: Hashable, Sendable {
  public enum Term: Hashable, Sendable {
    /// Bytes to find, ASCII-lower-cased, in name, value or domain.
    case text([UInt8])
    case field(Field, [UInt8])
    case flag(Flag, Bool)
    case sameSite(SameSite)
    case expired
    case session
    indirect case not(Term)
    /// A term that could not be read (`secure:maybe`): ignored, reported.
    case invalid(String)
  }
  public enum Field: String, Hashable, Sendable { case name, value, domain, path, source, partition }
  public enum Flag: String, Hashable, Sendable { case secure, httpOnly, partitioned, hostOnly }

  public var terms: [Term]
  public init(terms: [Term]) { self.terms = terms }

  public var isEmpty: Bool { terms.isEmpty }

  /// The unreadable terms, for the status line.
  public var problems: [String] {
    var out: [String] = []
    for t in terms {
      if case .invalid(let s) = t { out.append(s) }
      if case .not(.invalid(let s)) = t { out.append(s) }
    }
    return out
  }

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
    let lower = w.lowercased()
    if lower == "expired" { return .expired }
    if lower == "session" { return .session }
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
      if value.isEmpty { return .invalid(String(w)) }
      switch value.lowercased() {
      case "yes", "y", "true", "1", "on": return .flag(flag, true)
      case "no", "n", "false", "0", "off": return .flag(flag, false)
      default: return .invalid(String(w))
      }
    case "samesite":
      if let s = SameSite(parsing: String(value)), !value.isEmpty { return .sameSite(s) }
      return .invalid(String(w))
    default:
      return .text(folded(w))
    }
  }

  public func matches(_ c: Cookie, now: Instant) -> Bool {
    for t in terms where !CookieFilter.matches(t, c, now) { return false }
    return true
  }

  static func matches(_ t: Term, _ c: Cookie, _ now: Instant) -> Bool {
    switch t {
    case .text(let n):
      return FoldedSearch.contains(c.name, n) || FoldedSearch.contains(c.value, n)
        || FoldedSearch.contains(c.domain, n)
    case .field(let f, let n):
      switch f {
      case .name: return FoldedSearch.contains(c.name, n)
      case .value: return FoldedSearch.contains(c.value, n)
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
    case .not(let inner): return !matches(inner, c, now)
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
