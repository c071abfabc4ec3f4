import ArgumentParser
import CookieCore

@main
struct Crumbs: ParsableCommand {
  /// `crumbs --version`.
  static let version = "0.9.0"

  static let configuration = CommandConfiguration(
    commandName: "crumbs",
    abstract: "Inspect, edit and convert cookie jars (cookies.txt, JSON, HAR, headers, browser stores).",
    discussion: """
      With FILE arguments and a terminal, `crumbs FILE…` opens the full-screen inspector; \
      with no FILE it opens the bundled example jar. The subcommands below serve scripts. \
      FILE may be `-` for standard input; its format is detected from the content.

      Formats read: \(CookieFormat.inputNames). Formats written (convert --to): \
      \(CookieFormats.writerNames).

      Exit codes: 0 success; 1 an input could not be read, an output could not be written, \
      or (lint) a problem of error severity was found; 64 bad usage. `diff` follows \
      diff(1) instead: 0 same, 1 different, 2 trouble (bad usage included). When the reader of \
      standard output goes away (`crumbs list FILE | head`), crumbs stops quietly with 0.

      Everything on standard error is escaped (`\\x1b`, `\\u{202e}`); so is the output on \
      standard output when it is a terminal. Into a pipe or a file the output is byte-exact.
      """,
    version: "crumbs \(version)",
    subcommands: [
      OpenCommand.self, ListCommand.self, ConvertCommand.self, PurgeExpiredCommand.self,
      HeaderCommand.self, LintCommand.self, SessionCommand.self, DiffCommand.self, MergeCommand.self,
    ],
    defaultSubcommand: OpenCommand.self
  )

  /// Parses and runs like `ParsableCommand.main()`, but every word the argument parser has
  /// to say (usage errors that echo a bad option value, help) goes out through `CLIStreams`,
  /// escaped like the rest of Crumbs' output; and a failed write to stdout or stderr turns
  /// into exit status 1 (see `CLIStreams.finish`).
  static func main() {
    CLIStreams.start()
    var status: Int32 = 0
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      status = report(error)
      // `crumbs diff` speaks diff(1)'s statuses: bad usage is trouble, 2, not 64.
      if status == 64 && CommandLine.arguments.dropFirst().first == DiffCommand.configuration.commandName {
        status = DiffCommand.troubleStatus
      }
    }
    CLIStreams.finish(status: status)
  }

  /// Prints what the argument parser says about `error` (help on stdout for a clean exit,
  /// the error and usage on stderr otherwise); returns the exit status it calls for.
  static func report(_ error: any Error) -> Int32 {
    let code = exitCode(for: error)
    let message = fullMessage(for: error)
    if !message.isEmpty {
      if code == .success {
        CLIStreams.stdout(message.hasSuffix("\n") ? message : message + "\n")
      } else {
        CLIStreams.stderrText(message)
      }
    }
    return code.rawValue
  }
}
