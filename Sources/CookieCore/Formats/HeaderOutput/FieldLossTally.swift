/// Collects, while a writer runs, every field the target format cannot hold (REFERENCE §11:
/// "warn the user for every ✘/~ field that is set on a cookie being exported").
///
/// One warning per field, counting the cookies and naming the first few, so a million-cookie
/// jar does not print a million identical lines; skipped cookies get one warning each, at the
/// place the cookie came from.
struct FieldLossTally {
  private struct Entry {
    var severity: Diagnostic.Severity
    var message: String
    var count = 0
    var examples: [String] = []
  }

  let target: String
  private var order: [String] = []
  private var entries: [String: Entry] = [:]
  private(set) var skippedWarnings: [Diagnostic] = []

  /// `target` names the output in messages, e.g. `lwp output`.
  init(target: String) { self.target = target }

  /// Records that `field` of `cookie` could not be written as is; `message` says what
  /// happened to it instead (`written as a non-standard attribute`, `dropped`).
  mutating func lost(
    _ field: String, of cookie: Cookie, _ message: String, severity: Diagnostic.Severity = .warning
  ) {
    if entries[field] == nil {
      order.append(field)
      entries[field] = Entry(severity: severity, message: message)
    }
    entries[field]!.count += 1
    if entries[field]!.examples.count < 3 {
      entries[field]!.examples.append(TerminalSafe.escape(cookie.id.description, limit: 80))
    }
  }

  /// Records that `cookie` was left out entirely and why.
  mutating func skipped(_ cookie: Cookie, _ reason: String) {
    let file = cookie.sourceFile.isEmpty ? target : cookie.sourceFile
    var where_ = ""
    if cookie.sourceLine == 0, let r = cookie.sourceRecord { where_ = " (\(r))" }
    skippedWarnings.append(
      Diagnostic(
        .warning, file: file, line: cookie.sourceLine > 0 ? Int(cookie.sourceLine) : nil,
        "cookie \(TerminalSafe.escape(cookie.id.description, limit: 80))\(where_) not written to \(target): \(reason)"
      ))
  }

  var skippedCount: Int { skippedWarnings.count }

  /// Adds what `other` recorded after what this one did, as if one tally had seen both
  /// runs of cookies in order (the parallel parts of a streamed write).
  mutating func merge(_ other: FieldLossTally) {
    for field in other.order {
      guard let e = other.entries[field] else { continue }
      if entries[field] == nil {
        order.append(field)
        entries[field] = Entry(severity: e.severity, message: e.message)
      }
      entries[field]!.count += e.count
      let room = 3 - entries[field]!.examples.count
      if room > 0 { entries[field]!.examples += e.examples.prefix(room) }
    }
    skippedWarnings += other.skippedWarnings
  }

  var diagnostics: [Diagnostic] {
    var out: [Diagnostic] = []
    for field in order {
      guard let e = entries[field] else { continue }
      let more = e.count > e.examples.count ? ", …" : ""
      let cookies = e.count == 1 ? "1 cookie" : "\(e.count) cookies"
      out.append(
        Diagnostic(
          e.severity, file: target,
          "\(field): \(cookies) (\(e.examples.joined(separator: ", "))\(more)): \(e.message)"))
    }
    return out + skippedWarnings
  }
}
