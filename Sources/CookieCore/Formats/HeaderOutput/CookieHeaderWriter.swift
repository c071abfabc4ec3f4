import Foundation

/// Writes one `Cookie:` request header, `Cookie: a=b; c=d` (RFC 6265bis §5.8.3): pairs joined
/// by `; `, longer paths first, otherwise in jar order (a stand-in for creation order).
/// Nothing but names and values fits in it.
public enum CookieHeaderWriter: CookieWriter {
  public static let format = CookieFormat.cookieHeader

  public static func write(_ cookies: [Cookie], options: CookieWriteOptions) -> CookieWriteResult {
    var tally = FieldLossTally(target: "cookie-header output")
    // Stable sort by descending path length (§5.8.3 step 2).
    let ordered = cookies.enumerated().sorted {
      $0.element.path.utf8.count != $1.element.path.utf8.count
        ? $0.element.path.utf8.count > $1.element.path.utf8.count : $0.offset < $1.offset
    }
    var pairs: [String] = []
    var seen = Set<String>()
    for (_, c) in ordered {
      guard let p = pair(for: c, tally: &tally) else { continue }
      pairs.append(p)
      tally.lost(
        "domain, path, expiry and attributes", of: c,
        "a Cookie header carries only name=value; they are not written", severity: .note)
      if c.isExpired(at: options.now) {
        tally.lost("expired cookie", of: c, "written, but a browser would not send it")
      }
      if !seen.insert(c.name).inserted {
        tally.lost("repeated name", of: c, "sent twice; servers usually keep only the first", severity: .note)
      }
    }
    var diagnostics = tally.diagnostics
    if pairs.isEmpty {
      diagnostics.append(Diagnostic(.warning, file: tally.target, "no cookie to write; the output is empty"))
      return CookieWriteResult(data: Data(), warnings: diagnostics, skipped: tally.skippedCount)
    }
    let text = "Cookie: " + pairs.joined(separator: "; ") + "\n"
    return CookieWriteResult(data: Data(text.utf8), warnings: diagnostics, skipped: tally.skippedCount)
  }

  /// The same bytes and warnings as `write(_:options:)`, streamed a megabyte at a time
  /// instead of joining every pair into one string; common pairs are written straight to
  /// bytes (`append`).
  public static func write(
    _ cookies: [Cookie], options: CookieWriteOptions, to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    var tally = FieldLossTally(target: "cookie-header output")
    var out = ByteOutput()
    var bytes = 0
    var wrote = false
    var seen = Set<String>()
    try cookies.withUnsafeBufferPointer { buf in
      for i in requestOrder(buf) {
        guard append(buf[i], first: !wrote, now: options.now, into: &out, tally: &tally, seen: &seen) else {
          continue
        }
        wrote = true
        if out.count >= 1 << 20 {
          try out.bytes.withUnsafeBytes { try sink($0) }
          bytes += out.count
          out.removeAll()
        }
      }
    }
    var diagnostics = tally.diagnostics
    if !wrote {
      diagnostics.append(Diagnostic(.warning, file: tally.target, "no cookie to write; the output is empty"))
    } else {
      out.append(UInt8(ascii: "\n"))
      try out.bytes.withUnsafeBytes { try sink($0) }
      bytes += out.count
    }
    return CookieWriteSummary(warnings: diagnostics, skipped: tally.skippedCount, byteCount: bytes)
  }

  /// `name=value`, or the bare value of a nameless cookie (RFC 6265bis §5.8.3 step 4.1.2);
  /// nil (with a warning) when a parser would read back something else.
  static func pair(for c: Cookie, tally: inout FieldLossTally) -> String? {
    if SetCookieWriter.unsafe(c.name) || SetCookieWriter.unsafe(c.value) {
      tally.skipped(
        c, "its name or value contains ';' or a control character, which would split or end the header")
      return nil
    }
    if c.name.contains("=") {
      tally.skipped(c, "its name contains '=', so a parser would split it differently")
      return nil
    }
    if c.name.isEmpty {
      if c.value.isEmpty || c.value.contains("=") {
        tally.skipped(
          c, "a nameless cookie is sent as its bare value, and this value is empty or contains '='")
        return nil
      }
      tally.lost(
        "nameless cookie", of: c,
        "sent as its bare value (RFC 6265bis §5.8.3); some servers (Werkzeug) read it as a name with an empty value"
      )
      return c.value
    }
    let trim: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    let spaced =
      c.name.first.map(trim) == true || c.name.last.map(trim) == true || c.value.first.map(trim) == true
      || c.value.last.map(trim) == true
    notePairLosses(c, spaced: spaced, tally: &tally)
    return "\(c.name)=\(c.value)"
  }

  /// What `name=value` keeps but a reader may not: `spaced` when the name or the value
  /// starts or ends with a space or TAB.
  static func notePairLosses(_ c: borrowing Cookie, spaced: Bool, tally: inout FieldLossTally) {
    if spaced {
      tally.lost("leading/trailing space", of: c, "written, but parsers trim it (RFC 6265bis §5.6 step 4)")
    }
    if c.name.utf8.count + c.value.utf8.count > 4096 {
      tally.lost("name+value over 4096 bytes", of: c, "written, but user agents ignore such a cookie")
    }
  }
}
