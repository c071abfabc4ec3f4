/// What kinds of byte a text holds, found in one pass over its UTF-8: the writers' fast
/// paths ask it whether a field is plain printable ASCII without the characters their
/// format treats specially, and leave every other cookie to their simple path.
public struct TextBytes: OptionSet, Sendable {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// A C0 control (TAB, CR and LF included) or DEL.
  public static let control = TextBytes(rawValue: 1 << 0)
  /// A byte at or above 0x80 (any non-ASCII character).
  public static let nonASCII = TextBytes(rawValue: 1 << 1)
  public static let space = TextBytes(rawValue: 1 << 2)
  public static let semicolon = TextBytes(rawValue: 1 << 3)
  public static let equals = TextBytes(rawValue: 1 << 4)
  public static let comma = TextBytes(rawValue: 1 << 5)
  public static let quote = TextBytes(rawValue: 1 << 6)
  public static let backslash = TextBytes(rawValue: 1 << 7)
  /// Anything but an ASCII letter, digit or `_` (Python's `\w` on ASCII).
  public static let nonWord = TextBytes(rawValue: 1 << 8)

  /// Neither a control nor a non-ASCII byte: printable ASCII, one column per byte.
  public static let unprintable: TextBytes = [.control, .nonASCII]

  private static let table: [UInt16] = (0..<256).map { (b: Int) -> UInt16 in
    var t: TextBytes = []
    if b < 0x20 || b == 0x7F { t.insert(.control) }
    if b >= 0x80 { t.insert(.nonASCII) }
    switch b {
    case 0x20: t.insert(.space)
    case 0x3B: t.insert(.semicolon)
    case 0x3D: t.insert(.equals)
    case 0x2C: t.insert(.comma)
    case 0x22: t.insert(.quote)
    case 0x5C: t.insert(.backslash)
    default: break
    }
    let word =
      (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x5F
    if !word { t.insert(.nonWord) }
    return t.rawValue
  }

  /// The kinds of byte in `bytes`.
  public static func of(bytes: UnsafeRawBufferPointer) -> TextBytes {
    table.withUnsafeBufferPointer { t in
      var m: UInt16 = 0
      for b in bytes { m |= t[Int(b)] }
      return TextBytes(rawValue: m)
    }
  }

  /// The kinds of byte in `c`'s value, read in place.
  public static func ofValue(_ c: borrowing Cookie) -> TextBytes {
    c.withValueBytes { of(bytes: $0) }
  }

  /// The kinds of byte in `s`.
  public static func of(_ s: String) -> TextBytes {
    table.withUnsafeBufferPointer { t in
      var m: UInt16 = 0
      if let r = s.utf8.withContiguousStorageIfAvailable({ bytes -> UInt16 in
        for b in bytes { m |= t[Int(b)] }
        return m
      }) {
        return TextBytes(rawValue: r)
      }
      for b in s.utf8 { m |= t[Int(b)] }
      return TextBytes(rawValue: m)
    }
  }
}

extension ByteOutput {
  /// Two decimal digits of `n` (0...99).
  mutating func appendTwoDigits(_ n: Int) {
    bytes.append(UInt8(truncatingIfNeeded: 0x30 + n / 10))
    bytes.append(UInt8(truncatingIfNeeded: 0x30 + n % 10))
  }

  /// Four decimal digits of `n` (0...9999), zero-padded.
  mutating func appendFourDigits(_ n: Int) {
    appendTwoDigits(n / 100)
    appendTwoDigits(n % 100)
  }
}

extension Array where Element == UInt8 {
  /// Appends the decimal digits of `v` (a `-` first when negative), no `String` made: line
  /// numbers and epochs in outputs of a million lines.
  public mutating func appendDecimal(_ v: Int64) {
    appendInRoom(capacity: 20) { $0.putDecimal(v) }
  }

  /// Appends the UTF-8 of `s` in one copy from its storage: `append(contentsOf: s.utf8)`
  /// costs more per call, and the lint's text lines are a dozen short pieces each.
  @inline(__always)
  public mutating func appendUTF8(_ s: String) {
    let copied: Void? = s.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
    if copied == nil { append(contentsOf: s.utf8) }
  }
}

/// Room at the end of a byte array that a line is written into through a pointer
/// (`appendInRoom`): made once, the pieces copied in, the unused rest given back. The lint
/// writes millions of lines of a dozen short pieces each; appending each piece to the array
/// checked its uniqueness and capacity every time.
public struct ByteRoom {
  private var next: UnsafeMutablePointer<UInt8>
  private let end: UnsafeMutablePointer<UInt8>
  private let start: UnsafeMutablePointer<UInt8>

  init(_ start: UnsafeMutablePointer<UInt8>, capacity: Int) {
    self.start = start
    next = start
    end = start + capacity
  }

  /// How many bytes were written.
  public var count: Int { next - start }

  @inline(__always)
  public mutating func put(_ b: UInt8) {
    precondition(next < end, "ByteRoom: more written than the room made")
    next.pointee = b
    next += 1
  }

  @inline(__always)
  public mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    precondition(end - next >= bytes.count, "ByteRoom: more written than the room made")
    guard let base = bytes.baseAddress else { return }
    next.update(from: base, count: bytes.count)
    next += bytes.count
  }

  @inline(__always)
  public mutating func put(_ s: String) {
    let copied: Void? = s.utf8.withContiguousStorageIfAvailable { put($0) }
    if copied == nil { for b in s.utf8 { put(b) } }
  }

  /// The decimal digits of `v` (a `-` first when negative): at most 20 bytes.
  public mutating func putDecimal(_ v: Int64) {
    var x = v.magnitude
    var digits = 1
    var rest = x / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    if v < 0 { put(UInt8(ascii: "-")) }
    precondition(end - next >= digits, "ByteRoom: more written than the room made")
    var at = next + digits
    repeat {
      at -= 1
      at.pointee = UInt8(truncatingIfNeeded: x % 10) + 0x30
      x /= 10
    } while x > 0
    next += digits
  }
}

extension Array where Element == UInt8 {
  /// Appends what `body` writes into room for at most `capacity` bytes (writing more traps).
  public mutating func appendInRoom(capacity: Int, _ body: (inout ByteRoom) -> Void) {
    let start = count
    append(contentsOf: repeatElement(0, count: capacity))
    let used = withUnsafeMutableBufferPointer { b in
      var room = ByteRoom(b.baseAddress! + start, capacity: capacity)
      body(&room)
      return room.count
    }
    removeLast(capacity - used)
  }
}
