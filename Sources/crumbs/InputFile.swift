import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One input opened once (`open(2)`, then `fstat(2)` on the descriptor, so what is checked
/// is what is read) and read the way its kind allows: a regular file whole (mapped when
/// large), anything else (standard input, a FIFO, a device, a socket) as a stream up to a
/// size limit, since it may never end (`/dev/zero`).
final class InputFile {
  let name: String
  let fd: Int32
  /// The descriptor's status when opened.
  let status: stat
  /// Whether `fd` is standard input (not closed here).
  let isStandardInput: Bool

  /// Opens `name` (`-`: standard input) for reading.
  init(_ name: String) throws {
    self.name = name
    if name == "-" {
      fd = 0
      isStandardInput = true
    } else {
      var opened: Int32
      repeat { opened = open(name, O_RDONLY | O_CLOEXEC) } while opened < 0 && errno == EINTR
      guard opened >= 0 else {
        let e = errno
        let why = e == ENOENT ? "no such file" : "cannot open: \(String(cString: strerror(e)))"
        throw JarLoadError(description: "\(name): error: \(why)")
      }
      fd = opened
      isStandardInput = false
    }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      let why = String(cString: strerror(errno))
      if name != "-" { close(fd) }
      throw JarLoadError(description: "\(name): error: cannot read: \(why)")
    }
    status = st
  }

  deinit {
    if !isStandardInput { close(fd) }
  }

  var fileType: mode_t { status.st_mode & S_IFMT }
  var isRegularFile: Bool { fileType == S_IFREG }
  var isDirectory: Bool { fileType == S_IFDIR }

  /// What the input is, for messages about a stream that does not end.
  var kindDescription: String {
    let kind: String
    switch fileType {
    case S_IFREG: kind = "a regular file"
    case S_IFCHR: kind = "a character device"
    case S_IFBLK: kind = "a block device"
    case S_IFIFO: kind = "a pipe (FIFO)"
    case S_IFSOCK: kind = "a socket"
    default: kind = "not a regular file"
    }
    return isStandardInput ? "standard input (\(kind))" : kind
  }

  /// The status now differs from when opened in size or modification time: the file was
  /// truncated or rewritten in place meanwhile.
  var changedSinceOpened: Bool {
    var now = stat()
    guard fstat(fd, &now) == 0 else { return true }
    return now.st_size != status.st_size || now.st_mtim.tv_sec != status.st_mtim.tv_sec
      || now.st_mtim.tv_nsec != status.st_mtim.tv_nsec
  }

  /// Reads from the current offset to the end, refusing to hold more than `limit` bytes.
  func readToEnd(limit: Int) throws -> Data {
    var data = Data()
    if isRegularFile, status.st_size > 0 { data.reserveCapacity(min(Int(status.st_size), limit) + 1) }
    let chunkSize = 1 << 20
    let chunk = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { chunk.deallocate() }
    while true {
      // One byte past the limit tells "exactly the limit" from "more than the limit".
      let want = min(chunkSize, limit + 1 - data.count)
      let n = read(fd, chunk, want)
      if n < 0 {
        let e = errno
        if e == EINTR { continue }
        if e == EAGAIN || e == EWOULDBLOCK {
          // A non-blocking descriptor (inherited standard input): wait until it has more.
          var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
          _ = poll(&p, 1, -1)
          continue
        }
        throw JarLoadError(description: "\(name): error: cannot read: \(String(cString: strerror(e)))")
      }
      if n == 0 { return data }
      data.append(chunk.assumingMemoryBound(to: UInt8.self), count: n)
      if data.count > limit {
        throw JarLoadError(
          description:
            "\(name): error: \(kindDescription); read \(ByteSize.describe(limit)) without reaching its end (the limit; raise it with --max-input-size SIZE)"
        )
      }
    }
  }
}

extension FileStamp {
  /// The stamp of an open file, from its `fstat(2)` status.
  init(_ st: stat) {
    device = UInt64(st.st_dev)
    inode = UInt64(st.st_ino)
    size = Int64(st.st_size)
    modifiedNanoseconds = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
  }
}
