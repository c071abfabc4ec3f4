import Foundation

/// A run of whole lines of the input, parsed on its own (in parallel with the others for a
/// large jar) and joined back in order.
struct NetscapeSlice: Sendable {
  var start: Int
  var end: Int
  /// 1-based number of the slice's first line in the whole input.
  var firstLine: Int
  /// Lines in the slice: an upper bound on the cookies it can yield.
  var lines: Int

  /// Cuts `b[from...]` into at most `parts` slices of about equal size, at line ends.
  static func split(_ b: UnsafeRawBufferPointer, from: Int, parts: Int) -> [NetscapeSlice] {
    guard let base = b.baseAddress, b.count > from else { return [] }
    var cuts = [from]
    for k in 1..<max(parts, 1) {
      let target = max(from + (b.count - from) * k / parts, cuts[cuts.count - 1])
      guard target < b.count, let p = memchr(base + target, 0x0A, b.count - target) else { break }
      let next = base.distance(to: UnsafeRawPointer(p)) + 1
      if next < b.count && next > cuts[cuts.count - 1] { cuts.append(next) }
    }
    cuts.append(b.count)
    // Line counts per slice, on all cores (a memchr pass over the whole input).
    let count = cuts.count - 1
    var counts = [Int](repeating: 0, count: count)
    let bounds = cuts
    counts.withUnsafeMutableBufferPointer { out in
      let job = CountJob(bytes: b, counts: out)
      if count == 1 {
        job.counts[0] = lineCount(job.bytes, bounds[0], bounds[1])
      } else {
        DispatchQueue.concurrentPerform(iterations: count) { k in
          job.counts[k] = lineCount(job.bytes, bounds[k], bounds[k + 1])
        }
      }
    }
    var slices: [NetscapeSlice] = []
    var line = 1
    for k in 0..<count {
      slices.append(NetscapeSlice(start: cuts[k], end: cuts[k + 1], firstLine: line, lines: counts[k]))
      line += counts[k]
    }
    return slices
  }

  /// Lines in `b[start..<end]`: its LFs, plus one for a last line without LF.
  static func lineCount(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
    guard let base = b.baseAddress, end > start else { return 0 }
    var n = 0
    var p = start
    while p < end, let q = memchr(base + p, 0x0A, end - p) {
      n += 1
      p = base.distance(to: UnsafeRawPointer(q)) + 1
    }
    return n + (p < end ? 1 : 0)
  }

  /// Parses one slice into `state`, telling `consumed` every 2 MiB what it is done with.
  ///
  /// The input may be a mapped file that another process changes while it is read (the
  /// loader then discards the result), so bytes can change between two reads of them. Two
  /// rules keep that from crashing: each line is parsed from a private copy, which cannot
  /// change, and no more than `slice.lines` lines are read, which is what `state`'s share of
  /// the output buffer was sized for.
  static func scan(
    _ b: UnsafeRawBufferPointer, _ slice: NetscapeSlice, into state: inout NetscapeReadState,
    consumed: (@Sendable (Range<Int>) -> Void)?
  ) {
    var reported = slice.start
    let base = b.baseAddress
    let lastLine = slice.firstLine + slice.lines - 1
    var copy = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
    defer { copy.deallocate() }
    NetscapeLines.forEach(in: b, from: slice.start, to: slice.end, firstNumber: slice.firstLine) {
      line, number in
      guard number <= lastLine else { return false }
      if let consumed, let base, let at = line.baseAddress, base.distance(to: at) - reported >= 2 << 20 {
        consumed(reported..<base.distance(to: at))
        reported = base.distance(to: at)
      }
      if line.count > copy.count {
        copy.deallocate()
        copy = UnsafeMutableRawBufferPointer.allocate(byteCount: line.count, alignment: 16)
      }
      copy.copyMemory(from: line)
      let stable = UnsafeRawBufferPointer(rebasing: copy[..<line.count])
      switch NetscapeLines.classify(stable) {
      case .blank, .comment: break
      case .cookie(let body):
        state.readCookie(body, httpOnly: body.count != stable.count, line: number)
      }
      return true
    }
  }

  /// Parses every slice (concurrently when there are several) into one array, in input
  /// order, with no copy: each slice writes into its own region of the final buffer, sized
  /// by its line count, and the regions are then moved together.
  static func parse(
    _ b: UnsafeRawBufferPointer, slices: [NetscapeSlice], options: CookieReadOptions
  ) -> ([Cookie], [NetscapeReadState]) {
    if slices.count <= 1 {
      var state = NetscapeReadState(file: options.sourceName, lineEstimate: slices.first?.lines ?? 0)
      if let s = slices.first { scan(b, s, into: &state, consumed: options.consumed) }
      let cookies = state.cookies
      state.cookies = []
      return (cookies, [state])
    }
    var offsets: [Int] = []
    var total = 0
    for s in slices {
      offsets.append(total)
      total += s.lines
    }
    let starts = offsets
    let states = UnsafeMutablePointer<NetscapeReadState?>.allocate(capacity: slices.count)
    states.initialize(repeating: nil, count: slices.count)
    defer {
      states.deinitialize(count: slices.count)
      states.deallocate()
    }
    let cookies = [Cookie](unsafeUninitializedCapacity: total) { buf, initialized in
      guard let out = buf.baseAddress else { return }
      let shared = SharedPointers(bytes: b, out: out, states: states)
      let file = options.sourceName
      let consumed = options.consumed
      DispatchQueue.concurrentPerform(iterations: slices.count) { k in
        // Each iteration touches only its own slice of the input, of `out` and of `states`.
        var state = NetscapeReadState(file: file, sink: shared.out + starts[k])
        scan(shared.bytes, slices[k], into: &state, consumed: consumed)
        shared.states[k] = state
      }
      var w = 0
      for k in 0..<slices.count {
        let n = states[k]?.written ?? 0
        if w != offsets[k] && n > 0 { (out + w).moveInitialize(from: out + offsets[k], count: n) }
        w += n
      }
      initialized = w
    }
    var list: [NetscapeReadState] = []
    for k in 0..<slices.count { if let s = states[k] { list.append(s) } }
    return (cookies, list)
  }
}

/// The raw pointers the parallel slices share; each slice uses a disjoint part of them.
private struct SharedPointers: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
  let out: UnsafeMutablePointer<Cookie>
  let states: UnsafeMutablePointer<NetscapeReadState?>
}

/// Input bytes and per-slice line counts, shared by the counting threads.
private struct CountJob: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
  let counts: UnsafeMutableBufferPointer<Int>
}
