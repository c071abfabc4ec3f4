import CookieCore
import TerminalKit

/// The edit / add form: every field as the user types it, validated on every keystroke.
public struct EditForm: Sendable {
  public enum Field: Int, CaseIterable, Sendable {
    case name, value, payload, domain, path, expires, sameSite, secure, httpOnly, partitioned, priority
    var label: String {
      switch self {
      case .name: "Name"
      case .value: "Value"
      case .payload: "Payload"
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
  /// The value as a signed session (Flask, Django, Express), when it is one: the form then
  /// offers its payload, and saving an edited payload re-signs the value.
  public var session: SessionValue?
  /// The session's payload as the user edits it (JSON for Flask and Django).
  public var payload = TextField()

  /// The fields shown: Payload only for a signed session.
  public var fields: [Field] { Field.allCases.filter { $0 != .payload || session != nil } }

  /// True when the session payload was edited (saving re-signs).
  public var payloadEdited: Bool { session.map { $0.payload != payload.text } ?? false }

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
      case .payload: payload
      case .domain: domain
      case .path: path
      default: expires
      }
    }
    set {
      switch f {
      case .name: name = newValue
      case .value: value = newValue
      case .payload: payload = newValue
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
    // RFC 6265bis §4.1.3: cookie name prefixes, matched as browsers do (ignoring case),
    // by the one rule the storage model and the lint use.
    if let prefix = CookiePrefix.of(name: name.text) {
      let broken = prefix.violations(
        secure: secure, hasDomain: domain.text.hasPrefix("."), pathIsRoot: path.text == "/",
        httpOnly: httpOnly)
      if !broken.isEmpty {
        w.append("\(prefix.text) cookies must not have: " + broken.map(\.description).joined(separator: ", "))
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
