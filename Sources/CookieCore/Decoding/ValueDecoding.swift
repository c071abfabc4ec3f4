/// One decoded view of a cookie value, as the inspector's detail pane shows it.
public struct DecodedView: Hashable, Sendable {
  /// e.g. `URL-decoded`, `Base64`, `JSON`, `JWT`, `Flask session`.
  public var title: String
  /// The decoded text, already split into lines (pretty-printed where it applies).
  public var lines: [String]
  public init(title: String, lines: [String]) {
    self.title = title
    self.lines = lines
  }
}

/// Decoders for cookie values: URL encoding, Base64, JSON, JWT, Flask/itsdangerous sessions.
public enum ValueDecoding {
  /// Every view that applies to `value`, most specific first; empty when none applies.
  /// `now` lets time claims (JWT `exp`) be shown relative to the clock.
  public static func views(of value: String, now: Instant) -> [DecodedView] {
    []
  }
}
