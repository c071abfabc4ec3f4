import Foundation

/// Every cookie format Crumbs knows, by the name `--format` / `--to` take.
public enum CookieFormat: String, CaseIterable, Sendable, Hashable {
  /// curl / wget / CPython / yt-dlp `cookies.txt` (REFERENCE §1).
  case netscape
  /// LWP `Set-Cookie3` (CPython `LWPCookieJar`, libwww-perl) (§2).
  case lwp
  /// chrome.cookies-shaped JSON arrays: Cookie-Editor, EditThisCookie, Puppeteer/CDP (§3).
  case json
  /// Playwright `storageState` JSON.
  case playwright
  /// HAR 1.2 captures (§4).
  case har
  /// Captured headers: `Set-Cookie:` lines, raw responses, `curl -i/-D/-v` dumps (§5).
  case headers
  /// `Set-Cookie:` lines, one per cookie (output).
  case setCookie = "set-cookie"
  /// One `Cookie:` request header (output; input through `headers`).
  case cookieHeader = "cookie-header"
  /// Firefox `cookies.sqlite` (§6).
  case firefox
  /// Chromium `Cookies` SQLite (§7).
  case chromium
  /// Safari `Cookies.binarycookies` (§8).
  case safari
}

/// What a reader produced: cookies in file order plus what it had to say about the input.
public struct CookieReadResult: Sendable {
  public var cookies: [Cookie]
  public var diagnostics: [Diagnostic]
  public var format: CookieFormat
  /// The writer dialect that gives the next tool back what it wrote (e.g. Netscape
  /// `cpython` for a jar CPython saved), nil for the format's default. Saving to the same
  /// file uses it, so a CPython jar's session cookies are not turned into `0` (which
  /// CPython reads as expired, REFERENCE §1.5).
  public var dialect: String?
  public init(
    cookies: [Cookie] = [], diagnostics: [Diagnostic] = [], format: CookieFormat, dialect: String? = nil
  ) {
    self.cookies = cookies
    self.diagnostics = diagnostics
    self.format = format
    self.dialect = dialect
  }
}

/// Context a reader may need beyond the bytes.
public struct CookieReadOptions: Sendable {
  /// Path as the user named it, used in diagnostics and as each cookie's `sourceFile`.
  public var sourceName: String
  /// The clock (`--now`); readers evaluating `Max-Age` use it when the input carries no time.
  public var now: Instant
  /// `--origin URL`: where captured `Set-Cookie` lines came from when the dump does not say.
  public var origin: String?
  /// The real path on disk when the input is a file (nil for stdin). Readers that must look
  /// at sibling files (a SQLite `-wal`) use it; they never write to it.
  public var filePath: String?
  /// Optional: a reader that goes through its input once may call this with byte ranges
  /// it will not look at again, so a loader that memory-mapped a large file can let those
  /// pages go (a 1,000,000-cookie jar is ~70 MB). It may be called from several threads.
  public var consumed: (@Sendable (Range<Int>) -> Void)? = nil
  public init(sourceName: String, now: Instant, origin: String? = nil, filePath: String? = nil) {
    self.sourceName = sourceName
    self.now = now
    self.origin = origin
    self.filePath = filePath
  }
}

/// The input is not in this format at all (as opposed to a bad line, which is a diagnostic).
public struct CookieFormatError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var message: String
  /// Where in the input the problem is, when known (e.g. broken JSON).
  public var line: Int?
  public var column: Int?
  public init(file: String, _ message: String) {
    self.file = file
    self.message = message
  }
  public init(file: String, line: Int?, column: Int? = nil, _ message: String) {
    self.file = file
    self.message = message
    self.line = line
    self.column = column
  }
  /// `file:line:column: error: message`, like `Diagnostic`.
  public var description: String {
    var s = file
    if let line { s += ":\(line)" }
    if let column { s += ":\(column)" }
    return "\(s): error: \(message)"
  }
}

/// A reader for one format.
public protocol CookieReader: Sendable {
  static var format: CookieFormat { get }
  /// How sure the reader is that `prefix` (the first bytes of the input, up to 64 KiB) is
  /// in its format: 0 no, 100 certain. Content sniffing picks the highest.
  static func sniff(_ prefix: Data, fileName: String) -> Int
  /// Reads the whole input. Throws `CookieFormatError` only when nothing can be read.
  static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult
}

/// Options for writing.
public struct CookieWriteOptions: Sendable {
  /// A format-specific variant, e.g. Netscape `curl` (default) or `cpython`.
  public var dialect: String?
  public var now: Instant
  public init(dialect: String? = nil, now: Instant) {
    self.dialect = dialect
    self.now = now
  }
}

/// What a writer produced: the bytes and a warning for every field it could not hold.
public struct CookieWriteResult: Sendable {
  public var data: Data
  public var warnings: [Diagnostic]
  /// Cookies left out entirely (each also has a warning).
  public var skipped: Int
  public init(data: Data, warnings: [Diagnostic] = [], skipped: Int = 0) {
    self.data = data
    self.warnings = warnings
    self.skipped = skipped
  }
}

/// A writer for one format.
public protocol CookieWriter: Sendable {
  static var format: CookieFormat { get }
  static func write(_ cookies: [Cookie], options: CookieWriteOptions) -> CookieWriteResult
  /// Names `CookieWriteOptions.dialect` accepts, the default first; empty when the format
  /// has no variants.
  static var dialects: [String] { get }
  /// Writes the same bytes as `write(_:options:)`, handed to `sink` in order, in pieces,
  /// so a large jar can go to a file without its whole output in memory at once. A throw
  /// from `sink` stops the writing and is passed on.
  static func write(
    _ cookies: [Cookie], options: CookieWriteOptions, to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary
}

extension CookieWriter {
  public static var dialects: [String] { [] }

  /// Default: the whole output in one piece.
  public static func write(
    _ cookies: [Cookie], options: CookieWriteOptions, to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    let result = write(cookies, options: options)
    try result.data.withUnsafeBytes { try sink($0) }
    return CookieWriteSummary(
      warnings: result.warnings, skipped: result.skipped, byteCount: result.data.count)
  }
}

/// What a streaming write produced besides the bytes (which went to the sink).
public struct CookieWriteSummary: Sendable {
  public var warnings: [Diagnostic]
  /// Cookies left out entirely (each also has a warning).
  public var skipped: Int
  /// Bytes handed to the sink.
  public var byteCount: Int
  public init(warnings: [Diagnostic] = [], skipped: Int = 0, byteCount: Int = 0) {
    self.warnings = warnings
    self.skipped = skipped
    self.byteCount = byteCount
  }
}
