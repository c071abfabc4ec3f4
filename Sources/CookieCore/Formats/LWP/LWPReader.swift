import Foundation

/// Reads LWP `Set-Cookie3` files (CPython `LWPCookieJar`, libwww-perl `HTTP::Cookies`),
/// following CPython's `_really_load` (REFERENCE §2).
///
/// Where CPython aborts the whole file (missing magic line, a cookie without `domain`),
/// this reader reports the line and keeps going. Discarded and expired cookies are loaded
/// too (an inspector shows them; CPython skips them unless `ignore_discard`/`ignore_expires`).
public enum LWPReader: CookieReader {
  public static let format = CookieFormat.lwp

  /// `Cookie.unknownFields` keys: `lwp.flags` (the boolean attributes present when not just
  /// `path_spec`, so a re-save writes the same ones), `lwp.version`, `lwp.commenturl`, and
  /// `lwp.rest.<Name>` for CPython's non-standard attributes (`_rest`) other than
  /// HttpOnly/SameSite/Partitioned.
  static let flagsKey = "lwp.flags"
  static let versionKey = "lwp.version"
  static let commentURLKey = "lwp.commenturl"
  static let restPrefix = "lwp.rest."

  /// Keys that only record how an LWP line was spelled; other writers need not warn about them.
  static func isBookkeeping(_ key: String) -> Bool { key == flagsKey }

  static let header = "Set-Cookie3:"
  static let booleanAttrs: Set<String> = ["port_spec", "path_spec", "domain_dot", "secure", "discard"]
  static let valueAttrs: Set<String> = [
    "version", "port", "path", "domain", "expires", "comment", "commenturl",
  ]

  public static func sniff(_ prefix: Data, fileName: String) -> Int {
    let text = String(decoding: prefix.prefix(4096), as: UTF8.self)
    if text.hasPrefix("#LWP-Cookies-") { return 100 }
    for line in text.split(separator: "\n", maxSplits: 50) where line.hasPrefix(header) { return 80 }
    return 0
  }

  public static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult {
    var result = CookieReadResult(format: format)
    let name = options.sourceName
    // Split on LF bytes, not Characters: grapheme breaking of a whole file is slow.
    let bytes = [UInt8](data)
    var lines: [ArraySlice<UInt8>] = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    if lines.isEmpty { lines = [[]] }
    var lineNo = 0
    var sawCookieLine = false
    for rawBytes in lines {
      lineNo += 1
      var line = Substring(String(decoding: rawBytes, as: UTF8.self))
      if line.hasSuffix("\r") { line = line.dropLast() }
      if lineNo == 1 && !line.contains("#LWP-Cookies-") {
        // CPython: magic_re = r"^#LWP-Cookies-(\d+\.\d+)", searched in the first line.
        result.diagnostics.append(
          Diagnostic(
            .warning, file: name, line: 1,
            "first line is not \"#LWP-Cookies-2.0\"; CPython and libwww-perl refuse this file"))
      }
      guard line.hasPrefix(header) else { continue }
      sawCookieLine = true
      let body = String(line.dropFirst(header.count)).trimmingCharacters(in: .whitespaces)
      for pairs in HeaderWords.split(body) {
        if let c = cookie(from: pairs, line: lineNo, options: options, diagnostics: &result.diagnostics) {
          result.cookies.append(c)
        }
      }
    }
    if !sawCookieLine && result.diagnostics.contains(where: { $0.line == 1 }) {
      throw CookieFormatError(
        file: name, line: 1,
        "not an LWP cookie file: no \"#LWP-Cookies-\" magic line and no Set-Cookie3 lines")
    }
    return result
  }

  static func cookie(
    from pairs: [HeaderWords.Pair], line: Int, options: CookieReadOptions, diagnostics: inout [Diagnostic]
  ) -> Cookie? {
    guard let first = pairs.first else { return nil }
    var standard: [String: String?] = [:]
    var rest: [(String, String?)] = []
    var flags: [String] = []
    for (k, v) in pairs.dropFirst() {
      let lc = k.lowercased()
      if booleanAttrs.contains(lc) {
        standard[lc] = .some(v)
        flags.append(lc)
      } else if valueAttrs.contains(lc) {
        standard[lc] = .some(v)
      } else {
        // CPython keeps the case of non-standard attribute names.
        rest.append((k, v))
      }
    }
    let label = "Set-Cookie3 \"\(TerminalSafe.escape(first.name, limit: 40))\""
    guard case .some(.some(let rawDomain)) = standard["domain"] else {
      diagnostics.append(
        Diagnostic(.error, file: options.sourceName, line: line, "\(label) has no domain; cookie skipped"))
      return nil
    }
    // A lone token is CPython's nameless cookie: the token is kept as the value (REFERENCE §1.7).
    let (name, value) = first.value.map { (first.name, $0) } ?? ("", first.name)
    let dotted = rawDomain.hasPrefix(".")
    var c = Cookie(
      name: name, value: value, domain: (dotted ? String(rawDomain.dropFirst()) : rawDomain).lowercased(),
      hostOnly: !dotted, path: (standard["path"] ?? nil) ?? "/", secure: flags.contains("secure"),
      sourceFile: options.sourceName, sourceLine: Int32(clamping: line))
    if c.domain.isEmpty {
      diagnostics.append(
        Diagnostic(
          .warning, file: options.sourceName, line: line, "\(label) has an empty domain; domain unknown"))
    }
    if case .some(.some(let e)) = standard["expires"] {
      if let t = LWPTime.parse(e) {
        c.expires = t
      } else {
        // CPython: an unparseable expires makes the cookie a discarded session cookie.
        diagnostics.append(
          Diagnostic(
            .warning, file: options.sourceName, line: line,
            "\(label): cannot read expires=\"\(TerminalSafe.escape(e, limit: 40))\"; read as a session cookie"
          ))
      }
    }
    if case .some(.some(let p)) = standard["port"] { c.port = p }
    if case .some(.some(let v)) = standard["comment"] { c.comment = v }
    var unknown: [String: String] = [:]
    if case .some(.some(let v)) = standard["commenturl"] { unknown[commentURLKey] = v }
    if case .some(.some(let v)) = standard["version"], v != "0" { unknown[versionKey] = v }
    // Remember exactly which flags the file had (secure/discard aside: they are modelled,
    // except discard on a cookie with an expiry, which is kept so it is written back).
    var kept = flags.filter { $0 != "secure" && $0 != "discard" }
    if flags.contains("discard") && c.expires != nil { kept.append("discard") }
    // The usual `path_spec` alone is what the writer assumes; storing it for every cookie
    // would give each one a box of rare fields.
    if kept != ["path_spec"] { unknown[flagsKey] = kept.joined(separator: " ") }
    for (k, v) in rest {
      switch k.lowercased() {
      // CPython stores the HttpOnly attribute as `HttpOnly=None` (REFERENCE §2 quirk): any value.
      case "httponly": c.httpOnly = true
      case "samesite":
        if let v, let s = SameSite(parsing: v) {
          c.sameSite = s
        } else {
          c.sameSiteRaw = v ?? "None"
        }
      case "partitioned": c.partitioned = true
      // A lone token comes back from CPython as the string "None" (`str(None)`).
      default: unknown[restPrefix + k] = v ?? "None"
      }
    }
    c.unknownFields = unknown
    return c
  }
}
