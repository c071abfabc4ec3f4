import Foundation

/// Reads Netscape / Mozilla `cookies.txt` in every dialect real programs write
/// (REFERENCE §1): curl (`#HttpOnly_`), wget (`host:port`), CPython (empty session expiry),
/// yt-dlp, browser-extension exports (fractional expiry); LF or CRLF, with or without a BOM.
///
/// The reader works on raw bytes (no per-line `String`), interns repeated domains, paths and
/// names, and keeps every cookie it can: expired ones too (the user decides), a bad line
/// becomes a diagnostic and the rest loads.
public enum NetscapeReader: CookieReader {
  public static let format = CookieFormat.netscape
  /// Diagnostics beyond this many are summarised in one note (a forced binary file would
  /// otherwise print one per line).
  static let diagnosticLimit = 500

  public static func sniff(_ prefix: Data, fileName: String) -> Int {
    prefix.withUnsafeBytes { NetscapeSniffer.score($0) }
  }

  public static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult {
    try read(data, options: options, parts: defaultParts(for: data.count))
  }

  /// Large inputs are parsed in parallel slices, one per core (up to 4): lines are
  /// independent, so each slice gets its own state and the results are joined in order.
  static func defaultParts(for size: Int) -> Int {
    size < 4 << 20 ? 1 : max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
  }

  /// `read` with an explicit number of slices (tests compare 1 with several).
  static func read(_ data: Data, options: CookieReadOptions, parts: Int) throws -> CookieReadResult {
    try data.withUnsafeBytes { (b: UnsafeRawBufferPointer) throws -> CookieReadResult in
      if let kind = NetscapeSniffer.otherKind(b) {
        throw CookieFormatError(
          file: options.sourceName, "not a Netscape cookies.txt: the input looks like \(kind)")
      }
      let start = b.starts(with: NetscapeSniffer.bom) ? 3 : 0
      let slices = NetscapeSlice.split(b, from: start, parts: parts)
      let (cookies, states) = NetscapeSlice.parse(b, slices: slices, options: options)
      var diagnostics: [Diagnostic] = []
      var dropped = 0
      var malformed = 0
      for st in states {
        malformed += st.malformed
        dropped += st.dropped
        for d in st.diagnostics {
          if diagnostics.count < diagnosticLimit { diagnostics.append(d) } else { dropped += 1 }
        }
      }
      if cookies.isEmpty && malformed > 0 && !NetscapeSniffer.hasMagicHeader(b) {
        let first = diagnostics.first.map { ": first problem: line \($0.line ?? 0): \($0.message)" } ?? ""
        throw CookieFormatError(
          file: options.sourceName,
          "not a Netscape cookies.txt: no line has the 7 TAB-separated fields\(first)")
      }
      if dropped > 0 {
        diagnostics.append(Diagnostic(.note, file: options.sourceName, "\(dropped) more problems not shown"))
      }
      return CookieReadResult(
        cookies: cookies, diagnostics: diagnostics, format: .netscape,
        dialect: NetscapeSniffer.dialect(b, cookies: cookies))
    }
  }
}

/// The reader's working state for one input.
struct NetscapeReadState {
  let file: String
  var cookies: [Cookie] = []
  var diagnostics: [Diagnostic] = []
  var malformed = 0
  var dropped = 0
  /// Domains and paths repeat across many cookies; names less so (and mostly fit inline),
  /// so they get a smaller table that cannot crowd the domains out.
  private var places = StringInterner(limit: 1 << 17)
  private var names = StringInterner(limit: 1 << 13)
  /// Values are mostly unique: copied into slabs, not made strings (see `ValueText`).
  private var values = ValueSlabBuilder()
  private var scratch: [UInt8] = []

  /// When set, cookies are written here (a slice of a shared buffer) instead of `cookies`.
  private let sink: UnsafeMutablePointer<Cookie>?
  private(set) var written = 0

  init(file: String, lineEstimate: Int) {
    self.file = file
    sink = nil
    cookies.reserveCapacity(lineEstimate)
  }

  init(file: String, sink: UnsafeMutablePointer<Cookie>) {
    // Every cookie retains its source name: a copy of the string per slice keeps the
    // parallel slices from contending for one reference count.
    self.file = String(decoding: Array(file.utf8), as: UTF8.self)
    self.sink = sink
  }

  mutating func warn(_ line: Int, column: Int? = nil, _ message: String) {
    if diagnostics.count >= NetscapeReader.diagnosticLimit {
      dropped += 1
      return
    }
    diagnostics.append(Diagnostic(.warning, file: file, line: line, column: column, message))
  }

  mutating func skip(_ line: Int, column: Int? = nil, _ message: String) {
    malformed += 1
    warn(line, column: column, message + "; line skipped")
  }

  /// One cookie line (after any `#HttpOnly_` prefix).
  mutating func readCookie(_ l: UnsafeRawBufferPointer, httpOnly: Bool, line: Int) {
    // A stack buffer for the span bounds: no allocation per line.
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * TabSpans.count) { t in
      readCookie(l, spans: TabSpans(bounds: t.baseAddress!), httpOnly: httpOnly, line: line)
    }
  }

  private mutating func readCookie(_ l: UnsafeRawBufferPointer, spans: TabSpans, httpOnly: Bool, line: Int) {
    var n = 1
    var extraTabs = 0
    spans.setStart(0, 0)
    if let base = l.baseAddress {
      var from = 0
      // memchr: the line is scanned for TABs at memory speed, not byte by byte.
      while from < l.count, let p = memchr(base + from, 0x09, l.count - from) {
        let i = base.distance(to: UnsafeRawPointer(p))
        if n < TabSpans.count {
          spans.setEnd(n - 1, i)
          spans.setStart(n, i + 1)
          n += 1
        } else {
          extraTabs += 1
        }
        from = i + 1
      }
    }
    spans.setEnd(n - 1, l.count)
    func span(_ k: Int) -> UnsafeRawBufferPointer {
      UnsafeRawBufferPointer(rebasing: l[spans.start(k)..<spans.end(k)])
    }
    let prefixColumns = httpOnly ? NetscapeLines.httpOnlyPrefix.count : 0
    func col(_ k: Int) -> Int { k < 0 ? 1 : spans.start(k) + 1 + prefixColumns }

    var layout = NetscapeFieldSpans()
    var pathMissing = false
    var valueMissing = false
    if n < 6 {
      let spaces = l.contains(0x20) && n == 1 ? " (are the fields separated by spaces?)" : ""
      skip(line, "expected 7 TAB-separated fields, found \(n)\(spaces)")
      return
    } else if n == 6 {
      if NetscapeFieldParser.bool(span(2)) != nil && NetscapeFieldParser.bool(span(3)) == nil {
        // curl: a TRUE/FALSE third field means the path column is missing (REFERENCE §1.7).
        layout.dropPath()
        pathMissing = true
      } else {
        layout.value = -1
        valueMissing = true
      }
    }
    let at = layout
    func f(_ k: Int) -> UnsafeRawBufferPointer {
      k < 0 ? UnsafeRawBufferPointer(start: nil, count: 0) : span(k)
    }

    // Domain (field 1), with wget's `:port` and one leading dot removed (REFERENCE §1.4).
    var domainBytes = f(at.domain)
    var port: String? = nil
    if let (hostCount, p) = NetscapeFieldParser.splitPort(domainBytes) {
      port = p
      domainBytes = UnsafeRawBufferPointer(rebasing: domainBytes[..<hostCount])
    }
    let dotted = domainBytes.first == UInt8(ascii: ".")
    if dotted { domainBytes = UnsafeRawBufferPointer(rebasing: domainBytes[1...]) }
    if domainBytes.isEmpty {
      skip(line, column: col(at.domain), "empty domain")
      return
    }
    if domainBytes.contains(0x20) {
      // Current curl keeps the field as is (only Set-Cookie lines get leading blanks
      // trimmed), so such a cookie matches no host: say so rather than guess.
      warn(line, column: col(at.domain), "the domain contains a space; no host will match it")
    }
    guard let flag = NetscapeFieldParser.bool(f(at.includeSubdomains)) else {
      skip(
        line, column: col(at.includeSubdomains),
        "include-subdomains field '\(NetscapeFieldParser.text(f(at.includeSubdomains)))' is not TRUE or FALSE"
      )
      return
    }
    let secureField = f(at.secure)
    guard let secure = NetscapeFieldParser.bool(secureField) else {
      skip(
        line, column: col(at.secure),
        "secure field '\(NetscapeFieldParser.text(secureField))' is not TRUE or FALSE")
      return
    }
    let expires: Instant?
    switch NetscapeFieldParser.expiry(f(at.expires)) {
    case .session: expires = nil
    case .at(let t): expires = t
    case .invalid(let why):
      skip(line, column: col(at.expires), why)
      return
    }
    if dotted != flag {
      warn(
        line, column: col(at.includeSubdomains),
        dotted
          ? "leading dot but include-subdomains FALSE: read as host-only, as curl does (CPython and yt-dlp reject such a file)"
          : "include-subdomains TRUE without a leading dot: read as a domain cookie, as curl does (CPython and yt-dlp reject such a file)"
      )
    }
    if l.count + prefixColumns > 5000 {
      // curl's MAX_COOKIE_LINE (REFERENCE §1.6): curl ≤ 8.6 skips the line, newer curl
      // stops reading the file there.
      warn(line, "line is \(l.count + prefixColumns) bytes, over curl's 5000-byte limit; curl drops it")
    }
    if pathMissing {
      warn(line, "6 fields and the third is TRUE/FALSE: the path is missing; using '/', as curl does")
    }
    if valueMissing { warn(line, "6 fields: read as a cookie with an empty value, as curl does") }
    if extraTabs > 0 {
      warn(
        line, column: col(at.value),
        "the value contains a TAB (\(extraTabs + 7) fields); kept whole as wget does, but curl and CPython reject this line"
      )
    }

    guard let domain = text(domainBytes, .domain, line: line, column: col(at.domain)),
      let name = text(f(at.name), .name, line: line, column: col(at.name))
    else { return }
    var path = "/"
    if at.path >= 0 {
      let p = f(at.path)
      if p.isEmpty {
        warn(line, column: col(at.path), "empty path; using '/'")
      } else {
        guard let pt = text(p, .path, line: line, column: col(at.path)) else { return }
        path = pt
      }
    }
    let value = checked(f(at.value), line: line, column: col(at.value), what: "value")
    var c = Cookie(
      name: name, valueText: value, domain: domain, hostOnly: !flag, path: path, expires: expires,
      secure: secure, httpOnly: httpOnly, sourceFile: file, sourceLine: Int32(clamping: line))
    if let port { c.port = port }
    if let sink {
      (sink + written).initialize(to: consume c)
      written += 1
    } else {
      cookies.append(consume c)
    }
  }

  /// The fields `text` reads: each has its interner and its word in messages; domains are
  /// lower-cased.
  private enum InternedField {
    case domain, path, name

    var word: String {
      switch self {
      case .domain: "domain"
      case .path: "path"
      case .name: "name"
      }
    }
  }

  /// Domain, path or name: interned. A control character here is refused (no cookie
  /// store accepts it and it would corrupt any output format).
  private mutating func text(
    _ b: UnsafeRawBufferPointer, _ field: InternedField, line: Int, column: Int
  ) -> String? {
    let what = field.word
    let flags = ControlEscaping.classify(bytes: b)
    if flags & (ControlEscaping.lineBreak | ControlEscaping.otherControl) != 0,
      b.contains(where: { $0 < 0x20 || $0 == 0x7F })
    {
      skip(line, column: column, "control character in the \(what)")
      return nil
    }
    let high = flags & ControlEscaping.nonASCII != 0
    var upper = false
    if field == .domain {
      for c in b where c >= 0x41 && c <= 0x5A {
        upper = true
        break
      }
    }
    if high && String(validating: b, as: UTF8.self) == nil {
      warn(line, column: column, "the \(what) is not valid UTF-8; invalid bytes shown as U+FFFD")
    }
    if upper {
      // Domains compare case-insensitively; CPython lower-cases on load (REFERENCE §1.4).
      scratch.removeAll(keepingCapacity: true)
      for c in b { scratch.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
      return scratch.withUnsafeBytes { places.intern($0) }
    }
    return field == .name ? names.intern(b) : places.intern(b)
  }

  /// A value: not interned (values are mostly unique) but copied into a slab. Control
  /// characters are kept, so the inspector can show and fix them, with a warning.
  private mutating func checked(_ b: UnsafeRawBufferPointer, line: Int, column: Int, what: String)
    -> ValueText
  {
    let flags = ControlEscaping.classify(bytes: b)
    let high = flags & ControlEscaping.nonASCII != 0
    if flags & ControlEscaping.otherControl != 0 {
      warn(line, column: column, "the \(what) contains a control character; current curl rejects this line")
    }
    if high && String(validating: b, as: UTF8.self) == nil {
      warn(line, column: column, "the \(what) is not valid UTF-8; invalid bytes shown as U+FFFD")
      return values.add(String(decoding: b, as: UTF8.self))
    }
    return values.add(b)
  }
}

/// The first seven TAB-separated spans of a line as [start, end) byte offsets, kept in a
/// buffer the caller puts on the stack (the last span runs to the end of the line; further
/// TABs belong to the value).
private struct TabSpans {
  static let count = 7
  /// Starts at `0..<count`, ends at `count..<2 * count`.
  let bounds: UnsafeMutablePointer<Int>

  func start(_ k: Int) -> Int { bounds[k] }
  func end(_ k: Int) -> Int { bounds[TabSpans.count + k] }
  func setStart(_ k: Int, _ offset: Int) { bounds[k] = offset }
  func setEnd(_ k: Int, _ offset: Int) { bounds[TabSpans.count + k] = offset }
}

/// Which TAB-separated span holds each field of a cookie line (REFERENCE §1.1); -1 when the
/// line lacks the field.
private struct NetscapeFieldSpans {
  var domain = 0
  var includeSubdomains = 1
  var path = 2
  var secure = 3
  var expires = 4
  var name = 5
  var value = 6

  /// curl's 6-field line without a path column (REFERENCE §1.7): the fields after the
  /// flag move one span left.
  mutating func dropPath() {
    path = -1
    secure = 2
    expires = 3
    name = 4
    value = 5
  }
}
