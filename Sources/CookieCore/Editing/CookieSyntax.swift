import TerminalEscaping

/// Syntax checks on what a user types for a cookie (RFC 6265bis §4.1.1 cookie-name /
/// cookie-value, §5.6.3 Domain): each returns the problem as a message, nil when the text
/// is acceptable.
public enum CookieSyntax {
  /// The first control character, or character of `extra` (`=;` for a name), in `s`.
  public static func badCharacter(in s: String, extra: String) -> String? {
    for sc in s.unicodeScalars {
      if sc.value < 0x20 || sc.value == 0x7F {
        return "control character \(TerminalSafe.escape(String(sc))) is not allowed"
      }
      if extra.unicodeScalars.contains(sc) { return "'\(sc)' is not allowed" }
    }
    return nil
  }

  /// Why `raw` (a leading dot allowed) is not a cookie domain, nil when it is one.
  public static func domainError(_ raw: String) -> String? {
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
        if !ok { return "'\(TerminalSafe.escape(String(u)))' is not allowed in a domain" }
      }
    }
    return nil
  }
}
