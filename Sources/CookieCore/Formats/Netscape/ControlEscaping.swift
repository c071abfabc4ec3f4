/// Finds control characters in cookie text fast for the cookies.txt reader and writer: line
/// breaks (which cookies.txt cannot hold) and other C0, DEL and C1 controls. One pass,
/// eight bytes at a time, for million-cookie jars. (What a terminal may show is
/// `TerminalSafe`'s business, which also escapes bidi and invisible characters.)
public enum ControlEscaping {
  /// `classify` bit: the text holds a TAB, CR or LF.
  public static let lineBreak: UInt8 = 1
  /// `classify` bit: the text holds another C0 control, DEL or a C1 control.
  public static let otherControl: UInt8 = 2

  /// One pass over the UTF-8 bytes (a pointer loop for native strings: this runs for
  /// every cookie of a million-cookie jar on save and list).
  public static func classify(_ s: String) -> UInt8 {
    if let r = s.utf8.withContiguousStorageIfAvailable({ classify(bytes: UnsafeRawBufferPointer($0)) }) {
      return r & (lineBreak | otherControl)
    }
    return Array(s.utf8).withUnsafeBytes { classify(bytes: $0) } & (lineBreak | otherControl)
  }

  /// `classify(bytes:)` bit: a byte at or above 0x80 (the text is not plain ASCII).
  static let nonASCII: UInt8 = 4

  /// The flags of raw bytes. Eight bytes at a time while they are plain printable ASCII
  /// (the common case), byte by byte around anything else.
  static func classify(bytes: UnsafeRawBufferPointer) -> UInt8 {
    var flags: UInt8 = 0
    var previousWasC2 = false
    var i = 0
    let n = bytes.count
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while i < n {
      if i + 8 <= n && !previousWasC2 {
        let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        // Any byte < 0x20, == 0x7F or >= 0x80? (SWAR "has byte less than" / "has zero";
        // false positives only send the word to the exact loop below.)
        let below = (w &- ones &* 0x20) & ~w & highs
        let x = w ^ (ones &* 0x7F)
        let del = (x &- ones) & ~x & highs
        if (below | del | (w & highs)) == 0 {
          i += 8
          continue
        }
      }
      let end = min(i + 8, n)
      while i < end {
        let b = bytes[i]
        if b < 0x20 {
          flags |= (b == 0x09 || b == 0x0A || b == 0x0D) ? lineBreak : otherControl
        } else if b >= 0x80 {
          flags |= nonASCII
          if previousWasC2 && b <= 0x9F { flags |= otherControl }
        } else if b == 0x7F {
          flags |= otherControl
        }
        previousWasC2 = b == 0xC2
        i += 1
      }
    }
    return flags
  }

}
