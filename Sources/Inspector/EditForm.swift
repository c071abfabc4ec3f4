import CookieCore
import TerminalKit

/// The edit / add form: every field as the user types it, validated on every keystroke.
public struct EditForm: Sendable {
  public enum Field: Int, CaseIterable, Sendable {
    case name, value, domain, path, expires, sameSite, secure, httpOnly, partitioned, priority
    var label: String {
      switch self {
      case .name: "Name"
      case .value: "Value"
      case .domain: "Domain"
      case .path: "Path"
      case .expires: "Expires"
      case .sameSite: "SameSite"
      case .secure: "Secure"
      case .httpOnly: "HttpOnly"
      case .partitioned: "Partitioned"
      case .priority: "Priority"
      }
    }
    var isText: Bool { rawValue <= Field.expires.rawValue }
  }

  /// The cookie being edited; nil when adding.
  public var target: CookieHandle?
  /// The cookie as it was (rare fields the form does not show are kept from it).
  public var base: Cookie
  public var name: TextField
  public var value: TextField
  public var domain: TextField
  public var path: TextField
  public var expires: TextField
  public var sameSite: SameSite
  public var secure: Bool
  public var httpOnly: Bool
  public var partitioned: Bool
  public var priority: CookiePriority?
  public var focus: Field = .name
  /// A problem the store reported on save (an identity already taken).
  public var saveError: String?

  public init(editing c: Cookie, handle: CookieHandle?) {
    target = handle
    base = c
    name = TextField(c.name)
    value = TextField(c.value)
    domain = TextField(c.hostOnly || c.domain.isEmpty ? c.domain : "." + c.domain)
    path = TextField(c.path)
    expires = TextField(c.expires.map { $0.iso8601 } ?? "session")
    sameSite = c.sameSite
    secure = c.secure
    httpOnly = c.httpOnly
    partitioned = c.partitioned
    priority = c.priority
  }

  subscript(text f: Field) -> TextField {
    get {
      switch f {
      case .name: name
      case .value: value
      case .domain: domain
      case .path: path
      default: expires
      }
    }
    set {
      switch f {
      case .name: name = newValue
      case .value: value = newValue
      case .domain: domain = newValue
      case .path: path = newValue
      default: expires = newValue
      }
    }
  }

  /// The error of each invalid field (blocking), by field.
  public func errors(now: Instant) -> [Field: String] {
    var e: [Field: String] = [:]
    if name.text.isEmpty { e[.name] = "a name is required" }
    if let bad = CookieSyntax.badCharacter(in: name.text, extra: "=;") { e[.name] = bad }
    if let bad = CookieSyntax.badCharacter(in: value.text, extra: ";") { e[.value] = bad }
    if let err = CookieSyntax.domainError(domain.text) { e[.domain] = err }
    if !path.text.hasPrefix("/") {
      e[.path] = "must start with /"  // RFC 6265bis §5.6.4
    } else if let bad = CookieSyntax.badCharacter(in: path.text, extra: ";") {
      e[.path] = bad
    }
    if case .failure(let err) = ExpiryInput.parse(expires.text, now: now) { e[.expires] = err.message }
    return e
  }

  /// Problems that do not block saving but a browser would reject or mind.
  public func warnings() -> [String] {
    var w: [String] = []
    // RFC 6265bis §4.1.3: cookie name prefixes.
    if name.text.hasPrefix("__Secure-") && !secure { w.append("__Secure- cookies must be Secure") }
    if name.text.hasPrefix("__Host-") {
      if !secure || path.text != "/" || domain.text.hasPrefix(".") {
        w.append("__Host- cookies must be Secure, host-only, with Path=/")
      }
    }
    // RFC 6265bis §5.6.7: SameSite=None requires Secure in browsers.
    if sameSite == .none && !secure { w.append("SameSite=None without Secure is rejected by browsers") }
    if partitioned && !secure { w.append("Partitioned cookies must be Secure (CHIPS)") }
    return w
  }

  /// The cookie the form describes, nil while a field is invalid.
  public func cookie(now: Instant) -> Cookie? {
    guard errors(now: now).isEmpty, case .success(let exp) = ExpiryInput.parse(expires.text, now: now)
    else { return nil }
    var c = base
    c.name = name.text
    c.value = value.text
    let d = domain.text.lowercased()
    c.hostOnly = !d.hasPrefix(".")
    c.domain = d.hasPrefix(".") ? String(d.dropFirst()) : d
    c.path = path.text
    c.expires = exp
    c.sameSite = sameSite
    if sameSite != base.sameSite { c.sameSiteRaw = nil }
    c.secure = secure
    c.httpOnly = httpOnly
    c.partitioned = partitioned
    c.priority = priority
    return c
  }

  /// Space / ← / →: flips a flag or steps a choice.
  mutating func step(_ forward: Bool) {
    switch focus {
    case .secure: secure.toggle()
    case .httpOnly: httpOnly.toggle()
    case .partitioned: partitioned.toggle()
    case .sameSite:
      let all = SameSite.allCases
      let i = all.firstIndex(of: sameSite) ?? 0
      sameSite = all[(i + (forward ? 1 : all.count - 1)) % all.count]
    case .priority:
      let all: [CookiePriority?] = [nil, .low, .medium, .high]
      let i = all.firstIndex(of: priority) ?? 0
      priority = all[(i + (forward ? 1 : all.count - 1)) % all.count]
    default: break
    }
  }

  func display(_ f: Field) -> String {
    switch f {
    case .sameSite: sameSite == .unset ? "‹ unset ›" : "‹ \(sameSite.displayName) ›"
    case .priority: "‹ \(priority?.displayName ?? "unset") ›"
    case .secure: secure ? "[x]" : "[ ]"
    case .httpOnly: httpOnly ? "[x]" : "[ ]"
    case .partitioned: partitioned ? "[x]" : "[ ]"
    default: self[text: f].text
    }
  }
}

/// Syntax checks on what the user types (RFC 6265bis §4.1.1 cookie-name / cookie-value,
/// §5.6.3 Domain).
enum CookieSyntax {
  static func badCharacter(in s: String, extra: String) -> String? {
    for sc in s.unicodeScalars {
      if sc.value < 0x20 || sc.value == 0x7F {
        return "control character \(TerminalText.escaped(String(sc))) is not allowed"
      }
      if extra.unicodeScalars.contains(sc) { return "'\(sc)' is not allowed" }
    }
    return nil
  }

  static func domainError(_ raw: String) -> String? {
    var d = Substring(raw.lowercased())
    if d.hasPrefix(".") { d = d.dropFirst() }
    if d.isEmpty { return "a domain is required" }
    if d.hasSuffix(".") { return "must not end with a dot" }
    for label in d.split(separator: ".", omittingEmptySubsequences: false) {
      if label.isEmpty { return "empty label (two dots in a row)" }
      if label.count > 63 { return "a label is longer than 63 characters" }
      for u in label.unicodeScalars {
        let ok =
          (u >= "a" && u <= "z") || (u >= "0" && u <= "9") || u == "-" || u == "_" || u.value >= 0x80
        if !ok { return "'\(TerminalText.escaped(String(u)))' is not allowed in a domain" }
      }
    }
    return nil
  }
}

/// The expiry field: `session`, ISO dates (`2027-01-31`, `2027-01-31T12:00:00Z`,
/// `2027-01-31 12:00`, `2027-01-31T12:00:00.25Z`), Unix seconds (`1812536294`) or a span
/// from now (`+30d`, `+2h`).
public enum ExpiryInput {
  public struct Problem: Error, Equatable {
    public var message: String
  }

  /// 9999-12-31T23:59:59Z: the form shows an expiry as `Instant.iso8601`, which only this
  /// parser's four-digit years read back, so a later one would make the form reject the
  /// cookie it just saved.
  public static let latest = Instant(seconds: 253_402_300_799)

  public static func parse(_ raw: String, now: Instant) -> Result<Instant?, Problem> {
    switch unbounded(raw, now: now) {
    case .success(let t?) where t.microseconds > latest.microseconds + 999_999:
      return .failure(Problem(message: "after 9999-12-31, the latest expiry the field can show"))
    case let r: return r
    }
  }

  static func unbounded(_ raw: String, now: Instant) -> Result<Instant?, Problem> {
    let s = raw.trimmingCharactersInSpaces()
    let help = "use 2027-01-31, 2027-01-31T12:00:00Z, Unix seconds, +30d or session"
    if s.isEmpty || s.lowercased() == "session" { return .success(nil) }
    if s.hasPrefix("+") {
      var digits = ""
      var unit = ""
      for c in s.dropFirst() {
        if c.isASCII && c.isNumber && unit.isEmpty { digits.append(c) } else if c != " " { unit.append(c) }
      }
      guard let n = Int64(digits) else { return .failure(Problem(message: "a number after + (\(help))")) }
      let mult: Int64
      switch unit.lowercased() {
      case "s": mult = 1
      case "m", "min": mult = 60
      case "h": mult = 3600
      case "d", "": mult = 86400
      case "w": mult = 7 * 86400
      case "y": mult = 365 * 86400
      default:
        return .failure(Problem(message: "unit \(TerminalText.escaped(unit)): use s, min, h, d, w or y"))
      }
      // A wrapped product would be a date in the past; `parse` rejects what is too far.
      let (span, overflow) = n.multipliedReportingOverflow(by: mult)
      return .success(overflow ? .distantFuture : now.adding(seconds: span))
    }
    if s.allSatisfy({ $0.isASCII && $0.isNumber }) {
      guard let n = Int64(s) else { return .failure(Problem(message: "number too large")) }
      return .success(Instant(seconds: n))
    }
    if let t = iso(s) { return .success(t) }
    return .failure(Problem(message: help))
  }

  /// `YYYY-MM-DD[(T| )HH:MM[:SS[.ffffff]]][Z]`, UTC. The fraction (up to microseconds) is
  /// how `Instant.iso8601` shows a Chromium or JSON expiry, so the form reads back what it shows.
  static func iso(_ s: String) -> Instant? {
    let chars = Array(s.uppercased())
    func num(_ a: Int, _ n: Int) -> Int? {
      guard a + n <= chars.count else { return nil }
      var v = 0
      for c in chars[a..<(a + n)] {
        guard let d = c.wholeNumberValue, c.isASCII else { return nil }
        v = v * 10 + d
      }
      return v
    }
    guard chars.count >= 10, chars[4] == "-", chars[7] == "-", let y = num(0, 4), let mo = num(5, 2),
      let d = num(8, 2)
    else { return nil }
    var h = 0
    var mi = 0
    var sec = 0
    var micros: Int64 = 0
    var i = 10
    if i < chars.count && (chars[i] == "T" || chars[i] == " ") {
      guard let hh = num(i + 1, 2), i + 3 < chars.count, chars[i + 3] == ":", let mm = num(i + 4, 2) else {
        return nil
      }
      h = hh
      mi = mm
      i += 6
      if i < chars.count && chars[i] == ":" {
        guard let ss = num(i + 1, 2) else { return nil }
        sec = ss
        i += 3
        if i < chars.count && chars[i] == "." {
          var digits = 0
          i += 1
          while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII {
            guard digits < 6 else { return nil }
            micros = micros * 10 + Int64(d)
            digits += 1
            i += 1
          }
          guard digits > 0 else { return nil }
          for _ in digits..<6 { micros *= 10 }
        }
      }
    }
    if i < chars.count && chars[i] == "Z" { i += 1 }
    guard i == chars.count else { return nil }
    guard let t = Instant.unixSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: sec) else {
      return nil
    }
    return Instant(microseconds: Instant(seconds: t).microseconds + micros)
  }
}

extension String {
  func trimmingCharactersInSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}

/// Save as / export: a path and a format among those with a writer.
public struct ExportForm: Sendable {
  public var path: TextField
  public var formats: [CookieFormat]
  public var formatIndex: Int
  /// The path proposed for the current format (next to the first source, with the format's
  /// extension); while the user has not typed over it, it follows the format.
  public var proposed: String = ""
  /// 0 = path, 1 = format.
  public var focus = 0
  public var format: CookieFormat? { formats.indices.contains(formatIndex) ? formats[formatIndex] : nil }

  /// The file name `W` proposes: next to `source` (its extension replaced), with the
  /// format's usual extension: `jar.txt` → `jar.json` for JSON.
  public static func proposedPath(source: String?, format: CookieFormat) -> String {
    let ext: String
    switch format {
    case .netscape: ext = ".txt"
    case .json: ext = ".json"
    case .playwright: ext = ".storage-state.json"
    case .lwp: ext = ".lwp"
    case .setCookie: ext = ".set-cookie.txt"
    case .cookieHeader: ext = ".cookie-header.txt"
    default: ext = "." + format.rawValue
    }
    guard let source, source != "-", !source.isEmpty else { return "cookies" + ext }
    var base = Substring(source)
    let slash = base.lastIndex(of: "/").map { base.index(after: $0) } ?? base.startIndex
    if let dot = base[slash...].lastIndex(of: "."), dot > slash { base = base[..<dot] }
    // `jar.storage-state.json` → `jar`, not `jar.storage-state` plus another extension.
    for known in [".storage-state", ".set-cookie", ".cookie-header"] where base.hasSuffix(known) {
      base = base.dropLast(known.count)
    }
    return String(base) + ext
  }
}

/// A question the user must answer before something irreversible-looking happens.
public enum Confirmation: Sendable {
  case delete([CookieHandle])
  case purge(Int)
  case quit
  /// The save policy's question (the file changed on disk, exists, is read-only): write
  /// anyway?
  case overwrite(WriteJob, question: String)
  /// The format cannot hold everything: the losses, then write? (`w` and `W` alike.)
  case lossyWrite([WriteJob], warnings: [String])
}
