import ArgumentParser
import BrowserStores
import CookieCore
import Foundation

/// `crumbs header --url URL [--origin URL] [--now EPOCH] FILE…`: the `Cookie` header a
/// browser would send to URL after the inputs, in order. Captures (header dumps, HAR) are
/// replayed through the RFC 6265bis storage model with their own URL and time; cookie jars
/// (cookies.txt, JSON, browser stores) are put in as they are.
struct HeaderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "header",
    abstract: "Print the Cookie header a browser would send to a URL.",
    discussion: """
      Prints the header value (`a=b; c=d`, no `Cookie: ` prefix), or nothing when no cookie \
      matches. Cookies come from the FILEs in order: Set-Cookie lines of header dumps and HAR \
      entries go through the RFC 6265bis storage model from their request URL (or --origin), \
      so later files can replace or delete cookies of earlier ones; cookie jars are loaded as \
      they are. Rejected cookies are reported on standard error with the reason.

      By default the request is same-site and top-level. --site PAGE makes it a request \
      from that top-level site: SameSite=Strict cookies stay home on a cross-site request, \
      Lax ones too unless --navigation, cookies without SameSite are treated as Lax (as \
      Chrome does), and a partitioned (CHIPS) cookie goes only to its own top-level site. \
      --explain lists on standard error every cookie of the URL's site that is not sent, \
      with the reasons (expired, path, Secure over http, host-only, SameSite, partition).
      """)

  @Option(name: .long, help: ArgumentHelp("The URL the request goes to.", valueName: "URL"))
  var url: String

  @Flag(name: .long, help: "Print a shell-quoted `curl -b` argument instead of the bare value.")
  var curl = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The top-level site the request is made from (a page URL), for SameSite and partitioned cookies; default: the request's own site.",
      valueName: "URL"))
  var site: String?

  @Flag(
    name: .long,
    help:
      "The request is a top-level navigation (a followed link, GET): SameSite=Lax cookies go on a cross-site one."
  )
  var navigation = false

  @Flag(
    name: .long,
    help: "On standard error, list every cookie of the URL's site that is not sent, with the reasons.")
  var explain = false

  @Flag(name: .long, help: "Do not report rejected or unusual cookies on standard error.")
  var quiet = false

  @OptionGroup var input: InputOptions
  @OptionGroup var browser: BrowserInputOptions

  @Argument(help: ArgumentHelp("Cookie files, captures or `-` for standard input.", valueName: "FILE"))
  var files: [String] = []

  func validate() throws {
    if RequestURL(url) == nil {
      throw ValidationError("--url \(url) is not an absolute URL (scheme://host/path)")
    }
    if files.isEmpty && browser.isEmpty {
      throw ValidationError("give at least one FILE (or - for standard input, or --from-browser BROWSER)")
    }
    if let site, RequestURL(site) == nil {
      throw ValidationError("--site \(site) is not an absolute URL (scheme://host/path)")
    }
  }

  func run() throws {
    guard let target = RequestURL(url) else { throw ExitCode.validationFailure }
    let now = input.clock
    var jar = CookieJar()
    var failed = false
    let request = CookieRequest(
      url: target, topLevel: site.flatMap(RequestURL.init), isTopLevelNavigation: navigation)
    for (k, name) in files.enumerated() {
      do {
        // The last input's jar cookies that the request does not concern need not enter the
        // jar at all (no later capture can meet them): a million-cookie jar stays cheap.
        let keep = k == files.count - 1 ? CookieJar.concerns(request) : nil
        let diagnostics = try HeaderCommand.load(name, into: &jar, input: input, now: now, keep: keep)
        if !quiet { for d in diagnostics { HeaderCommand.printError(d.description) } }
      } catch let e as JarLoadError {
        HeaderCommand.printError(e.description)
        failed = true
      }
    }
    for spec in browser.specs {
      do {
        let loaded = try JarLoader.load(browser: spec, options: input)
        for c in loaded.cookies { jar.insert(c) }
        if !quiet { for d in loaded.diagnostics { HeaderCommand.printError(d.description) } }
      } catch let e as JarLoadError {
        HeaderCommand.printError(e.description)
        failed = true
      }
    }
    if failed { throw ExitCode.failure }
    let (sent, excluded) = jar.evaluate(request, at: now)
    if explain {
      let how = request.isSameSite ? "same-site" : "cross-site from \(request.topLevelSite)"
      CLIStreams.stderr("\(target): \(sent.count) sent, \(excluded.count) not sent (\(how) request)")
      for (c, reasons) in excluded {
        CLIStreams.stderr(
          "\(c.sourceDescription): not sent: \(c.name) @ \(c.hostOnly ? "" : ".")\(c.domain)\(c.path): "
            + reasons.map(\.description).joined(separator: "; "))
      }
    }
    if sent.isEmpty { return }
    let header = CookieJar.serialize(sent)
    let text = curl ? "-b " + HeaderCommand.shellQuote(header) : header
    // Escaped on a terminal, byte-exact into a pipe (CLIStreams).
    CLIStreams.stdoutLine(text)
  }

  /// Reads one input into `jar`; returns what its reader had to say.
  static func load(
    _ name: String, into jar: inout CookieJar, input options: InputOptions, now: Instant,
    keep: ((Cookie) -> Bool)? = nil
  ) throws -> [Diagnostic] {
    let input = try JarLoader.input(name, limit: options.inputSizeLimit)
    let diagnostics = try read(input, name: name, into: &jar, options: options, now: now, keep: keep)
    // A result read from a file truncated or rewritten meanwhile is not used.
    try input.checkUnchanged(name)
    return diagnostics
  }

  private static func read(
    _ input: JarLoader.Input, name: String, into jar: inout CookieJar, options: InputOptions, now: Instant,
    keep: ((Cookie) -> Bool)?
  ) throws -> [Diagnostic] {
    let reader: any CookieReader.Type
    do {
      reader = try JarLoader.reader(for: input.data, name: name, forced: options.forcedFormat)
    } catch {
      try input.checkUnchanged(name)
      throw error
    }
    let data = input.bytes(for: reader.format)
    do {
      switch reader.format {
      case .headers:
        // Captures are replayed into the shared jar, so a later dump's Set-Cookie can
        // replace or delete a cookie of an earlier file.
        var diagnostics: [Diagnostic] = []
        let origin = HeadersReader.originURL(
          CookieReadOptions(sourceName: name, now: now, origin: options.origin), diagnostics: &diagnostics)
        let capture = HeaderDumpParser.parse(data, sourceName: name, origin: origin)
        return diagnostics + CaptureReplay.apply(capture, to: &jar, sourceName: name, now: now)
      case .har:
        let capture = try HARParser.parse(data, sourceName: name)
        return CaptureReplay.apply(capture, to: &jar, sourceName: name, now: now)
      default:
        var readOptions = CookieReadOptions(
          sourceName: name, now: now, origin: options.origin, filePath: input.path)
        readOptions.consumed = input.mapping?.release
        let result = try reader.read(data, options: readOptions)
        for c in result.cookies where keep?(c) ?? true { jar.insert(c) }
        return result.diagnostics
      }
    } catch let e as CookieFormatError {
      try input.checkUnchanged(name)
      throw JarLoadError(description: e.description)
    }
  }

  /// POSIX shell single quotes: `'` becomes `'\''`.
  static func shellQuote(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  static func printError(_ s: String) { CLIStreams.stderr(s) }
}
