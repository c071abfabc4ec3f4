import Foundation

/// How a line-based jar (cookies.txt, LWP) changes when it is saved back into the file it
/// came from: only the lines of cookies the user changed, plus new cookies at the end.
public struct LineEdits: Sendable, Hashable {
  /// One line whose content changes: the cookies that now stand on it, in order (none:
  /// the line goes). Lines not listed keep their bytes.
  public struct Line: Sendable, Hashable {
    public var number: Int32
    public var cookies: [Cookie]
    public init(number: Int32, cookies: [Cookie]) {
      self.number = number
      self.cookies = cookies
    }
  }

  /// Changed lines, by ascending 1-based line number (as readers set `Cookie.sourceLine`).
  public var lines: [Line]
  /// Cookies to add after the last line.
  public var appended: [Cookie]

  public init(lines: [Line] = [], appended: [Cookie] = []) {
    self.lines = lines
    self.appended = appended
  }

  public var isEmpty: Bool { lines.isEmpty && appended.isEmpty }

  /// Every cookie the save writes anew (and so may lose fields of), in file order.
  public var rewrittenCookies: [Cookie] { lines.flatMap(\.cookies) + appended }

  /// The edits that drop the lines of the cookies `isRemoved` picks from `cookies` (all
  /// read from one file, in file order): what purging expired cookies from a jar does.
  /// When a line held several cookies (LWP can), the others are written back on it.
  public static func removing(from cookies: [Cookie], where isRemoved: (Cookie) -> Bool) -> LineEdits {
    // Read through a buffer pointer: `cookies[k]` on the array copies each cookie (and
    // retains its strings) a million times for a million-cookie purge.
    cookies.withUnsafeBufferPointer { removing(from: $0, where: isRemoved) }
  }

  static func removing(from cookies: UnsafeBufferPointer<Cookie>, where isRemoved: (Cookie) -> Bool)
    -> LineEdits
  {
    var out: [Line] = []
    var i = 0
    while i < cookies.count {
      let line = cookies[i].sourceLine
      var j = i + 1
      while j < cookies.count && cookies[j].sourceLine == line { j += 1 }
      // Most lines hold one cookie: look at the group only when something in it goes.
      var anyRemoved = false
      for k in i..<j where isRemoved(cookies[k]) {
        anyRemoved = true
        break
      }
      if anyRemoved, line > 0 {
        var kept: [Cookie] = []
        for k in i..<j where !isRemoved(cookies[k]) { kept.append(cookies[k]) }
        out.append(Line(number: line, cookies: kept))
      }
      i = j
    }
    return LineEdits(lines: out)
  }
}

/// Writes the lines of a line-based format for a few cookies, without the file's header:
/// what a save in place puts where an edited cookie's line was.
public protocol CookieLineWriter: CookieWriter {
  /// The record lines (each ending in LF) for `cookies`; cookies the format cannot hold are
  /// left out (the full `write` reports them).
  static func recordLines(_ cookies: [Cookie], options: CookieWriteOptions) -> Data
}

/// Saves a jar into the line-based file it was read from, changing only what the user
/// changed: every untouched line (comments, blank lines, lines no reader could parse, the
/// jar's own header, CRLF endings, a BOM) keeps its bytes; the lines of deleted cookies go;
/// edited cookies are rewritten where they were; new cookies are appended. With no edits
/// the output is the input, byte for byte.
public enum LinePreservingWriter {
  /// Output goes to `sink` in pieces of up to about this many bytes.
  static let chunk = 4 << 20

  /// Writes `original` with `edits` applied, in `writer`'s format (and `options.dialect`)
  /// for the lines it rewrites. The summary's warnings are those of the rewritten cookies.
  ///
  /// `consumed`, when given, hears of each byte range of `original` already handed on, so
  /// a caller that mapped a large file can let those pages go (as readers do).
  public static func write<W: CookieLineWriter>(
    original: Data, edits: LineEdits, with writer: W.Type, options: CookieWriteOptions,
    consumed: ((Range<Int>) -> Void)? = nil,
    to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    let rewritten = edits.rewrittenCookies
    // The warnings and skips of everything written anew, as a full write would report them.
    let check =
      rewritten.isEmpty ? CookieWriteResult(data: Data()) : writer.write(rewritten, options: options)
    var bytes = 0
    try original.withUnsafeBytes { (src: UnsafeRawBufferPointer) in
      // Flushes come in file order, often a few lines long (between two touched lines):
      // hand ranges on once they span a megabyte, or no whole page would ever go.
      var releasedTo = 0
      let coalesced: ((Range<Int>) -> Void)? = consumed.map { release in
        { r in
          if r.upperBound - releasedTo >= 1 << 20 {
            release(releasedTo..<r.upperBound)
            releasedTo = r.upperBound
          }
        }
      }
      defer { if releasedTo < src.count { consumed?(releasedTo..<src.count) } }
      try splice(src, edits: edits, options: options, writer: writer, consumed: coalesced) { buf in
        bytes += buf.count
        try sink(buf)
      }
    }
    return CookieWriteSummary(warnings: check.warnings, skipped: check.skipped, byteCount: bytes)
  }

  /// The same, whole in memory (tests, small jars).
  public static func write<W: CookieLineWriter>(
    original: Data, edits: LineEdits, with writer: W.Type, options: CookieWriteOptions
  ) -> CookieWriteResult {
    var out = Data()
    let summary = write(original: original, edits: edits, with: writer, options: options) {
      out.append(contentsOf: $0)
    }
    return CookieWriteResult(data: out, warnings: summary.warnings, skipped: summary.skipped)
  }

  private static func splice<W: CookieLineWriter>(
    _ src: UnsafeRawBufferPointer, edits: LineEdits, options: CookieWriteOptions, writer: W.Type,
    consumed: ((Range<Int>) -> Void)?, sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    let n = src.count
    guard let base = src.baseAddress else {
      // An empty file: only the new cookies (a file with no header is what it was).
      try emit(writer.recordLines(edits.appended, options: options), crlf: false, sink)
      return
    }
    let crlf = usesCRLF(src)
    // `pending` is the start of bytes copied through but not yet handed to the sink.
    var pending = 0
    var start = 0
    var number: Int32 = 0
    var next = 0  // index into edits.lines
    while start < n && next < edits.lines.count {
      number += 1
      var end = n  // exclusive end of the line's content plus its LF
      if let p = memchr(base + start, 0x0A, n - start) {
        end = base.distance(to: UnsafeRawPointer(p)) + 1
      }
      if edits.lines[next].number == number {
        if start > pending { try flush(src, pending..<start, consumed, sink) }
        var keep = start
        // A BOM before the first line belongs to the file, not to the cookie on it.
        if number == 1 && src.starts(with: [0xEF, 0xBB, 0xBF]) { keep += 3 }
        if keep > start { try flush(src, start..<keep, consumed, sink) }
        let lineCRLF = end >= 2 && src[end - 1] == 0x0A && src[end - 2] == 0x0D
        var text = writer.recordLines(edits.lines[next].cookies, options: options)
        if src[end - 1] != 0x0A, text.last == 0x0A {
          // The file's last line had no line break: keep it so.
          text.removeLast()
        }
        try emit(text, crlf: lineCRLF, sink)
        pending = end
        next += 1
      } else if edits.lines[next].number < number {
        // A line number past the end or out of order: skip it rather than misplace it.
        next += 1
        number -= 1
        continue
      }
      if end - pending >= chunk {
        try flush(src, pending..<end, consumed, sink)
        pending = end
      }
      start = end
    }
    if n > pending {
      // The rest of the file in chunks.
      var from = pending
      while from < n {
        let to = min(n, from + chunk)
        try flush(src, from..<to, consumed, sink)
        from = to
      }
    }
    if !edits.appended.isEmpty {
      if n > 0 && src[n - 1] != 0x0A {
        try emit(Data("\n".utf8), crlf: crlf, sink)
      }
      try emit(writer.recordLines(edits.appended, options: options), crlf: crlf, sink)
    }
  }

  /// True when the file's first line ends in CRLF (new lines then follow the same way).
  static func usesCRLF(_ src: UnsafeRawBufferPointer) -> Bool {
    guard let base = src.baseAddress, let p = memchr(base, 0x0A, src.count) else { return false }
    let i = base.distance(to: UnsafeRawPointer(p))
    return i > 0 && src[i - 1] == 0x0D
  }

  private static func flush(
    _ src: UnsafeRawBufferPointer, _ r: Range<Int>, _ consumed: ((Range<Int>) -> Void)?,
    _ sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    try sink(UnsafeRawBufferPointer(rebasing: src[r]))
    consumed?(r)
  }

  private static func emit(_ text: Data, crlf: Bool, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    if text.isEmpty { return }
    if !crlf {
      try text.withUnsafeBytes { try sink($0) }
      return
    }
    var out = Data(capacity: text.count + text.count / 40 + 2)
    for b in text {
      if b == 0x0A { out.append(0x0D) }
      out.append(b)
    }
    try out.withUnsafeBytes { try sink($0) }
  }
}

extension NetscapeWriter: CookieLineWriter {
  public static func recordLines(_ cookies: [Cookie], options: CookieWriteOptions) -> Data {
    if cookies.isEmpty { return Data() }
    let header = setUp(options).1
    return Data(write(cookies, options: options, parts: 1).data.dropFirst(header.utf8CodeUnitCount))
  }
}

extension LWPWriter: CookieLineWriter {
  public static func recordLines(_ cookies: [Cookie], options: CookieWriteOptions) -> Data {
    if cookies.isEmpty { return Data() }
    return Data(write(cookies, options: options).data.dropFirst(magic.utf8.count))
  }
}
