import Foundation

/// Writes an LWP `Set-Cookie3` file exactly as CPython's `LWPCookieJar.save` does
/// (`lwp_cookie_str` + `join_header_words`, REFERENCE §2), so CPython reloads it and a
/// CPython re-save gives the same lines.
public enum LWPWriter: CookieWriter {
  public static let format = CookieFormat.lwp
  /// The first line of every LWP file (CPython refuses a file without it).
  static let magic = "#LWP-Cookies-2.0\n"

  public static func write(_ cookies: [Cookie], options: CookieWriteOptions) -> CookieWriteResult {
    var tally = FieldLossTally(target: "lwp output")
    var text = magic
    for c in cookies {
      if let line = line(for: c, now: options.now, tally: &tally) { text += "Set-Cookie3: " + line + "\n" }
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
    let now = options.now
    return try StreamedOutput.write(
      cookies, frame: StreamedOutput.Frame(prefix: magic), target: "lwp output", shape: shape, to: sink
    ) { c, out, tally in
      render(c.pointee, now: now, into: &out, tally: &tally)
    }
  }

  /// `lwp_cookie_str(cookie)`; nil (with a warning) when CPython could not read it back.
  static func line(for c: Cookie, now: Instant, tally: inout FieldLossTally) -> String? {
    // A CR or LF would end the line; CPython's reader would see two broken lines.
    for (field, text) in [("name", c.name), ("value", c.value), ("path", c.path), ("domain", c.domain)]
    where text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
      tally.skipped(c, "its \(field) contains a line break, which a Set-Cookie3 line cannot hold")
      return nil
    }
    // join_header_words never quotes the name: it must be a header token or CPython reads
    // something else back. An empty name is CPython's nameless cookie: the value is the token.
    let token = c.name.isEmpty ? c.value : c.name
    if token.isEmpty
      || token.unicodeScalars.contains(where: {
        HeaderWords.isSpace($0) || "=;,\"".unicodeScalars.contains($0)
      })
    {
      tally.skipped(
        c,
        c.name.isEmpty
          ? "a nameless cookie is written as its bare value, and this value is empty or not a token"
          : "the name is not a token (it has a space, '=', ';', ',' or '\"'), and LWP never quotes names")
      return nil
    }
    var h: [HeaderWords.Pair] = [c.name.isEmpty ? (c.value, nil) : (c.name, c.value)]
    h.append(("path", c.path))
    // CPython keeps domain cookies with their leading dot (domain_specified).
    h.append(("domain", c.hostOnly || c.domain.isEmpty ? c.domain : "." + c.domain))
    if let p = c.port { h.append(("port", p)) }
    let unknown = c.unknownFields
    // Flags as the source LWP file had them; otherwise CPython's for a cookie with a path.
    let flags = (unknown[LWPReader.flagsKey] ?? "path_spec").split(separator: " ").map(String.init)
    for f in ["path_spec", "port_spec", "domain_dot"] where flags.contains(f) { h.append((f, nil)) }
    if c.secure { h.append(("secure", nil)) }
    // `if cookie.expires:` — an expiry of exactly 0 is not written.
    if let e = c.expires, e.seconds != 0 { h.append(("expires", LWPTime.format(e))) }
    if c.expires == nil || flags.contains("discard") { h.append(("discard", nil)) }
    if let v = c.comment { h.append(("comment", v)) }
    if let v = unknown[LWPReader.commentURLKey] { h.append(("commenturl", v)) }
    // Non-standard attributes (CPython `_rest`), sorted by key as `sorted()` does.
    var rest: [(String, String)] = []
    for (k, v) in unknown where k.hasPrefix(LWPReader.restPrefix) {
      rest.append((String(k.dropFirst(LWPReader.restPrefix.count)), v))
    }
    var restNames = Set(rest.map { $0.0.lowercased() })
    func addRest(_ k: String, _ v: String) {
      if restNames.insert(k.lowercased()).inserted { rest.append((k, v)) }
    }
    if c.httpOnly { addRest("HttpOnly", "None") }
    if c.sameSite != .unset {
      addRest("SameSite", c.sameSite.displayName)
    } else if let raw = c.sameSiteRaw {
      addRest("SameSite", raw)
    }
    if c.partitioned { addRest("Partitioned", "None") }
    rest.sort {
      Array($0.0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.0.unicodeScalars.map(\.value))
    }
    for (k, v) in rest { h.append((k, v)) }
    h.append(("version", unknown[LWPReader.versionKey] ?? "0"))
    noteLosses(c, now: now, tally: &tally)
    return HeaderWords.join(h)
  }

  /// REFERENCE §11, LWP column.
  static func noteLosses(_ c: Cookie, now: Instant, tally: inout FieldLossTally) {
    if c.domain.isEmpty {
      tally.lost("domain (unknown)", of: c, "written as domain=\"\"; it matches no host")
    }
    if c.sameSite != .unset || c.sameSiteRaw != nil {
      tally.lost(
        "SameSite", of: c,
        "written as a non-standard attribute: CPython keeps it but does not enforce it, libwww-perl ignores it"
      )
    }
    if c.partitioned {
      tally.lost(
        "Partitioned", of: c,
        "written as the non-standard attribute Partitioned=None; no client enforces it"
          + (c.partitionKey != nil ? ", and the partition key (top-level site) is dropped" : ""))
    }
    if c.isSession {
      tally.lost(
        "session cookie", of: c,
        "written with `discard`; LWPCookieJar.load skips it unless ignore_discard=True",
        severity: .note)
    } else if let e = c.expires, e <= now {
      tally.lost(
        "expired cookie", of: c, "LWPCookieJar.load skips it unless ignore_expires=True", severity: .note)
    }
    if let e = c.expires, e.microseconds % 1_000_000 != 0 {
      tally.lost(
        "sub-second expiry", of: c, "LWP expires has whole seconds; the fraction is dropped", severity: .note)
    }
    if c.priority != nil { tally.lost("Priority", of: c, "LWP has no such field; dropped") }
    if c.partitionKey != nil && !c.partitioned {
      tally.lost("partition key", of: c, "LWP has no such field; dropped")
    }
    if c.sourceScheme != nil || c.sourcePort != nil {
      tally.lost("source scheme/port", of: c, "LWP has no such field; dropped")
    }
    if c.created != nil || c.lastAccessed != nil || c.lastUpdated != nil {
      tally.lost("creation/last-access time", of: c, "LWP has no such field; dropped")
    }
    if c.storeId != nil || c.originAttributes != nil {
      tally.lost("storeId/origin attributes", of: c, "LWP has no such field; dropped")
    }
    for key in c.unknownFields.keys.sorted() where !key.hasPrefix("lwp.") {
      tally.lost("field \(TerminalSafe.escape(key, limit: 40))", of: c, "LWP has no place for it; dropped")
    }
  }
}
