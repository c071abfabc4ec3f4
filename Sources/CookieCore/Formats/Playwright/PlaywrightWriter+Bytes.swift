extension PlaywrightWriter {
  /// `members(of:)` as `appendJSONObject(_:indent: 2, level: 2)` writes them, straight to
  /// bytes for a cookie with a domain and no partition key (strings still go through
  /// `appendJSON`, which quotes any text); any other cookie goes through `members(of:)`.
  /// The same bytes and tally calls either way (`StreamedWriterTests`, `WriterFastPathTests`).
  static func render(
    _ c: borrowing Cookie, now: Instant, into out: inout ByteOutput, tally: inout FieldLossTally
  ) -> Bool {
    guard !c.domain.isEmpty, c.partitionKey == nil else {
      guard let m = members(of: copy c, now: now, tally: &tally) else { return false }
      out.append("    ")
      out.appendJSONObject(m, indent: 2, level: 2)
      return true
    }
    out.append("    {\n      \"name\": ")
    out.appendJSON(c.name, escaping: .javaScript)
    out.append(",\n      \"value\": ")
    out.appendJSON(c.value, escaping: .javaScript)
    out.append(",\n      \"domain\": ")
    if c.hostOnly {
      out.appendJSON(c.domain, escaping: .javaScript)
    } else {
      out.appendJSON(c.domain, escaping: .javaScript, prefix: ".")
    }
    out.append(",\n      \"path\": ")
    out.appendJSON(c.path, escaping: .javaScript)
    out.append(",\n      \"expires\": ")
    if var e = c.expires {
      if e > maxExpires {
        tally.lost("expiry after 9999-12-31", of: c, "clamped to 9999-12-31T23:59:59Z, Playwright's maximum")
        e = maxExpires
      } else if e.microseconds <= 0 {
        tally.lost("expiry at or before 1970", of: c, "written as 1 (still expired)")
        e = Instant(seconds: 1)
      }
      if e <= now {
        tally.lost("expired cookie", of: c, "written, but the browser drops it on load", severity: .note)
      }
      out.append(JSONText.seconds(e))
    } else {
      tally.lost(
        "session cookie", of: c, "written as expires -1; the browser keeps it only for the context's life",
        severity: .note)
      out.append("-1")
    }
    out.append(c.httpOnly ? ",\n      \"httpOnly\": true" : ",\n      \"httpOnly\": false")
    out.append(c.secure ? ",\n      \"secure\": true" : ",\n      \"secure\": false")
    switch c.sameSite {
    case .unset:
      tally.lost(
        "SameSite unset", of: c, "key omitted; Playwright will report it as \"Lax\"", severity: .note)
    case .none:
      out.append(",\n      \"sameSite\": \"None\"")
      if !c.secure {
        tally.lost(
          "SameSite=None without Secure", of: c,
          "written, but Chromium silently drops such a cookie (RFC 6265bis §5.7)")
      }
    case .lax: out.append(",\n      \"sameSite\": \"Lax\"")
    case .strict: out.append(",\n      \"sameSite\": \"Strict\"")
    }
    out.append("\n    }")
    if c.partitioned {
      tally.lost(
        "Partitioned (without a partition key)", of: c, "storageState holds only a partition key; dropped")
    }
    noteLosses(c, tally: &tally)
    return true
  }
}
