import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A large input file mapped read-only, so reading a million-cookie jar does not first copy
/// it into the heap, and pages the reader has gone past can be dropped from memory.
struct MappedFile {
  let data: Data
  /// Gives back the pages of a byte range (`CookieReadOptions.consumed`).
  let release: @Sendable (Range<Int>) -> Void

  /// Files below this size are simply read; mapping pays off for big jars only.
  static let threshold = 4 << 20

  init?(path: String) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) >= MappedFile.threshold
    else {
      return nil
    }
    let size = Int(st.st_size)
    guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
    _ = madvise(p, size, MADV_SEQUENTIAL)
    let address = UInt(bitPattern: p)
    data = Data(bytesNoCopy: p, count: size, deallocator: .custom { ptr, n in munmap(ptr, n) })
    release = { range in
      // Whole pages inside the range only; the mapping is private and read-only, so a
      // dropped page would simply be read again from the file if touched.
      let page = Int(sysconf(Int32(_SC_PAGESIZE)))
      let from = (max(range.lowerBound, 0) + page - 1) / page * page
      let to = min(range.upperBound, size) / page * page
      guard to > from, let start = UnsafeMutableRawPointer(bitPattern: address + UInt(from)) else { return }
      _ = madvise(start, to - from, MADV_DONTNEED)
    }
  }
}
