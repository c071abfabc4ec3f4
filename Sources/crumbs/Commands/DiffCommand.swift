import ArgumentParser
import CookieCore
import Foundation

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two jars: cookies added, removed and changed.",
    discussion: """
      Loads OLD and NEW (any formats, each detected on its own) and matches their cookies \
      by identity: name, domain, host-only flag, path and partition. A cookie only in NEW \
      is added (`+`), only in OLD removed (`-`), in both with a different field changed \
      (`~`, each field shown old → new). A last line counts them.

      Fields compared: \(CookieField.names). The creation and update times, priority, \
      comment and source scheme and port are compared only when both jars record them \
      (a cookies.txt has none of them); the last-access time is never compared (a browser \
      updates it whenever it sends the cookie). --ignore leaves out a noisy field, e.g. \
      `--ignore expires` for two jars written by runs at different times.

      --json writes one object: {"old": OLD, "new": NEW, "added": [COOKIE…], "removed": \
      [COOKIE…], "changed": [{"identity": {"name", "domain", "hostOnly", "path", \
      "partition"}, "source": {"old", "new"}, "fields": {FIELD: {"old": V, "new": V}}}], \
      "same": N}. A COOKIE has the keys of `crumbs list --json`; V is a string, a bool, a \
      number (Unix seconds for times) or null (a session cookie's expiry, an unset field).

      Exit codes, as diff(1): 0 the jars hold the same cookies; 1 they differ; 2 trouble \
      (an input could not be read, bad usage).
      """)

  @Flag(name: .long, help: "Write one JSON object instead of the text.") var json = false
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Leave this field out of the comparison (repeat it, or separate names with commas): \(CookieField.names).",
      valueName: "FIELD"))
  var ignore: [String] = []
  @OptionGroup var redaction: RedactOptions
  @OptionGroup var input: InputOptions
  @OptionGroup var browser: BrowserInputOptions
  @Argument(
    help: ArgumentHelp(
      "The older jar; `-` reads standard input. With --from-browser, the browser is the side not given as a file (files first: `diff jar.txt --from-browser firefox` compares the jar with Firefox).",
      valueName: "OLD"))
  var old: String?
  @Argument(help: ArgumentHelp("The newer jar; `-` reads standard input.", valueName: "NEW"))
  var new: String?

  /// The two sides in order: the files, then the browsers.
  var sides: [JarSource] {
    [old, new].compactMap { $0 }.map(JarSource.file) + browser.specs.map(JarSource.browser)
  }

  /// diff(1)'s status for trouble; `Crumbs.main` also maps bad usage of `diff` to it.
  static let troubleStatus: Int32 = 2

  var ignoredFields: Set<CookieField> {
    get throws {
      var out = Set<CookieField>()
      for word in ignore.flatMap({ $0.split(separator: ",") }) {
        let name = word.trimmingCharacters(in: .whitespaces)
        guard let f = CookieField(parsing: name) else {
          throw ValidationError("unknown field '\(name)' for --ignore; known: \(CookieField.names)")
        }
        out.insert(f)
      }
      return out
    }
  }

  func validate() throws {
    _ = try ignoredFields
    if old == "-" && new == "-" { throw ValidationError("only one of OLD and NEW can be standard input") }
    let n = [old, new].compactMap { $0 }.count + browser.fromBrowser.count
    if n != 2 {
      throw ValidationError(
        "diff compares two jars: give OLD and NEW, as files or with --from-browser (\(n) given)")
    }
  }

  func run() throws {
    let ignoring = try ignoredFields
    let sides = self.sides
    func load(_ side: JarSource) -> JarInputs {
      switch side {
      case .file(let f): JarInputs.load([f], options: input)
      case .browser(let spec): JarInputs.load([], options: input, browsers: [spec])
      }
    }
    func name(_ side: JarSource, _ loaded: JarInputs) -> String {
      switch side {
      case .file(let f): f
      case .browser: loaded.jars.first?.name ?? "browser"
      }
    }
    let a = load(sides[0])
    let b = load(sides[1])
    if a.failed || b.failed { throw ExitCode(Self.troubleStatus) }
    let old = name(sides[0], a)
    let new = name(sides[1], b)
    let diff = JarDiff(old: a.store.cookies, new: b.store.cookies, ignoring: ignoring)
    let report = JarDiffReport(diff: diff, redaction: redaction.makeRedaction(), now: input.clock)
    if json {
      report.printJSON(old: old, new: new)
    } else {
      report.printText(old: old, new: new)
    }
    if !diff.isEmpty { throw ExitCode(1) }
  }
}
