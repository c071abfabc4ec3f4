import ArgumentParser
import CookieCore

@main
struct Crumbs: ParsableCommand {
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
      or (lint) a problem of error severity was found; 64 bad usage.
      """,
    subcommands: [
      OpenCommand.self, ListCommand.self, ConvertCommand.self, PurgeExpiredCommand.self,
      HeaderCommand.self, LintCommand.self,
    ],
    defaultSubcommand: OpenCommand.self
  )
}
