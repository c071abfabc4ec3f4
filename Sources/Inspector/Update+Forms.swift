import CookieCore
import Foundation
import TerminalKit

extension AppState {
  // MARK: Edit form

  mutating func formAction(_ action: Action, _ key: Key, _ form: inout EditForm) -> [Effect] {
    let fields = form.fields
    let i = fields.firstIndex(of: form.focus) ?? 0
    switch action {
    case .nextField:
      form.focus = fields[(i + 1) % fields.count]
      return []
    case .previousField:
      form.focus = fields[(i + fields.count - 1) % fields.count]
      return []
    case .cancel:
      mode = .table
      message = StatusMessage("Edit cancelled")
      return []
    case .editor:
      return [.editor(form.focus == .payload ? form.payload.text : form.value.text)]
    case .accept:
      commitForm(&form)
      return []
    case .typeText:
      // Space types a space in text fields; arrows move the cursor.
      form[text: form.focus].handle(key)
      form.saveError = nil
      return []
    case .choiceLeft, .choiceRight:
      form.step(action == .choiceRight)
      return []
    default: return []
    }
  }

  mutating func commitForm(_ form: inout EditForm) {
    let errors = form.errors(now: now)
    guard errors.isEmpty, var cookie = form.cookie(now: now) else {
      if let f = EditForm.Field.allCases.first(where: { errors[$0] != nil }) {
        form.focus = f
        form.saveError = "\(f.label): \(errors[f] ?? "")"
      }
      return
    }
    var resigned = false
    if form.payloadEdited {
      switch resignedValue(form) {
      case .failure(let e):
        form.focus = .payload
        form.saveError = e.description
        message = StatusMessage("Not saved: \(e.description)", .error)
        return
      case .success(let v):
        cookie.value = v
        resigned = true
      }
    }
    do {
      if let h = form.target {
        try store.update(h, to: cookie)
        message = StatusMessage(
          "Edited \(TerminalText.escaped(cookie.name))\(resigned ? ": payload re-signed" : "") (u undoes)",
          .ok)
      } else {
        let h = try store.add(cookie)
        message = StatusMessage("Added \(TerminalText.escaped(cookie.name)) (u undoes)", .ok)
        changed()
        if let i = visible.firstIndex(of: h) {
          cursor = i
          scrollToCursor()
        }
        mode = .table
        return
      }
    } catch {
      form.saveError = error.description
      return
    }
    mode = .table
    changed()
  }

  /// The value of an edited session payload, signed with the key at `now`; or why it
  /// cannot be (no key, a key that does not verify the cookie, a payload the framework
  /// cannot read). The key never reaches the store or its undo history: only the value.
  func resignedValue(_ form: EditForm) -> Result<String, SessionCodecError> {
    guard let codec = sessions, form.session != nil else {
      return .failure(SessionCodecError("this build cannot sign sessions"))
    }
    let original = form.base.value
    if form.value.text != original {
      return .failure(SessionCodecError("edit the value or the payload, not both"))
    }
    guard let key = sessionKey else {
      return .failure(
        SessionCodecError(
          "the edited payload must be re-signed, and no key is set (S enters one; or --key-file, CRUMBS_SECRET_KEY)"
        ))
    }
    if let reason = codec.verify(original, key) {
      return .failure(
        SessionCodecError("the key does not verify this cookie (\(reason)), so it is not re-signed with it"))
    }
    return codec.resign(original, form.payload.text, key, now)
  }

  // MARK: Save and export

  /// `w`: each open file gets its own cookies back in its own format. A line-based jar is
  /// edited in place (only the lines of changed cookies change); a browser store is a
  /// read-only source. What the format cannot hold is listed and confirmed first.
  mutating func save() -> [Effect] {
    guard !files.isEmpty else {
      message = StatusMessage("Nothing was loaded from a file; W saves as", .warning)
      return []
    }
    if !pendingWrites.isEmpty {
      // The write in flight holds the store as it was; what changed since is saved next.
      saveAfterWrite = true
      message = StatusMessage("Still saving: saves again when this save is done")
      return []
    }
    // Both are cheap at a million cookies: the snapshot shares the store's arrays (the save
    // thread copies the cookies out), the save point holds only replaced cookies.
    let point = store.savePoint
    let snapshot = store.snapshot
    var jobs: [WriteJob] = []
    var readOnly: [String] = []
    for f in files {
      guard f.name != "-", !OpenFile.browserStores.contains(f.format),
        let writer = writers.writer(for: f.format)
      else {
        readOnly.append("\(f.name) (\(f.format.rawValue))")
        continue
      }
      // Each file gets its own cookies back; cookies made here without a file go to the first.
      let isFirst = f.name == files[0].name
      let source =
        files.count == 1
        ? CookieSource(snapshot: snapshot) : CookieSource(snapshot: snapshot, file: f.name, orphans: isFirst)
      var job = WriteJob(
        path: f.name, format: f.format, dialect: f.dialect, source: source, count: source.count,
        lineEdits: nil,
        kind: .save, force: false, savePoint: point)
      if writer is any CookieLineWriter.Type, let edits = store.lineEdits(forFile: f.name, withNew: isFirst) {
        job.lineEdits = edits
      }
      // What the format loses is worked out by the runner on the save thread
      // (`WriteJob.losses`): it comes back as `Msg.lossy` and is asked before anything is
      // written.
      jobs.append(job)
    }
    if !readOnly.isEmpty {
      message = StatusMessage(
        "\(readOnly.joined(separator: ", ")): a browser store or read-only format is never written; press W to save a copy in another format",
        .warning)
      if jobs.isEmpty {
        quitAfterSave = false
        return []
      }
    }
    if readOnly.isEmpty { message = StatusMessage("Saving; keys keep working") }
    return start(jobs)
  }

  /// Hands `jobs` to the runner.
  mutating func start(_ jobs: [WriteJob]) -> [Effect] {
    for j in jobs { pendingWrites.insert(j.path) }
    return jobs.map { $0.kind == .save ? .save($0) : .export($0) }
  }

  mutating func startExport() {
    let formats = writers.formats
    guard !formats.isEmpty else {
      message = StatusMessage("No writer is available in this build", .error)
      return
    }
    let first = files.first
    let idx = first.flatMap { f in formats.firstIndex(of: f.format) } ?? 0
    let proposed = ExportForm.proposedPath(source: first?.name, format: formats[idx])
    var form = ExportForm(path: TextField(proposed), formats: formats, formatIndex: idx, proposed: proposed)
    form.consumers = CookieConsumer.allCases.filter { writers.writer(for: $0.format) != nil }
    mode = .export(form)
  }

  mutating func exportAction(_ action: Action, _ key: Key, _ form: inout ExportForm) -> [Effect] {
    switch action {
    case .cancel:
      mode = .table
      return []
    case .nextField:
      form.focus = 1 - form.focus
      return []
    case .accept:
      let path = form.path.text.trimmingCharactersInSpaces()
      guard !path.isEmpty, let format = form.format, writers.writer(for: format) != nil else {
        message = StatusMessage("Give a path and a format", .warning)
        return []
      }
      guard pendingWrites.isEmpty else {
        message = StatusMessage("Still saving: W again when the save is done", .warning)
        return []
      }
      // The store's snapshot (shared arrays, no copy): the save thread copies the cookies
      // out, leaves out what the consumer refuses (a browser refuses a whole storage state
      // for one invalid cookie, as `convert --for` leaves them out) and lists the losses
      // before writing anything (`WriteJob.losses`, `Msg.lossy`).
      let snapshot = store.snapshot
      var job = WriteJob(
        path: path, format: format, dialect: form.dialect, source: CookieSource(snapshot: snapshot),
        count: snapshot.count, lineEdits: nil, kind: .export, force: false, savePoint: store.savePoint)
      job.consumer = form.consumer
      mode = .table
      return start([job])
    case .choiceLeft, .choiceRight:
      let n = max(1, form.choiceCount)
      form.formatIndex = (form.formatIndex + (action == .choiceLeft ? n - 1 : 1)) % n
      // The proposed path follows the format until the user types a path of their own.
      if form.path.text == form.proposed, let f = form.format {
        form.proposed = ExportForm.proposedPath(source: files.first?.name, format: f, consumer: form.consumer)
        form.path = TextField(form.proposed)
      }
      return []
    case .typeText:
      form.path.handle(key)
      return []
    default: return []
    }
  }

  /// `Msg.lossy`: the runner wrote nothing because the format loses data; the list is
  /// asked about (yes writes with `lossesAccepted`). A quit waiting for the save waits for
  /// the answer.
  mutating func askAboutLosses(_ job: WriteJob, _ warnings: [String]) {
    pendingWrites.remove(job.path)
    writeProgress[job.path] = nil
    mode = .confirm(.lossyWrite([job], warnings: warnings))
  }

  /// A write came back.
  mutating func finishWrite(_ job: WriteJob, error: String?, question: String?) -> [Effect] {
    pendingWrites.remove(job.path)
    writeProgress[job.path] = nil
    if let question {
      // A quit waiting for this save keeps waiting: `q w y` saves, then quits.
      mode = .confirm(.overwrite(job, question: question))
      return []
    }
    if let error {
      quitAfterSave = false
      saveAfterWrite = false
      message = StatusMessage(error, .error)
      return []
    }
    let saved = job.kind == .save || files.contains { $0.name == job.path && $0.format == job.format }
    // The state the job was taken from is the saved one (edits made meanwhile stay unsaved).
    if pendingWrites.isEmpty && saved && job.kind == .save {
      store.markSaved(job.savePoint ?? store.savePoint)
    } else if job.kind == .export, files.count == 1, files[0].name == job.path {
      store.markSaved(job.savePoint ?? store.savePoint)
    }
    message = StatusMessage(
      "\(job.kind == .save ? "Saved" : "Exported") \(job.cookieCount) cookies to \(job.path) (\(job.format.rawValue))",
      .ok)
    if pendingWrites.isEmpty && saveAfterWrite {
      saveAfterWrite = false
      if store.isDirty {
        let effects = save()
        // Nothing started and nothing asked: a quit waiting for it would wait forever.
        if effects.isEmpty, case .table = mode { quitAfterSave = false }
        return effects
      }
    }
    if pendingWrites.isEmpty && quitAfterSave { return [.quit] }
    return []
  }
}
