/// Cookie text quoted inside diagnostics. Diagnostics go to a terminal, and control
/// characters in cookie data must never reach one raw (project rule), so C0, DEL and C1
/// controls are shown as `\u{1B}`-style escapes; long text is cut.
enum DiagnosticText {
  static func escaped(_ s: String, limit: Int = 80) -> String {
    var out = ""
    var n = 0
    for u in s.unicodeScalars {
      if n >= limit {
        out += "…"
        break
      }
      if u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
        out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
      } else {
        out.unicodeScalars.append(u)
      }
      n += 1
    }
    return out
  }
}
