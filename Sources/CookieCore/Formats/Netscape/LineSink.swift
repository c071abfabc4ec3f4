import Foundation

/// Writes one part of a file into a fixed region of a buffer whose size was computed
/// beforehand; never writes past it.
struct LineSink {
  let base: UnsafeMutablePointer<UInt8>
  let capacity: Int
  private(set) var count = 0

  init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
    self.base = base
    self.capacity = capacity
  }

  private func room(_ n: Int) {
    // The lengths come from `NetscapeWriter.lineLength`; a mismatch is a bug, and writing
    // on would corrupt memory.
    precondition(count + n <= capacity, "cookies.txt line longer than computed")
  }

  mutating func append(_ byte: UInt8) {
    room(1)
    base[count] = byte
    count += 1
  }

  mutating func append(_ s: String) {
    // Native strings expose their bytes without a copy; others (bridged) are copied once.
    let done: Void? = s.utf8.withContiguousStorageIfAvailable { u in append(bytes: u) }
    if done == nil {
      var t = s
      t.withUTF8 { append(bytes: $0) }
    }
  }

  /// A cookie's value, read in place (no `String` made).
  mutating func appendValue(of c: borrowing Cookie) {
    c.withValueBytes { append(bytes: $0.assumingMemoryBound(to: UInt8.self)) }
  }

  private mutating func append(bytes u: UnsafeBufferPointer<UInt8>) {
    room(u.count)
    if let p = u.baseAddress { (base + count).update(from: p, count: u.count) }
    count += u.count
  }

  mutating func append(ascii s: StaticString) {
    let n = s.utf8CodeUnitCount
    room(n)
    (base + count).update(from: s.utf8Start, count: n)
    count += n
  }

  /// Decimal digits of `v` (no `String` made).
  mutating func append(decimal v: Int64) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch
    var x = v.magnitude
    let n = withUnsafeMutableBytes(of: &digits) { t -> Int in
      var i = 0
      repeat {
        t[23 - i] = UInt8(truncatingIfNeeded: x % 10) + 0x30
        x /= 10
        i += 1
      } while x > 0
      return i
    }
    if v < 0 { append(UInt8(ascii: "-")) }
    room(n)
    withUnsafeBytes(of: &digits) { t in
      (base + count).update(
        from: t.baseAddress!.advanced(by: 24 - n).assumingMemoryBound(to: UInt8.self), count: n)
    }
    count += n
  }

  /// `ControlEscaping` flags of the bytes written since `offset`.
  func classify(from offset: Int) -> UInt8 {
    ControlEscaping.classify(bytes: UnsafeRawBufferPointer(start: base + offset, count: count - offset))
  }

  func byte(at offset: Int) -> UInt8 { base[offset] }

  /// Drops everything written after `offset`.
  mutating func truncate(to offset: Int) { count = min(count, max(offset, 0)) }
}
