import Foundation

/// The one `cookies.txt` writing algorithm, two passes over the cookies:
///
/// Pass 1 computes the exact byte length of every group of `groupSize` cookies (in
/// parallel); consecutive groups are then packed into chunks of at most `chunkBytes` (one
/// group alone may exceed it). Pass 2 fills each chunk: its parts in parallel straight into
/// their exact places, the gaps of skipped cookies closed in order, then hands it on.
///
/// Streaming (`write(_:options:to:)`) uses bounded chunks, so saving a million cookies never
/// holds their whole ~60 MB output in memory next to the cookies themselves (the benchmark's
/// peak memory). The one-`Data` writer (`write(_:options:)`) is the same passes with one
/// chunk as large as the file, so both produce the same bytes by construction.
extension NetscapeWriter {
  /// Chunk size for the streaming writer: big enough that a `write(2)` per chunk costs
  /// nothing, small next to a large jar's cookies.
  static let chunkBytes = 4 << 20

  public static func write(
    _ cookies: [Cookie], options: CookieWriteOptions, to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    // Four pieces of work per core: libdispatch hands them out as threads free up, so a
    // core taken by another process does not hold the others back at each chunk's end.
    let cores = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    let parts = cookies.count < 100_000 || cores == 1 ? 1 : 4 * cores
    return try write(
      cookies, options: options, chunkBytes: chunkBytes, groupSize: 1024, parts: parts, to: sink)
  }

  /// The streaming writer with explicit sizes (tests use tiny ones to cross every boundary).
  static func write(
    _ cookies: [Cookie], options: CookieWriteOptions, chunkBytes: Int, groupSize: Int, parts: Int,
    to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    try writeChunks(
      cookies, options: options, chunkBytes: chunkBytes, groupSize: groupSize, parts: parts,
      allocate: { UnsafeMutablePointer<UInt8>.allocate(capacity: $0) }, release: { $0.deallocate() }, to: sink
    )
  }

  /// The two passes. The chunk buffer (big enough for the largest chunk) comes from
  /// `allocate` and goes back through `release` when done, unless the caller keeps it (the
  /// one-`Data` writer hands it to `Data`).
  static func writeChunks(
    _ cookies: [Cookie], options: CookieWriteOptions, chunkBytes: Int, groupSize: Int, parts: Int,
    allocate: (Int) -> UnsafeMutablePointer<UInt8>, release: (UnsafeMutablePointer<UInt8>) -> Void,
    to sink: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows -> CookieWriteSummary {
    let (dialect, header, setUpWarnings) = setUp(options)
    var warnings = setUpWarnings
    let n = cookies.count
    let groupSize = max(groupSize, 1)
    let groups = (n + groupSize - 1) / groupSize
    let parts = max(1, min(parts, max(groups, 1)))
    let (tally, skipped, bytes) = try cookies.withUnsafeBufferPointer {
      buf throws -> (NetscapeLossTally, Int, Int) in
      // Pass 1: the exact byte length of each group's lines.
      var lengths = [Int](repeating: 0, count: groups)
      lengths.withUnsafeMutableBufferPointer { out in
        let job = ChunkJob(cookies: buf, lengths: out, bytes: nil, tallies: nil, written: nil)
        run(parts) { k in
          // Cookies are read in place through the pointer: a copy would retain and release
          // each of their strings (contended across threads for the interned ones).
          let base = job.cookies.baseAddress!
          for g in groups * k / parts..<groups * (k + 1) / parts {
            var sum = 0
            for i in g * groupSize..<min(n, (g + 1) * groupSize) {
              sum += lineLength((base + i).pointee, dialect)
            }
            job.lengths![g] = sum
          }
        }
      }
      let headerCount = header.utf8CodeUnitCount
      let total = lengths.reduce(0, +)
      let capacity = headerCount + min(total, max(chunkBytes, lengths.max() ?? 0))
      let chunk = allocate(max(capacity, 1))
      defer { release(chunk) }
      let tallies = UnsafeMutablePointer<NetscapeLossTally>.allocate(capacity: parts)
      tallies.initialize(repeating: NetscapeLossTally(), count: parts)
      defer {
        tallies.deinitialize(count: parts)
        tallies.deallocate()
      }
      var written = [Int](repeating: 0, count: parts)
      var merged = NetscapeLossTally()
      var skipped = 0
      var bytes = 0
      chunk.update(from: header.utf8Start, count: headerCount)
      var used = headerCount  // the header goes out with the first chunk
      var g = 0
      repeat {
        // The groups of this chunk: at least one, then while they fit.
        var end = g
        var size = 0
        while end < groups && (end == g || size + lengths[end] <= chunkBytes) {
          size += lengths[end]
          end += 1
        }
        let first = g
        let count = end - first
        let p = max(1, min(parts, count))
        var offsets: [Int] = []
        var sizes: [Int] = []
        var at = used
        for k in 0..<p {
          var s = 0
          for h in first + count * k / p..<first + count * (k + 1) / p { s += lengths[h] }
          offsets.append(at)
          sizes.append(s)
          at += s
        }
        let starts = offsets
        let room = sizes
        written.withUnsafeMutableBufferPointer { w in
          let job = ChunkJob(cookies: buf, lengths: nil, bytes: chunk, tallies: tallies, written: w)
          // Pass 2, per chunk: each part writes its lines; unwritable cookies leave their
          // bytes unused.
          run(p) { k in
            var sink = LineSink(base: job.bytes! + starts[k], capacity: room[k])
            let from = min(n, (first + count * k / p) * groupSize)
            let to = min(n, (first + count * (k + 1) / p) * groupSize)
            let base = job.cookies.baseAddress!
            for i in from..<to {
              writeLine((base + i).pointee, dialect, into: &sink, tally: &job.tallies![k])
            }
            job.written![k] = sink.count
          }
        }
        // Close the gaps skipped cookies left, in order; merge the tallies in order.
        for k in 0..<p {
          if used != starts[k] && written[k] > 0 { memmove(chunk + used, chunk + starts[k], written[k]) }
          used += written[k]
          merged.merge(tallies[k])
          skipped += tallies[k].skippedCount
          tallies[k] = NetscapeLossTally()
        }
        if used > 0 { try sink(UnsafeRawBufferPointer(start: chunk, count: used)) }
        bytes += used
        used = 0
        g = end
      } while g < groups
      return (merged, skipped, bytes)
    }
    warnings += tally.diagnostics(dialect: dialect)
    return CookieWriteSummary(warnings: warnings, skipped: skipped, byteCount: bytes)
  }
}

/// What the parallel passes of one chunk share; each part touches only its own index and
/// byte range.
private struct ChunkJob: @unchecked Sendable {
  let cookies: UnsafeBufferPointer<Cookie>
  let lengths: UnsafeMutableBufferPointer<Int>?
  let bytes: UnsafeMutablePointer<UInt8>?
  let tallies: UnsafeMutablePointer<NetscapeLossTally>?
  let written: UnsafeMutableBufferPointer<Int>?
}
