import Foundation

/// Decides whether bytes look like a Netscape `cookies.txt` (REFERENCE §1), and names what
/// they look like instead when they clearly are something else.
enum NetscapeSniffer {
  static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// The header lines real writers emit (REFERENCE §1.2); CPython's regex is
  /// `#( Netscape)? HTTP Cookie File`, which both satisfy.
  static func hasMagicHeader(_ b: UnsafeRawBufferPointer) -> Bool {
    let start = b.starts(with: bom) ? 3 : 0
    let rest = UnsafeRawBufferPointer(rebasing: b[start...])
    return rest.starts(with: "# Netscape HTTP Cookie File".utf8)
      || rest.starts(with: "# HTTP Cookie File".utf8)
      || rest.starts(with: "#Netscape HTTP Cookie File".utf8)
  }

  /// The writer dialect that reproduces the file's producer (REFERENCE §1.2, §1.4, §1.5):
  /// `wget` when a domain carries wget's `:port`; `cpython` when the header is CPython's
  /// `MozillaCookieJar` one or a line near the top has an empty expiry (CPython writes
  /// session cookies that way); nil (curl, which yt-dlp and wget read too) otherwise.
  static func dialect(_ b: UnsafeRawBufferPointer, cookies: [Cookie]) -> String? {
    if cookies.contains(where: { $0.port != nil }) { return "wget" }
    let probe = UnsafeRawBufferPointer(rebasing: b[..<min(b.count, 65536)])
    let text = String(decoding: probe, as: UTF8.self)
    if text.contains("# This is a generated file!  Do not edit.") { return "cpython" }
    for line in text.split(separator: "\n").dropLast()
    where !line.hasPrefix("#") || line.hasPrefix("#HttpOnly_") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if fields.count == 7 && fields[4].trimmingCharacters(in: .whitespaces).isEmpty { return "cpython" }
    }
    return nil
  }

  /// What the input is when it is plainly not a cookie jar: JSON, HTML/XML, binary data.
  /// nil when it could be text lines.
  static func otherKind(_ b: UnsafeRawBufferPointer) -> String? {
    let probe = UnsafeRawBufferPointer(rebasing: b[..<min(b.count, 65536)])
    if probe.starts(with: "SQLite format 3".utf8) { return "an SQLite database" }
    if probe.starts(with: "cook".utf8) && probe.count >= 8 && probe[4] == 0 {
      return "a Safari binarycookies file"
    }
    if probe.contains(0) { return "binary data (it contains NUL bytes)" }
    var i = probe.starts(with: bom) ? 3 : 0
    while i < probe.count, probe[i] == 0x20 || probe[i] == 0x09 || probe[i] == 0x0A || probe[i] == 0x0D {
      i += 1
    }
    guard i < probe.count else { return nil }
    switch probe[i] {
    case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""):
      // yt-dlp gives the same verdict: "Cookies file must be Netscape formatted, not JSON".
      return "JSON"
    case UInt8(ascii: "<"): return "HTML or XML"
    default: return nil
    }
  }

  /// 0…100: how sure we are that `prefix` is a Netscape jar.
  static func score(_ b: UnsafeRawBufferPointer) -> Int {
    if b.isEmpty || otherKind(b) != nil { return 0 }
    if hasMagicHeader(b) { return 100 }
    var valid = 0
    var invalid = 0
    var lines = 0
    NetscapeLines.forEach(in: b) { line, _ in
      lines += 1
      if lines > 200 { return false }
      let kind = NetscapeLines.classify(line)
      switch kind {
      case .blank, .comment: break
      case .cookie(let body):
        if NetscapeLines.looksLikeCookie(body) { valid += 1 } else { invalid += 1 }
      }
      return true
    }
    if valid > 0 && valid >= invalid { return 70 }
    if valid > 0 { return 30 }
    // Comments only (an empty jar curl saved): a weak claim other formats can beat.
    if invalid == 0 { return 10 }
    return 0
  }
}

/// Byte-level line iteration shared by the sniffer and the reader.
enum NetscapeLines {
  enum Kind {
    case blank
    case comment
    /// A cookie line; the payload starts after any `#HttpOnly_` prefix.
    case cookie(UnsafeRawBufferPointer)
  }

  static let httpOnlyPrefix = Array("#HttpOnly_".utf8)

  /// Calls `body` with each line (without LF or a trailing CR) and its 1-based number,
  /// while it returns true. A UTF-8 BOM before the first line is skipped (REFERENCE §1.6).
  static func forEach(
    in b: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Int) -> Bool
  ) {
    forEach(in: b, from: b.starts(with: NetscapeSniffer.bom) ? 3 : 0, to: b.count, firstNumber: 1, body)
  }

  /// The lines of `b[from..<to]` (`from` at a line start), numbered from `firstNumber`.
  static func forEach(
    in b: UnsafeRawBufferPointer, from: Int, to limit: Int, firstNumber: Int,
    _ body: (UnsafeRawBufferPointer, Int) -> Bool
  ) {
    guard let base = b.baseAddress, limit > 0 else { return }
    var start = from
    var number = firstNumber - 1
    while start < limit {
      number += 1
      var end = limit
      if let p = memchr(base + start, 0x0A, limit - start) {
        end = base.distance(to: UnsafeRawPointer(p))
      }
      var lineEnd = end
      if lineEnd > start && b[lineEnd - 1] == 0x0D { lineEnd -= 1 }
      if !body(UnsafeRawBufferPointer(rebasing: b[start..<lineEnd]), number) { return }
      start = end + 1
    }
  }

  /// curl and wget skip a line whose first non-blank byte is `#`, except curl's exact,
  /// case-sensitive `#HttpOnly_` prefix (REFERENCE §1.3).
  static func classify(_ line: UnsafeRawBufferPointer) -> Kind {
    var i = 0
    while i < line.count && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
    if i == line.count { return .blank }
    if line.starts(with: httpOnlyPrefix) {
      return .cookie(UnsafeRawBufferPointer(rebasing: line[httpOnlyPrefix.count...]))
    }
    if line[i] == UInt8(ascii: "#") { return .comment }
    return .cookie(line)
  }

  /// Six TABs and a TRUE/FALSE second field: enough to tell a cookie line from prose.
  static func looksLikeCookie(_ line: UnsafeRawBufferPointer) -> Bool {
    var tabs = 0
    var secondStart = -1
    var secondEnd = -1
    for (i, c) in line.enumerated() where c == 0x09 {
      tabs += 1
      if tabs == 1 { secondStart = i + 1 }
      if tabs == 2 { secondEnd = i }
    }
    guard tabs >= 5, secondStart >= 0, secondEnd > secondStart else { return false }
    return NetscapeFieldParser.bool(UnsafeRawBufferPointer(rebasing: line[secondStart..<secondEnd])) != nil
  }
}
