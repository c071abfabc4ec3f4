extension SetCookieWriter {
  /// `Set-Cookie: ` + `line(for:)` + newline, written straight to bytes for a common cookie
  /// (a name, and name, value, domain and path printable ASCII without `;`, a name without
  /// `=`, only the fields `hasOnlyCommonFields` allows); any other cookie goes through
  /// `line(for:)`. The same bytes and tally calls either way (`StreamedWriterTests`).
  static func render(_ c: borrowing Cookie, into out: inout ByteOutput, tally: inout FieldLossTally) -> Bool {
    let name = TextBytes.of(c.name)
    let value = TextBytes.ofValue(c)
    guard !c.name.isEmpty,
      name.union(value).union(.of(c.domain)).union(.of(c.path)).isDisjoint(with: [
        .control, .nonASCII, .semicolon,
      ]),
      !name.contains(.equals), c.hasOnlyCommonFields
    else {
      guard let line = line(for: copy c, tally: &tally) else { return false }
      out.append("Set-Cookie: ")
      out.append(line)
      out.append(UInt8(ascii: "\n"))
      return true
    }
    // For printable ASCII, a leading or trailing Character of space or TAB is a space.
    let spaced =
      c.name.utf8.first == 0x20 || c.name.utf8.last == 0x20
      || c.withValueBytes { $0.first == 0x20 || $0.last == 0x20 }
    CookieHeaderWriter.notePairLosses(c, spaced: spaced, tally: &tally)
    out.append("Set-Cookie: ")
    out.append(c.name)
    out.append(UInt8(ascii: "="))
    out.appendValue(of: c)
    var longest = c.name.utf8.count + 1 + c.valueByteCount
    if writesDomain(c, tally: &tally) {
      out.append("; Domain=")
      out.append(c.domain)
      longest = max(longest, 7 + c.domain.utf8.count)
    }
    out.append("; Path=")
    out.append(c.path)
    longest = max(longest, 5 + c.path.utf8.count)
    if let e = c.expires {
      noteExpiry(e, of: c, tally: &tally)
      out.append("; Expires=")
      out.appendHTTPDate(e)
    }
    if c.secure { out.append("; Secure") }
    if c.httpOnly { out.append("; HttpOnly") }
    if c.sameSite != .unset {
      out.append("; SameSite=")
      out.append(c.sameSite.displayName)
    }
    if c.partitioned { out.append("; Partitioned") }
    // The other attributes are far shorter than the limit.
    if longest > longestAttribute { noteLongAttribute(c, tally: &tally) }
    noteLosses(c, tally: &tally)
    out.append(UInt8(ascii: "\n"))
    return true
  }
}

extension ByteOutput {
  /// `HTTPDate.format(t)`.
  mutating func appendHTTPDate(_ t: Instant) {
    let secs = min(max(t, HTTPDate.earliest), HTTPDate.latest).seconds
    let (y, mo, d, h, mi, s) = Instant.civil(fromUnixSeconds: secs)
    var dayIndex = Int((secs >= 0 ? secs / 86400 : (secs - 86399) / 86400) % 7)
    dayIndex = (dayIndex + 4 + 7) % 7  // 1970-01-01 was a Thursday
    append(HTTPDate.days[dayIndex])
    append(", ")
    appendTwoDigits(d)
    append(UInt8(ascii: " "))
    append(HTTPDate.months[mo - 1])
    append(UInt8(ascii: " "))
    // 1601...9999 after the clamp: four digits.
    appendFourDigits(y)
    append(UInt8(ascii: " "))
    appendTwoDigits(h)
    append(UInt8(ascii: ":"))
    appendTwoDigits(mi)
    append(UInt8(ascii: ":"))
    appendTwoDigits(s)
    append(" GMT")
  }
}
