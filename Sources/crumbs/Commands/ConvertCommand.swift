import ArgumentParser
import CookieCore

struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Convert cookie jars to another format.",
    discussion: """
      Loads every FILE in order into one jar (a later cookie with the same identity \
      replaces an earlier one, with a note) and writes it in the format --to names. \
      Every field the target format cannot hold is reported on standard error, and a \
      cookie it cannot hold at all is left out with a warning naming it.

      Formats that can be written: \(ConvertCommand.writerNames). \
      Netscape dialects: curl (default: `#HttpOnly_`, `0` for session cookies), cpython \
      (loads in CPython's MozillaCookieJar and yt-dlp: empty expiry for session cookies), \
      wget (`host:port` domains, no `#HttpOnly_`).

      Exit codes: 0 success; 1 an input could not be read or the output not written \
      (nothing is written then); 64 bad usage.
      """)

  @Option(
    name: .long, help: ArgumentHelp("The output format: \(ConvertCommand.writerNames).", valueName: "FORMAT"))
  var to: String?
  @Option(
    name: .customLong("for"),
    help: ArgumentHelp(
      "Write for this program: its format and dialect, and a warning for each cookie it will still drop or change: \(CookieConsumer.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "CONSUMER"))
  var consumer: CookieConsumer?
  @Option(name: .long, help: ArgumentHelp("A variant of the output format (see below).", valueName: "NAME"))
  var dialect: String?
  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("Write here instead of standard output.", valueName: "OUT"))
  var output: String?
  @Flag(
    name: .long,
    help:
      "Replace OUT when it is an existing file that was not loaded, is read-only, or is an input that changed on disk since it was read (a browser store is never replaced)."
  )
  var force = false
  @OptionGroup var redaction: RedactOptions
  @OptionGroup var input: InputOptions
  @OptionGroup var browser: BrowserInputOptions
  @Argument(help: ArgumentHelp("Cookie files to read; `-` reads standard input.", valueName: "FILE"))
  var files: [String] = []

  static var writerNames: String {
    var names: [String] = []
    for w in CookieFormats.writers { names.append(w.format.rawValue) }
    return names.joined(separator: ", ")
  }

  /// `--to`, else the format `--for` names.
  var target: String? { to ?? consumer?.format.rawValue }

  func validate() throws {
    if files.isEmpty && browser.isEmpty {
      throw ValidationError("give at least one FILE (or - for standard input, or --from-browser BROWSER)")
    }
    guard let to = target else { throw ValidationError("give --to FORMAT or --for CONSUMER") }
    guard let format = CookieFormat(rawValue: to), let writer = CookieFormats.writer(for: format) else {
      throw ValidationError(
        "cannot write '\(to)'; formats that can be written: \(ConvertCommand.writerNames)")
    }
    if let dialect {
      let known = writer.dialects
      guard known.contains(dialect) else {
        throw ValidationError(
          known.isEmpty
            ? "the \(to) format has no dialects"
            : "unknown \(to) dialect '\(dialect)'; known: \(known.joined(separator: ", "))")
      }
    }
  }

  func run() throws {
    guard let to = target, let format = CookieFormat(rawValue: to),
      let writer = CookieFormats.writer(for: format)
    else {
      throw ExitCode(64)
    }
    if !JarOutput.precheck(output, inputs: files, force: force) { throw ExitCode(1) }
    let inputs = JarInputs.load(files, options: input, browsers: browser.specs)
    if inputs.failed { throw ExitCode(1) }
    var cookies = inputs.store.cookies
    if let r = redaction.makeRedaction() { cookies = r.redact(cookies) }
    let dialect = self.dialect ?? (format == consumer?.format ? consumer?.dialect : nil)
    if let consumer {
      var kept: [Cookie] = []
      kept.reserveCapacity(cookies.count)
      for c in cookies {
        let verdicts = consumer.verdicts(for: c, now: input.clock)
        let leftOut = consumer.leavesOut(verdicts)
        for v in verdicts {
          let i = v.issue
          guard i.severity != .info else { continue }
          CLIStreams.stderr(
            "\(c.sourceDescription): warning: \(consumer.rawValue) \(i.kind): \(c.id): \(i.reason)"
              + (leftOut ? " (left out: one such cookie makes the browser refuse the whole file)" : ""))
        }
        if !leftOut { kept.append(c) }
      }
      cookies = kept
    }
    guard
      let result = JarOutput.save(
        cookies, with: writer, options: CookieWriteOptions(dialect: dialect, now: input.clock),
        to: output, sources: inputs.sources, force: force)
    else { throw ExitCode(1) }
    for w in result.warnings { CLIStreams.stderr(w.description) }
  }
}
