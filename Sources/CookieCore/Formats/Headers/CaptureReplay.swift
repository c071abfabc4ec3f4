/// Plays a capture's events into a `CookieJar` the way a browser would have received them:
/// each `Set-Cookie` through the storage model (RFC 6265bis §5.7) from its request URL at
/// its time. Nothing is dropped silently: a rejected cookie becomes a diagnostic with its
/// reason, as Chrome lists blocked cookies.
public enum CaptureReplay {
  /// Applies `capture` to `jar`; returns the diagnostics (the capture's own first).
  public static func apply(
    _ capture: Capture, to jar: inout CookieJar, sourceName: String, now: Instant
  ) -> [Diagnostic] {
    var diagnostics = capture.diagnostics
    var unknownOrigin = 0
    var firstUnknownLine: Int? = nil
    for event in capture.events {
      let at = event.time ?? now
      let line = Int32(clamping: event.line ?? 0)
      func report(_ severity: Diagnostic.Severity, _ message: String) {
        // A record-based capture (HAR) names the entry and its request, as Chrome lists a
        // blocked cookie with the request that received it.
        var prefix = event.record.map { "\($0): " } ?? ""
        if let record = event.record, let request = event.request { prefix = "\(record) (\(request)): " }
        // Names, values, hosts and attributes quoted in the message come from the capture:
        // escaped here, once, so none reaches the terminal raw (escaping is idempotent).
        diagnostics.append(
          Diagnostic(severity, file: sourceName, line: event.line, TerminalSafe.escape(prefix + message)))
      }
      switch event.kind {
      case .setCookie:
        guard let url = event.url else {
          unknownOrigin += 1
          if firstUnknownLine == nil { firstUnknownLine = event.line }
          storeWithoutOrigin(event, in: &jar, at: at, sourceName: sourceName, report: report)
          continue
        }
        if looksCommaJoined(event.value) {
          report(
            .note,
            "this Set-Cookie looks like several joined with commas (REFERENCE §5.1); read as one cookie, as "
              + "browsers do")
        }
        var outcome: SetCookieOutcome
        switch SetCookieParser.parse(event.value, now: at) {
        case .failure(let e): outcome = .rejected(.syntax(e))
        case .success(let parsed):
          for note in parsed.ignoredAttributes { report(.note, "Set-Cookie \(parsed.name): \(note)") }
          outcome = jar.store(
            parsed, from: url, at: at, sourceFile: sourceName, sourceLine: line,
            partitionKey: event.partitionKey)
        }
        if let record = event.record {
          outcome = relabel(outcome, record: record, request: event.request, in: &jar)
        }
        switch outcome {
        case .rejected(let why): report(.warning, why.description)
        case .deleted(let old?, _):
          report(.note, "Set-Cookie deleted \(old.id) (it arrived already expired)")
        case .deleted(nil, let name):
          report(
            .note, "Set-Cookie \(name.isEmpty ? "(nameless)" : name) arrived already expired; nothing stored")
        case .stored, .replaced: break
        }
      case .requestCookie:
        for (name, value) in requestPairs(event.value) {
          let host = event.url?.host ?? ""
          if let url = event.url, jar.cookies(for: url, at: at).contains(where: { $0.name == name }) {
            continue  // the jar already holds the cookie this request sent
          }
          var c = Cookie(
            name: name, value: value, domain: host, hostOnly: true, path: "/", sourceFile: sourceName,
            sourceLine: line)
          c.sourceRecord = event.record.map { "\($0) Cookie header" } ?? "Cookie request header"
          c.sourceRequest = event.request
          c.created = at
          jar.insert(c)
        }
        if event.url == nil {
          report(
            .note, "Cookie request header without a request URL: its cookies load with an unknown domain")
        }
      case .cookie(var c):
        c.sourceFile = sourceName
        c.sourceLine = line
        if c.sourceRecord == nil { c.sourceRecord = event.record }
        if c.sourceRequest == nil { c.sourceRequest = event.request }
        if c.isExpired(at: at) {
          jar.remove(c.id)
        } else {
          jar.insert(c)
        }
      }
    }
    if unknownOrigin > 0 {
      diagnostics.append(
        Diagnostic(
          .warning, file: sourceName, line: firstUnknownLine,
          "\(unknownOrigin) Set-Cookie header(s) without a request URL (the dump does not say it): cookies "
            + "without a Domain attribute load with an unknown domain and path /; pass --origin URL"))
    }
    return diagnostics
  }

  /// A stored cookie from a record-based capture (HAR) says where in the file it came from.
  private static func relabel(
    _ outcome: SetCookieOutcome, record: String, request: String?, in jar: inout CookieJar
  ) -> SetCookieOutcome {
    switch outcome {
    case .stored(var c):
      c.sourceRecord = record
      c.sourceRequest = request
      jar.insert(c)
      return .stored(c)
    case .replaced(var c, let old):
      c.sourceRecord = record
      c.sourceRequest = request
      jar.insert(c)
      return .replaced(c, old: old)
    default: return outcome
    }
  }

  /// A `Set-Cookie` whose request URL is unknown: what the header itself says, no more.
  /// The domain stays empty (unknown) unless a `Domain` attribute names one; it is never
  /// invented from anything else (REFERENCE §5.5).
  private static func storeWithoutOrigin(
    _ event: CaptureEvent, in jar: inout CookieJar, at: Instant, sourceName: String,
    report: (Diagnostic.Severity, String) -> Void
  ) {
    let parsed: ParsedSetCookie
    switch SetCookieParser.parse(event.value, now: at) {
    case .failure(let e):
      report(.warning, SetCookieRejection.syntax(e).description)
      return
    case .success(let p): parsed = p
    }
    var domain = ""
    if let d = parsed.domain, !d.isEmpty {
      if jar.publicSuffixes.isPublicSuffix(d) {
        report(.warning, "Set-Cookie rejected: Domain=\(d) is a public suffix (RFC 6265bis §5.7 step 9)")
        return
      }
      domain = d
    }
    var c = Cookie(
      name: parsed.name, value: parsed.value, domain: domain, hostOnly: domain.isEmpty,
      path: parsed.path.flatMap { $0.isEmpty ? nil : $0 } ?? "/", expires: parsed.expiry,
      secure: parsed.secure,
      httpOnly: parsed.httpOnly, sameSite: parsed.sameSite, partitioned: parsed.partitioned,
      sourceFile: sourceName, sourceLine: Int32(clamping: event.line ?? 0))
    c.created = at
    c.sameSiteRaw = parsed.sameSiteRaw
    c.priority = parsed.priority
    c.comment = parsed.comment
    c.sourceRecord = event.record
    c.sourceRequest = event.request
    if c.isExpired(at: at) {
      jar.remove(c.id)
    } else {
      jar.insert(c)
    }
  }

  /// A `, name=` after the first pair: some tools (Python `http.cookies`, proxies) fold
  /// several Set-Cookie headers into one line. An `Expires` date's comma is followed by a
  /// day number and a space, never by `token=`.
  static func looksCommaJoined(_ value: String) -> Bool {
    let scalars = Array(value.unicodeScalars)
    var i = 0
    while i < scalars.count {
      defer { i += 1 }
      guard scalars[i] == "," else { continue }
      var j = i + 1
      while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
      let start = j
      while j < scalars.count, isTokenChar(scalars[j]) { j += 1 }
      if j > start, j < scalars.count, scalars[j] == "=" { return true }
    }
    return false
  }

  private static func isTokenChar(_ s: Unicode.Scalar) -> Bool {
    (s.value > 0x20 && s.value < 0x7F) && !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains(s)
  }

  /// `Cookie: a=1; b=2` → pairs (RFC 6265bis §4.2.1, leniently: a pair without `=` is a
  /// nameless cookie, as browsers send them).
  public static func requestPairs(_ header: String) -> [(String, String)] {
    var out: [(String, String)] = []
    for part in header.split(separator: ";") {
      let scalars = ArraySlice(part.unicodeScalars)
      let trimmed = SetCookieParser.trimWSP(scalars)
      if trimmed.isEmpty { continue }
      if let eq = trimmed.firstIndex(of: "=") {
        out.append(
          (
            SetCookieParser.text(SetCookieParser.trimWSP(trimmed[..<eq])),
            SetCookieParser.text(SetCookieParser.trimWSP(trimmed[(eq + 1)...]))
          ))
      } else {
        out.append(("", SetCookieParser.text(trimmed)))
      }
    }
    return out
  }
}
