import ArgumentParser
import CookieCore
import Foundation
import Inspector
import NcursesTerminal
import TerminalKit

#if canImport(Glibc)
  import Glibc
#endif

/// The inspector's run loop: terminal events become `Msg`s, `update` runs, its effects are
/// carried out here (the only place that writes files or starts `$EDITOR`), the state is
/// rendered and painted. The terminal is restored on every way out.
struct InspectorSession {
  var state: AppState
  /// The loaded files, with what each looked like on disk (updated after each save), for
  /// the save policy.
  var sources: [LoadedSource]
  /// The bytes of each line-based file as loaded: a save in place edits them.
  var originals: [String: KeptBytes] = [:]
  /// `--now` was given: the clock stays put (tests, screenshots).
  var fixedClock: Bool
  /// The settings file (`InspectorConfig`) and what it holds: written when the view
  /// settings differ from it.
  var configPath: String?
  var savedSettings: ViewSettings

  mutating func run() throws {
    let term: NcursesTerminal
    do {
      term = try NcursesTerminal(colors: (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty)
    } catch {
      throw ValidationError(error.description)
    }
    defer { term.stop() }
    let (w, h) = term.size
    _ = update(&state, .resize(width: w, height: h))
    var buf = Buffer(width: state.width, height: state.height)
    var lastTick = Date()
    while true {
      if buf.width != state.width || buf.height != state.height {
        buf = Buffer(width: state.width, height: state.height)
      }
      let cursor = render(state, into: &buf)
      term.draw(buf, cursor: cursor.map { ($0.x, $0.y) })
      var queue: [Msg] = []
      // Pending work (a filter over a large jar) goes on between keystrokes.
      switch term.nextEvent(timeoutMilliseconds: state.hasPendingWork ? 0 : 250) {
      case .key(let k): queue.append(.key(k))
      case .mouse(let m): queue.append(.mouse(m))
      case .resize(let w, let h): queue.append(.resize(width: w, height: h))
      case .signal(let s):
        term.stop()
        exit(128 + s)
      case .idle: if state.hasPendingWork { queue.append(.work) }
      }
      if !fixedClock && Date().timeIntervalSince(lastTick) >= 1 {
        lastTick = Date()
        queue.append(.tick(Instant(Date())))
      }
      while !queue.isEmpty {
        let msg = queue.removeFirst()
        for effect in update(&state, msg) {
          switch effect {
          case .quit:
            saveSettingsIfChanged()
            return
          case .suspend: term.suspend()
          case .save(let job), .export(let job): queue.append(write(job))
          case .editor(let text):
            term.pause()
            let result = InspectorSession.edit(text)
            term.resume()
            queue.append(result)
          case .copy(let text, let what):
            queue.append(Clipboard.copy(text, what: what))
          }
        }
      }
      saveSettingsIfChanged()
    }
  }

  /// Writes the view settings when they changed (hidden columns, widths, sort, Expires
  /// style). A failure is said once; the session goes on.
  mutating func saveSettingsIfChanged() {
    let now = state.viewSettings
    guard now != savedSettings, let path = configPath else { return }
    savedSettings = now
    do {
      try InspectorConfig.save(now, to: path)
    } catch {
      state.message = StatusMessage("Settings not saved: \(error)", .warning)
      configPath = nil
    }
  }

  /// Carries out a write through the one save policy: the target is resolved (symlinks
  /// followed, devices streamed), checked (a browser store is refused; a changed, existing
  /// or read-only file asks first), then written atomically; a line-based jar saved in
  /// place is edited, not rewritten.
  mutating func write(_ job: WriteJob) -> Msg {
    guard let writer = CookieFormats.writer(for: job.format) else {
      return .wrote(job, error: "\(job.path): cannot write \(job.format.rawValue)", question: nil)
    }
    let options = CookieWriteOptions(dialect: job.dialect, now: state.now)
    let checked: JarOutput.Checked
    do {
      checked = try JarOutput.check(job.path, format: job.format, sources: sources, force: job.force)
    } catch {
      if error.forceable { return .wrote(job, error: nil, question: "\(job.path): \(error.reason).") }
      return .wrote(job, error: error.description, question: nil)
    }
    do {
      let inPlace = job.lineEdits.flatMap { edits in originals[job.path].map { ($0, edits, job.path) } }
      try JarOutput.write(checked) { sink in
        _ = try JarOutput.produce(job.cookies, with: writer, options: options, inPlace: inPlace, to: sink)
      }
    } catch {
      return .wrote(job, error: "\(error)", question: nil)
    }
    // The file now looks like this: the next save checks against it. (The original bytes
    // stay those as loaded: line edits are relative to the load.)
    if let identity = checked.target.identity ?? FileStamp(path: checked.target.resolvedPath)?.identity {
      for i in sources.indices where sources[i].stamp?.identity == identity || sources[i].name == job.path {
        sources[i].stamp = FileStamp(path: checked.target.resolvedPath)
      }
    }
    return .wrote(job, error: nil, question: nil)
  }

  /// Opens `$VISUAL` / `$EDITOR` (else `vi`) on a private temporary file holding `text`.
  static func edit(_ text: String) -> Msg {
    let env = ProcessInfo.processInfo.environment
    let editor =
      env["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["EDITOR"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "vi"
    var template = Array((NSTemporaryDirectory() + "/crumbs-value-XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else { return .editorClosed(nil, error: "cannot create a temporary file for $EDITOR") }
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    defer { unlink(path) }
    _ = fchmod(fd, 0o600)
    close(fd)
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/bin/sh")
      // The editor command may carry arguments (`code -w`), as with git.
      p.arguments = ["-c", editor + " \"$1\"", "sh", path]
      try p.run()
      p.waitUntilExit()
      guard p.terminationStatus == 0 else {
        return .editorClosed(
          nil, error: "\(editor) exited with status \(p.terminationStatus); value unchanged")
      }
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      return .editorClosed(String(decoding: data, as: UTF8.self), error: nil)
    } catch {
      return .editorClosed(nil, error: "cannot run \(editor): \(error)")
    }
  }
}
