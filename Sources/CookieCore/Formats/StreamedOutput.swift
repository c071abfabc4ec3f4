import Foundation

/// A growing byte buffer for the writers that stream their output in pieces.
struct ByteOutput {
  var bytes: [UInt8] = []

  var count: Int { bytes.count }

  mutating func append(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

  mutating func append(_ b: UInt8) { bytes.append(b) }

  /// A cookie's value, read in place (no `String` made).
  mutating func appendValue(of c: borrowing Cookie) {
    c.withValueBytes { bytes.append(contentsOf: $0) }
  }

  mutating func truncate(to n: Int) { bytes.removeSubrange(n...) }

  mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

  /// `JSONText.write(.object(members), indent:level:)`, scalar values written straight
  /// to bytes (nested ones through `JSONText`).
  mutating func appendJSONObject(_ members: [(key: String, value: JSONNode)], indent: Int, level: Int) {
    if members.isEmpty {
      append("{}")
      return
    }
    append("{\n")
    for (k, m) in members.enumerated() {
      bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * (level + 1)))
      appendJSON(m.key, escaping: .javaScript)
      append(": ")
      switch m.value.value {
      case .null: append("null")
      case .bool(let b): append(b ? "true" : "false")
      case .number(let n): append(n)
      case .string(let s): appendJSON(s, escaping: .javaScript)
      default: append(JSONText.render(m.value.value, indent: indent, level: level + 1))
      }
      if k + 1 < members.count { bytes.append(UInt8(ascii: ",")) }
      bytes.append(UInt8(ascii: "\n"))
    }
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    append("}")
  }

  /// `appendJSON(c.value, escaping:)`, the value read in place when it needs no escaping.
  mutating func appendJSONValue(of c: borrowing Cookie, escaping: TerminalSafe.JSONEscaping) {
    let done = c.withValueBytes { v -> Bool in
      guard TerminalSafe.jsonQuotesAsIs(bytes: v, escaping: escaping) else { return false }
      bytes.append(UInt8(ascii: "\""))
      bytes.append(contentsOf: v)
      bytes.append(UInt8(ascii: "\""))
      return true
    }
    if !done { appendJSON(c.value, escaping: escaping) }
  }

  /// `TerminalSafe.jsonQuoted(s, escaping:)`, without building a `String` when `s` needs no
  /// escaping (the common case).
  mutating func appendJSON(_ s: String, escaping: TerminalSafe.JSONEscaping, prefix: StaticString = "") {
    if TerminalSafe.jsonQuotesAsIs(s.utf8, escaping: escaping) {
      bytes.append(UInt8(ascii: "\""))
      append(prefix)
      append(s)
      bytes.append(UInt8(ascii: "\""))
    } else {
      append(TerminalSafe.jsonQuoted(prefix.description + s, escaping: escaping))
    }
  }
}

/// The streaming half of the JSON, Playwright, LWP and Set-Cookie writers: cookies are
/// rendered in batches, each batch in a few parts in parallel (each with its own
/// `FieldLossTally`), and the parts go to the sink in order. Only one batch's output is
/// ever in memory, never the whole file (as the Netscape writer does). The whole-`Data`
/// writers stay the simple path; tests hold the two byte-identical.
enum StreamedOutput {
  /// The text around the items: `prefix` always, then `open`, the items with `separator`
  /// between them and `close` when at least one item was written, else `empty`.
  struct Frame: Sendable {
    var prefix: String = ""
    var open: String = ""
    var separator: String = ""
    var close: String = ""
    var empty: String = ""
  }

  /// Cookies per batch (a few megabytes of output) and parallel parts per batch (nil: two
  /// per core for a large jar); tests use tiny ones to cross every boundary.
  struct Shape: Sendable {
    var batchSize = 16384
    var parts: Int? = nil
  }

  /// Renders one cookie (no separator) into the buffer; false when it was left out (the
  /// tally says why), and then whatever it wrote is dropped. The cookie comes as a pointer
  /// into the jar: a closure given the cookie itself gets a copy of it (a retain of each of
  /// its strings), while a function called with `pointee` borrows it in place.
  typealias Render = @Sendable (UnsafePointer<Cookie>, inout ByteOutput, inout FieldLossTally) -> Bool

  static func write(
    _ cookies: [Cookie], frame: Frame, target: String, shape: Shape = Shape(),
    to sink: (UnsafeRawBufferPointer) throws -> Void, render: @escaping Render
  ) rethrows -> CookieWriteSummary {
    let cores = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    let batchSize = max(1, shape.batchSize)
    let p = max(1, shape.parts ?? (cookies.count < 2 * batchSize ? 1 : 2 * cores))
    var tally = FieldLossTally(target: target)
    var bytes = 0
    var wrote = false
    if !frame.prefix.isEmpty { bytes += try put(frame.prefix, sink) }
    let outputs = UnsafeMutablePointer<ByteOutput>.allocate(capacity: p)
    outputs.initialize(repeating: ByteOutput(), count: p)
    let tallies = UnsafeMutablePointer<FieldLossTally>.allocate(capacity: p)
    defer {
      outputs.deinitialize(count: p)
      outputs.deallocate()
      tallies.deinitialize(count: p)
      tallies.deallocate()
    }
    tallies.initialize(repeating: FieldLossTally(target: target), count: p)
    let separator = Array(frame.separator.utf8)
    try cookies.withUnsafeBufferPointer { buf in
      var start = 0
      while start < buf.count {
        let end = min(buf.count, start + batchSize)
        let job = StreamJob(cookies: buf, outputs: outputs, tallies: tallies)
        let batchStart = start
        let work: @Sendable (Int) -> Void = { k in
          let from = batchStart + (end - batchStart) * k / p
          let to = batchStart + (end - batchStart) * (k + 1) / p
          let base = job.cookies.baseAddress!
          for i in from..<to {
            let mark = job.outputs[k].count
            job.outputs[k].bytes.append(contentsOf: separator)
            if !render(base + i, &job.outputs[k], &job.tallies[k]) {
              job.outputs[k].truncate(to: mark)
            }
          }
        }
        if p == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: p, execute: work) }
        for k in 0..<p {
          let out = outputs[k].bytes
          if !out.isEmpty {
            if !wrote {
              if !frame.open.isEmpty { bytes += try put(frame.open, sink) }
              try out.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[separator.count...])) }
              bytes += out.count - separator.count
              wrote = true
            } else {
              try out.withUnsafeBytes { try sink($0) }
              bytes += out.count
            }
          }
          outputs[k].removeAll()
          tally.merge(tallies[k])
          tallies[k] = FieldLossTally(target: target)
        }
        start = end
      }
    }
    let tail = wrote ? frame.close : frame.empty
    if !tail.isEmpty { bytes += try put(tail, sink) }
    return CookieWriteSummary(warnings: tally.diagnostics, skipped: tally.skippedCount, byteCount: bytes)
  }
}

extension StreamedOutput {
  /// Hands `s` to `sink`; returns its byte count.
  static func put(_ s: String, _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows -> Int {
    var s = s
    return try s.withUTF8 {
      try sink(UnsafeRawBufferPointer($0))
      return $0.count
    }
  }
}

/// What the parallel parts of one batch share; each part touches only its own slot.
private struct StreamJob: @unchecked Sendable {
  let cookies: UnsafeBufferPointer<Cookie>
  let outputs: UnsafeMutablePointer<ByteOutput>
  let tallies: UnsafeMutablePointer<FieldLossTally>
}
