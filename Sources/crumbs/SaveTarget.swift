import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A file's identity on this machine: device and inode, after following symlinks. Two
/// paths name the same file exactly when their identities are equal (`./jar.txt`,
/// `jar.txt`, a symlink to it, a hard link).
struct FileIdentity: Hashable {
  var device: UInt64
  var inode: UInt64
}

/// Where a write goes, resolved the same way for every command and the inspector:
/// standard output; a regular file (existing or new), replaced atomically; or something
/// that is not a regular file (a character device, a FIFO, `/dev/stdout`), written as a
/// stream and never renamed over.
struct SaveTarget {
  enum Kind: Equatable {
    case standardOutput
    /// A regular file, written atomically through a temporary file in its folder.
    case file
    /// Not a regular file: opened and written in place. The text says what it is.
    case stream(String)
  }

  /// The path as the user named it (for messages).
  let path: String
  /// The file actually written: symlinks followed, so the link stays a link.
  let resolvedPath: String
  let kind: Kind
  /// The existing file's identity and metadata (nil when it does not exist yet).
  let existing: stat?

  /// `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`: this process's own standard output.
  var isStandardOutput: Bool {
    ["/proc/self/fd/1", "/dev/fd/1", "/proc/\(getpid())/fd/1"].contains(resolvedPath)
  }

  var identity: FileIdentity? {
    existing.map { FileIdentity(device: UInt64($0.st_dev), inode: UInt64($0.st_ino)) }
  }

  /// Resolves `path` (`-`: standard output). Throws `SaveRefusal` for what can never be a
  /// target: a folder, a block device, a path whose folder does not exist.
  static func resolve(_ path: String) throws(SaveRefusal) -> SaveTarget {
    if path == "-" {
      return SaveTarget(path: path, resolvedPath: path, kind: .standardOutput, existing: nil)
    }
    let resolved = followLinks(path)
    // `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`: the descriptor's own file, which may be
    // a pipe, a terminal or a file the shell opened; replacing it by name would lose the
    // output, so it is written as a stream.
    if resolved.hasPrefix("/proc/") || resolved.hasPrefix("/dev/fd/") {
      var st = stat()
      if stat(resolved, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
        throw SaveRefusal(path, "is a directory")
      }
      return SaveTarget(
        path: path, resolvedPath: resolved, kind: .stream("an open file descriptor"), existing: nil)
    }
    var st = stat()
    guard stat(resolved, &st) == 0 else {
      let err = errno
      guard err == ENOENT else { throw SaveRefusal(path, String(cString: strerror(err))) }
      let dir = URL(fileURLWithPath: resolved).deletingLastPathComponent().path
      var ds = stat()
      guard stat(dir, &ds) == 0, (ds.st_mode & S_IFMT) == S_IFDIR else {
        throw SaveRefusal(path, "the folder \(dir) does not exist")
      }
      return SaveTarget(path: path, resolvedPath: resolved, kind: .file, existing: nil)
    }
    switch st.st_mode & S_IFMT {
    case S_IFREG:
      return SaveTarget(path: path, resolvedPath: resolved, kind: .file, existing: st)
    case S_IFDIR:
      throw SaveRefusal(path, "is a directory")
    case S_IFBLK:
      throw SaveRefusal(path, "is a block device; Crumbs never writes to a disk device")
    case S_IFCHR:
      return SaveTarget(path: path, resolvedPath: resolved, kind: .stream("a character device"), existing: st)
    case S_IFIFO:
      return SaveTarget(path: path, resolvedPath: resolved, kind: .stream("a FIFO"), existing: st)
    case S_IFSOCK:
      throw SaveRefusal(path, "is a socket")
    default:
      throw SaveRefusal(path, "is not a regular file")
    }
  }

  /// `path` with every symlink followed (relative links against their folder), up to 40
  /// levels as the kernel allows; a dangling link resolves to the file it would create.
  static func followLinks(_ path: String) -> String {
    var current = path
    for _ in 0..<40 {
      var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(current, &buf, buf.count - 1)
      guard n > 0 else { break }
      let target = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if target.hasPrefix("/") {
        current = target
      } else {
        current =
          URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(target).path
      }
      if current.hasPrefix("/proc/") || current.hasPrefix("/dev/fd/") { return current }
    }
    // Resolve links in the folders too, so the temporary file lands next to the real file.
    let url = URL(fileURLWithPath: current)
    let dir = url.deletingLastPathComponent().path
    if let real = realpath(dir, nil) {
      defer { free(real) }
      let d = String(cString: real)
      return (d == "/" ? "" : d) + "/" + url.lastPathComponent
    }
    return url.path
  }

  /// True when the existing file has no write permission for the user crumbs runs as (for
  /// root, which may write anything: no write bit at all).
  var isReadOnly: Bool {
    guard let st = existing, kind == .file else { return false }
    if geteuid() == 0 { return st.st_mode & 0o222 == 0 }
    return access(resolvedPath, W_OK) != 0
  }
}

/// Why a write was refused before anything was written.
struct SaveRefusal: Error, CustomStringConvertible {
  var path: String
  var reason: String
  /// Repeating the request with `--force` (or a "yes" in the UI) would go ahead.
  var forceable: Bool

  init(_ path: String, _ reason: String, forceable: Bool = false) {
    self.path = path
    self.reason = reason
    self.forceable = forceable
  }

  var description: String {
    "\(path): error: \(reason)" + (forceable ? "; use --force to replace it" : "")
  }
}
