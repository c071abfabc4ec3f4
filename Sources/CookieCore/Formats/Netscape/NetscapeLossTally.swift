import Foundation

/// Counts what the written file loses, to report once per kind instead of once per cookie.
struct NetscapeLossTally {
  struct Entry {
    var count = 0
    var example = ""
  }
  var sameSite = Entry()
  var partition = Entry()
  var priority = Entry()
  var port = Entry()
  var httpOnly = Entry()
  var control = Entry()
  var fraction = Entry()
  var emptyName = Entry()
  var skippedWarnings: [Diagnostic] = []
  var skippedMore = 0
  /// Cookies left out entirely.
  var skippedCount = 0

  private static func bump(_ e: inout Entry, _ c: Cookie) {
    if e.count == 0 {
      e.example = TerminalSafe.escape(c.id.description)
    }
    e.count += 1
  }

  mutating func skip(_ c: Cookie, _ why: String) {
    skippedCount += 1
    if skippedWarnings.count >= 50 {
      skippedMore += 1
      return
    }
    let where_ = c.sourceDescription.isEmpty ? "netscape" : c.sourceDescription
    skippedWarnings.append(
      Diagnostic(
        .warning, file: where_,
        "cookie \(TerminalSafe.escape(c.id.description)) not written to cookies.txt: \(why)"))
  }

  mutating func note(_ c: Cookie, dialect: NetscapeWriter.Dialect, hasControl: Bool) {
    if c.sameSite != .unset { Self.bump(&sameSite, c) }
    if c.partitioned || c.partitionKey != nil { Self.bump(&partition, c) }
    if let p = c.priority, p != .medium { Self.bump(&priority, c) }
    if let p = c.port, !p.isEmpty, dialect != .wget { Self.bump(&port, c) }
    if c.httpOnly && dialect == .wget { Self.bump(&httpOnly, c) }
    if let e = c.expires, e.microseconds % 1_000_000 != 0 { Self.bump(&fraction, c) }
    if c.name.isEmpty && dialect == .cpython { Self.bump(&emptyName, c) }
    if hasControl { Self.bump(&control, c) }
  }

  func diagnostics(dialect: NetscapeWriter.Dialect) -> [Diagnostic] {
    var out = skippedWarnings
    if skippedMore > 0 {
      out.append(
        Diagnostic(
          .warning, file: "netscape", "\(skippedMore) more cookies not written to cookies.txt (same reasons)")
      )
    }
    func add(_ e: Entry, _ what: String) {
      guard e.count > 0 else { return }
      let n = e.count == 1 ? "1 cookie" : "\(e.count) cookies"
      out.append(
        Diagnostic(.warning, file: "netscape", "\(what) of \(n) (e.g. \(e.example)) lost: \(reason(what))"))
    }
    add(sameSite, "SameSite")
    add(partition, "the partition key / Partitioned flag")
    add(priority, "the priority")
    add(port, "the port restriction")
    add(httpOnly, "the HttpOnly flag")
    add(fraction, "the sub-second part of the expiry")
    if emptyName.count > 0 {
      out.append(
        Diagnostic(
          .warning, file: "netscape",
          "\(emptyName.count) cookies with an empty name (e.g. \(emptyName.example)): CPython reads the value as the name"
        ))
    }
    if control.count > 0 {
      out.append(
        Diagnostic(
          .warning, file: "netscape",
          "\(control.count) cookies hold control characters (e.g. \(control.example)): written, but current curl drops such lines"
        ))
    }
    return out
  }

  private func reason(_ what: String) -> String {
    switch what {
    case "the port restriction": "only wget's host:port spelling holds it (--dialect wget)"
    case "the HttpOnly flag": "wget skips #HttpOnly_ lines, so they are written as plain lines"
    case "the sub-second part of the expiry": "cookies.txt holds whole seconds"
    default: "cookies.txt has no field for it"
    }
  }

  /// Adds the counts of a later part of the same jar (parallel writing), keeping order.
  mutating func merge(_ o: NetscapeLossTally) {
    func m(_ a: inout Entry, _ b: Entry) {
      if a.count == 0 { a.example = b.example }
      a.count += b.count
    }
    m(&sameSite, o.sameSite)
    m(&partition, o.partition)
    m(&priority, o.priority)
    m(&port, o.port)
    m(&httpOnly, o.httpOnly)
    m(&control, o.control)
    m(&fraction, o.fraction)
    m(&emptyName, o.emptyName)
    for w in o.skippedWarnings {
      if skippedWarnings.count < 50 { skippedWarnings.append(w) } else { skippedMore += 1 }
    }
    skippedMore += o.skippedMore
  }
}
