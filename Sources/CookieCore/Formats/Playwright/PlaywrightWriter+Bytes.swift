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
    out.appendJSONValue(of: c, escaping: .javaScript)
    out.append(",\n      \"domain\": ")
    if c.hostOnly {
      out.appendJSON(c.domain, escaping: .javaScript)
    } else {
      out.appendJSON(c.domain, escaping: .javaScript, prefix: ".")
    }
    out.append(",\n      \"path\": ")
    out.appendJSON(c.path, escaping: .javaScript)
    out.append(",\n      \"expires\": ")
    out.append(expiresText(of: c, now: now, tally: &tally))
    out.append(c.httpOnly ? ",\n      \"httpOnly\": true" : ",\n      \"httpOnly\": false")
    out.append(c.secure ? ",\n      \"secure\": true" : ",\n      \"secure\": false")
    if let s = sameSiteText(of: c, tally: &tally) {
      out.append(",\n      \"sameSite\": \"")
      out.append(s)
      out.append("\"")
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
