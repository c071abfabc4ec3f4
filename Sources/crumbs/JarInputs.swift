import BrowserProfiles
import CookieCore
import Foundation

/// One input: a file (or `-`), or a browser profile (`--from-browser`).
enum JarSource {
  case file(String)
  case browser(BrowserSpec)
}

/// The inputs of a scripting command loaded, in order, into one `CookieStore`.
struct JarInputs {
  var store = CookieStore()
  var jars: [LoadedJar] = []
  /// Some input could not be read (its error is already on stderr).
  var failed = false
  /// How many earlier cookies a later one with the same identity replaced.
  var replacedCount = 0

  /// Replacement notes beyond this many are summarised.
  static let noteLimit = 20

  /// Loads every file, printing each loader diagnostic as `file:line: warning: reason` and
  /// a note for each cookie a later one replaced (as curl and browsers do on load).
  static func load(_ files: [String], options: InputOptions, browsers: [BrowserSpec] = []) -> JarInputs {
    var clock = PhaseClock(enabled: false)
    return load(files, options: options, browsers: browsers, clock: &clock)
  }

  /// As above, with `read` and `index` laps on `clock` (for `--timings`).
  /// `keepOriginal`: keep each line-based file's bytes for a save in place.
  /// `browsers` (`--from-browser`) load after the files, in order.
  static func load(
    _ files: [String], options: InputOptions, browsers: [BrowserSpec] = [], keepOriginal: Bool = false,
    clock: inout PhaseClock
  ) -> JarInputs {
    var inputs = JarInputs()
    let now = options.clock
    let sources = files.map(JarSource.file) + browsers.map(JarSource.browser)
    for source in sources {
      var jar: LoadedJar
      do {
        switch source {
        case .file(let name):
          jar = try JarLoader.load(
            name, now: now, forced: options.forcedFormat, origin: options.origin,
            limit: options.inputSizeLimit,
            keepOriginal: keepOriginal)
        case .browser(let spec):
          jar = try JarLoader.load(browser: spec, options: options)
        }
      } catch {
        CLIStreams.stderr("\(error)")
        inputs.failed = true
        continue
      }
      clock.lap("read")
      for d in jar.diagnostics { CLIStreams.stderr(d.description) }
      let cookies = jar.cookies
      // Drop the jar's reference so the store owns the only copy of the cookies.
      jar.cookies = []
      var count = inputs.replacedCount
      inputs.store.load(cookies) { old, new in
        count += 1
        if count <= noteLimit {
          CLIStreams.stderr(
            "\(new.sourceDescription): note: cookie \(TerminalSafe.escape(new.name)) @ \(new.domain)\(new.path) replaces the one from \(old.sourceDescription) (same name, domain and path)"
          )
        }
      }
      inputs.replacedCount = count
      inputs.jars.append(jar)
      clock.lap("index")
    }
    if inputs.replacedCount > noteLimit {
      CLIStreams.stderr(
        "note: \(inputs.replacedCount) cookies in all replaced an earlier one with the same identity")
    }
    return inputs
  }

  /// The loaded files, as the save policy knows them.
  var sources: [LoadedSource] {
    jars.map { LoadedSource(name: $0.name, format: $0.format, stamp: $0.stamp, cookieCount: $0.cookieCount) }
  }
}
