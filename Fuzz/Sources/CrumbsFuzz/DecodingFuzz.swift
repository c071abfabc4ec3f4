import CookieCore
import Foundation

/// Cookie value decoders and the terminal escaper on arbitrary text and bytes.
enum DecodingFuzz {
  static func run(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    for view in ValueDecoding.views(of: text, now: fuzzNow) {
      Invariant.terminalSafe(view.title, "decoded view title")
      Invariant.check(
        view.lines.count <= ValueDecoding.maxLines + 1,
        "\(view.title): \(view.lines.count) lines, over the cap")
      for line in view.lines {
        Invariant.terminalSafe(line, "\(view.title) line")
        Invariant.check(
          line.count <= ValueDecoding.maxLineLength + 1, "\(view.title): a line of \(line.count) characters")
      }
    }

    let escaped = TerminalSafe.escape(text)
    Invariant.terminalSafe(escaped, "TerminalSafe.escape")
    Invariant.check(TerminalSafe.escape(escaped) == escaped, "TerminalSafe.escape is not idempotent")
    Invariant.terminalSafe(TerminalSafe.escape(text, limit: 7), "TerminalSafe.escape(limit:)")
    Invariant.terminalSafe(TerminalSafe.quoted(text), "TerminalSafe.quoted")
    let json = TerminalSafe.jsonQuoted(text)
    Invariant.terminalSafe(json, "TerminalSafe.jsonQuoted")
    // Still valid JSON for the same string.
    let parsed =
      try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
    Invariant.check(parsed == text, "jsonQuoted \(json) reads back as \(String(describing: parsed))")

    let bytes = [UInt8](data)
    let limit = 1 << 16
    for raw in [false, true] {
      do {
        let out = try raw ? Inflate.raw(bytes, limit: limit) : Inflate.zlib(bytes, limit: limit)
        Invariant.check(out.count <= limit, "Inflate gave \(out.count) bytes over its limit \(limit)")
      } catch {
        Invariant.terminalSafe(error.description, "Inflate.Failure")
      }
    }
  }
}
