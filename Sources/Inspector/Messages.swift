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
  /// A write finished: `error` nil on success; `conflict` when the file changed on disk.
  case wrote(WriteJob, error: String?, conflict: Bool)
  /// `$EDITOR` closed: the new text, or nil when it failed or was left unchanged.
  case editorClosed(String?, error: String?)
}

/// A file to write: the bytes are made by the (pure) writer in `update`; the runner only
/// writes them, atomically.
public struct WriteJob: Hashable, Sendable {
  public enum Kind: Hashable, Sendable { case save, export }
  public var path: String
  public var format: CookieFormat
  public var data: Data
  public var kind: Kind
  /// Overwrite even when the file changed on disk since it was loaded.
  public var force: Bool
  public init(path: String, format: CookieFormat, data: Data, kind: Kind, force: Bool = false) {
    self.path = path
    self.format = format
    self.data = data
    self.kind = kind
    self.force = force
  }
}

/// What `update` asks the outside world to do.
public enum Effect: Hashable, Sendable {
  /// Write a file back to where it came from (atomic, refusing when it changed on disk).
  case save(WriteJob)
  /// Write a file somewhere new (save as).
  case export(WriteJob)
  /// Open `$EDITOR` on this text; the answer comes back as `Msg.editorClosed`.
  case editor(String)
  /// Stop the process for the shell (Ctrl-Z); the terminal is restored first.
  case suspend
  case quit
}
