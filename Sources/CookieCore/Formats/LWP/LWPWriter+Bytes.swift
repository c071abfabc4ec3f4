extension LWPWriter {
  /// `Set-Cookie3: ` + `line(for:)` + newline, written straight to bytes for a common
  /// cookie (name, value, domain and path printable ASCII, a token for a name, only the
  /// fields `hasOnlyCommonFields` allows); any other cookie goes through `line(for:)`. The
  /// same bytes and tally calls either way (`StreamedWriterTests`).
  static func render(
    _ c: borrowing Cookie, now: Instant, into out: inout ByteOutput, tally: inout FieldLossTally
  ) -> Bool {
    let name = TextBytes.of(c.name)
    let value = TextBytes.ofValue(c)
    let path = TextBytes.of(c.path)
    let domain = TextBytes.of(c.domain)
    // `line(for:)`'s token rule: for printable ASCII its whitespace is the space alone.
    let token = c.name.isEmpty ? value : name
    guard name.union(value).union(path).union(domain).isDisjoint(with: .unprintable),
      !c.name.isEmpty || c.valueByteCount > 0,
      token.isDisjoint(with: [.space, .equals, .semicolon, .comma, .quote]),
      c.hasOnlyCommonFields
    else {
      guard let line = line(for: copy c, now: now, tally: &tally) else { return false }
      out.append("Set-Cookie3: ")
      out.append(line)
      out.append(UInt8(ascii: "\n"))
      return true
    }
    out.append("Set-Cookie3: ")
    if c.name.isEmpty {
      out.appendValue(of: c)
    } else {
      out.append(c.name)
      out.append(UInt8(ascii: "="))
      if c.valueByteCount > 0 && !value.contains(.nonWord) {
        out.appendValue(of: c)
      } else {
        out.appendHeaderWord(c.value, value)
      }
    }
    out.append("; path=")
    out.appendHeaderWord(c.path, path)
    out.append("; domain=")
    if c.hostOnly || c.domain.isEmpty {
      out.appendHeaderWord(c.domain, domain)
    } else if domain.isDisjoint(with: [.quote, .backslash]) {
      out.append("\".")
      out.append(c.domain)
      out.append(UInt8(ascii: "\""))
    } else {
      out.append(HeaderWords.quoteIfNeeded("." + c.domain))
    }
    // No `lwp.flags`: CPython's flags for a cookie with a path.
    out.append("; path_spec")
    if c.secure { out.append("; secure") }
    if let e = c.expires, e.seconds != 0 {
      out.append("; expires=")
      let (y, mo, d, h, mi, s) = Instant.civil(fromUnixSeconds: e.seconds)
      if y >= 0 && y <= 9999 {
        // `LWPTime.format`, which is never a word: quoted.
        out.append(UInt8(ascii: "\""))
        out.appendFourDigits(y)
        out.append(UInt8(ascii: "-"))
        out.appendTwoDigits(mo)
        out.append(UInt8(ascii: "-"))
        out.appendTwoDigits(d)
        out.append(UInt8(ascii: " "))
        out.appendTwoDigits(h)
        out.append(UInt8(ascii: ":"))
        out.appendTwoDigits(mi)
        out.append(UInt8(ascii: ":"))
        out.appendTwoDigits(s)
        out.append("Z\"")
      } else {
        out.append(HeaderWords.quoteIfNeeded(LWPTime.format(e)))
      }
    }
    if c.expires == nil { out.append("; discard") }
    // The `_rest` attributes in `sorted()` order; their values are words.
    if c.httpOnly { out.append("; HttpOnly=None") }
    if c.partitioned { out.append("; Partitioned=None") }
    if c.sameSite != .unset {
      out.append("; SameSite=")
      out.append(c.sameSite.displayName)
    }
    out.append("; version=0\n")
    noteLosses(c, now: now, tally: &tally)
    return true
  }
}

extension ByteOutput {
  /// `HeaderWords.quoteIfNeeded(s)` for printable ASCII `s` whose byte kinds are `kinds`.
  mutating func appendHeaderWord(_ s: String, _ kinds: TextBytes) {
    if !s.isEmpty && !kinds.contains(.nonWord) {
      append(s)
    } else if kinds.isDisjoint(with: [.quote, .backslash]) {
      append(UInt8(ascii: "\""))
      append(s)
      append(UInt8(ascii: "\""))
    } else {
      append(HeaderWords.quoteIfNeeded(s))
    }
  }
}
