/// The SameSite attribute as RFC 6265bis §5.6.7 understands it. `unset` covers both
/// "absent" and any value a browser would not recognise; the raw text of an unrecognised
/// value is kept in `Cookie.sameSiteRaw` so nothing the file said is lost.
public enum SameSite: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
  case unset, none, lax, strict

  /// Lower-case name used by the CLI's JSON (`"unset"`, `"none"`, `"lax"`, `"strict"`).
  public var jsonName: String {
    switch self {
    case .unset: "unset"
    case .none: "none"
    case .lax: "lax"
    case .strict: "strict"
    }
  }

  /// How devtools shows it: `None`, `Lax`, `Strict`, or empty when unset.
  public var displayName: String {
    switch self {
    case .unset: ""
    case .none: "None"
    case .lax: "Lax"
    case .strict: "Strict"
    }
  }

  public var description: String { jsonName }

  /// Parses every spelling seen in the wild: the RFC's, chrome.cookies'
  /// (`no_restriction`, `unspecified`), HAR's, case-insensitively. nil when unknown.
  public init?(parsing text: String) {
    switch text.lowercased() {
    case "none", "no_restriction", "norestriction": self = .none
    case "lax": self = .lax
    case "strict": self = .strict
    case "", "unset", "unspecified", "default": self = .unset
    default: return nil
    }
  }
}

/// Chromium's cookie priority (`Priority=Low|Medium|High`); Medium is the default.
public enum CookiePriority: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
  case low, medium, high
  public var displayName: String {
    switch self {
    case .low: "Low"
    case .medium: "Medium"
    case .high: "High"
    }
  }
  public var description: String { displayName }
  public init?(parsing text: String) {
    switch text.lowercased() {
    case "low": self = .low
    case "medium": self = .medium
    case "high": self = .high
    default: return nil
    }
  }
}

/// CHIPS partition key: the top-level site and, where the browser records it (Chromium
/// v23+), whether the frame had a cross-site ancestor.
public struct PartitionKey: Hashable, Sendable {
  public var topLevelSite: String
  public var hasCrossSiteAncestor: Bool?
  public init(topLevelSite: String, hasCrossSiteAncestor: Bool? = nil) {
    self.topLevelSite = topLevelSite
    self.hasCrossSiteAncestor = hasCrossSiteAncestor
  }
}

/// The scheme of the origin that set the cookie, when a browser recorded it.
public enum SourceScheme: UInt8, Hashable, Sendable {
  case http, https, file
}
