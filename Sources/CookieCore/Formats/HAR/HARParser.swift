import Foundation

/// Turns a HAR 1.2 document into capture events, one entry after the other.
public enum HARParser {
  public static func parse(_ data: Data, sourceName: String) throws -> Capture {
    var d = data
    if d.starts(with: [0xEF, 0xBB, 0xBF]) { d = d.dropFirst(3) }  // BOM allowed (HAR 1.2)
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: d, options: [.fragmentsAllowed])
    } catch {
      throw CookieFormatError(
        file: sourceName, "not a HAR file: the JSON does not parse (\(error.localizedDescription))")
    }
    guard let log = (root as? [String: Any])?["log"] as? [String: Any] else {
      throw CookieFormatError(file: sourceName, "not a HAR file: no top-level \"log\" object")
    }
    var capture = Capture()
    guard let entries = log["entries"] as? [Any] else {
      capture.diagnostics.append(
        Diagnostic(.warning, file: sourceName, "HAR has no log.entries: nothing to load"))
      return capture
    }
    var sawCookieData = false
    for i in chronologicalOrder(entries) {
      let item = entries[i]
      let label = "entry \(i + 1)"
      guard let entry = item as? [String: Any] else {
        capture.diagnostics.append(Diagnostic(.warning, file: sourceName, "\(label): not an object, skipped"))
        continue
      }
      let request = entry["request"] as? [String: Any] ?? [:]
      let response = entry["response"] as? [String: Any] ?? [:]
      let time = (entry["startedDateTime"] as? String).flatMap(isoInstant)
      let url = requestURL(request)
      let requestLine = self.requestLine(request, url: url)
      if url == nil {
        capture.diagnostics.append(
          Diagnostic(
            .warning, file: sourceName, "\(label): no usable request.url; its cookies have an unknown domain")
        )
      }
      let requestHeaders = headers(request)
      let responseHeaders = headers(response)
      let requestCookies = cookieObjects(request)
      let responseCookies = cookieObjects(response)
      // Request side: the Cookie header(s), else the cookies array (same pairs).
      var requestValues = requestHeaders.filter { $0.0.lowercased() == "cookie" }.map(\.1)
      if requestValues.isEmpty && !requestCookies.isEmpty {
        requestValues = [
          requestCookies.map { c -> String in
            let name = c["name"] as? String ?? ""
            let value = c["value"] as? String ?? ""
            return name.isEmpty ? value : "\(name)=\(value)"
          }.joined(separator: "; ")
        ]
      }
      for v in requestValues {
        capture.events.append(
          CaptureEvent(
            .requestCookie, value: v, url: url, time: time, record: "\(label) request",
            request: requestLine))
      }
      // Response side: each Set-Cookie header (Firefox joins several with newlines).
      var setCookies: [String] = []
      for (name, value) in responseHeaders where name.lowercased() == "set-cookie" {
        setCookies += value.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
      }
      for v in setCookies {
        let name = v.split(separator: ";", maxSplits: 1).first.map { part -> String in
          let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
          return pair.count == 2 ? pair[0].trimmingCharacters(in: .whitespaces) : ""
        }
        let object = responseCookies.first { ($0["name"] as? String) == name }
        capture.events.append(
          CaptureEvent(
            .setCookie, value: v, url: url, time: time, record: "\(label) response",
            request: requestLine, partitionKey: object.flatMap(partitionKey)))
      }
      // No Set-Cookie header (stripped by the exporter) but parsed cookie objects: use them.
      if setCookies.isEmpty {
        for object in responseCookies {
          if let c = cookie(from: object, url: url, time: time, label: "\(label) response") {
            capture.events.append(
              CaptureEvent(
                .cookie(c), value: c.value, url: url, time: time, record: "\(label) response",
                request: requestLine))
          }
        }
      }
      if !requestValues.isEmpty || !setCookies.isEmpty || !responseCookies.isEmpty { sawCookieData = true }
    }
    if !sawCookieData && !entries.isEmpty {
      capture.diagnostics.append(
        Diagnostic(
          .warning, file: sourceName,
          "this HAR has no cookie data at all (\(entries.count) entries, no Cookie or Set-Cookie headers, empty "
            + "cookies arrays): it looks like a sanitized export; in Chrome use \"Export HAR (with sensitive data)\""
        ))
    }
    return capture
  }

  /// Entry indices by `startedDateTime` (stable; entries without a time keep their place
  /// after the ones before them), so a later response replaces or deletes an earlier
  /// cookie even when the exporter did not write entries in time order.
  static func chronologicalOrder(_ entries: [Any]) -> [Int] {
    var last = Instant.distantPast
    var keyed: [(Instant, Int)] = []
    for (i, item) in entries.enumerated() {
      if let text = (item as? [String: Any])?["startedDateTime"] as? String, let t = isoInstant(text) {
        last = t
      }
      keyed.append((last, i))
    }
    keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    return keyed.map(\.1)
  }

  /// The request as a person reads it: `GET https://example.com/login` (the method, when
  /// the entry has one, and the URL as the file wrote it); nil without a URL.
  static func requestLine(_ request: [String: Any], url: RequestURL?) -> String? {
    var target = request["url"] as? String ?? ""
    if target.isEmpty, let url { target = url.description }
    guard !target.isEmpty else { return nil }
    guard let method = request["method"] as? String, !method.isEmpty else { return target }
    return method + " " + target
  }

  /// `request.url`, else the HTTP/2 pseudo-headers `:scheme`, `:authority`, `:path`.
  static func requestURL(_ request: [String: Any]) -> RequestURL? {
    if let text = request["url"] as? String, let url = RequestURL(text) { return url }
    var pseudo: [String: String] = [:]
    for (n, v) in headers(request) where n.hasPrefix(":") { pseudo[n.lowercased()] = v }
    guard let authority = pseudo[":authority"] else { return nil }
    return RequestURL("\(pseudo[":scheme"] ?? "https")://\(authority)\(pseudo[":path"] ?? "/")")
  }

  static func headers(_ message: [String: Any]) -> [(String, String)] {
    guard let list = message["headers"] as? [Any] else { return [] }
    var out: [(String, String)] = []
    for item in list {
      guard let h = item as? [String: Any], let name = h["name"] as? String, let value = h["value"] as? String
      else { continue }
      out.append((name, value))
    }
    return out
  }

  static func cookieObjects(_ message: [String: Any]) -> [[String: Any]] {
    (message["cookies"] as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
  }

  /// Chrome writes `partitionKey` as the top-level site string, newer versions as
  /// `{topLevelSite, hasCrossSiteAncestor}`.
  static func partitionKey(_ object: [String: Any]) -> PartitionKey? {
    if let s = object["partitionKey"] as? String, !s.isEmpty { return PartitionKey(topLevelSite: s) }
    if let o = object["partitionKey"] as? [String: Any], let site = o["topLevelSite"] as? String {
      return PartitionKey(topLevelSite: site, hasCrossSiteAncestor: o["hasCrossSiteAncestor"] as? Bool)
    }
    return nil
  }

  /// A response cookie object as a cookie (HAR 1.2 `cookie`, plus Chrome's extras).
  static func cookie(from o: [String: Any], url: RequestURL?, time: Instant?, label: String) -> Cookie? {
    guard let name = o["name"] as? String else { return nil }
    let value = o["value"] as? String ?? ""
    var domain = url?.host ?? ""
    var hostOnly = true
    if let d = o["domain"] as? String, !d.isEmpty {
      hostOnly = !d.hasPrefix(".") && d.lowercased() == domain
      domain = (d.hasPrefix(".") ? String(d.dropFirst()) : d).lowercased()
    }
    var path = url.map { HostName.defaultPath($0.rawPath) } ?? "/"
    if let p = o["path"] as? String, p.hasPrefix("/") { path = p }
    var c = Cookie(
      name: name, value: value, domain: domain, hostOnly: hostOnly, path: path,
      expires: (o["expires"] as? String).flatMap(isoInstant), secure: o["secure"] as? Bool ?? false,
      httpOnly: o["httpOnly"] as? Bool ?? false)
    if let s = o["sameSite"] as? String {
      if let v = SameSite(parsing: s) { c.sameSite = v } else { c.sameSiteRaw = s }
    }
    c.partitionKey = partitionKey(o)
    c.partitioned = c.partitionKey != nil
    c.comment = o["comment"] as? String
    c.created = time
    c.sourceRecord = label
    return c
  }

  /// ISO 8601 with or without fractional seconds and with any offset.
  static func isoInstant(_ text: String) -> Instant? {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = f.date(from: text) { return Instant(d) }
    f.formatOptions = [.withInternetDateTime]
    if let d = f.date(from: text) { return Instant(d) }
    return nil
  }
}
