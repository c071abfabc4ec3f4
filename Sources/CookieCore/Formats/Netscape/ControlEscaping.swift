/// Makes cookie text safe for a terminal: control characters never reach it raw.
///
/// A cookie value is attacker-controlled; an ESC in it could recolour or rewrite the user's
/// terminal. C0 controls, DEL and C1 controls (U+0080–U+009F, which some terminals obey as
/// CSI and friends) become `\xHH` / `\u{HH}`; a backslash stays as is.
public enum ControlEscaping {
  /// True when `s` holds a character `escaped(_:)` would rewrite.
  public static func needsEscaping(_ s: String) -> Bool {
    var previousWasC2 = false
    for b in s.utf8 {
      if b < 0x20 || b == 0x7F { return true }
      if previousWasC2 && b >= 0x80 && b <= 0x9F { return true }
      previousWasC2 = b == 0xC2
    }
    return false
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
