import ArgumentParser
import CookieCore
import Foundation

struct PurgeExpiredCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "purge-expired",
    abstract: "Remove expired cookies from a jar.",
    discussion: """
      Drops every cookie whose expiry is at or before --now (RFC 6265bis §5.7; session \
      cookies stay) and says on standard error how many. The result is written in the \
      input's format and dialect (--dialect overrides it). In its own format and dialect \
      the jar is edited, not rewritten: only the lines of expired cookies go, and \
      comments, blank lines, lines that could not be read and CRLF endings keep their \
      bytes. Saving is atomic: permissions are kept, a symlink stays a link to the saved \
      file, a new file is created 0600. Without --force, nothing replaces a file that \
      changed on disk since it was read, a read-only file, or an existing OUT that is not \
      the input; a browser store is never written. A device or FIFO as OUT is written as \
      a stream.

      Exit codes: 0 success; 1 the input could not be read or the output not written; \
      64 bad usage (e.g. neither or both of -o and --in-place).
      """)

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("Write the result here (`-`: standard output).", valueName: "OUT"))
  var output: String?
  @Flag(name: .long, help: "Replace FILE with the result.") var inPlace = false
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Netscape dialect to write: curl, cpython, wget (default: the input's own, e.g. cpython for a jar CPython wrote).",
      valueName: "NAME"))
  var dialect: String?
  @Flag(
    name: .long,
    help:
      "Replace the file even if it changed on disk since it was read, is read-only, or (with -o) exists and is not the input."
  )
  var force = false
  @Flag(
    name: .long,
    help:
      "Print the time and resident memory after each phase (read, index, purge, save) to standard error."
  )
  var timings = false
  @OptionGroup var input: InputOptions
  @Argument(help: ArgumentHelp("The cookie file; `-` reads standard input (then use -o).", valueName: "FILE"))
  var file: String

  func validate() throws {
    if (output == nil) == !inPlace {
      throw ValidationError("give exactly one of -o OUT and --in-place")
    }
    if inPlace && file == "-" { throw ValidationError("--in-place needs a file, not standard input") }
  }

  func run() throws {
    var clock = PhaseClock(enabled: timings)
    let now = input.clock
    if !inPlace, !JarOutput.precheck(output, inputs: [file], force: force) { throw ExitCode(1) }
    var inputs = JarInputs.load([file], options: input, keepOriginal: true, clock: &clock)
    guard !inputs.failed, let jar = inputs.jars.first else { throw ExitCode(1) }
    guard let writer = CookieFormats.writer(for: jar.format) else {
      CLIStreams.stderr(
        "\(file): error: Crumbs cannot write the \(jar.format.rawValue) format; use `crumbs convert --to FORMAT` to save the cookies in another format"
      )
      throw ExitCode(1)
    }
    if let dialect, !writer.dialects.contains(dialect) {
      CLIStreams.stderr("error: unknown \(jar.format.rawValue) dialect '\(dialect)'")
      throw ExitCode(64)
    }
    let sources = inputs.sources
    // No undo is needed here: take the cookies out of the store (no copy) and filter them
    // in place.
    var kept = inputs.store.takeCookies()
    let before = kept.count
    // In the file's own format and layout, the file is edited, not rewritten: only the
    // lines of expired cookies go; comments, blank lines, lines no reader could parse and
    // cookies this format could not write back all keep their bytes.
    let ownDialect = jar.dialect ?? writer.dialects.first
    var lineEdit: (original: KeptBytes, edits: LineEdits)? = nil
    if let original = jar.original, dialect == nil || dialect == ownDialect {
      lineEdit = (original, LineEdits.removing(from: kept) { $0.isExpired(at: now) })
    }
    inputs.jars = []
    let purged = SpareMemory.removeExpired(&kept, now: now)
    SpareMemory.release(&kept)
    clock.lap("purge")
    // Serialising and writing are one phase: the output streams into the file in chunks.
    guard
      let result = JarOutput.save(
        kept, with: writer, options: CookieWriteOptions(dialect: dialect ?? jar.dialect, now: now),
        to: inPlace ? file : output, sources: sources, force: force, inPlace: lineEdit)
    else { throw ExitCode(1) }
    clock.lap("save")
    for w in result.warnings { CLIStreams.stderr(w.description) }
    CLIStreams.stderr(
      "purged \(purged) expired \(purged == 1 ? "cookie" : "cookies") of \(before); \(kept.count - result.skipped) written"
    )
    clock.report()
  }
}
