import CookieCore

/// Problems found in individual records, grouped so that a store with 5,000 `v11` values
/// yields one diagnostic naming a few rowids instead of 5,000 lines.
struct RecordProblems {
  private var order: [String] = []
  private var groups: [String: (severity: Diagnostic.Severity, records: [String], count: Int)] = [:]
  /// How many record names one diagnostic lists before `and N more`.
  static let shown = 5

  /// Notes `message` for `record` (`rowid 17`); the same message groups its records.
  mutating func add(_ severity: Diagnostic.Severity, _ record: String, _ message: String) {
    if var g = groups[message] {
      if g.records.count < Self.shown { g.records.append(record) }
      g.count += 1
      groups[message] = g
    } else {
      order.append(message)
      groups[message] = (severity, [record], 1)
    }
  }

  /// One diagnostic per distinct message: `rowid 3, rowid 5 (and 7 more): message`.
  func diagnostics(file: String) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for message in order {
      guard let g = groups[message] else { continue }
      var which = g.records.joined(separator: ", ")
      if g.count > g.records.count { which += " (and \(g.count - g.records.count) more)" }
      out.append(Diagnostic(g.severity, file: file, "\(which): \(message)"))
    }
    return out
  }
}
