import ArgumentParser
import CookieCore

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge several jars into one.",
    discussion: """
      Loads each FILE (any formats) and writes one jar with every cookie identity (name, \
      domain, host-only flag, path, partition) once, in the order it first appears. When \
      jars hold one identity with different content, that is a conflict: --prefer picks \
      the cookie kept, and each conflict is listed on standard error as \
      `crumbs: merge: conflict: IDENTITY: FIELDS differ; kept FILE:LINE (--prefer P) over \
      FILE:LINE…` (fields named, values never shown).

      --prefer last (default) keeps the cookie of the jar given last; first, of the jar \
      given first; newer, the cookie set most recently: by the time the stores recorded \
      (last update, else creation) when both have one, else by the later expiry, and on \
      a tie the later jar.

      The output format is --to, else the first input's format when it can be written, \
      else netscape. OUT is written like `convert -o`: atomically, a new file with mode \
      0600, an existing file only if it is an unchanged input in the same format or with \
      --force, a browser store never.

      Exit codes: 0 written (conflicts or not); 1 an input could not be read or the \
      output not written (nothing is written then); 64 bad usage.
      """)

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("Write here (`-` for standard output, the default).", valueName: "OUT"))
  var output: String?
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Which cookie a conflict keeps: \(MergePreference.allCases.map(\.rawValue).joined(separator: ", ")) (default: last).",
      valueName: "PREFER"))
  var prefer: MergePreference = .last
  @Option(
    name: .long, help: ArgumentHelp("The output format: \(ConvertCommand.writerNames).", valueName: "FORMAT"))
  var to: String?
  @Option(name: .long, help: ArgumentHelp("A variant of the output format (see convert).", valueName: "NAME"))
  var dialect: String?
  @Flag(
    name: .long,
    help: "Replace OUT when it is an existing file that was not loaded or changed on disk since it was read.")
  var force = false
  @OptionGroup var input: InputOptions
  @Argument(help: ArgumentHelp("Cookie files to merge; `-` reads standard input.", valueName: "FILE"))
  var files: [String]

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give at least one FILE to merge") }
    if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input can be read only once") }
    if let to {
      guard let format = CookieFormat(rawValue: to), let writer = CookieFormats.writer(for: format) else {
        throw ValidationError(
          "cannot write '\(to)'; formats that can be written: \(ConvertCommand.writerNames)")
      }
      if let dialect, !writer.dialects.contains(dialect) {
        throw ValidationError("unknown \(to) dialect '\(dialect)'")
      }
    }
  }

  func run() throws {
    var jars: [[Cookie]] = []
    var sources: [LoadedSource] = []
    var formats: [CookieFormat] = []
    var failed = false
    for file in files {
      let loaded = JarInputs.load([file], options: input)
      if loaded.failed {
        failed = true
        continue
      }
      jars.append(loaded.store.cookies)
      sources += loaded.sources
      formats += loaded.jars.map(\.format)
    }
    if failed { throw ExitCode(1) }
    let format =
      to.flatMap(CookieFormat.init(rawValue:))
      ?? formats.first.flatMap { CookieFormats.writer(for: $0) != nil ? $0 : nil } ?? .netscape
    guard let writer = CookieFormats.writer(for: format) else { throw ExitCode(64) }
    if let dialect, !writer.dialects.contains(dialect) {
      CLIStreams.stderr("crumbs: error: the \(format.rawValue) format has no dialect '\(dialect)'")
      throw ExitCode(64)
    }

    let merge = JarMerge(jars: jars, prefer: prefer)
    for conflict in merge.conflicts {
      let kept = conflict.candidates[conflict.chosen].cookie.sourceDescription
      let others = conflict.candidates.indices.filter { $0 != conflict.chosen }
        .map { conflict.candidates[$0].cookie.sourceDescription }
      CLIStreams.stderr(
        "crumbs: merge: conflict: \(conflict.id): \(conflict.fields.map(\.rawValue).joined(separator: ", ")) differ; kept \(kept) (--prefer \(prefer.rawValue)) over \(others.joined(separator: ", "))"
      )
    }
    CLIStreams.stderr(
      "crumbs: merge: \(merge.cookies.count) cookies from \(jars.count) jars; \(merge.conflicts.count) conflicts"
    )
    guard
      let result = JarOutput.save(
        merge.cookies, with: writer, options: CookieWriteOptions(dialect: dialect, now: input.clock),
        to: output, sources: sources, force: force)
    else { throw ExitCode(1) }
    for w in result.warnings { CLIStreams.stderr(w.description) }
  }
}

extension MergePreference: ExpressibleByArgument {}
