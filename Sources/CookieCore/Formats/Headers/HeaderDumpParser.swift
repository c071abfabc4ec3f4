import Foundation

/// Reads captured HTTP headers (REFERENCE §5): bare `Set-Cookie:` lines, raw HTTP/1.1
/// requests and responses, `curl -i` and `curl -D` output (several responses after
/// redirects), and `curl -v` traces (`>` / `<` / `*` prefixes). Recovers each response's
/// request URL from the dump where it is there (request line + `Host:`, HTTP/2 `OPENED
/// stream for URL`, `Location:` of the previous hop), else from `--origin`.
public struct HeaderDumpParser {
  struct Header {
    var name: String
    var value: String
    var line: Int
  }
  enum BlockKind { case request(target: String), response(status: Int), bare }
  struct Block {
    var kind: BlockKind
    var headers: [Header] = []
  }

  let sourceName: String
  /// `--origin`: the URL of the first response when the dump does not say.
  let origin: RequestURL?
  var capture = Capture()
  /// The URL the next response answers.
  var currentURL: RequestURL?
  var block: Block?
  var inBody = false
  // curl -v connection state.
  var tlsSeen = false
  var connectedPort: Int?
  var openedStreamURL: RequestURL?

  public init(sourceName: String, origin: RequestURL?) {
    self.sourceName = sourceName
    self.origin = origin
    self.currentURL = origin
  }

  /// Parses the whole dump.
  public static func parse(_ data: Data, sourceName: String, origin: RequestURL?) -> Capture {
    var p = HeaderDumpParser(sourceName: sourceName, origin: origin)
    let text = decode(data)
    let all = lines(of: text)
    if CurlTraceASCII.looksLikeTrace(all) {
      for (line, number) in CurlTraceASCII.verboseLines(all) { p.feed(Substring(line), number: number) }
    } else {
      for (i, line) in all.enumerated() { p.feed(line, number: i + 1) }
    }
    p.finishBlock()
    return p.capture
  }

  /// Lines split on LF with one trailing CR removed. Split on scalars: as Characters,
  /// CR LF is one grapheme and would not split on "\n".
  static func lines(of text: String) -> [Substring] {
    var out: [Substring] = []
    let scalars = text.unicodeScalars
    var start = scalars.startIndex
    var i = start
    while i < scalars.endIndex {
      if scalars[i] == "\n" {
        var end = i
        if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
        out.append(Substring(scalars[start..<end]))
        start = scalars.index(after: i)
      }
      i = scalars.index(after: i)
    }
    if start < scalars.endIndex {
      var end = scalars.endIndex
      if scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
      out.append(Substring(scalars[start..<end]))
    }
    return out
  }

  /// UTF-8 (BOM skipped), else byte-for-byte Latin-1, so no header is lost to decoding.
  static func decode(_ data: Data) -> String {
    var d = data
    if d.starts(with: [0xEF, 0xBB, 0xBF]) { d = d.dropFirst(3) }
    return String(data: d, encoding: .utf8) ?? String(data: d, encoding: .isoLatin1) ?? ""
  }

  mutating func feed(_ line: Substring, number: Int) {
    // curl -v / --trace-ascii-less verbose output: a one-character prefix and a space.
    if let first = line.first, "<>*{}".contains(first), line.count == 1 || line.dropFirst().first == " " {
      let content = line.dropFirst(line.count == 1 ? 1 : 2)
      switch first {
      case "*": info(content)
      case ">", "<": headerLine(content, number: number, verbose: true)
      default: break  // `{ [6 bytes data]` summaries
      }
      return
    }
    headerLine(line, number: number, verbose: false)
  }

  mutating func headerLine(_ line: Substring, number: Int, verbose: Bool) {
    if let target = HeaderDumpParser.requestTarget(line) {
      finishBlock()
      block = Block(kind: .request(target: target))
      inBody = false
      return
    }
    if let status = HeaderDumpParser.statusCode(line) {
      finishBlock()
      block = Block(kind: .response(status: status))
      inBody = false
      return
    }
    if line.isEmpty {
      // End of a header block; a response's body follows (not in curl -v, where it is
      // on stdout).
      if let b = block {
        if case .response = b.kind { inBody = !verbose }
        finishBlock()
      }
      return
    }
    // obs-fold (RFC 9112 §5.2): a line starting with SP/HTAB continues the previous header;
    // each fold is replaced by one SP.
    if let f = line.first, f == " " || f == "\t", !inBody, var b = block, !b.headers.isEmpty {
      let rest = SetCookieParser.text(SetCookieParser.trimWSP(ArraySlice(line.unicodeScalars)))
      b.headers[b.headers.count - 1].value += " " + rest
      block = b
      return
    }
    guard let (name, value) = HeaderDumpParser.headerField(line) else { return }
    if inBody || block == nil {
      // A body line, or text before any block: only cookie headers start a bare block.
      let lower = name.lowercased()
      guard lower == "set-cookie" || lower == "cookie" else { return }
      inBody = false
      if block == nil { block = Block(kind: .bare) }
    }
    block?.headers.append(Header(name: name, value: value, line: number))
  }

  /// `* ` lines of curl -v: connection, TLS and HTTP/2 stream facts.
  mutating func info(_ text: Substring) {
    if let r = text.range(of: "OPENED stream for ") {
      openedStreamURL = RequestURL(String(text[r.upperBound...]))
    } else if text.hasPrefix("Connected to ") || text.hasPrefix("Established connection to ") {
      tlsSeen = false
      if let r = text.range(of: "port ") {
        connectedPort = Int(text[r.upperBound...].prefix { $0.isNumber })
      }
    } else if text.hasPrefix("SSL connection using") || text.hasPrefix("ALPN") || text.hasPrefix("TLSv1")
      || text.hasPrefix("Server certificate")
    {
      tlsSeen = true
    }
  }

  mutating func finishBlock() {
    guard let b = block else { return }
    block = nil
    switch b.kind {
    case .request(let target): finishRequest(target: target, headers: b.headers)
    case .response(let status): finishResponse(status: status, headers: b.headers)
    case .bare: finishResponse(status: nil, headers: b.headers)
    }
  }

  mutating func finishRequest(target: String, headers: [Header]) {
    var url: RequestURL? = nil
    if let opened = openedStreamURL {
      url = opened
      openedStreamURL = nil
    } else if let absolute = RequestURL(target) {
      url = absolute
    } else if let hostHeader = headers.last(where: {
      $0.name.lowercased() == "host" || $0.name == ":authority"
    }) {
      var host = hostHeader.value.trimmingCharacters(in: .whitespaces)
      var port = connectedPort
      if let c = host.lastIndex(of: ":"), !host.hasSuffix("]"), let p = Int(host[host.index(after: c)...]) {
        port = p
        host = String(host[..<c])
      }
      let scheme: String
      if tlsSeen || port == 443 {
        scheme = "https"
      } else if let origin, origin.host == host.lowercased() {
        scheme = origin.scheme  // a raw request does not say; `--origin` may
      } else {
        scheme = "http"
      }
      url = RequestURL(scheme: scheme, host: host, port: port, pathAndQuery: target)
    }
    if let url { currentURL = url }
    for h in headers where h.name.lowercased() == "cookie" {
      capture.events.append(CaptureEvent(.requestCookie, value: h.value, url: currentURL, line: h.line))
    }
  }

  mutating func finishResponse(status: Int?, headers: [Header]) {
    var time: Instant? = nil
    if let date = headers.last(where: { $0.name.lowercased() == "date" }),
      let s = CookieDate.parse(date.value)
    {
      time = Instant(seconds: s)
    }
    for h in headers {
      switch h.name.lowercased() {
      case "set-cookie":
        capture.events.append(
          CaptureEvent(.setCookie, value: h.value, url: currentURL, time: time, line: h.line))
      case "cookie":
        capture.events.append(CaptureEvent(.requestCookie, value: h.value, url: currentURL, line: h.line))
      default: break
      }
    }
    // A redirect: the next response answers the Location, resolved against this URL
    // (curl -D/-i with -L print no request, REFERENCE §5.3).
    if let status, (300..<400).contains(status),
      let location = headers.last(where: { $0.name.lowercased() == "location" })
    {
      if let base = currentURL {
        currentURL = base.resolving(location.value) ?? base
      } else if let absolute = RequestURL(location.value) {
        currentURL = absolute
      }
    }
  }

  /// `GET /path HTTP/1.1` → `/path`.
  static func requestTarget(_ line: Substring) -> String? {
    let parts = line.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 3, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }), parts[2].hasPrefix("HTTP/")
    else { return nil }
    return String(parts[1])
  }

  /// `HTTP/1.1 302 Found`, `HTTP/2 200` → the status code.
  static func statusCode(_ line: Substring) -> Int? {
    guard line.hasPrefix("HTTP/") else { return nil }
    let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard parts.count >= 2, parts[1].count == 3, let code = Int(parts[1]) else { return nil }
    return code
  }

  /// `Name: value` with a token name; the value without leading blanks.
  static func headerField(_ line: Substring) -> (String, String)? {
    guard let colon = line.firstIndex(of: ":") else { return nil }
    let name = line[..<colon]
    guard !name.isEmpty,
      name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && $0 != ":" })
    else { return nil }
    var value = Substring(line.unicodeScalars[line.index(after: colon)...])
    while let f = value.unicodeScalars.first, f == " " || f == "\t" {
      value = Substring(value.unicodeScalars.dropFirst())
    }
    return (String(name), String(value))
  }
}
