import Foundation

/// The bytes of many cookie values in one allocation, shared by the cookies that hold spans
/// of it (`ValueText`). Written only before any span of it is handed out, read-only after.
///
/// Why: a million-cookie jar's values are mostly 16–200 bytes. As Swift strings each would
/// be its own heap object (a 32-byte header, a terminating NUL and malloc's rounding: about
/// 50 bytes a value beyond its text); in slabs a value costs its bytes.
final class ValueSlab: ManagedBuffer<Int, UInt8> {
  /// A slab holding a copy of `bytes` and nothing else.
  static func holding(_ bytes: UnsafeRawBufferPointer) -> ValueSlab {
    let slab = empty(capacity: bytes.count)
    slab.withUnsafeMutablePointerToElements { p in
      if let from = bytes.baseAddress {
        UnsafeMutableRawPointer(p).copyMemory(from: from, byteCount: bytes.count)
      }
    }
    return slab
  }

  /// An uninitialised slab of at least `capacity` bytes (its header is unused).
  static func empty(capacity: Int) -> ValueSlab {
    unsafeDowncast(ValueSlab.create(minimumCapacity: max(1, capacity)) { _ in 0 }, to: ValueSlab.self)
  }
}

/// A cookie value as valid UTF-8 bytes: a span of a `ValueSlab`, or nothing for the empty
/// value. 16 bytes, as a `String` is; equal when the bytes are equal. Sendable: a slab is
/// never written once a span of it exists.
public struct ValueText: Hashable, @unchecked Sendable {
  private var slab: ValueSlab?
  private var offset: UInt32
  public private(set) var count: UInt32

  static let empty = ValueText(slab: nil, offset: 0, count: 0)

  private init(slab: ValueSlab?, offset: UInt32, count: UInt32) {
    self.slab = slab
    self.offset = offset
    self.count = count
  }

  /// `s` in a slab of its own (one allocation, as the string had).
  init(_ s: String) {
    var s = s
    self = s.withUTF8 { u in
      u.isEmpty
        ? .empty : ValueText(slab: .holding(UnsafeRawBufferPointer(u)), offset: 0, count: UInt32(u.count))
    }
  }

  /// The span `offset..<offset + count` of `slab`, which must hold valid UTF-8 there.
  init(span slab: ValueSlab, offset: Int, count: Int) {
    self.init(slab: count == 0 ? nil : slab, offset: UInt32(offset), count: UInt32(count))
  }

  /// The value's bytes, valid for the call.
  @inline(__always)
  public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    guard let slab else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
    return try slab.withUnsafeMutablePointerToElements { p in
      try body(UnsafeRawBufferPointer(start: p + Int(offset), count: Int(count)))
    }
  }

  /// The value as a `String` (made on each call: one allocation when over 15 bytes).
  public var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

  public static func == (a: ValueText, b: ValueText) -> Bool {
    guard a.count == b.count else { return false }
    if a.count == 0 || (a.slab === b.slab && a.offset == b.offset) { return true }
    return a.withBytes { x in b.withBytes { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
  }

  public func hash(into h: inout Hasher) { withBytes { h.combine(bytes: $0) } }
}

/// Copies the values one reader makes into slabs: small ones first (a short jar should not
/// take a megabyte), doubling up to 1 MiB each.
struct ValueSlabBuilder {
  private var slab: ValueSlab?
  private var used = 0
  private var capacity = 0
  private var nextCapacity = 4096
  static let largestSlab = 1 << 20

  init() {}

  /// A span holding a copy of `bytes`, which must be valid UTF-8.
  mutating func add(_ bytes: UnsafeRawBufferPointer) -> ValueText {
    let n = bytes.count
    if n == 0 { return .empty }
    if n > capacity - used {
      if n > ValueSlabBuilder.largestSlab / 4 {
        // A large value gets a slab of its own; the current one stays in use.
        return ValueText(span: .holding(bytes), offset: 0, count: n)
      }
      let size = max(nextCapacity, n)
      slab = .empty(capacity: size)
      capacity = size
      used = 0
      nextCapacity = min(nextCapacity * 2, ValueSlabBuilder.largestSlab)
    }
    let slab = slab!
    slab.withUnsafeMutablePointerToElements { p in
      UnsafeMutableRawPointer(p + used).copyMemory(from: bytes.baseAddress!, byteCount: n)
    }
    let text = ValueText(span: slab, offset: used, count: n)
    used += n
    return text
  }

  /// As `add(_:)` for a string's UTF-8.
  mutating func add(_ s: String) -> ValueText {
    var s = s
    return s.withUTF8 { add(UnsafeRawBufferPointer($0)) }
  }
}
