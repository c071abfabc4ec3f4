#if canImport(Glibc)
  import Glibc
#endif

/// Removes the temporary file of a save in progress when the process is told to stop
/// (SIGINT, SIGTERM, SIGHUP), then lets the signal do what it did before (the inspector's
/// handler, or the default: end the process). A save that is cut off leaves the original
/// untouched and no `.NAME.crumbs-tmp-*` file behind. (`kill -9` cannot be caught; the
/// next save of the same file removes what it left, see `AtomicFile`.)
///
/// The handler only reads a C string set before the file exists and calls `unlink`, which
/// is async-signal-safe; the path buffer is allocated once and never freed.
enum TemporaryFileGuard {
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Creates the temporary file from the `mkstemp` template in `buffer` (filled in with
  /// the real name) and guards it until `release()`. Returns the descriptor, or -1.
  static func create(_ buffer: inout [CChar]) -> Int32 {
    installOnce()
    // Block the signals while the name is being published, so the handler never sees
    // a half-written path or misses a file that exists.
    var block = sigset_t()
    var old = sigset_t()
    sigemptyset(&block)
    for s in signals { sigaddset(&block, s) }
    pthread_sigmask(SIG_BLOCK, &block, &old)
    defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
    let fd = mkstemp(&buffer)
    guard fd >= 0 else { return -1 }
    let n = min(buffer.count, guardedCapacity - 1)
    for i in 0..<n { guardedPath[i] = buffer[i] }
    guardedPath[n] = 0
    return fd
  }

  /// The save is over (renamed into place or removed): nothing to clean up any more.
  static func release() {
    guardedPath[0] = 0
  }

  static let guardedCapacity = Int(PATH_MAX) + 1
  /// The temporary file being written, as a C string ("" when none).
  nonisolated(unsafe) static let guardedPath: UnsafeMutablePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
    p.initialize(repeating: 0, count: Int(PATH_MAX) + 1)
    return p
  }()
  /// What each signal did before, to pass the signal on after cleaning up.
  nonisolated(unsafe) static let previous: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    p.initialize(repeating: sigaction(), count: 65)
    return p
  }()
  nonisolated(unsafe) static var installed = false

  static func installOnce() {
    // Touch the lazily made globals here, never first in the handler.
    _ = guardedPath
    _ = previous
    guard !installed else { return }
    installed = true
    for s in signals {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { sig in
        TemporaryFileGuard.handle(sig)
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(s, &action, TemporaryFileGuard.previous + Int(s))
    }
  }

  static func handle(_ sig: Int32) {
    if guardedPath[0] != 0 {
      unlink(guardedPath)
      guardedPath[0] = 0
    }
    let before = previous[Int(sig)]
    let handler = before.__sigaction_handler.sa_handler
    let raw = unsafeBitCast(handler, to: Int.self)
    if raw == unsafeBitCast(SIG_IGN, to: Int.self) { return }
    if raw == 0 || raw == unsafeBitCast(SIG_DFL, to: Int.self) {
      // End the process the way the signal would have.
      signal(sig, SIG_DFL)
      raise(sig)
      return
    }
    handler?(sig)
  }
}
