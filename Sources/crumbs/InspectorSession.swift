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
  var configPath: String? = nil
  var savedSettings = ViewSettings()
  /// Phase times up to the first frame and the end of the first background work
  /// (`CRUMBS_TIMINGS`).
  var clock = PhaseClock(enabled: false)
  /// The store's identity index while it is built on its own thread; installed
  /// (`Msg.indexed`) when done, and before any key or mouse event is acted on.
  var pendingIndex: BackgroundIndex? = nil
  /// The whole jar while it is read on its own thread, its first lines on screen: swapped
  /// in (with its sources, original bytes and index) once read. Keys and clicks wait in
  /// `held` until then; a jar that cannot be read ends the session with its error.
  var pendingLoad: BackgroundLoad? = nil
  var held: [Msg] = []

  /// Writes in flight on their own thread (`w`, `W`): the screen keeps answering keys.
  var saves = BackgroundSave()
  /// A quit came while a write was in flight: the loop ends once it is written (a save is
  /// never cut off halfway; the atomic rename happens or the original stays).
  var quitting = false

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
    var firstFrameTimed = false
    var workTimed = false
    while true {
      if buf.width != state.width || buf.height != state.height {
        buf = Buffer(width: state.width, height: state.height)
      }
      let cursor = render(state, into: &buf)
      term.draw(buf, cursor: cursor.map { ($0.x, $0.y) })
      if !firstFrameTimed {
        clock.lap("first frame")
        firstFrameTimed = true
      }
      // The index is built once the jar's first frame is drawn (not the preview's).
      if pendingLoad == nil { pendingIndex?.start() }
      if !workTimed && !state.hasPendingWork && pendingIndex == nil && pendingLoad == nil {
        clock.lap("background work")
        workTimed = true
      }
      var queue = collectWrites()
      if quitting && queue.isEmpty && !saves.isBusy {
        saveSettingsIfChanged()
        return
      }
      if queue.isEmpty {
        // Pending work (a filter over a large jar) goes on between keystrokes; a write in
        // flight is looked at a few times a second for its progress.
        // The index being built is looked at every 10 ms.
        let timeout: Int32 =
          state.hasPendingWork ? 0 : pendingIndex != nil || pendingLoad != nil ? 10 : saves.isBusy ? 100 : 250
        switch term.nextEvent(timeoutMilliseconds: timeout) {
        case .key(let k): queue.append(.key(k))
        case .mouse(let m): queue.append(.mouse(m))
        case .resize(let w, let h): queue.append(.resize(width: w, height: h))
        case .signal(let s):
          // A save in flight: `TemporaryFileGuard` has removed its temporary file already.
          term.stop()
          exit(128 + s)
        case .idle: if state.hasPendingWork { queue.append(.work) }
        }
      }
      try swapInLoadIfReady(&queue)
      installIndexIfReady(before: &queue)
      if !fixedClock && Date().timeIntervalSince(lastTick) >= 1 {
        lastTick = Date()
        queue.append(.tick(Instant(Date())))
      }
      if perform(queue, terminal: term) {
        saveSettingsIfChanged()
        return
      }
      saveSettingsIfChanged()
    }
  }

  /// While the jar is read behind its preview: holds back keys and clicks, and once it is
  /// read puts its state in place of the preview's (at the terminal's size) with the held
  /// events back in front of `queue`. Throws the load's error. The quit key (`q`) quits at
  /// once: nothing can have changed yet.
  mutating func swapInLoadIfReady(_ queue: inout [Msg]) throws {
    guard let pending = pendingLoad else { return }
    func isInput(_ msg: Msg) -> Bool {
      switch msg {
      case .key, .mouse: true
      default: false
      }
    }
    held += queue.filter(isInput)
    queue.removeAll(where: isInput)
    // Quitting needs no jar: nothing can have changed yet.
    if held.contains(where: {
      if case .key(let k) = $0 { Bindings.action(for: k, in: .table) == .quit } else { false }
    }) {
      quitting = true
      held = []
      return
    }
    guard let result = pending.take() else { return }
    pendingLoad = nil
    let opened = try result.get()
    var next = opened.state
    _ = update(&next, .resize(width: state.width, height: state.height))
    state = next
    sources = opened.sources
    originals = opened.originals
    pendingIndex = opened.index
    queue = held + queue
    held = []
    clock.lap("read (background)")
  }

  /// Puts `Msg.indexed` first in `queue` once the store's index is built, waiting for it
  /// when `queue` holds a key or mouse event (every action sees an indexed store).
  mutating func installIndexIfReady(before queue: inout [Msg]) {
    guard let pending = pendingIndex else { return }
    let input = queue.contains { msg in
      switch msg {
      case .key, .mouse: true
      default: false
      }
    }
    guard let index = input ? pending.wait() : pending.take() else { return }
    pendingIndex = nil
    queue.insert(.indexed(index), at: 0)
    clock.lap("index (background)")
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
  /// Applies `msgs` and carries out their effects (`terminal` nil: none that needs one, for
  /// tests). Returns true when the app is to end now.
  mutating func perform(_ msgs: [Msg], terminal term: NcursesTerminal?) -> Bool {
    var queue = msgs
    while !queue.isEmpty {
      let msg = queue.removeFirst()
      if quitting {
        // Waiting for a write to end before quitting: input is no longer acted on.
        if case .key = msg { continue }
        if case .mouse = msg { continue }
      }
      for effect in update(&state, msg) {
        switch effect {
        case .quit:
          guard saves.isBusy else { return true }
          // Never exit under a write: wait for it (keys are ignored meanwhile).
          quitting = true
          state.saveAfterWrite = false
          state.message = StatusMessage("Quitting when the save is written…")
        case .suspend: term?.suspend()
        case .save(let job), .export(let job): startWrite(job)
        case .editor(let text):
          guard let term else { continue }
          term.pause()
          let result = InspectorSession.edit(text)
          term.resume()
          queue.append(result)
        case .copy(let text, let what):
          // No terminal (tests): nothing to send OSC 52 to.
          guard term != nil else { continue }
          queue.append(Clipboard.copy(text, what: what))
        }
      }
    }
    return false
  }

  /// Hands `job` to the save thread with what it needs, by value.
  mutating func startWrite(_ job: WriteJob) {
    let sources = self.sources
    let original = job.lineEdits == nil ? nil : originals[job.path]
    let now = state.now
    // A save in place writes about the file's own size, less the lines of cookies deleted
    // since the load; otherwise the size is not known ahead.
    let loaded = sources.first { $0.name == job.path }?.cookieCount ?? 0
    let total = original.map { o in
      loaded > 0 ? o.data.count / loaded * min(loaded, job.cookieCount) : o.data.count
    }
    // Handed over through a box the save thread empties: the job's snapshot of the store is
    // let go of as soon as the cookies are out of it, so an edit made while the file is
    // written finds the store's arrays its own (no copy of a million cookies).
    let box = JobBox(job)
    saves.start(job, total: total) { progress in
      InspectorSession.write(box.take(), sources: sources, original: original, now: now, progress: progress)
    }
  }

  /// The writes' progress and the results that came back, as messages; a finished save's
  /// file gets its new stamp (the next save checks against it).
  mutating func collectWrites() -> [Msg] {
    var msgs: [Msg] = []
    for (path, p) in saves.progress where state.writeProgress[path]?.written != p.written {
      msgs.append(.writeProgress(path: path, written: p.written, total: p.total))
    }
    for done in saves.takeFinished() {
      // The original bytes stay those as loaded: line edits are relative to the load.
      if let written = done.written, let identity = written.identity {
        for i in sources.indices
        where sources[i].stamp?.identity == identity || sources[i].name == written.path {
          sources[i].stamp = written.stamp
        }
      }
      msgs.append(done.message)
    }
    return msgs
  }

  /// Carries out a write through the one save policy: the target is resolved (symlinks
  /// followed, devices streamed), checked (a browser store is refused; a changed, existing
  /// or read-only file asks first), then written atomically; a line-based jar saved in
  /// place is edited, not rewritten. Runs on the save thread: everything comes by value.
  static func write(
    _ job: consuming WriteJob, sources: [LoadedSource], original: KeptBytes?, now: Instant,
    progress: BackgroundSave.Meter?
  ) -> BackgroundSave.Finished {
    guard let writer = CookieFormats.writer(for: job.format) else {
      return .init(
        message: .wrote(job, error: "\(job.path): cannot write \(job.format.rawValue)", question: nil),
        written: nil)
    }
    let options = CookieWriteOptions(dialect: job.dialect, now: now)
    let checked: JarOutput.Checked
    do {
      checked = try JarOutput.check(job.path, format: job.format, sources: sources, force: job.force)
    } catch {
      if error.forceable {
        return .init(
          message: .wrote(job, error: nil, question: "\(job.path): \(error.reason)."), written: nil)
      }
      return .init(message: .wrote(job, error: error.description, question: nil), written: nil)
    }
    // A save in place of a line-based file needs only its changed lines, not every cookie.
    let inPlace = job.lineEdits.flatMap { edits in original.map { ($0, edits, job.path) } }
    let rewrite = inPlace == nil || !(writer is any CookieLineWriter.Type)
    let all = rewrite ? job.cookies : []
    let cookies = job.fileCookies(all, now: now)
    // What the format loses is listed and asked about before anything is written.
    if !job.lossesAccepted {
      let losses = job.losses(of: cookies, from: all, with: writer, now: now)
      if !losses.isEmpty { return .init(message: .lossy(job, warnings: losses), written: nil) }
    }
    let path = job.path
    let done = job.written
    // The store's snapshot goes now (see `startWrite`).
    job = done
    do {
      try JarOutput.write(checked) { sink in
        _ = try JarOutput.produce(cookies, with: writer, options: options, inPlace: inPlace) { bytes in
          try sink(bytes)
          progress?.add(bytes.count)
        }
      }
    } catch {
      return .init(message: .wrote(done, error: "\(error)", question: nil), written: nil)
    }
    // The file now looks like this: the next save checks against it. The job goes back
    // without its cookies: they are let go of here, not on the main thread.
    let stamp = FileStamp(path: checked.target.resolvedPath)
    return .init(
      message: .wrote(done, error: nil, question: nil),
      written: WrittenFile(path: path, identity: checked.target.identity ?? stamp?.identity, stamp: stamp)
    )
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

/// A write job handed to the save thread once (`InspectorSession.startWrite`).
private final class JobBox: @unchecked Sendable {
  private var job: WriteJob?
  init(_ job: WriteJob) { self.job = job }
  /// The job; the box no longer holds it.
  func take() -> WriteJob {
    defer { job = nil }
    return job!
  }
}
