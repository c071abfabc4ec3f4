import CookieCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Gives memory a big command no longer needs back to the system before its next phase,
/// so the peak stays low (REFERENCE: a 1,000,000-cookie jar is the benchmark).
enum SpareMemory {
  /// Removes the cookies expired at `now` in place (moving bytes inside the buffer, no
  /// copies) and returns how many went.
  static func removeExpired(_ cookies: inout [Cookie], now: Instant) -> Int {
    let removed = cookies.withUnsafeMutableBufferPointer { buf -> Int in
      var w = 0
      for i in buf.indices where !buf[i].isExpired(at: now) {
        if w != i { buf.swapAt(w, i) }
        w += 1
      }
      return buf.count - w
    }
    cookies.removeLast(removed)
    return removed
  }

  /// Returns the pages of `cookies`' spare capacity (slots that held removed cookies) and
  /// free heap pages (their strings) to the system. The spare slots are uninitialised
  /// storage that Swift never reads, so dropping their pages changes nothing visible.
  static func release(_ cookies: inout [Cookie]) {
    let stride = MemoryLayout<Cookie>.stride
    let count = cookies.count
    let capacity = cookies.capacity
    cookies.withUnsafeMutableBufferPointer { buf in
      guard let base = buf.baseAddress, capacity > count else { return }
      let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
      let from = (UInt(bitPattern: base + count) + page - 1) / page * page
      let to = UInt(bitPattern: UnsafeMutableRawPointer(base) + capacity * stride) / page * page
      guard to > from, let start = UnsafeMutableRawPointer(bitPattern: from) else { return }
      _ = madvise(start, Int(to - from), MADV_DONTNEED)
    }
    _ = glibcMallocTrim(0)
  }
}

/// glibc's `malloc_trim`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
