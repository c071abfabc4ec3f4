import CookieCore
import Foundation

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
  static func load(_ files: [String], options: InputOptions) -> JarInputs {
    var clock = PhaseClock(enabled: false)
    return load(files, options: options, clock: &clock)
  }

  /// As above, with `read` and `index` laps on `clock` (for `--timings`).
  static func load(_ files: [String], options: InputOptions, clock: inout PhaseClock) -> JarInputs {
    var inputs = JarInputs()
    let now = options.clock
    for name in files {
      var jar: LoadedJar
      do {
        jar = try JarLoader.load(
          name, now: now, forced: options.forcedFormat, origin: options.origin, limit: options.inputSizeLimit)
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
}

/// Where a command writes a jar: standard output, a new file, or over an input.
enum JarOutput {
  /// Writes `data` to `path` (`-` or nil: stdout) atomically; refuses to overwrite a file
  /// changed since it was loaded (`stamp`) unless `force`. Returns false after printing why.
  static func write(_ data: Data, to path: String?, stamp: FileStamp?, force: Bool) -> Bool {
    guard let path, path != "-" else {
      CLIStreams.stdout(data)
      return true
    }
    do {
      try AtomicFile.write(data, to: path, expecting: stamp, force: force)
      return true
    } catch {
      CLIStreams.stderr("\(error)")
      return false
    }
  }

  /// Writes `cookies` with `writer` to `path` (`-` or nil: stdout), streaming: the output
  /// goes out chunk by chunk (into the temporary file of an atomic save), never whole in
  /// memory. Refuses to overwrite a file changed since it was loaded (`stamp`) unless
  /// `force`. Returns the writer's summary, or nil after printing why nothing was written.
  static func save<W: CookieWriter>(
    _ cookies: [Cookie], with writer: W.Type, options: CookieWriteOptions, to path: String?,
    stamp: FileStamp?, force: Bool
  ) -> CookieWriteSummary? {
    guard let path, path != "-" else {
      return writer.write(cookies, options: options) { CLIStreams.write(fd: 1, $0) }
    }
    var summary: CookieWriteSummary?
    do {
      try AtomicFile.write(to: path, expecting: stamp, force: force) { sink in
        summary = try writer.write(cookies, options: options, to: sink)
      }
      return summary
    } catch {
      CLIStreams.stderr("\(error)")
      return nil
    }
  }

  /// The stamp of `path` if it is one of the loaded inputs, so overwriting it is checked.
  static func stamp(of path: String, in jars: [LoadedJar]) -> FileStamp? {
    let target = URL(fileURLWithPath: path).standardizedFileURL.path
    for j in jars where j.name != "-" && URL(fileURLWithPath: j.name).standardizedFileURL.path == target {
      return j.stamp
    }
    return nil
  }
}
