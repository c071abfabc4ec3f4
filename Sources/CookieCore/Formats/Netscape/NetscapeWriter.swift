import Foundation

/// Writes `cookies.txt` (REFERENCE §1, §11) in one of three dialects:
/// - `curl` (default): what curl writes and reads: `#HttpOnly_`, `0` for session cookies.
/// - `cpython`: loads without error in CPython's `MozillaCookieJar` and yt-dlp: an empty
///   expiry for session cookies (CPython reads `0` as 1970, i.e. expired, REFERENCE §1.5).
/// - `wget`: wget's header, `host:port` for port-bound cookies; HttpOnly cookies are written
///   without the prefix because wget skips every `#` line (REFERENCE §1.3).
/// Every dialect writes `# … HTTP Cookie File` first (CPython and yt-dlp require it), TAB
/// separators, integer seconds, LF, the domain dot agreeing with field 2, and the cookies
/// in the order given. What the format cannot hold is reported, never silently lost.
public enum NetscapeWriter: CookieWriter {
  public static let format = CookieFormat.netscape
  public static let dialects = ["curl", "cpython", "wget"]

  enum Dialect {
    case curl, cpython, wget
  }

  public static func write(_ cookies: [Cookie], options: CookieWriteOptions) -> CookieWriteResult {
    let parts = cookies.count < 100_000 ? 1 : max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    return write(cookies, options: options, parts: parts)
  }

  /// `write` in `parts` slices (written in parallel, joined in order); tests compare 1 with
  /// several.
  static func write(_ cookies: [Cookie], options: CookieWriteOptions, parts: Int) -> CookieWriteResult {
    let (dialect, header, setUpWarnings) = setUp(options)
    var warnings = setUpWarnings
    let n = cookies.count
    let parts = max(1, min(parts, max(n, 1)))
    var cuts: [Int] = []
    for k in 0...parts { cuts.append(n * k / parts) }
    let bounds = cuts
    let (tally, skipped, data) = cookies.withUnsafeBufferPointer { buf in
      // Pass 1: the exact byte length of each part's lines, so pass 2 can write every
      // part straight into its place in one buffer.
      var lengths = [Int](repeating: 0, count: parts)
      lengths.withUnsafeMutableBufferPointer { out in
        let job = WriteJob(cookies: buf, lengths: out, bytes: nil, tallies: nil, written: nil)
        run(parts) { k in
          var sum = 0
          for i in bounds[k]..<bounds[k + 1] { sum += lineLength(job.cookies[i], dialect) }
          job.lengths![k] = sum
        }
      }
      var out = OutputBuffer(capacity: header.utf8CodeUnitCount + lengths.reduce(0, +))
      out.append(ascii: header)
      let tallies = UnsafeMutablePointer<NetscapeLossTally>.allocate(capacity: parts)
      tallies.initialize(repeating: NetscapeLossTally(), count: parts)
      var written = [Int](repeating: 0, count: parts)
      var starts: [Int] = []
      var total = 0
      for l in lengths {
        starts.append(total)
        total += l
      }
      let offsets = starts
      let sizes = lengths
      let region = out.reserveTail(total)
      written.withUnsafeMutableBufferPointer { w in
        let job = WriteJob(cookies: buf, lengths: nil, bytes: region, tallies: tallies, written: w)
        // Pass 2: each part writes its lines; unwritable cookies leave their bytes unused.
        run(parts) { k in
          var sink = LineSink(base: job.bytes! + offsets[k], capacity: sizes[k])
          for i in bounds[k]..<bounds[k + 1] {
            writeLine(job.cookies[i], dialect, into: &sink, tally: &job.tallies![k])
          }
          job.written![k] = sink.count
        }
      }
      // Close the gaps skipped cookies left, in order.
      var end = 0
      for k in 0..<parts {
        if end != offsets[k] && written[k] > 0 { memmove(region + end, region + offsets[k], written[k]) }
        end += written[k]
      }
      out.advance(by: end)
      var merged = NetscapeLossTally()
      var skipped = 0
      for k in 0..<parts {
        merged.merge(tallies[k])
        skipped += tallies[k].skippedCount
      }
      tallies.deinitialize(count: parts)
      tallies.deallocate()
      return (merged, skipped, out.takeData())
    }
    warnings += tally.diagnostics(dialect: dialect)
    return CookieWriteResult(data: data, warnings: warnings, skipped: skipped)
  }

  /// The dialect `options` names (a warning when it is unknown) and its header.
  static func setUp(_ options: CookieWriteOptions) -> (Dialect, StaticString, [Diagnostic]) {
    var warnings: [Diagnostic] = []
    let dialect: Dialect
    switch options.dialect?.lowercased() {
    case nil, "curl": dialect = .curl
    case "cpython", "python", "yt-dlp": dialect = .cpython
    case "wget": dialect = .wget
    case let other?:
      warnings.append(
        Diagnostic(
          .warning, file: "netscape",
          "unknown dialect '\(other)' (known: \(dialects.joined(separator: ", "))); writing curl's"))
      dialect = .curl
    }
    let header: StaticString
    switch dialect {
    case .curl:
      header = """
        # Netscape HTTP Cookie File
        # https://curl.se/docs/http-cookies.html
        # This file was generated by crumbs. Edit at your own risk.


        """
    case .cpython:
      header = """
        # Netscape HTTP Cookie File
        # http://curl.haxx.se/rfc/cookie_spec.html
        # This file was generated by crumbs.  Do not edit.


        """
    case .wget:
      header = """
        # HTTP Cookie File
        # Generated by crumbs.
        # Edit at your own risk.


        """
    }
    return (dialect, header, warnings)
  }

  /// Runs `body(0..<parts)`, on several cores when there is more than one part.
  static func run(_ parts: Int, _ body: @Sendable (Int) -> Void) {
    if parts == 1 {
      body(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: parts, execute: body)
    }
  }

  /// The bytes `writeLine` writes for `c` when it can be written (an upper bound when not).
  static func lineLength(_ c: borrowing Cookie, _ dialect: Dialect) -> Int {
    var n = c.domain.utf8.count + c.name.utf8.count + c.value.utf8.count + 3  // 2 TABs, LF
    if c.httpOnly && dialect != .wget { n += 10 }  // #HttpOnly_
    if !c.hostOnly { n += 1 }
    if dialect == .wget, let port = c.port, isPort(port) { n += 1 + port.utf8.count }
    n += c.hostOnly ? 7 : 6  // \tFALSE\t or \tTRUE\t
    n += c.path.isEmpty ? 1 : c.path.utf8.count
    n += c.secure ? 6 : 7
    if let e = c.expires {
      n += decimalDigits(max(e.seconds, 1))
    } else if dialect != .cpython {
      n += 1
    }
    return n
  }

  static func isPort(_ p: String) -> Bool {
    !p.isEmpty && p.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  static func decimalDigits(_ v: Int64) -> Int {
    var n = 1
    var x = v
    while x >= 10 {
      x /= 10
      n += 1
    }
    return n
  }

  /// One cookie line into `out`, or nothing (and a warning) when the format cannot hold it.
  static func writeLine(
    _ c: borrowing Cookie, _ dialect: Dialect, into out: inout LineSink, tally: inout NetscapeLossTally
  ) {
    // Each field is classified where it was just copied to (one SWAR pass over bytes
    // already in cache); a line that turns out unwritable is taken back.
    let lineStart = out.count
    if c.httpOnly && dialect != .wget { out.append(ascii: "#HttpOnly_") }
    if !c.hostOnly { out.append(UInt8(ascii: ".")) }
    var mark = out.count
    out.append(c.domain)
    var breaks = out.classify(from: mark)
    // An empty domain, or one starting with '#' (it would read as a comment).
    if out.count == mark || out.byte(at: mark) == UInt8(ascii: "#") { breaks |= ControlEscaping.lineBreak }
    if dialect == .wget, let port = c.port, isPort(port) {
      out.append(UInt8(ascii: ":"))
      out.append(port)
    }
    out.append(ascii: c.hostOnly ? "\tFALSE\t" : "\tTRUE\t")
    mark = out.count
    if c.path.isEmpty { out.append(UInt8(ascii: "/")) } else { out.append(c.path) }
    breaks |= out.classify(from: mark)
    out.append(ascii: c.secure ? "\tTRUE\t" : "\tFALSE\t")
    if let e = c.expires {
      // 0 would read back as a session cookie: an expiry at or before the epoch is
      // written as 1, still expired for every reader.
      out.append(decimal: max(e.seconds, 1))
    } else if dialect != .cpython {
      out.append(UInt8(ascii: "0"))
    }
    out.append(UInt8(ascii: "\t"))
    mark = out.count
    out.append(c.name)
    var text = out.classify(from: mark)
    out.append(UInt8(ascii: "\t"))
    mark = out.count
    out.append(c.value)
    text |= out.classify(from: mark)
    breaks |= text
    // Other controls are rare; of them only NUL makes the line unwritable (see `unwritable`).
    if breaks & (ControlEscaping.lineBreak | ControlEscaping.otherControl) != 0, let why = unwritable(c) {
      out.truncate(to: lineStart)
      tally.skip(c, why)
      return
    }
    tally.note(c, dialect: dialect, hasControl: text & ControlEscaping.otherControl != 0)
    out.append(UInt8(ascii: "\n"))
  }

  /// Why `c` cannot be written at all, or nil. A TAB, CR or LF would split the line or the
  /// record; every reader then loses or misreads it (REFERENCE §1.7, §11). A NUL makes
  /// readers (ours included) take the whole file for binary data, losing every cookie.
  static func unwritable(_ c: Cookie) -> String? {
    if c.domain.isEmpty { return "its domain is unknown" }
    if c.domain.utf8.first == UInt8(ascii: "#") {
      return "its domain starts with '#' and would read as a comment"
    }
    if let why = lineBreaker(c.value, "value") ?? lineBreaker(c.name, "name") ?? lineBreaker(
      c.domain, "domain")
      ?? lineBreaker(c.path, "path")
    {
      return why
    }
    // Readers (ours, curl) refuse the line when its name, domain or path holds a control
    // character; only the value may (with a warning, `NetscapeLossTally`).
    for (s, what) in [(c.name, "name"), (c.domain, "domain"), (c.path, "path")]
    where s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
      return "its \(what) contains a control character, which cookies.txt readers refuse"
    }
    return nil
  }

  private static func lineBreaker(_ s: String, _ what: String) -> String? {
    for b in s.utf8 where b == 0x09 || b == 0x0A || b == 0x0D || b == 0x00 {
      if b == 0x00 { return "its \(what) contains a NUL, which makes readers take the file for binary data" }
      let ch = b == 0x09 ? "TAB" : b == 0x0A ? "LF" : "CR"
      return "its \(what) contains a \(ch), which cookies.txt cannot hold"
    }
    return nil
  }
}

/// What the parallel passes share; each part touches only its own index and byte range.
private struct WriteJob: @unchecked Sendable {
  let cookies: UnsafeBufferPointer<Cookie>
  let lengths: UnsafeMutableBufferPointer<Int>?
  let bytes: UnsafeMutablePointer<UInt8>?
  let tallies: UnsafeMutablePointer<NetscapeLossTally>?
  let written: UnsafeMutableBufferPointer<Int>?
}
