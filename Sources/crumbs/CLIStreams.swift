import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Standard output and error for the scripting commands: raw `write(2)` calls, so a
/// million-line table streams out without Foundation buffering it twice.
enum CLIStreams {
  static func write(fd: Int32, _ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, base + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += n
    }
  }

  static func stdout(_ data: Data) {
    data.withUnsafeBytes { write(fd: 1, $0) }
  }

  static func stdout(_ s: String) {
    var s = s
    s.withUTF8 { write(fd: 1, UnsafeRawBufferPointer($0)) }
  }

  /// One line on standard error (a newline is added).
  static func stderr(_ s: String) {
    var line = s + "\n"
    line.withUTF8 { write(fd: 2, UnsafeRawBufferPointer($0)) }
  }
}
