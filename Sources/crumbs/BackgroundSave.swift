import CookieCore
import Dispatch
import Foundation
import Inspector

/// The inspector's writes, done one at a time on a thread of their own so the screen keeps
/// answering keys while a million cookies are written. The run loop hands a write over
/// (`start`), and between keystrokes polls `progress` and `takeFinished` (this object is the
/// thread-safe queue between the two threads); each result comes back as a `Msg`.
///
/// The write itself is the one save path (`InspectorSession.write`: `SaveTarget`,
/// `SavePolicy`, `AtomicFile`), called on the save thread with values only: the job holds
/// the store's cookies as they were when `w` was pressed.
final class BackgroundSave: @unchecked Sendable {
  /// A finished write: the message for `update`, and the file's new look on disk for the
  /// save policy (the run loop updates its sources with it).
  struct Finished {
    var message: Msg
    var written: WrittenFile?
  }

  private let lock = NSLock()
  private let queue = DispatchQueue(label: "crumbs.inspector.save")
  /// Writes handed over whose result has not been taken yet.
  private var outstanding = 0
  private var finished: [Finished] = []
  private var bytes: [String: (written: Int, total: Int?)] = [:]
  /// Called on the save thread after each piece is written (tests: a slow disk).
  private let pieceWritten: (@Sendable (_ path: String, _ written: Int) -> Void)?

  init(pieceWritten: (@Sendable (_ path: String, _ written: Int) -> Void)? = nil) {
    self.pieceWritten = pieceWritten
  }

  /// A write is in flight, or its result has not been taken yet.
  var isBusy: Bool { lock.withLock { outstanding > 0 } }

  /// Starts `job` after the writes before it. `total`: about how many bytes it will write.
  func start(_ job: WriteJob, total: Int?, _ work: @escaping @Sendable (_ meter: Meter) -> Finished) {
    lock.withLock {
      outstanding += 1
      bytes[job.path] = (0, total)
    }
    let meter = Meter(owner: self, path: job.path)
    queue.async {
      let result = work(meter)
      self.lock.withLock {
        self.finished.append(result)
        self.bytes[job.path] = nil
      }
    }
  }

  /// The results that came back since the last call, in the order the writes finished.
  func takeFinished() -> [Finished] {
    lock.withLock {
      let out = finished
      finished = []
      outstanding -= out.count
      return out
    }
  }

  /// Bytes written so far by each write in flight.
  var progress: [String: (written: Int, total: Int?)] { lock.withLock { bytes } }

  /// Waits until every write handed over is done (tests; quitting waits in the run loop).
  func waitUntilIdle() {
    queue.sync {}
  }

  /// Counts what a write puts out, for the status line.
  struct Meter: Sendable {
    let owner: BackgroundSave
    let path: String

    func add(_ count: Int) {
      let now = owner.lock.withLock { () -> Int in
        let n = (owner.bytes[path]?.written ?? 0) + count
        owner.bytes[path]?.written = n
        return n
      }
      owner.pieceWritten?(path, now)
    }
  }
}

/// What a save left on disk: the loaded sources that are this file get its new stamp.
struct WrittenFile: Sendable {
  var path: String
  var identity: FileIdentity?
  var stamp: FileStamp?
}
