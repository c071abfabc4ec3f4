/// A `Set-Cookie` value split into its name, value and attributes by RFC 6265bis §5.6,
/// before the storage model (§5.7) decides whether and how to store it.
public struct ParsedSetCookie: Hashable, Sendable {
  public var name: String
  public var value: String
  /// Expiry from the last valid `Max-Age`, already clamped to the 400-day limit (§5.6.2).
  public var maxAgeExpiry: Instant?
  /// Expiry from the last valid `Expires`, already clamped (§5.6.1).
  public var expiresExpiry: Instant?
  /// The last `Domain` attribute: leading dot removed, lower-cased; may be empty (§5.6.3).
  public var domain: String?
  /// The last `Path` attribute; empty when it was empty or did not start with `/`, which
  /// means "use the default-path" (§5.6.4).
  public var path: String?
  public var secure = false
  public var httpOnly = false
  /// The last `SameSite` attribute; `.unset` is the RFC's "Default" (§5.6.7).
  public var sameSite: SameSite = .unset
  /// The text of a `SameSite` value the RFC does not know, kept for display.
  public var sameSiteRaw: String?
  /// CHIPS `Partitioned` (not in 6265bis; Chromium and Firefox).
  public var partitioned = false
  /// Chromium's `Priority=Low|Medium|High`.
  public var priority: CookiePriority?
  public var comment: String?
  /// Attributes that were present but ignored, with why (`Expires=soon: not a cookie-date`).
  public var ignoredAttributes: [String] = []

  /// Expiry the storage model uses: Max-Age wins over Expires whatever their order
  /// (§5.7 step 6); nil for a session cookie.
  public var expiry: Instant? { maxAgeExpiry ?? expiresExpiry }
  /// `Path=/` was given explicitly, which the `__Host-` prefix requires (§5.7 step 20).
  public var hasRootPathAttribute: Bool { path == "/" }
}

/// Why a `Set-Cookie` value could not even be parsed (§5.6).
public enum SetCookieSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  case controlCharacter(UInt32)
  case emptyNameAndValue
  case tooLong(Int)

  public var description: String {
    switch self {
    case .controlCharacter(let c):
      "it contains the control character U+\(String(format4: c)) (RFC 6265bis §5.6 step 1)"
    case .emptyNameAndValue: "both name and value are empty (RFC 6265bis §5.6 step 6)"
    case .tooLong(let n):
      "name and value are \(n) bytes together, over the 4096-byte limit (RFC 6265bis §5.6 step 7)"
    }
  }
}

extension String {
  fileprivate init(format4 v: UInt32) {
    let hex = String(v, radix: 16, uppercase: true)
    self = String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
  }
}

/// The parsing half of RFC 6265bis §5.6.
public enum SetCookieParser {
  /// Cookie-age limit: 400 days (§5.6.1, §5.6.2).
  public static let maxAgeLimitSeconds: Int64 = 400 * 86400
  /// Limit on name plus value (§5.6 step 7).
  public static let nameValueLimit = 4096
  /// Limit on one attribute value (§5.6 step "cookie-av" 6).
  public static let attributeValueLimit = 1024

  /// Parses `header` (the value after `Set-Cookie:`) as received at `now`.
  public static func parse(_ header: String, now: Instant) -> Result<ParsedSetCookie, SetCookieSyntaxError> {
    // §5.6 step 1: CTLs other than HTAB make the whole line ignored.
    for s in header.unicodeScalars
    where (s.value <= 0x08) || (0x0A...0x1F).contains(s.value) || s.value == 0x7F {
      return .failure(.controlCharacter(s.value))
    }
    // Split on scalars, not Characters: a `;` followed by a combining mark is still a `;`.
    let scalars = Array(header.unicodeScalars)
    let pairEnd = scalars.firstIndex(of: ";") ?? scalars.endIndex
    let pair = scalars[..<pairEnd]
    var name: ArraySlice<Unicode.Scalar>
    var value: ArraySlice<Unicode.Scalar>
    // §5.6 step 3: no `=` makes a nameless cookie (RFC 6265 ignored it instead).
    if let eq = pair.firstIndex(of: "=") {
      name = pair[..<eq]
      value = pair[(eq + 1)...]
    } else {
      name = []
      value = pair
    }
    name = trimWSP(name)
    value = trimWSP(value)
    let nameText = text(name)
    let valueText = text(value)
    let size = nameText.utf8.count + valueText.utf8.count
    if size == 0 { return .failure(.emptyNameAndValue) }
    if size > nameValueLimit { return .failure(.tooLong(size)) }
    var cookie = ParsedSetCookie(name: nameText, value: valueText)
    var rest = scalars[pairEnd...]
    while !rest.isEmpty {
      rest = rest.dropFirst()  // the ";"
      let avEnd = rest.firstIndex(of: ";") ?? rest.endIndex
      let av = rest[..<avEnd]
      rest = rest[avEnd...]
      let attrName: String
      let attrValue: String
      if let eq = av.firstIndex(of: "=") {
        attrName = text(trimWSP(av[..<eq]))
        attrValue = text(trimWSP(av[(eq + 1)...]))
      } else {
        attrName = text(trimWSP(av))
        attrValue = ""
      }
      if attrValue.utf8.count > attributeValueLimit {
        cookie.ignoredAttributes.append(
          "\(attrName): value of \(attrValue.utf8.count) bytes is over the 1024-byte limit, ignored")
        continue
      }
      apply(attrName, attrValue, to: &cookie, now: now)
    }
    return .success(cookie)
  }

  private static func apply(_ name: String, _ value: String, to c: inout ParsedSetCookie, now: Instant) {
    switch name.lowercased() {
    case "expires":
      // §5.6.1: a date that does not parse ignores only this attribute.
      guard let seconds = CookieDate.parse(value) else {
        c.ignoredAttributes.append("Expires=\(value): not a cookie-date, ignored")
        return
      }
      let limit = now.adding(seconds: maxAgeLimitSeconds)
      c.expiresExpiry = min(Instant(seconds: seconds), limit)
    case "max-age":
      guard let delta = parseMaxAge(value) else {
        c.ignoredAttributes.append("Max-Age=\(value): not an integer, ignored")
        return
      }
      // §5.6.2: clamp to the age limit; zero or less means "the earliest time".
      c.maxAgeExpiry = delta <= 0 ? .distantPast : now.adding(seconds: min(delta, maxAgeLimitSeconds))
    case "domain":
      var d = Substring(value)
      if d.hasPrefix(".") { d = d.dropFirst() }
      c.domain = d.lowercased()
    case "path":
      c.path = value.unicodeScalars.first == "/" ? value : ""
    case "secure": c.secure = true
    case "httponly": c.httpOnly = true
    case "samesite":
      // §5.6.7: anything but None/Strict/Lax (case-insensitive) is "Default".
      switch value.lowercased() {
      case "none": c.sameSite = .none
      case "strict": c.sameSite = .strict
      case "lax": c.sameSite = .lax
      default: c.sameSite = .unset
      }
      c.sameSiteRaw = c.sameSite == .unset && !value.isEmpty ? value : nil
    case "partitioned": c.partitioned = true
    case "priority": c.priority = CookiePriority(parsing: value)
    case "comment": c.comment = value
    default: break  // §5.6 step 6: unknown attributes are ignored.
    }
  }

  /// `Max-Age` value (§5.6.2): first char a digit or `-`, the rest digits. Values beyond
  /// Int64 saturate, which the age limit then clamps.
  static func parseMaxAge(_ value: String) -> Int64? {
    let bytes = Array(value.utf8)
    guard let first = bytes.first else { return nil }
    let negative = first == UInt8(ascii: "-")
    let digits = negative ? bytes.dropFirst() : bytes[...]
    guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    var v: Int64 = 0
    for d in digits {
      let (m, o1) = v.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int64(d - 0x30))
      if o1 || o2 { return negative ? Int64.min : Int64.max }
      v = a
    }
    return negative ? -v : v
  }

  /// Removes leading and trailing SP and HTAB only (§5.6: "whitespace" is WSP here).
  static func trimWSP(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
    var s = s
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return s
  }

  static func text(_ s: ArraySlice<Unicode.Scalar>) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: s)
    return String(view)
  }
}
