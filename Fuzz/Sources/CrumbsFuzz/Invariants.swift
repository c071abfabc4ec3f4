import CookieCore
import Foundation

/// Properties every target checks besides "no crash". A broken one prints what and where
/// and aborts, so libFuzzer saves the input as a crash artifact.
enum Invariant {
  static func fail(_ what: String) -> Never {
    FileHandle.standardError.write(Data("INVARIANT BROKEN: \(what)\n".utf8))
    abort()
  }

  static func check(_ ok: @autoclosure () -> Bool, _ what: @autoclosure () -> String) {
    if !ok() { fail(what()) }
  }

  /// The first character a terminal would act on rather than show: C0 controls (TAB and
  /// newline included), DEL, C1 controls (U+0080–U+009F), bidi overrides and isolates
  /// (U+202A–U+202E, U+2066–U+2069) and the line/paragraph separators U+2028/U+2029.
  static func rawControl(in s: String) -> Unicode.Scalar? {
    for u in s.unicodeScalars {
      let v = u.value
      if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029
      {
        return u
      }
    }
    return nil
  }

  /// `s` is meant for a terminal (a diagnostic, an escaped value): it holds no raw control.
  static func terminalSafe(_ s: String, _ what: @autoclosure () -> String) {
    if let u = rawControl(in: s) {
      fail("\(what()) holds raw U+\(String(u.value, radix: 16, uppercase: true)): \(s.debugDescription)")
    }
  }
}
