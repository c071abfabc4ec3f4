import CookieCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a file looked like when it was read: saving refuses to overwrite a file whose
/// stamp changed since (someone else wrote it), unless forced.
struct FileStamp: Equatable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modifiedNanoseconds: Int64

  init?(path: String) {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    device = UInt64(st.st_dev)
    inode = UInt64(st.st_ino)
    size = Int64(st.st_size)
    modifiedNanoseconds = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
  }
}

/// Why a save did not replace (or write to) a file. Callers can tell the cases apart; the
/// description is the message a user reads.
enum AtomicWriteError: Error, CustomStringConvertible, Equatable {
  /// The step of a save that failed, as the message names it.
  enum Step: Equatable {
    case createTemporary(inFolder: String)
    case setPermissions
    case open
    case write
    case sync
    case replace

    var text: String {
      switch self {
      case .createTemporary(let dir): "cannot create a temporary file in \(dir)"
      case .setPermissions: "cannot set permissions"
      case .open: "cannot open"
      case .write: "cannot write"
      case .sync: "cannot sync"
      case .replace: "cannot replace the file"
      }
    }
  }

  /// Someone else wrote the file since it was loaded; not overwritten (unless forced).
  case changedOnDisk(path: String)
  /// The kept bytes of the original went bad under the save (the file was truncated in
  /// place); not replaced.
  case truncatedWhileSaving(path: String)
  /// The target is a directory.
  case notARegularFile(path: String)
  /// EACCES, EPERM, EROFS.
  case permission(path: String, step: Step, errno: Int32, originalUntouched: Bool)
  /// ENOSPC, EDQUOT, EFBIG.
  case noSpace(path: String, step: Step, errno: Int32, originalUntouched: Bool)
  /// Any other errno.
  case other(path: String, step: Step, errno: Int32, originalUntouched: Bool)

  /// The error for `step` failing with `code`, its case chosen by the errno.
  static func failed(_ path: String, _ step: Step, errno code: Int32, originalUntouched: Bool)
    -> AtomicWriteError
  {
    switch code {
    case EACCES, EPERM, EROFS:
      .permission(path: path, step: step, errno: code, originalUntouched: originalUntouched)
    case ENOSPC, EDQUOT, EFBIG:
      .noSpace(path: path, step: step, errno: code, originalUntouched: originalUntouched)
    default: .other(path: path, step: step, errno: code, originalUntouched: originalUntouched)
    }
  }

  var description: String {
    switch self {
    case .changedOnDisk(let path):
      "\(path): error: the file changed on disk since it was loaded; not overwriting it (use --force to overwrite)"
    case .truncatedWhileSaving(let path):
      "\(path): error: the file was truncated while it was saved; not replaced (nothing was written)"
    case .notARegularFile(let path): "\(path): error: is a directory"
    case .permission(let path, let step, let code, let untouched),
      .noSpace(let path, let step, let code, let untouched),
      .other(let path, let step, let code, let untouched):
      "\(path): error: \(step.text): \(String(cString: strerror(code)))"
        + (untouched ? "; the original is untouched" : "")
    }
  }
}

/// Writes all of `bytes` to `fd`; the errno on failure.
private func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
  guard let base = bytes.baseAddress else { return nil }
  var offset = 0
  while offset < bytes.count {
    let n = write(fd, base + offset, bytes.count - offset)
    if n < 0 {
      if errno == EINTR { continue }
      return errno
    }
    offset += n
  }
  return nil
}

/// Writes a file so that a crash or a full disk never leaves a half-written jar: a
/// temporary file in the same folder, fsync, then rename over the target, then fsync the
/// folder. The original's permissions are kept; a new file gets 0600 (cookies are secrets).
///
/// The temporary file is named `.NAME.crumbs-tmp-PID-XXXXXX`: it is removed on SIGINT,
/// SIGTERM and SIGHUP (`TemporaryFileGuard`), and one left behind by a process that was
/// killed outright (`kill -9`) is recognised by its dead PID and removed by the next save
/// of the same file.
enum AtomicFile {
  static func write(_ data: Data, to path: String, expecting stamp: FileStamp? = nil, force: Bool = false)
    throws
  {
    try write(to: path, expecting: stamp, force: force) { sink in
      try data.withUnsafeBytes { try sink($0) }
    }
  }

  /// The marker between a file's name and the writer's PID in a temporary file's name.
  static let temporaryMarker = ".crumbs-tmp-"

  /// The same, for output made in pieces: `produce` hands each piece, in order, to the sink
  /// it is given, which writes it straight into the temporary file (so a large jar's output
  /// is never whole in memory). If `produce` or a write throws, the temporary file is
  /// removed and the original stays untouched.
  static func write(
    to path: String, expecting stamp: FileStamp? = nil, force: Bool = false,
    _ produce: (_ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
  ) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent().path
    var mode: mode_t = 0o600
    var st = stat()
    let exists = stat(path, &st) == 0
    if exists {
      if (st.st_mode & S_IFMT) == S_IFDIR {
        throw AtomicWriteError.notARegularFile(path: path)
      }
      mode = st.st_mode & 0o7777
      try refuseIfChanged(path, since: stamp, force: force)
    }
    removeStaleTemporaries(of: url.lastPathComponent, in: dir)
    let template = dir + "/." + url.lastPathComponent + temporaryMarker + "\(getpid())-XXXXXX"
    var buf = Array(template.utf8CString)
    let fd = TemporaryFileGuard.create(&buf)
    guard fd >= 0 else {
      throw AtomicWriteError.failed(
        path, .createTemporary(inFolder: dir), errno: errno, originalUntouched: false)
    }
    let tmp = buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var needsClose = true
    var ok = false
    defer {
      if needsClose { close(fd) }
      if !ok { unlink(tmp) }
      TemporaryFileGuard.release()
    }
    if exists { _ = fchown(fd, st.st_uid, st.st_gid) }
    guard fchmod(fd, mode) == 0 else {
      throw AtomicWriteError.failed(path, .setPermissions, errno: errno, originalUntouched: false)
    }
    try produce { bytes in
      if let code = writeAll(fd, bytes) {
        throw AtomicWriteError.failed(path, .write, errno: code, originalUntouched: true)
      }
    }
    guard fsync(fd) == 0 else {
      throw AtomicWriteError.failed(path, .sync, errno: errno, originalUntouched: true)
    }
    close(fd)
    needsClose = false
    // Writing a large jar takes a moment: look again just before replacing the file.
    if exists { try refuseIfChanged(path, since: stamp, force: force) }
    guard rename(tmp, path) == 0 else {
      throw AtomicWriteError.failed(path, .replace, errno: errno, originalUntouched: true)
    }
    ok = true
    let dfd = open(dir, O_RDONLY)
    if dfd >= 0 {
      _ = fsync(dfd)
      close(dfd)
    }
  }

  /// Writes into something that is not a regular file (a character device, a FIFO, an
  /// open descriptor named as `/dev/stdout` or `/proc/self/fd/N`): opened as it is and
  /// written in order; never created, truncated or renamed over.
  static func stream(
    to path: String, _ produce: (_ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
  ) throws {
    // A descriptor of this process: write to it directly, so an append-mode or seekable
    // standard output keeps its offset.
    var fd: Int32 = -1
    var owned = true
    for prefix in ["/proc/self/fd/", "/dev/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
      if let n = Int32(path.dropFirst(prefix.count)), fcntl(n, F_GETFD) >= 0 {
        fd = n
        owned = false
      }
    }
    if fd < 0 {
      fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
      guard fd >= 0 else {
        throw AtomicWriteError.failed(path, .open, errno: errno, originalUntouched: false)
      }
    }
    defer { if owned { close(fd) } }
    // A terminal (`-o /dev/tty`) gets the text escaped, like standard output on one: no
    // cookie byte reaches a terminal raw. A UTF-8 sequence split between two pieces waits
    // for its end.
    let terminal = isatty(fd) != 0
    var escaper = TerminalEscaper()
    func put(_ bytes: UnsafeRawBufferPointer) throws {
      if let code = writeAll(fd, bytes) {
        throw AtomicWriteError.failed(path, .write, errno: code, originalUntouched: false)
      }
    }
    func put(_ text: String) throws {
      guard !text.isEmpty else { return }
      var text = text
      try text.withUTF8 { try put(UnsafeRawBufferPointer($0)) }
    }
    try produce { bytes in
      guard terminal else { return try put(bytes) }
      try put(escaper.escape(bytes))
    }
    if terminal { try put(escaper.finish()) }
  }

  /// Removes `.NAME.crumbs-tmp-PID-*` files in `dir` whose writer is no longer running
  /// (killed before it could clean up).
  static func removeStaleTemporaries(of name: String, in dir: String) {
    let prefix = "." + name + temporaryMarker
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
    for e in entries where e.hasPrefix(prefix) {
      let rest = e.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), rest[dash...].count == 7
      else { continue }
      if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
        unlink(dir + "/" + e)
      }
    }
  }
  private static func refuseIfChanged(_ path: String, since stamp: FileStamp?, force: Bool) throws {
    if let stamp, !force, FileStamp(path: path) != stamp {
      throw AtomicWriteError.changedOnDisk(path: path)
    }
  }
}
