import ArgumentParser
import CookieCore
import Foundation

/// `--min-severity` values.
enum LintSeverityOption: String, ExpressibleByArgument, CaseIterable {
  case info, warning, error
  var severity: CookieIssue.Severity {
    switch self {
    case .info: .info
    case .warning: .warning
    case .error: .error
    }
  }
}

struct LintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Report cookies that browsers or tools would reject, clamp or misread.",
    discussion: """
      Prints `source: severity: [rule] message (name @ domain)` per issue and a summary. \
      Exit status 1 when any issue or load diagnostic has error severity or a file cannot \
      be read (whatever --min-severity hides), else 0.

      Rules: \(CookieLint.rules.map(\.name).joined(separator: ", ")).

      --for CONSUMER (\(CookieConsumer.allCases.map(\.rawValue).joined(separator: ", "))) \
      lists instead what that program does to each cookie of the jar Crumbs writes for it \
      (`crumbs convert --for CONSUMER`): dropped on load (error), changed (warning), or kept \
      and sent differently (info), with the reason (rule `for-CONSUMER`).
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var browser: BrowserInputOptions

  @Flag(name: .long, help: "Print a JSON array of {source, name, domain, path, rule, severity, message}.")
  var json = false

  @Option(name: .customLong("min-severity"), help: "Hide issues below this severity: info, warning or error.")
  var minSeverity: LintSeverityOption = .info

  @Option(
    name: .customLong("for"),
    help: ArgumentHelp(
      "List what this program would drop, change or send differently: \(CookieConsumer.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "CONSUMER"))
  var consumer: CookieConsumer?

  @Flag(
    name: .long,
    help:
      "Print the time and resident memory after each phase (read, index, findings) to standard error."
  )
  var timings = false

  @Argument(help: "Cookie files to lint (`-` for standard input).") var files: [String] = []

  func validate() throws {
    if files.isEmpty && browser.isEmpty {
      throw ValidationError("name at least one cookie file (or --from-browser BROWSER)")
    }
  }

  func run() throws {
    var report = LintReport(minSeverity: minSeverity.severity)
    // Findings stream out as they are found (a million-cookie jar has millions of them);
    // only the counts for the summary are kept.
    var out = StdoutBuffer()
    var jsonItems = 0
    var clock = PhaseClock(enabled: timings)
    for source in files.map(JarSource.file) + browser.specs.map(JarSource.browser) {
      do {
        let jar: LoadedJar
        switch source {
        case .file(let file): jar = try JarLoader.load(file, options: input)
        case .browser(let spec): jar = try JarLoader.load(browser: spec, options: input)
        }
        clock.lap("read")
        if json {
          report.add(
            file: jar.name, cookies: jar.cookies, diagnostics: jar.diagnostics, now: input.clock,
            consumer: consumer, render: { $0.jsonObject },
            // Keep stdout valid JSON: diagnostics go to stderr then.
            emitDiagnostic: { CLIStreams.stderr($0.description) },
            emit: { text in
              out.append(jsonItems == 0 ? "[\n" : ",\n")
              jsonItems += 1
              out.append(text)
            })
        } else {
          report.addText(
            file: jar.name, cookies: jar.cookies, diagnostics: jar.diagnostics, now: input.clock,
            consumer: consumer, indexed: { clock.lap("index") },
            emitDiagnostic: { d in
              out.append(TerminalSafe.escape(d.description))
              out.append(UInt8(ascii: "\n"))
            },
            emit: { lines in
              // A part's lines (already terminal-safe) go out as they are, after what waits.
              out.flush()
              lines.withUnsafeBytes { CLIStreams.stdout(bytes: $0) }
            })
        }
      } catch {
        report.addUnreadable()
        CLIStreams.stderr("\(error)")
      }
      // Text goes out file by file, so a long run shows progress.
      out.flush()
      clock.lap("findings")
    }
    if json {
      out.append(jsonItems == 0 ? "[]\n" : "\n]\n")
      out.flush()
      CLIStreams.stderr(report.summary)
    } else {
      CLIStreams.stdoutLine(report.summary)
    }
    clock.report()
    if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
  }
}

extension CookieConsumer: ExpressibleByArgument {}
