/// Collects, while a writer runs, every field the target format cannot hold (REFERENCE §11:
/// "warn the user for every ✘/~ field that is set on a cookie being exported").
///
/// One warning per field, counting the cookies and naming the first few, so a million-cookie
/// jar does not print a million identical lines; skipped cookies get one warning each, at the
/// place the cookie came from.
struct FieldLossTally {
  private struct Entry {
    var field: String
    var severity: Diagnostic.Severity
    var message: String
    var count = 0
    var examples: [String] = []
  }

  let target: String
  /// Entries in the order their field was first seen; `index` finds one with a single hash
  /// (a million-cookie write calls `lost` a few times per cookie).
  private var entries: [Entry] = []
  private var index: [String: Int] = [:]
  private(set) var skippedWarnings: [Diagnostic] = []

  /// `target` names the output in messages, e.g. `lwp output`.
  init(target: String) { self.target = target }

  private mutating func slot(_ field: String, _ severity: Diagnostic.Severity, _ message: String) -> Int {
    if let k = index[field] { return k }
    entries.append(Entry(field: field, severity: severity, message: message))
    index[field] = entries.count - 1
    return entries.count - 1
  }

  /// Records that `field` of `cookie` could not be written as is; `message` says what
  /// happened to it instead (`written as a non-standard attribute`, `dropped`).
  mutating func lost(
    _ field: String, of cookie: Cookie, _ message: String, severity: Diagnostic.Severity = .warning
  ) {
    let k = slot(field, severity, message)
    entries[k].count += 1
    if entries[k].examples.count < 3 {
      entries[k].examples.append(TerminalSafe.escape(cookie.id.description, limit: 80))
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
    for e in other.entries {
      let k = slot(e.field, e.severity, e.message)
      entries[k].count += e.count
      let room = 3 - entries[k].examples.count
      if room > 0 { entries[k].examples += e.examples.prefix(room) }
    }
    skippedWarnings += other.skippedWarnings
  }

  var diagnostics: [Diagnostic] {
    var out: [Diagnostic] = []
    for e in entries {
      let more = e.count > e.examples.count ? ", …" : ""
      let cookies = e.count == 1 ? "1 cookie" : "\(e.count) cookies"
      out.append(
        Diagnostic(
          e.severity, file: target,
          "\(e.field): \(cookies) (\(e.examples.joined(separator: ", "))\(more)): \(e.message)"))
    }
    return out + skippedWarnings
  }
}
