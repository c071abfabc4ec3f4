/// Turns one JSON cookie object into a `Cookie`, whatever tool wrote it: chrome.cookies /
/// Firefox WebExtension objects (Cookie-Editor, EditThisCookie), Puppeteer / CDP
/// `Network.Cookie`, and Playwright `storageState` cookies (REFERENCE §3, §0.2).
///
/// Lenient like REFERENCE §3.5 advises: `hostOnly` and `session` may be missing (derived from
/// the leading dot and the expiry), `sameSite` may be null or in any case, and keys it does
/// not know are kept in `unknownFields` (prefix `json.`, value as compact JSON) so the JSON
/// writers can put them back.
struct JSONCookieDecoder {
  /// Prefix of `Cookie.unknownFields` keys holding raw JSON from a JSON source.
  static let unknownPrefix = "json."

  /// Keys this decoder understands; anything else goes to `unknownFields`. `size` is derived
  /// (name + value bytes) so it is not kept.
  static let knownKeys: Set<String> = [
    "name", "value", "domain", "hostOnly", "path", "secure", "httpOnly", "sameSite", "session",
    "expirationDate", "expires", "storeId", "partitionKey", "firstPartyDomain", "size", "priority",
    "sourceScheme", "sourcePort", "_crHasCrossSiteAncestor",
  ]

  let sourceName: String
  var diagnostics: [Diagnostic] = []
  /// The values go into shared slabs, not a heap string each (see `ValueText`).
  private var values = ValueSlabBuilder()

  init(sourceName: String) { self.sourceName = sourceName }

  private mutating func report(
    _ severity: Diagnostic.Severity, _ node: JSONNode, _ record: String, _ message: String
  ) {
    diagnostics.append(Diagnostic(severity, file: sourceName, line: node.line, "\(record): \(message)"))
  }

  /// nil when the entry cannot be a cookie (the reason is in `diagnostics`).
  mutating func decode(_ node: JSONNode, record: String) -> Cookie? {
    guard case .object(let members) = node.value else {
      report(.error, node, record, "expected a cookie object, found \(node.typeName); entry skipped")
      return nil
    }
    guard let nameNode = node["name"] else {
      report(.error, node, record, "cookie object has no \"name\"; entry skipped")
      return nil
    }
    guard let name = nameNode.stringValue else {
      report(.error, node, record, "\"name\" is \(nameNode.typeName), expected a string; entry skipped")
      return nil
    }
    let label = "\(record) \"\(TerminalSafe.escape(name, limit: 40))\""
    guard let valueNode = node["value"], let value = valueNode.stringValue else {
      let found = node["value"].map { "is \($0.typeName)" } ?? "is missing"
      report(.error, node, label, "\"value\" \(found), expected a string; entry skipped")
      return nil
    }

    var domain = ""
    var dotted = false
    if let d = node["domain"]?.stringValue {
      dotted = d.hasPrefix(".")
      domain = (dotted ? String(d.dropFirst()) : d).lowercased()
    }
    if domain.isEmpty {
      report(.warning, node, label, "no \"domain\"; loaded with the domain unknown")
    }
    var hostOnly = !dotted
    if let h = node["hostOnly"] {
      if let b = h.boolValue {
        if b && dotted {
          // Cookie-Editor imports hostOnly:true without a domain, i.e. host-only (REFERENCE §3.3).
          report(
            .warning, node, label, "\"hostOnly\" is true but the domain has a leading dot; read as host-only")
        }
        hostOnly = b
      } else if !h.isNull {
        report(
          .warning, node, label,
          "\"hostOnly\" is \(h.typeName), expected a boolean; derived from the leading dot")
      }
    }
    var path = "/"
    if let p = node["path"] {
      if let s = p.stringValue, !s.isEmpty {
        path = s
      } else {
        report(.warning, node, label, "\"path\" is not a non-empty string; using \"/\"")
      }
    }

    var cookie = Cookie(
      name: name, value: "", domain: domain, hostOnly: hostOnly, path: path,
      secure: flag("secure", node, label), httpOnly: flag("httpOnly", node, label),
      sourceFile: sourceName, sourceLine: Int32(clamping: node.line))
    cookie.valueText = values.add(value)
    cookie.sourceRecord = record
    cookie.expires = expiry(node, label)
    sameSite(node, label, into: &cookie)
    partition(node, label, into: &cookie)
    chromeExtras(node, label, into: &cookie)

    if let s = node["storeId"] {
      switch s.value {
      case .string(let v): cookie.storeId = v
      case .number(let n): cookie.storeId = n
      default: break
      }
    }
    if let f = node["firstPartyDomain"] {
      if let v = f.stringValue, !v.isEmpty {
        cookie.originAttributes = "^firstPartyDomain=\(v)"
      } else {
        // Keep `""` so a Firefox-shaped export round-trips with the key (REFERENCE §3.2).
        cookie.unknownFields[Self.unknownPrefix + "firstPartyDomain"] = JSONText.render(f.value, indent: 0)
      }
    }
    var unknown = cookie.unknownFields
    for m in members where !Self.knownKeys.contains(m.key) {
      unknown[Self.unknownPrefix + m.key] = JSONText.render(m.value.value, indent: 0)
    }
    cookie.unknownFields = unknown
    return cookie
  }

  private mutating func flag(_ key: String, _ node: JSONNode, _ label: String) -> Bool {
    guard let v = node[key] else { return false }
    if let b = v.boolValue { return b }
    if !v.isNull {
      report(.warning, node, label, "\"\(key)\" is \(v.typeName), expected a boolean; read as false")
    }
    return false
  }

  /// REFERENCE §0.1: `expirationDate` float seconds, absent for session; CDP/Playwright
  /// `expires` seconds with -1 for session.
  private mutating func expiry(_ node: JSONNode, _ label: String) -> Instant? {
    var expires: Instant? = nil
    if let e = node["expirationDate"] ?? node["expires"] {
      let key = node["expirationDate"] != nil ? "expirationDate" : "expires"
      if let text = e.numberText, let t = JSONText.instant(fromSecondsText: text) {
        // CDP and Playwright write -1 for a session cookie; Playwright also treats 0 as unset.
        if key == "expires" && t.microseconds <= 0 { expires = nil } else { expires = t }
      } else if let text = e.stringValue, !text.isEmpty, text.allSatisfy({ "0123456789.-+eE".contains($0) }),
        let t = JSONText.instant(fromSecondsText: text)
      {
        // Some hand-edited exports quote the number; keep the expiry rather than drop it.
        expires = key == "expires" && t.microseconds <= 0 ? nil : t
        report(.warning, node, label, "\"\(key)\" is a string; read as the number \(text)")
      } else if !e.isNull {
        report(
          .warning, node, label, "\"\(key)\" is \(e.typeName), expected seconds; read as a session cookie")
      }
    }
    if let s = node["session"]?.boolValue {
      if s && expires != nil {
        // chrome.cookies.set ignores `session` and uses expirationDate; so do we.
        report(.warning, node, label, "\"session\" is true but an expiry is given; the expiry wins")
      } else if !s && expires == nil {
        report(.warning, node, label, "\"session\" is false but no expiry is given; read as a session cookie")
      }
    }
    return expires
  }

  private mutating func sameSite(_ node: JSONNode, _ label: String, into cookie: inout Cookie) {
    guard let s = node["sameSite"], !s.isNull else { return }
    guard let text = s.stringValue else {
      report(.warning, node, label, "\"sameSite\" is \(s.typeName), expected a string; read as unset")
      return
    }
    if let v = SameSite(parsing: text) {
      cookie.sameSite = v
    } else {
      cookie.sameSiteRaw = text
      report(
        .warning, node, label,
        "unknown sameSite \"\(TerminalSafe.escape(text, limit: 30))\"; read as unset")
    }
  }

  /// Chrome `{topLevelSite, hasCrossSiteAncestor}`, Firefox `{topLevelSite}` or null,
  /// Puppeteer `{sourceOrigin, hasCrossSiteAncestor}`, CDP / Playwright a plain string
  /// (Playwright's `_crHasCrossSiteAncestor` beside it).
  private mutating func partition(_ node: JSONNode, _ label: String, into cookie: inout Cookie) {
    guard let p = node["partitionKey"] else { return }
    var site: String? = nil
    var cross = node["_crHasCrossSiteAncestor"]?.boolValue
    switch p.value {
    case .string(let s): site = s
    case .object:
      site = p["topLevelSite"]?.stringValue ?? p["sourceOrigin"]?.stringValue
      if let c = p["hasCrossSiteAncestor"]?.boolValue { cross = c }
    case .null: break
    default: report(.warning, node, label, "\"partitionKey\" is \(p.typeName); kept as an unknown field")
    }
    if let site, !site.isEmpty {
      cookie.partitionKey = PartitionKey(topLevelSite: site, hasCrossSiteAncestor: cross)
      cookie.partitioned = true
    } else {
      // null (Firefox's "not partitioned") or a shape we do not know: keep it verbatim.
      cookie.unknownFields[Self.unknownPrefix + "partitionKey"] = JSONText.render(p.value, indent: 0)
    }
  }

  /// CDP `Network.Cookie` extras (Puppeteer `page.cookies()`).
  private mutating func chromeExtras(_ node: JSONNode, _ label: String, into cookie: inout Cookie) {
    if let p = node["priority"], let text = p.stringValue {
      if let v = CookiePriority(parsing: text) {
        cookie.priority = v
      } else {
        cookie.unknownFields[Self.unknownPrefix + "priority"] = JSONText.render(p.value, indent: 0)
      }
    }
    if let s = node["sourceScheme"], let text = s.stringValue {
      switch text {
      case "Secure": cookie.sourceScheme = .https
      case "NonSecure": cookie.sourceScheme = .http
      default: cookie.unknownFields[Self.unknownPrefix + "sourceScheme"] = JSONText.render(s.value, indent: 0)
      }
    }
    if let p = node["sourcePort"] {
      // CDP: -1 means unknown; keep it verbatim so nothing is invented.
      if let n = p.intValue, (1...65535).contains(n) {
        cookie.sourcePort = n
      } else {
        cookie.unknownFields[Self.unknownPrefix + "sourcePort"] = JSONText.render(p.value, indent: 0)
      }
    }
  }
}
