/// Text from a store, made safe to put in a diagnostic: diagnostics go to a terminal, and
/// control characters in cookie data must never reach it raw (a stored ESC could repaint
/// the screen). Controls become `\u{1B}`-style escapes; long text is cut.
enum QuotedText {
  static let limit = 80

  /// `"text"`, escaped and at most `limit` characters inside the quotes.
  static func quoted(_ text: String) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
      if count >= limit {
        out += "…"
        break
      }
      switch scalar.value {
      case 0x00...0x1F, 0x7F...0x9F:
        out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      case 0x22, 0x5C:
        out += "\\" + String(scalar)
      default:
        out.unicodeScalars.append(scalar)
      }
      count += 1
    }
    return "\"\(out)\""
  }
}
