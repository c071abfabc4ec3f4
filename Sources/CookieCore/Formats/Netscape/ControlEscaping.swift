/// Makes cookie text safe for a terminal: control characters never reach it raw.
///
/// A cookie value is attacker-controlled; an ESC in it could recolour or rewrite the user's
/// terminal. C0 controls, DEL and C1 controls (U+0080–U+009F, which some terminals obey as
/// CSI and friends) become `\xHH` / `\u{HH}`; a backslash stays as is.
public enum ControlEscaping {
  /// True when `s` holds a character `escaped(_:)` would rewrite.
  public static func needsEscaping(_ s: String) -> Bool {
    classify(s) & (lineBreak | otherControl) != 0
  }

  /// `classify` bit: the text holds a TAB, CR or LF.
  public static let lineBreak: UInt8 = 1
  /// `classify` bit: the text holds another C0 control, DEL or a C1 control.
  public static let otherControl: UInt8 = 2

  /// One pass over the UTF-8 bytes (a pointer loop for native strings: this runs for
  /// every cookie of a million-cookie jar on save and list).
  public static func classify(_ s: String) -> UInt8 {
    if let r = s.utf8.withContiguousStorageIfAvailable({ classify(bytes: $0) }) { return r }
    return classify(bytes: Array(s.utf8))
  }

  static func classify(bytes: some Collection<UInt8>) -> UInt8 {
    var flags: UInt8 = 0
    var previousWasC2 = false
    for b in bytes {
      if b < 0x20 {
        flags |= (b == 0x09 || b == 0x0A || b == 0x0D) ? lineBreak : otherControl
      } else if b == 0x7F || (previousWasC2 && b >= 0x80 && b <= 0x9F) {
        flags |= otherControl
      }
      previousWasC2 = b == 0xC2
    }
    return flags
  }

  public static func escaped(_ s: String) -> String {
    if !needsEscaping(s) { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 8)
    for u in s.unicodeScalars {
      let v = u.value
      if v < 0x20 || v == 0x7F {
        out += "\\x" + hex2(v)
      } else if v >= 0x80 && v <= 0x9F {
        out += "\\u{" + hex2(v) + "}"
      } else {
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  private static func hex2(_ v: UInt32) -> String {
    let digits = Array("0123456789abcdef")
    return String(digits[Int(v >> 4) & 0xF]) + String(digits[Int(v) & 0xF])
  }
}
