import Foundation

/// One growing byte buffer a writer fills, handed over as `Data` without a copy.
///
/// Writing a million cookies means ~100 MB of output; building it in one malloc'd block
/// and giving that block to `Data` avoids a second 100 MB copy at the end.
struct OutputBuffer: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
  }

  deinit {
    free(base)
  }

  private mutating func reserve(_ extra: Int) {
    if count + extra <= capacity { return }
    var cap = capacity
    while cap < count + extra { cap *= 2 }
    base = realloc(base, cap)!.assumingMemoryBound(to: UInt8.self)
    capacity = cap
  }

  mutating func append(_ byte: UInt8) {
    reserve(1)
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

  private mutating func append(bytes u: UnsafeBufferPointer<UInt8>) {
    reserve(u.count)
    if let p = u.baseAddress { (base + count).update(from: p, count: u.count) }
    count += u.count
  }

  mutating func append(ascii s: StaticString) {
    let n = s.utf8CodeUnitCount
    reserve(n)
    (base + count).update(from: s.utf8Start, count: n)
    count += n
  }

  /// Decimal digits of `v` (no `String` made).
  mutating func append(decimal v: Int64) {
    reserve(21)
    var x = v.magnitude
    if v < 0 {
      base[count] = UInt8(ascii: "-")
      count += 1
    }
    var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch
    let n = withUnsafeMutableBytes(of: &tmp) { t -> Int in
      var i = 0
      repeat {
        t[23 - i] = UInt8(truncatingIfNeeded: x % 10) + 0x30
        x /= 10
        i += 1
      } while x > 0
      (base + count).update(
        from: t.baseAddress!.advanced(by: 24 - i).assumingMemoryBound(to: UInt8.self), count: i)
      return i
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

  /// Hands the bytes to `Data`; the buffer is consumed.
  consuming func takeData() -> Data {
    let p = base
    let n = count
    discard self
    if n == 0 {
      free(p)
      return Data()
    }
    return Data(bytesNoCopy: p, count: n, deallocator: .free)
  }
}
