import CookieCore

/// Bytes bound for standard output, gathered and handed to `CLIStreams` a megabyte at a
/// time: a million lines go out in a few hundred `write(2)` calls, and no command's output
/// is ever whole in memory.
struct StdoutBuffer {
  static let flushBytes = 1 << 20
  private(set) var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(StdoutBuffer.flushBytes + 4096) }

  mutating func append(_ s: String) {
    bytes.append(contentsOf: s.utf8)
    flushIfFull()
  }

  mutating func append(_ b: UInt8) { bytes.append(b) }

  /// Writes what is gathered once it reaches `flushBytes`.
  mutating func flushIfFull() {
    if bytes.count >= StdoutBuffer.flushBytes { flush() }
  }

  mutating func flush() {
    if bytes.isEmpty { return }
    bytes.withUnsafeBytes { CLIStreams.stdout(bytes: $0) }
    bytes.removeAll(keepingCapacity: true)
  }

  mutating func append(raw s: String) { bytes.append(contentsOf: s.utf8) }

  /// Decimal digits of `v`.
  mutating func append(decimal v: Int64) { bytes.appendDecimal(v) }

  /// `TerminalSafe.jsonQuoted(s)` (without its quotes when `quoted` is false), copied
  /// straight when `s` needs no escaping.
  mutating func appendJSON(_ s: String, quoted: Bool = true) {
    if !TerminalSafe.jsonQuotesAsIs(s.utf8) {
      let q = TerminalSafe.jsonQuoted(s)
      bytes.append(contentsOf: (quoted ? Substring(q) : q.dropFirst().dropLast()).utf8)
    } else {
      if quoted { bytes.append(UInt8(ascii: "\"")) }
      bytes.append(contentsOf: s.utf8)
      if quoted { bytes.append(UInt8(ascii: "\"")) }
    }
  }

  /// `appendJSON(c.value)`, the value read in place when it needs no escaping.
  mutating func appendJSONValue(of c: Cookie) {
    let done = c.withValueBytes { v -> Bool in
      if !TerminalSafe.jsonQuotesAsIs(bytes: v) { return false }
      bytes.append(UInt8(ascii: "\""))
      bytes.append(contentsOf: v)
      bytes.append(UInt8(ascii: "\""))
      return true
    }
    if !done { appendJSON(c.value) }
  }
}
