import ArgumentParser
import CookieCore
import Foundation
import Inspector
import SessionSigning

#if canImport(Glibc)
  import Glibc
#endif

struct OpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open jars in the full-screen inspector (the default command).",
    discussion: """
      Without FILE, opens the example jar bundled with Crumbs (Examples/cookies.txt).
      Keys: press ? in the inspector, or read docs/KEYS.md. NO_COLOR turns colours off.

      With a key (--key-file, --key or CRUMBS_SECRET_KEY; or S in the inspector), the \
      detail pane verifies Flask, Django and Express session cookies, and an edited \
      session payload is re-signed on save. The key stays in memory only.

      Hidden columns, column widths, the sort and the Expires style are remembered in
      $XDG_CONFIG_HOME/crumbs/inspector.json (else ~/.config/crumbs/inspector.json).
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var keys: SessionKeyOptions
  @OptionGroup var browser: BrowserInputOptions
  @Flag(
    name: .customLong("diff"),
    help:
      "Compare two jars (FILE FILE, or with --from-browser): every cookie with its status (added, removed, changed, same); L and R take a side, W saves the result."
  )
  var diff = false
  @Argument(help: "Cookie files to open.") var files: [String] = []

  func run() throws {
    guard CLIStreams.stdoutIsTerminal, isatty(STDIN_FILENO) != 0 else {
      CLIStreams.stderrText(
        """
        crumbs: the inspector needs a terminal (standard input and output are not both one).
        To print the cookies instead, use `crumbs list FILE` (see `crumbs --help`).
        """)
      throw ExitCode(64)
    }
    var names = files
    var note: StatusMessage? = nil
    if diff && names.count + browser.fromBrowser.count != 2 {
      throw ValidationError(
        "--diff compares two jars: give two FILEs, or a FILE and --from-browser, or two --from-browser")
    }
    if names.isEmpty && browser.isEmpty {
      guard let bundled = OpenCommand.bundledJar() else {
        throw ValidationError("no FILE given and the bundled Examples/cookies.txt was not found")
      }
      names = [bundled]
      note = StatusMessage("No FILE given: opened the bundled example \(bundled)")
    }
    if names.filter({ $0 == "-" }).count > 0 {
      throw ValidationError("the inspector reads its keys from the terminal; it cannot read a jar from `-`")
    }
    let now = input.clock
    // CRUMBS_TIMINGS=1: the phases up to the first frame on stderr at exit (benchmarks).
    var clock = PhaseClock(enabled: !(ProcessInfo.processInfo.environment["CRUMBS_TIMINGS"] ?? "").isEmpty)
    // What can fail or warn apart from the jars, first: nothing is printed once the screen
    // is up. `m` in the inspector: a fresh random key for this run, as `--redact` uses.
    let redactionKey = RedactionKey()
    let configPath = InspectorConfig.path()
    let (settings, warning) = InspectorConfig.load(configPath)
    let setup = InspectorSetup(
      now: now, note: note, sessionKey: try keys.resolve().map { SecretKey(Array($0)) },
      redaction: ValueRedaction(digest: { redactionKey.digest($0) }), settings: settings,
      settingsWarning: warning)
    let sources = names.map(JarSource.file) + browser.specs.map(JarSource.browser)
    let load = JarsToOpen(sources: sources, input: input, diff: diff)
    var session: InspectorSession
    if !diff, sources.count == 1, case .file(let name) = sources[0],
      let first = JarLoader.preview(name, now: now, forced: input.forcedFormat)
    {
      // A large cookies.txt: its first lines on screen at once while the whole file is read
      // on a thread of its own (keys wait for it; `InspectorSession.pendingLoad`).
      clock.lap("preview")
      session = InspectorSession(
        state: setup.preview(first, of: name), sources: [], fixedClock: input.now != nil,
        configPath: configPath, savedSettings: settings, clock: clock)
      session.pendingLoad = BackgroundLoad { try setup.opened(load.read()) }
    } else {
      let opened: OpenedJars
      do {
        opened = setup.opened(try load.read(clock: &clock))
      } catch let e as JarLoadError {
        CLIStreams.stderr(e.description)
        throw ExitCode(1)
      }
      clock.lap("state")
      session = InspectorSession(
        state: opened.state, sources: opened.sources, originals: opened.originals,
        fixedClock: input.now != nil,
        configPath: configPath, savedSettings: settings, clock: clock, pendingIndex: opened.index)
    }
    do {
      try session.run()
    } catch let e as JarLoadError {
      CLIStreams.stderr(e.description)
      throw ExitCode(1)
    }
    session.clock.report()
  }

  static let listedProblems = 10_000

  /// Examples/cookies.txt: next to the executable (walking up from `.build/debug`), in the
  /// current directory, or where the source tree was at build time.
  static func bundledJar() -> String? {
    let rel = "Examples/cookies.txt"
    var candidates: [URL] = []
    var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<6 {
      candidates.append(dir.appendingPathComponent(rel))
      dir = dir.deletingLastPathComponent()
    }
    candidates.append(
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(rel))
    // #filePath is Sources/crumbs/Commands/OpenCommand.swift: four levels below the root.
    var src = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { src = src.deletingLastPathComponent() }
    candidates.append(src.appendingPathComponent(rel))
    let cwd = FileManager.default.currentDirectoryPath + "/"
    for c in candidates where FileManager.default.fileExists(atPath: c.path) {
      let p = c.standardizedFileURL.path
      return p.hasPrefix(cwd) ? String(p.dropFirst(cwd.count)) : p
    }
    return nil
  }
}

/// The jars `crumbs open` was given, read into one store (the inspector's load, on the
/// main thread or, behind a preview, on a thread of its own).
struct JarsToOpen: @unchecked Sendable {
  var sources: [JarSource]
  var input: InputOptions
  var diff: Bool

  /// What the inspector needs of the read jars before it builds its state.
  struct Read {
    var store: CookieStore
    /// The identity index to build once the first frame is drawn (nil: the store has it).
    var index: BackgroundIndex?
    var replacedCount: Int
    var problems: [Diagnostic]
    var problemCount: Int
    var opened: [OpenFile]
    var sources: [LoadedSource]
    var originals: [String: KeptBytes]
    var compare: CompareInfo?
  }

  func read() throws -> Read {
    var clock = PhaseClock(enabled: false)
    return try read(clock: &clock)
  }

  /// Reads every jar; a file that cannot be read throws its `JarLoadError`.
  func read(clock: inout PhaseClock) throws -> Read {
    var cookies: [Cookie] = []
    var opened: [OpenFile] = []
    var loaded: [LoadedSource] = []
    var originals: [String: KeptBytes] = [:]
    var problems: [Diagnostic] = []
    var sides: [(name: String, cookies: [Cookie])] = []
    for source in sources {
      let jar: LoadedJar
      switch source {
      case .file(let name):
        jar = try JarLoader.load(
          name, now: input.clock, forced: input.forcedFormat, origin: input.origin,
          limit: input.inputSizeLimit, keepOriginal: true)
      case .browser(let spec):
        jar = try JarLoader.load(browser: spec, options: input)
      }
      clock.lap("read")
      // One file: its array as it is (appending to an empty array copies every cookie).
      if cookies.isEmpty { cookies = jar.cookies } else { cookies += jar.cookies }
      // A browser profile's note (which profile was opened) is not a problem.
      problems += jar.diagnostics.filter { $0.severity != .note }
      let name = jar.name
      if diff { sides.append((name, jar.cookies)) }
      opened.append(OpenFile(name: name, format: jar.format, dialect: jar.dialect))
      loaded.append(
        LoadedSource(name: name, format: jar.format, stamp: jar.stamp, cookieCount: jar.cookieCount))
      if let original = jar.original { originals[name] = original }
    }
    // The problems view lists the first ten thousand; a jar broken on every line would
    // otherwise keep a message per line for the whole session.
    let problemCount = problems.count
    if problemCount > OpenCommand.listedProblems {
      problems.removeLast(problemCount - OpenCommand.listedProblems)
      problems.append(
        Diagnostic(
          .note, file: opened.count == 1 ? opened[0].name : "crumbs",
          "… and \(problemCount - OpenCommand.listedProblems) more not listed here (crumbs lint lists them all)"
        ))
    }
    // --diff: B's cookies, then those only in A, each with its status.
    var compare: CompareInfo? = nil
    if diff, sides.count == 2 {
      let info = CompareInfo(
        left: sides[0].cookies, right: sides[1].cookies, leftName: sides[0].name, rightName: sides[1].name)
      cookies = info.cookies
      compare = info
      sides = []
    }
    // One jar opens before its identity index is built: the index follows on a thread of its
    // own and the run loop installs it before any key acts (edits need it). A comparison
    // indexes at once (its statuses were worked out from the cookies above).
    var store: CookieStore
    var replacedCount = 0
    var index: BackgroundIndex? = nil
    if compare == nil {
      store = CookieStore(deferringIndexOf: cookies)
      index = BackgroundIndex(cookies)
    } else {
      store = CookieStore()
      replacedCount = store.load(cookies).count
    }
    // The store holds the only reference (once the index is built): its first edit does
    // not copy a million cookies.
    cookies = []
    clock.lap("index")
    return Read(
      store: store, index: index, replacedCount: replacedCount, problems: problems,
      problemCount: problemCount, opened: opened, sources: loaded, originals: originals, compare: compare)
  }
}

/// The inspector's state for what was read, and what the run loop needs with it.
struct OpenedJars: @unchecked Sendable {
  var state: AppState
  var sources: [LoadedSource]
  var originals: [String: KeptBytes]
  var index: BackgroundIndex?
}

/// How `crumbs open` makes the inspector's state: the same for the preview and the jar.
struct InspectorSetup: @unchecked Sendable {
  var now: Instant
  /// The status line's first message (the bundled example was opened), if any.
  var note: StatusMessage?
  var sessionKey: SecretKey?
  var redaction: ValueRedaction
  /// The columns, widths, sort and Expires style of the last run, and why they could not
  /// be read.
  var settings: ViewSettings
  var settingsWarning: String?

  func opened(_ read: JarsToOpen.Read) -> OpenedJars {
    var note = self.note
    if note == nil {
      var parts: [String] = []
      if !read.problems.isEmpty {
        parts.append(
          "\(read.problemCount) problem\(read.problemCount == 1 ? "" : "s") reading (! lists them)")
      }
      if read.replacedCount > 0 { parts.append(StatusMessage.duplicatesReplaced(read.replacedCount)) }
      if !parts.isEmpty { note = StatusMessage(parts.joined(separator: "; "), .warning) }
    }
    var state = AppState(
      store: read.store, now: now, files: read.opened, message: note, problems: read.problems,
      backgroundWork: true)
    state.compare = read.compare
    if let compare = read.compare {
      let n = compare.status.values.filter { $0 != .same }.count
      state.message = StatusMessage(
        "Comparing \(compare.leftName) → \(compare.rightName): \(n) differ (status:changed, L/R take a side, W saves)"
      )
    }
    configure(&state)
    return OpenedJars(state: state, sources: read.sources, originals: read.originals, index: read.index)
  }

  /// The state shown while `name` is read: its first cookies, marked as such.
  func preview(_ cookies: [Cookie], of name: String) -> AppState {
    var state = AppState(
      store: CookieStore(deferringIndexOf: cookies), now: now,
      files: [OpenFile(name: name, format: .netscape)],
      message: StatusMessage(
        "Reading \(name): its first \(cookies.count) cookies are shown; keys wait until it is read"),
      problems: [], backgroundWork: true)
    state.reading = true
    configure(&state)
    return state
  }

  private func configure(_ state: inout AppState) {
    state.sessions = .signing
    state.redaction = redaction
    state.sessionKey = sessionKey
    state.viewSettings = settings
    if let settingsWarning { state.message = StatusMessage(settingsWarning, .warning) }
  }
}
