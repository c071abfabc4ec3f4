import Foundation

/// Writes a Cookie-Editor JSON export (REFERENCE §3.3): an array of chrome.cookies objects
/// pretty-printed with 4 spaces, keys in Chrome's (alphabetical) order, `sameSite` null when
/// unset, `storeId` null, `expirationDate` float seconds, `hostOnly` and `session` always.
public enum JSONCookieWriter: CookieWriter {
  public static let format = CookieFormat.json

  public static func write(_ cookies: [Cookie], options: CookieWriteOptions) -> CookieWriteResult {
    var tally = FieldLossTally(target: "json output")
    var items: [JSONNode] = []
    items.reserveCapacity(cookies.count)
    for c in cookies {
      items.append(JSONNode(.object(members(of: c, tally: &tally))))
    }
    let text = JSONText.render(.array(items), indent: 4) + "\n"
    return CookieWriteResult(data: Data(text.utf8), warnings: tally.diagnostics, skipped: tally.skippedCount)
  }

  /// The same bytes as `write(_:options:)`, streamed (`StreamedOutput`): common cookies are
  /// rendered straight to bytes, any other through the same members and `JSONText`.
  public static func write(
    _ cookies: [Cookie], options: CookieWriteOptions, to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    try write(cookies, options: options, shape: StreamedOutput.Shape(), to: sink)
  }

  static func write(
    _ cookies: [Cookie], options: CookieWriteOptions, shape: StreamedOutput.Shape,
    to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    let frame = StreamedOutput.Frame(open: "[\n", separator: ",\n", close: "\n]\n", empty: "[]\n")
    return try StreamedOutput.write(cookies, frame: frame, target: "json output", shape: shape, to: sink) {
      c, out, tally in
      render(c.pointee, into: &out, tally: &tally)
      return true
    }
  }

  /// One array element at level 1, as `JSONText` writes `members(of:)` with indent 4.
  static func render(_ c: borrowing Cookie, into out: inout ByteOutput, tally: inout FieldLossTally) {
    guard c.unknownFields.isEmpty && c.originAttributes == nil && c.partitionKey == nil && !c.partitioned
    else {
      out.append("    ")
      out.appendJSONObject(members(of: copy c, tally: &tally), indent: 4, level: 1)
      return
    }
    // The keys in sorted order, as `members(of:)` gives them for such a cookie.
    out.append("    {\n        \"domain\": ")
    if c.hostOnly || c.domain.isEmpty {
      out.appendJSON(c.domain, escaping: .javaScript)
    } else {
      out.appendJSON(c.domain, escaping: .javaScript, prefix: ".")
    }
    if let e = c.expires {
      out.append(",\n        \"expirationDate\": ")
      out.append(JSONText.seconds(e))
    }
    out.append(c.hostOnly ? ",\n        \"hostOnly\": true" : ",\n        \"hostOnly\": false")
    out.append(c.httpOnly ? ",\n        \"httpOnly\": true" : ",\n        \"httpOnly\": false")
    out.append(",\n        \"name\": ")
    out.appendJSON(c.name, escaping: .javaScript)
    out.append(",\n        \"path\": ")
    out.appendJSON(c.path, escaping: .javaScript)
    switch c.sameSite {
    case .unset: out.append(",\n        \"sameSite\": null")
    case .none: out.append(",\n        \"sameSite\": \"no_restriction\"")
    case .lax: out.append(",\n        \"sameSite\": \"lax\"")
    case .strict: out.append(",\n        \"sameSite\": \"strict\"")
    }
    out.append(c.secure ? ",\n        \"secure\": true" : ",\n        \"secure\": false")
    out.append(c.expires == nil ? ",\n        \"session\": true" : ",\n        \"session\": false")
    out.append(",\n        \"storeId\": null,\n        \"value\": ")
    out.appendJSONValue(of: c, escaping: .javaScript)
    out.append("\n    }")
    noteLosses(copy c, tally: &tally)
  }

  /// chrome.cookies spelling (REFERENCE §0.2), with Cookie-Editor's null for "unspecified".
  static func sameSiteValue(_ s: SameSite) -> JSONNode.Value {
    switch s {
    case .unset: .null
    case .none: .string("no_restriction")
    case .lax: .string("lax")
    case .strict: .string("strict")
    }
  }

  static func members(of c: Cookie, tally: inout FieldLossTally) -> [(key: String, value: JSONNode)] {
    var m: [String: JSONNode.Value] = [:]
    m["domain"] = .string(c.hostOnly || c.domain.isEmpty ? c.domain : "." + c.domain)
    if let e = c.expires { m["expirationDate"] = .number(JSONText.seconds(e)) }
    m["hostOnly"] = .bool(c.hostOnly)
    m["httpOnly"] = .bool(c.httpOnly)
    m["name"] = .string(c.name)
    m["path"] = .string(c.path)
    m["sameSite"] = sameSiteValue(c.sameSite)
    m["secure"] = .bool(c.secure)
    m["session"] = .bool(c.expires == nil)
    // Cookie-Editor nulls storeId so an export imports into any profile (REFERENCE §3.3).
    m["storeId"] = .null
    m["value"] = .string(c.value)
    if let k = c.partitionKey {
      var p: [(key: String, value: JSONNode)] = []
      if let x = k.hasCrossSiteAncestor { p.append(("hasCrossSiteAncestor", JSONNode(.bool(x)))) }
      p.append(("topLevelSite", JSONNode(.string(k.topLevelSite))))
      m["partitionKey"] = .object(p)
    } else if c.partitioned {
      tally.lost(
        "Partitioned (without a partition key)", of: c,
        "Cookie-Editor JSON holds only a partitionKey; dropped")
    }
    if let oa = c.originAttributes {
      var rest: [String] = []
      for part in oa.drop(while: { $0 == "^" }).split(separator: "&") {
        if part.hasPrefix("firstPartyDomain=") {
          m["firstPartyDomain"] = .string(String(part.dropFirst("firstPartyDomain=".count)))
        } else {
          rest.append(String(part))
        }
      }
      if !rest.isEmpty {
        tally.lost(
          "Firefox origin attributes", of: c,
          "no field for \(TerminalSafe.escape(rest.joined(separator: "&"), limit: 80)); dropped")
      }
    }
    addUnknown(c, into: &m, tally: &tally)
    noteLosses(c, tally: &tally)
    var out: [(key: String, value: JSONNode)] = []
    for key in m.keys.sorted() { out.append((key, JSONNode(m[key]!))) }
    return out
  }

  /// Keys kept from a JSON source go back verbatim; fields from other formats cannot.
  static func addUnknown(_ c: Cookie, into m: inout [String: JSONNode.Value], tally: inout FieldLossTally) {
    for (key, raw) in c.unknownFields {
      if key.hasPrefix(JSONCookieDecoder.unknownPrefix) {
        let name = String(key.dropFirst(JSONCookieDecoder.unknownPrefix.count))
        if m[name] != nil { continue }
        if let node = try? JSONParser.parse(Data(raw.utf8)) {
          m[name] = node.value
        } else {
          m[name] = .string(raw)
        }
      } else if !LWPReader.isBookkeeping(key) {
        tally.lost(
          "field \(TerminalSafe.escape(key, limit: 40))", of: c,
          "the JSON export has no place for it; dropped")
      }
    }
  }

  /// REFERENCE §11, Cookie-Editor column: what a chrome.cookies object cannot hold.
  static func noteLosses(_ c: Cookie, tally: inout FieldLossTally) {
    if c.domain.isEmpty {
      tally.lost("domain (unknown)", of: c, "written as \"\"; Cookie-Editor cannot import such a cookie")
    }
    if let s = c.storeId {
      tally.lost(
        "storeId", of: c,
        "written as null like Cookie-Editor (was \"\(TerminalSafe.escape(s, limit: 40))\")",
        severity: .note)
    }
    if let r = c.sameSiteRaw {
      tally.lost(
        "SameSite text", of: c,
        "unrecognised value \"\(TerminalSafe.escape(r, limit: 30))\" written as null")
    }
    if c.priority != nil { tally.lost("Priority", of: c, "no such field in chrome.cookies; dropped") }
    if c.sourceScheme != nil || c.sourcePort != nil {
      tally.lost("source scheme/port", of: c, "no such field in chrome.cookies; dropped")
    }
    if c.created != nil || c.lastAccessed != nil || c.lastUpdated != nil {
      tally.lost("creation/last-access time", of: c, "no such field in chrome.cookies; dropped")
    }
    if c.comment != nil { tally.lost("Comment", of: c, "no such field in chrome.cookies; dropped") }
    if c.port != nil { tally.lost("Port", of: c, "no such field in chrome.cookies; dropped") }
  }
}
