/// How many terminal columns a grapheme takes, from our own table (Unicode 15 East Asian
/// Width W/F ranges and emoji presentation) rather than the C library's `wcwidth`, which
/// depends on the locale and lags behind Unicode. Control characters are never drawn raw
/// (see `TerminalText.escaped`), so they do not appear here.
public enum DisplayWidth {
  /// Columns for one grapheme cluster: 0, 1 or 2.
  public static func of(_ c: Character) -> Int {
    let scalars = c.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
    var width = scalarWidth(first)
    var count = 0
    for s in scalars {
      count += 1
      // VS16 asks for emoji presentation: two columns (UTS #51 §4).
      if s.value == 0xFE0F { width = 2 }
    }
    // A pair of regional indicators is one flag, two columns.
    if count >= 2, (0x1F1E6...0x1F1FF).contains(first.value) { width = 2 }
    if width == 0 && count > 1 {
      // A grapheme that starts with a combining mark (after a control char was escaped)
      // still takes a column so the cursor model never loses one.
      return 1
    }
    return width
  }

  /// Columns for one scalar on its own.
  public static func scalarWidth(_ s: Unicode.Scalar) -> Int {
    let v = s.value
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
    if v < 0x300 { return 1 }
    if isZeroWidth(v) { return 0 }
    if isWide(v) { return 2 }
    return 1
  }

  /// Columns for a whole string.
  public static func of(_ s: some StringProtocol) -> Int {
    var w = 0
    for u in s.utf8 where u >= 0x80 {
      // Anything beyond ASCII: fall back to grapheme walking.
      w = -1
      break
    }
    if w == 0 {
      var n = 0
      for u in s.utf8 where u >= 0x20 && u != 0x7F { n += 1 }
      return n
    }
    var total = 0
    for c in s { total += of(c) }
    return total
  }

  static func isZeroWidth(_ v: UInt32) -> Bool {
    switch v {
    case 0x300...0x36F, 0x483...0x489, 0x591...0x5BD, 0x610...0x61A, 0x64B...0x65F,
      0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFE00...0xFE0F, 0xFE20...0xFE2F,
      0xFEFF, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xE0000...0xE0FFF,
      0x1F3FB...0x1F3FF:
      return true
    default:
      return false
    }
  }

  /// East Asian Wide and Fullwidth, plus emoji with default emoji presentation.
  static func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
      0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
      0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
      0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
      0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E,
      0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF,
      0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320, 0x1F32D...0x1F335,
      0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
      0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440, 0x1F442...0x1F4FC,
      0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A, 0x1F595...0x1F596,
      0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC, 0x1F6D0...0x1F6D2,
      0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
      0x1F7E0...0x1F7EB, 0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
      0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
