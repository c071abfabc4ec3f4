/// `curl --trace-ascii FILE` output (REFERENCE §5.4): `== Info:` lines, `=> Send header` /
/// `<= Recv header` chunk titles, then the chunk's bytes as `OFFS: text` lines, wrapped at
/// 64 bytes, with CR LF removed. Rewritten here into the `curl -v` shape (`* `, `> `, `< `
/// lines) so one parser serves both.
enum CurlTraceASCII {
  static func looksLikeTrace(_ lines: [Substring]) -> Bool {
    for l in lines.prefix(20) where !l.isEmpty {
      return l.hasPrefix("== Info:") || l.hasPrefix("=> Send ") || l.hasPrefix("<= Recv ")
    }
    return false
  }

  /// Verbose-shaped lines, each with the 1-based line number of the trace line it starts on.
  static func verboseLines(_ lines: [Substring]) -> [(String, Int)] {
    enum Mode { case send, receive, ignore }
    var out: [(String, Int)] = []
    var mode = Mode.ignore
    // The logical line being assembled: its text, next expected offset, first line number.
    var current: (text: String, end: Int, line: Int)? = nil
    func flush() {
      if let c = current { out.append(((mode == .send ? "> " : "< ") + c.text, c.line)) }
      current = nil
    }
    for (i, line) in lines.enumerated() {
      let number = i + 1
      if line.hasPrefix("== Info: ") {
        flush()
        out.append(("* " + line.dropFirst("== Info: ".count), number))
      } else if line.hasPrefix("=> ") || line.hasPrefix("<= ") {
        flush()
        if line.hasPrefix("=> Send header") {
          mode = .send
        } else if line.hasPrefix("<= Recv header") {
          mode = .receive
        } else {
          mode = .ignore
        }
      } else if mode != .ignore, let colon = line.firstIndex(of: ":"),
        let offset = Int(line[..<colon], radix: 16)
      {
        var text = line[line.index(after: colon)...]
        if text.hasPrefix(" ") { text = text.dropFirst() }
        // Same logical line when this chunk line starts right where the previous one ended
        // (a 64-byte wrap); a skipped CR LF means a new line.
        if let c = current, c.end == offset {
          current = (c.text + text, offset + text.utf8.count, c.line)
        } else {
          flush()
          current = (String(text), offset + text.utf8.count, number)
        }
      }
    }
    flush()
    return out
  }
}
