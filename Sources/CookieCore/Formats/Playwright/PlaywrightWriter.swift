import Foundation

/// Writes a Playwright `storageState` file that `browser.new_context(storage_state=...)`
/// loads: 2-space JSON like Playwright's own `storage_state(path=...)`, `origins` empty.
public enum PlaywrightWriter: CookieWriter {
  public static let format = CookieFormat.playwright

  /// Playwright refuses expiries after 9999-12-31T23:59:59Z (`kMaxCookieExpiresDateInSeconds`).
  static let maxExpires = Instant(seconds: 253_402_300_799)

  public static func write(_ cookies: [Cookie], options: CookieWriteOptions) -> CookieWriteResult {
    var tally = FieldLossTally(target: "playwright output")
    var items: [JSONNode] = []
    for c in cookies {
      if let m = members(of: c, now: options.now, tally: &tally) { items.append(JSONNode(.object(m))) }
    }
    let state = JSONNode.Value.object([
      ("cookies", JSONNode(.array(items))), ("origins", JSONNode(.array([]))),
    ])
    let text = JSONText.render(state, indent: 2) + "\n"
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
    let frame = StreamedOutput.Frame(
      prefix: "{\n  \"cookies\": ", open: "[\n", separator: ",\n", close: "\n  ],\n  \"origins\": []\n}\n",
      empty: "[],\n  \"origins\": []\n}\n")
    let now = options.now
    return try StreamedOutput.write(
      cookies, frame: frame, target: "playwright output", shape: shape, to: sink
    ) {
      c, out, tally in
      render(c.pointee, now: now, into: &out, tally: &tally)
    }
  }

  static func members(of c: Cookie, now: Instant, tally: inout FieldLossTally) -> [(
    key: String, value: JSONNode
  )]? {
    // Playwright asserts "Cookie should have a url or a domain/path pair": one cookie without
    // a domain would make the whole file fail to load.
    guard !c.domain.isEmpty else {
      tally.skipped(
        c, "its domain is unknown and Playwright requires one (the whole file would fail to load)")
      return nil
    }
    var m: [(key: String, value: JSONNode)] = []
    func add(_ k: String, _ v: JSONNode.Value) { m.append((k, JSONNode(v))) }
    add("name", .string(c.name))
    add("value", .string(c.value))
    add("domain", .string(c.hostOnly ? c.domain : "." + c.domain))
    add("path", .string(c.path))
    add("expires", .number(expiresText(of: c, now: now, tally: &tally)))
    add("httpOnly", .bool(c.httpOnly))
    add("secure", .bool(c.secure))
    if let s = sameSiteText(of: c, tally: &tally) { add("sameSite", .string(s)) }
    if let k = c.partitionKey {
      if !c.secure {
        tally.lost(
          "partition key without Secure", of: c,
          "written, but Chromium rejects a partitioned cookie that is not Secure")
      }
      add("partitionKey", .string(k.topLevelSite))
      if let x = k.hasCrossSiteAncestor { add("_crHasCrossSiteAncestor", .bool(x)) }
    } else if c.partitioned {
      tally.lost(
        "Partitioned (without a partition key)", of: c, "storageState holds only a partition key; dropped")
    }
    noteLosses(c, tally: &tally)
    return m
  }

  /// The `expires` number written for `c`: its expiry clamped into what Playwright
  /// accepts, or -1 for a session cookie; what that changes goes to `tally`. One rule for
  /// `members(of:)` and the byte fast path.
  static func expiresText(of c: borrowing Cookie, now: Instant, tally: inout FieldLossTally) -> String {
    guard var e = c.expires else {
      tally.lost(
        "session cookie", of: c,
        "written as expires -1; the browser keeps it only for the context's life", severity: .note)
      return "-1"
    }
    if e > maxExpires {
      tally.lost("expiry after 9999-12-31", of: c, "clamped to 9999-12-31T23:59:59Z, Playwright's maximum")
      e = maxExpires
    } else if e.microseconds <= 0 {
      // 0 reads as "no expiry" and other negatives fail Playwright's check; 1 s keeps it expired.
      tally.lost("expiry at or before 1970", of: c, "written as 1 (still expired)")
      e = Instant(seconds: 1)
    }
    if e <= now {
      tally.lost("expired cookie", of: c, "written, but the browser drops it on load", severity: .note)
    }
    return JSONText.seconds(e)
  }

  /// The `sameSite` value written for `c` (nil: the key is left out), with its notes.
  static func sameSiteText(of c: borrowing Cookie, tally: inout FieldLossTally) -> String? {
    switch c.sameSite {
    case .unset:
      // Omitted: Chromium then stores it "unspecified" (REFERENCE §9.6, treated as Lax);
      // Playwright's cookies() reports that as "Lax".
      tally.lost(
        "SameSite unset", of: c, "key omitted; Playwright will report it as \"Lax\"", severity: .note)
      return nil
    case .none:
      if !c.secure {
        tally.lost(
          "SameSite=None without Secure", of: c,
          "written, but Chromium silently drops such a cookie (RFC 6265bis §5.7)")
      }
      return "None"
    case .lax: return "Lax"
    case .strict: return "Strict"
    }
  }

  /// What a storageState cookie cannot hold (the same ✘ fields as chrome.cookies, REFERENCE §11).
  static func noteLosses(_ c: Cookie, tally: inout FieldLossTally) {
    if c.sameSiteRaw != nil { tally.lost("SameSite text", of: c, "unrecognised value dropped") }
    if c.priority != nil { tally.lost("Priority", of: c, "no such field in storageState; dropped") }
    if c.sourceScheme != nil || c.sourcePort != nil {
      tally.lost("source scheme/port", of: c, "no such field in storageState; dropped")
    }
    if c.created != nil || c.lastAccessed != nil || c.lastUpdated != nil {
      tally.lost("creation/last-access time", of: c, "no such field in storageState; dropped")
    }
    if c.storeId != nil || c.originAttributes != nil {
      tally.lost("storeId/origin attributes", of: c, "no such field in storageState; dropped")
    }
    if c.comment != nil { tally.lost("Comment", of: c, "no such field in storageState; dropped") }
    if c.port != nil { tally.lost("Port", of: c, "no such field in storageState; dropped") }
    for key in c.unknownFields.keys.sorted() where !LWPReader.isBookkeeping(key) {
      tally.lost(
        "field \(TerminalSafe.escape(key, limit: 40))", of: c, "storageState has no place for it; dropped")
    }
  }
}
