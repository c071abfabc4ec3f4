/// A cookie attribute that `JarDiff` compares and `crumbs diff --ignore` can leave out.
///
/// The identity (name, domain, host-only, path, partition) is not a field: two cookies with
/// different identities are different cookies, never one changed cookie. Where a cookie came
/// from (file, line, record) is not compared either.
public enum CookieField: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  case value, expires, secure, httpOnly, sameSite, partitioned, port, priority, comment
  case created, lastUpdated, sourceScheme, sourcePort

  /// The JSON key, as `crumbs list --json` spells the same attribute.
  public var jsonName: String { rawValue }
  public var description: String { rawValue }

  /// Fields that only some formats record (a browser store has a creation time and a
  /// priority, a cookies.txt has neither). Comparing them when one side cannot know them
  /// would mark every cookie of a cross-format diff as changed, so they are compared only
  /// when both sides have a value.
  public var comparedOnlyWhenBothKnown: Bool {
    switch self {
    case .value, .expires, .secure, .httpOnly, .sameSite, .partitioned, .port: false
    case .priority, .comment, .created, .lastUpdated, .sourceScheme, .sourcePort: true
    }
  }

  /// Parses a field name as a user types it: `httponly`, `httpOnly`, `same-site`,
  /// `last_updated` all work (case, `-` and `_` do not matter).
  public init?(parsing text: String) {
    let key = text.lowercased().filter { $0 != "-" && $0 != "_" }
    guard let f = CookieField.allCases.first(where: { $0.rawValue.lowercased() == key }) else { return nil }
    self = f
  }

  /// The names `init(parsing:)` knows, for help and error text.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// This field of `cookie`.
  public func value(of c: Cookie) -> CookieFieldValue {
    switch self {
    case .value: .text(c.value)
    case .expires: c.expires.map(CookieFieldValue.instant) ?? .absent
    case .secure: .flag(c.secure)
    case .httpOnly: .flag(c.httpOnly)
    // An unrecognised SameSite spelling is kept raw; two different raw spellings differ.
    case .sameSite: .text(c.sameSiteRaw ?? c.sameSite.jsonName)
    case .partitioned: .flag(c.partitioned)
    case .port: c.port.map(CookieFieldValue.text) ?? .absent
    case .priority: c.priority.map { .text($0.displayName.lowercased()) } ?? .absent
    case .comment: c.comment.map(CookieFieldValue.text) ?? .absent
    case .created: c.created.map(CookieFieldValue.instant) ?? .absent
    case .lastUpdated: c.lastUpdated.map(CookieFieldValue.instant) ?? .absent
    case .sourceScheme:
      c.sourceScheme.map {
        switch $0 {
        case .http: .text("http")
        case .https: .text("https")
        case .file: .text("file")
        }
      } ?? .absent
    case .sourcePort: c.sourcePort.map(CookieFieldValue.number) ?? .absent
    }
  }
}

/// One side of a changed field.
public enum CookieFieldValue: Hashable, Sendable {
  /// Not set: a session cookie's expiry, no port restriction, no priority recorded.
  case absent
  case text(String)
  case flag(Bool)
  case instant(Instant)
  case number(Int)
}
