import Foundation

/// Writes one `Set-Cookie:` header line per cookie with every attribute a browser keeps
/// (RFC 6265bis §4.1): Domain (domain cookies only), Path, Expires as IMF-fixdate, Secure,
/// HttpOnly, SameSite, Partitioned, and Chromium's Priority. No Max-Age: Expires is absolute
/// and does not depend on when the line is read.
public enum SetCookieWriter: CookieWriter {
  public static let format = CookieFormat.setCookie

  public static func write(_ cookies: [Cookie], options: CookieWriteOptions) -> CookieWriteResult {
    var tally = FieldLossTally(target: "set-cookie output")
    var text = ""
    for c in cookies {
      if let line = line(for: c, tally: &tally) { text += "Set-Cookie: " + line + "\n" }
    }
    return CookieWriteResult(data: Data(text.utf8), warnings: tally.diagnostics, skipped: tally.skippedCount)
  }

  /// The same bytes as `write(_:options:)`, streamed (`StreamedOutput`); common cookies are
  /// written straight to bytes (`render`).
  public static func write(
    _ cookies: [Cookie], options: CookieWriteOptions, to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    try write(cookies, options: options, shape: StreamedOutput.Shape(), to: sink)
  }

  static func write(
    _ cookies: [Cookie], options: CookieWriteOptions, shape: StreamedOutput.Shape,
    to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    try StreamedOutput.write(
      cookies, frame: StreamedOutput.Frame(), target: "set-cookie output", shape: shape, to: sink
    ) {
      c, out, tally in
      render(c.pointee, into: &out, tally: &tally)
    }
  }

  /// RFC 6265bis §5.6 step 1: a CTL other than HTAB makes a user agent ignore the whole line.
  static func hasCTL(_ s: String) -> Bool {
    s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }
  }

  /// Text that would end or split the header: a CTL, or a `;` that starts a new attribute.
  static func unsafe(_ s: String) -> Bool { hasCTL(s) || s.contains(";") }

  static func line(for c: Cookie, tally: inout FieldLossTally) -> String? {
    guard let pair = CookieHeaderWriter.pair(for: c, tally: &tally) else { return nil }
    var attrs = [pair]
    if unsafe(c.domain) || unsafe(c.path) {
      tally.skipped(c, "its domain or path contains ';' or a control character")
      return nil
    }
    if writesDomain(c, tally: &tally) { attrs.append("Domain=\(c.domain)") }
    attrs.append("Path=\(c.path)")
    if let e = c.expires {
      noteExpiry(e, of: c, tally: &tally)
      attrs.append("Expires=\(HTTPDate.format(e))")
    }
    if c.secure { attrs.append("Secure") }
    if c.httpOnly { attrs.append("HttpOnly") }
    if c.sameSite != .unset {
      attrs.append("SameSite=\(c.sameSite.displayName)")
    } else if let raw = c.sameSiteRaw, !unsafe(raw) {
      // Kept verbatim; a user agent reads an unknown value as "Default" (RFC 6265bis §5.6.7).
      attrs.append("SameSite=\(raw)")
    }
    if c.partitioned { attrs.append("Partitioned") }
    if let p = c.priority { attrs.append("Priority=\(p.displayName)") }
    if attrs.contains(where: { $0.utf8.count > longestAttribute }) { noteLongAttribute(c, tally: &tally) }
    noteLosses(c, tally: &tally)
    return attrs.joined(separator: "; ")
  }

  /// True when `c` gets a Domain attribute (a domain cookie); notes why it does not.
  static func writesDomain(_ c: borrowing Cookie, tally: inout FieldLossTally) -> Bool {
    if c.domain.isEmpty {
      tally.lost(
        "domain (unknown)", of: c, "written without Domain; the cookie applies to whichever host sends it")
    } else if c.hostOnly {
      // A host-only cookie has no Domain attribute; its host lives in the request URL.
      tally.lost(
        "host (host-only cookie)", of: c,
        "written without Domain, as the server sent it; give the host with --origin when reading it back",
        severity: .note)
    } else {
      return true
    }
    return false
  }

  static func noteExpiry(_ e: Instant, of c: borrowing Cookie, tally: inout FieldLossTally) {
    if e < HTTPDate.earliest || e > HTTPDate.latest {
      tally.lost("expiry outside 1601–9999", of: c, "clamped to the nearest date a cookie-date can hold")
    } else if e.microseconds % 1_000_000 != 0 {
      tally.lost(
        "sub-second expiry", of: c, "Expires has whole seconds; the fraction is dropped", severity: .note)
    }
  }

  /// Bytes of the longest attribute (name, `=` and value) a user agent keeps: a value of
  /// 1024 bytes (RFC 6265bis §5.6), and room for the name.
  static let longestAttribute = 1024 + 16

  static func noteLongAttribute(_ c: borrowing Cookie, tally: inout FieldLossTally) {
    tally.lost("attribute over 1024 bytes", of: c, "written, but user agents ignore it (RFC 6265bis §5.6)")
  }

  static func noteLosses(_ c: Cookie, tally: inout FieldLossTally) {
    if c.partitionKey != nil {
      tally.lost(
        "partition key", of: c, "a Set-Cookie line has no top-level site; only Partitioned is written")
    }
    if c.comment != nil { tally.lost("Comment", of: c, "RFC 6265 has no Comment attribute; dropped") }
    if c.port != nil { tally.lost("Port", of: c, "RFC 6265 has no Port attribute; dropped") }
    if c.sourceScheme != nil || c.sourcePort != nil {
      tally.lost("source scheme/port", of: c, "not an attribute; dropped")
    }
    if c.created != nil || c.lastAccessed != nil || c.lastUpdated != nil {
      tally.lost("creation/last-access time", of: c, "not an attribute; dropped")
    }
    if c.storeId != nil || c.originAttributes != nil {
      tally.lost("storeId/origin attributes", of: c, "not an attribute; dropped")
    }
    for key in c.unknownFields.keys.sorted() where !LWPReader.isBookkeeping(key) {
      tally.lost("field \(TerminalSafe.escape(key, limit: 40))", of: c, "not an attribute; dropped")
    }
  }
}
