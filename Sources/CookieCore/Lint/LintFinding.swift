/// One issue of one cookie as `crumbs lint` reports it, in text or JSON.
public struct LintFinding: Hashable, Sendable {
  /// `file:line` of the cookie (or the file name when the format has no lines).
  public var source: String
  public var name: String
  public var domain: String
  public var path: String
  public var rule: String
  public var severity: CookieIssue.Severity
  public var message: String

  public init(cookie: Cookie, issue: CookieIssue, file: String) {
    let described = cookie.sourceDescription
    source = described.isEmpty ? file : described
    name = cookie.name
    domain = cookie.domain
    path = cookie.path
    rule = issue.rule
    severity = issue.severity
    message = issue.message
  }

  /// `source: severity: [rule] message (name @ domain)`, terminal-safe.
  public var text: String {
    let shownDomain = domain.isEmpty ? "(unknown domain)" : domain
    // One buffer sized up front (interpolation regrows it several times), escaped in place
    // of the whole line only when some piece needs it.
    var line = ""
    line.reserveCapacity(
      source.utf8.count + rule.utf8.count + message.utf8.count + name.utf8.count + shownDomain.utf8.count + 24
    )
    line += source
    line += ": "
    line += severity.rawValue
    line += ": ["
    line += rule
    line += "] "
    line += message
    line += " ("
    line += name
    line += " @ "
    line += shownDomain
    line += ")"
    return TerminalSafe.escape(line)
  }

  /// `LintFinding(cookie:issue:file:).text` and a newline, appended to `bytes`. The common
  /// line (a cookie with a line number, printable ASCII throughout) is copied piece by piece
  /// without building the finding or the line; any other goes the simple way. A test holds
  /// the two equal.
  public static func appendText(
    cookie: borrowing Cookie, issue: CookieIssue, file: String, to bytes: inout [UInt8]
  ) {
    withUnsafePointer(to: copy cookie) { appendText($0, issue: issue, file: file, to: &bytes) }
  }

  /// ` (name @ domain)`, the cookie a finding is about.
  static func putSubject(_ cookie: UnsafePointer<Cookie>, to line: inout ByteRoom) {
    line.put(" (")
    line.put(cookie.pointee.name)
    line.put(" @ ")
    line.put(cookie.pointee.domain.isEmpty ? "(unknown domain)" : cookie.pointee.domain)
    line.put(UInt8(ascii: ")"))
  }

  /// `file:line` of a cookie read from a line of a file.
  static func putLocation(_ cookie: UnsafePointer<Cookie>, to line: inout ByteRoom) {
    line.put(cookie.pointee.sourceFile)
    line.put(UInt8(ascii: ":"))
    line.putDecimal(Int64(cookie.pointee.sourceLine))
  }

  /// As above, the cookie read in place (passing it on from a pointer copies it whole).
  static func appendText(
    _ cookie: UnsafePointer<Cookie>, issue: CookieIssue, file: String, to bytes: inout [UInt8]
  ) {
    let start = bytes.count
    if cookie.pointee.sourceLine > 0 && !cookie.pointee.sourceFile.isEmpty {
      // The pieces are written into room made once for the line (`ByteRoom`).
      let capacity =
        cookie.pointee.sourceFile.utf8.count + 20 + issue.severity.rawValue.utf8.count + issue.rule.utf8.count
        + issue.message.utf8.count + cookie.pointee.name.utf8.count + cookie.pointee.domain.utf8.count + 40
      var messageStart = 0
      var messageEnd = 0
      bytes.appendInRoom(capacity: capacity) { line in
        putLocation(cookie, to: &line)
        line.put(": ")
        line.put(issue.severity.rawValue)
        line.put(": [")
        line.put(issue.rule)
        line.put("] ")
        messageStart = start + line.count
        line.put(issue.message)
        messageEnd = start + line.count
        putSubject(cookie, to: &line)
      }
      // `text` escapes scalar by scalar, so the line stays as it is when no piece needs
      // escaping. Some rules' messages are not ASCII (`§`) but need none; the cookie's
      // pieces are taken only when printable ASCII.
      if isPrintableASCII(bytes, from: start, to: messageStart) && isPrintableASCII(bytes, from: messageEnd)
        && (isPrintableASCII(bytes, from: messageStart, to: messageEnd)
          || !TerminalSafe.needsEscaping(issue.message))
      {
        bytes.append(UInt8(ascii: "\n"))
        return
      }
      bytes.removeSubrange(start...)
    }
    bytes.appendUTF8(LintFinding(cookie: cookie.pointee, issue: issue, file: file).text)
    bytes.append(UInt8(ascii: "\n"))
  }

  /// The findings as a JSON array of `{source, name, domain, path, rule, severity, message}`;
  /// strings escaped so the output is valid JSON and safe on a terminal.
  public static func json(_ findings: [LintFinding]) -> String {
    if findings.isEmpty { return "[]" }
    var out = "[\n"
    for (i, f) in findings.enumerated() {
      out += f.jsonObject
      out += i < findings.count - 1 ? ",\n" : "\n"
    }
    return out + "]"
  }

  /// One element of `json`: `  {"source": …}` (indented, no separator).
  public var jsonObject: String {
    let fields = [
      ("source", source), ("name", name), ("domain", domain), ("path", path), ("rule", rule),
      ("severity", severity.rawValue), ("message", message),
    ]
    return "  {"
      + fields.map { "\(DecodedJSON.quoted($0.0)): \(DecodedJSON.quoted($0.1))" }.joined(separator: ", ")
      + "}"
  }

  /// `N issues (E errors, W warnings, I info) in C cookies from F files`.
  public static func summary(_ findings: [LintFinding], cookies: Int, files: Int) -> String {
    var counts: [CookieIssue.Severity: Int] = [:]
    for f in findings { counts[f.severity, default: 0] += 1 }
    return summary(counts: counts, cookies: cookies, files: files)
  }

  /// The same from counts of findings by severity.
  public static func summary(counts: [CookieIssue.Severity: Int], cookies: Int, files: Int) -> String {
    func n(_ k: Int, _ one: String, _ many: String) -> String { "\(k) \(k == 1 ? one : many)" }
    let total = counts.values.reduce(0, +)
    return
      "\(n(total, "issue", "issues")) (\(n(counts[.error] ?? 0, "error", "errors")), \(n(counts[.warning] ?? 0, "warning", "warnings")), \(counts[.info] ?? 0) info) in \(n(cookies, "cookie", "cookies")) from \(n(files, "file", "files"))"
  }
}
