import CMappedInput
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A large input file mapped read-only, so reading a million-cookie jar does not first copy
/// it into the heap, and pages the reader has gone past can be dropped from memory.
///
/// The mapping is guarded (`CMappedInput`): if another process truncates the file while it
/// is read, the pages past the new end read as zeros instead of killing crumbs with SIGBUS,
/// and `faulted` says the bytes read cannot be trusted.
struct MappedFile {
  let data: Data
  /// Gives back the pages of a byte range (`CookieReadOptions.consumed`).
  let release: @Sendable (Range<Int>) -> Void
  /// True once a read hit a page the file no longer has (it was truncated meanwhile).
  let faulted: @Sendable () -> Bool

  /// Files below this size are simply read; mapping pays off for big jars only.
  static let threshold = 4 << 20

  /// Maps `size` bytes of the open regular file `fd`; nil when mapping fails (the caller
  /// then reads the file instead).
  init?(fd: Int32, size: Int) {
    guard size > 0, let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
      return nil
    }
    _ = madvise(p, size, MADV_SEQUENTIAL)
    let slot = crumbs_guard_mapping(p, size)
    // Unguarded, a truncation would kill the process: read the file instead.
    guard slot >= 0 else {
      munmap(p, size)
      return nil
    }
    let address = UInt(bitPattern: p)
    data = Data(
      bytesNoCopy: p, count: size,
      deallocator: .custom { ptr, n in
        crumbs_unguard_mapping(slot)
        munmap(ptr, n)
      })
    faulted = { crumbs_guard_faulted(slot) != 0 }
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
