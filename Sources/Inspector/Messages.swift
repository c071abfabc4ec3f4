import CookieCore
import Foundation
import TerminalKit

/// Everything that can happen to the app: input, time, and the results of effects.
public enum Msg: Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(width: Int, height: Int)
  /// Time to do the next slice of pending work (`AppState.hasPendingWork`); the run loop
  /// sends it whenever no input is waiting.
  case work
  /// The clock moved (the run loop sends it now and then; tests never do).
  case tick(Instant)
  /// A write came back: `error` nil on success; `question` when the save policy wants a
  /// yes before it goes ahead (the file changed on disk, exists, is read-only), asked as it.
  case wrote(WriteJob, error: String?, question: String?)
  /// A write running in the background has put `written` bytes out of about `total` (nil
  /// when the size is not known ahead) into its file; the status line shows it.
  case writeProgress(path: String, written: Int, total: Int?)
  /// `$EDITOR` closed: the new text, or nil when it failed or was left unchanged.
  case editorClosed(String?, error: String?)
  /// A `copy` effect was carried out: what to tell the user, and whether it worked.
  case copied(String, ok: Bool)
  /// The runner found that writing `job` loses what `warnings` say (`WriteJob.losses`) and
  /// wrote nothing: the list is shown and the write waits for a yes.
  case lossy(WriteJob, warnings: [String])
  /// The identity index of a store opened with `CookieStore(deferringIndexOf:)` is built
  /// (on another thread, while the first frames showed): it is installed, and cookies a
  /// later one of the same identity replaced leave the rows. The run loop sends it before
  /// any key or mouse event, so every edit sees an indexed store.
  case indexed(CookieStore.Index)
}

/// A file to write, as data: the runner resolves the target, applies the one save policy
/// and writes atomically. A save in place of a line-based jar (cookies.txt, LWP) carries
/// only the lines that change, so everything else in the file keeps its bytes.
public struct WriteJob: Hashable, Sendable {
  public enum Kind: Hashable, Sendable { case save, export }
  public var path: String
  public var format: CookieFormat
  public var dialect: String?
  /// Everything the file will hold, in order: what an export writes, and what a save writes
  /// when it cannot edit the file in place. A job `w` made holds the store's snapshot
  /// (`CookieStore.Snapshot`) and copies the cookies out of it only here, which the runner
  /// reads on the save thread: a million cookies cost the main thread nothing.
  public var cookies: [Cookie] {
    get { source.cookies }
    set {
      source = CookieSource(list: newValue)
      cookieCount = newValue.count
    }
  }
  /// How many cookies the file will hold (`cookies.count`, without copying them).
  public private(set) var cookieCount: Int
  var source: CookieSource
  /// For a save in place of a line-based jar: the lines to change relative to the file as
  /// loaded (the runner keeps its bytes).
  public var lineEdits: LineEdits?
  public var kind: Kind
  /// The user said yes to the save policy's question (overwrite a changed, existing or
  /// read-only file). A browser store is never written, forced or not.
  public var force: Bool
  /// The user said yes to the list of what the format loses (`losses`); until then the
  /// runner works the list out first, on the save thread, and writes nothing when it is
  /// not empty (`Msg.lossy`).
  public var lossesAccepted = false
  /// An export for this program (`W` with a consumer): the file holds only the cookies it
  /// keeps (`CookieConsumer.written`), and what it would drop is listed as a loss.
  public var consumer: CookieConsumer? = nil
  /// The store as `cookies` were taken from it: when the write is done, this state is the
  /// saved one (edits made while it was written stay unsaved).
  public var savePoint: CookieStore.SavePoint?
  public init(
    path: String, format: CookieFormat, dialect: String? = nil, cookies: [Cookie],
    lineEdits: LineEdits? = nil,
    kind: Kind, force: Bool = false, savePoint: CookieStore.SavePoint? = nil
  ) {
    self.init(
      path: path, format: format, dialect: dialect, source: CookieSource(list: cookies), count: cookies.count,
      lineEdits: lineEdits, kind: kind, force: force, savePoint: savePoint)
  }

  init(
    path: String, format: CookieFormat, dialect: String?, source: CookieSource, count: Int,
    lineEdits: LineEdits?, kind: Kind, force: Bool, savePoint: CookieStore.SavePoint?
  ) {
    self.path = path
    self.format = format
    self.dialect = dialect
    self.source = source
    self.cookieCount = count
    self.lineEdits = lineEdits
    self.kind = kind
    self.force = force
    self.savePoint = savePoint
  }

  /// What the file will hold: `all` (what `cookies` gave), less what `consumer` would refuse.
  public func fileCookies(_ all: [Cookie], now: Instant) -> [Cookie] {
    consumer.map { $0.written(all, now: now) } ?? all
  }

  /// What writing this job loses, one line each (empty: nothing): the writer's warnings
  /// for the cookies it writes anew (all of them, or only an in-place save's changed
  /// lines), and the cookies `consumer` would drop. Runs on the save thread: a whole jar
  /// is written to no sink, piece by piece, to find them.
  /// `all`: what `cookies` gave; `fileCookies`: what `fileCookies(all, now:)` gave (the
  /// runner writes the same array), so the save thread copies the cookies out once.
  public func losses(
    of fileCookies: [Cookie], from all: [Cookie], with writer: any CookieWriter.Type, now: Instant
  ) -> [String] {
    let options = CookieWriteOptions(dialect: dialect, now: now)
    let written = lineEdits?.rewrittenCookies ?? fileCookies
    var out: [String] = []
    if !written.isEmpty {
      let warnings = writer.write(written, options: options) { _ in }.warnings
      out += warnings.map { kind == .save ? "\(path): \($0.message)" : $0.message }
    }
    if let consumer { out += WriteJob.drops(consumer, all, now: now) }
    return out
  }

  /// The cookies `consumer` would still drop when it loads the file (`CookieConsumer`'s
  /// predictions, as `lint --for` and `convert --for` report them).
  static func drops(_ consumer: CookieConsumer, _ cookies: [Cookie], now: Instant) -> [String] {
    var out: [String] = []
    for c in cookies {
      for v in consumer.verdicts(for: c, now: now) {
        switch v {
        case .dropped(let why), .droppedByNewer(let why):
          let i = v.issue
          out.append(
            "\(c.name) @ \(c.hostOnly ? "" : ".")\(c.domain)\(c.path): \(consumer.rawValue) \(i.kind): \(why)"
          )
        case .changed, .sentDifferently: break
        }
      }
    }
    return out
  }

  /// The job as it comes back from a finished write: without its cookies, so the save
  /// thread, not the main one, lets go of them (a million releases), and the store's arrays
  /// are no longer shared.
  public var written: WriteJob {
    var j = self
    j.source = CookieSource(list: [])
    return j
  }
}

/// Where a write job's cookies come from: a list, or (`w`) the store's snapshot with the
/// cookies of one file picked out when several are open.
struct CookieSource: Hashable, Sendable {
  private var list: [Cookie] = []
  private var snapshot: CookieStore.Snapshot?
  /// With a snapshot: only this file's cookies (and, when `orphans`, those of no file).
  private var file: String?
  private var orphans = false

  init(list: [Cookie]) { self.list = list }

  init(snapshot: CookieStore.Snapshot, file: String? = nil, orphans: Bool = false) {
    self.snapshot = snapshot
    self.file = file
    self.orphans = orphans
  }

  var cookies: [Cookie] {
    guard let snapshot else { return list }
    guard let file else { return snapshot.cookies }
    let orphans = orphans
    return snapshot.cookies { $0.sourceFile == file || (orphans && $0.sourceFile.isEmpty) }
  }

  /// `cookies.count`, counting without copying.
  var count: Int {
    guard let snapshot else { return list.count }
    guard let file else { return snapshot.count }
    let orphans = orphans
    return snapshot.count { $0.sourceFile == file || (orphans && $0.sourceFile.isEmpty) }
  }

  // Two sources are equal when they give the same cookies (tests compare effects).
  static func == (a: CookieSource, b: CookieSource) -> Bool { a.cookies == b.cookies }
  func hash(into h: inout Hasher) { h.combine(cookies) }
}

/// What `update` asks the outside world to do.
public enum Effect: Hashable, Sendable {
  /// Write a file back to where it came from (atomic, refusing when it changed on disk).
  case save(WriteJob)
  /// Write a file somewhere new (save as).
  case export(WriteJob)
  /// Open `$EDITOR` on this text; the answer comes back as `Msg.editorClosed`.
  case editor(String)
  /// Put text on the clipboard (OSC 52, and `wl-copy` / `xclip` when present); `what`
  /// names it for the message. The answer comes back as `Msg.copied`.
  case copy(String, what: String)
  /// Stop the process for the shell (Ctrl-Z); the terminal is restored first.
  case suspend
  case quit
}
