import CookieCore
import Foundation

/// `crumbs diff` output, as text or JSON, with values (and names) redacted on request.
/// Everything from a jar is escaped: text fields JSON-quoted (`TerminalSafe.jsonQuoted`),
/// identities through `TerminalSafe.escape`.
struct JarDiffReport {
  var diff: JarDiff
  var redaction: ValueRedaction?
  var now: Instant

  init(diff: JarDiff, redaction: ValueRedaction?, now: Instant) {
    self.now = now
    self.redaction = redaction
    guard let r = redaction else {
      self.diff = diff
      return
    }
    // Compared on the real values, shown redacted: equal values keep equal placeholders.
    var d = diff
    d.added = r.redact(diff.added)
    d.removed = r.redact(diff.removed)
    d.changed = diff.changed.map { change in
      var c = change
      c.old = r.redact(change.old)
      c.new = r.redact(change.new)
      if r.masksNames { c.id.name = r.placeholder(forName: change.id.name) }
      c.fields = change.fields.map { f in
        guard f.field == .value else { return f }
        var g = f
        if case .text(let v) = f.old { g.old = .text(r.placeholder(forValue: v)) }
        if case .text(let v) = f.new { g.new = .text(r.placeholder(forValue: v)) }
        return g
      }
      return c
    }
    self.diff = d
  }

  // MARK: Text

  func printText(old: String, new: String) {
    var out = "--- \(TerminalSafe.escape(old))\n+++ \(TerminalSafe.escape(new))\n"
    for c in diff.removed { out += "- " + summary(c) + "\n" }
    for c in diff.added { out += "+ " + summary(c) + "\n" }
    for change in diff.changed {
      out += "~ " + TerminalSafe.escape(change.id.description) + "\n"
      for f in change.fields {
        out += "    \(f.field): \(text(f.old, f.field)) → \(text(f.new, f.field))\n"
      }
    }
    out +=
      "\(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed, \(diff.sameCount) same\n"
    CLIStreams.stdout(out)
  }

  /// `sid @ .example.com/  value "abc"  expires 2027-01-01 00:00:00Z  secure httpOnly sameSite=lax`
  func summary(_ c: Cookie) -> String {
    var s = TerminalSafe.escape(c.id.description) + "  value " + TerminalSafe.jsonQuoted(c.value)
    s += "  " + (c.expires.map { "expires " + text(.instant($0), .expires) } ?? "session")
    if c.secure { s += "  secure" }
    if c.httpOnly { s += "  httpOnly" }
    if c.sameSite != .unset || c.sameSiteRaw != nil {
      s += "  sameSite=" + TerminalSafe.escape(c.sameSiteRaw ?? c.sameSite.jsonName)
    }
    if c.partitioned { s += "  partitioned" }
    if let p = c.port { s += "  port=" + TerminalSafe.escape(p) }
    return s
  }

  func text(_ v: CookieFieldValue, _ field: CookieField) -> String {
    switch v {
    case .absent:
      return field == .expires ? "session" : "unset"
    case .text(let s): return TerminalSafe.jsonQuoted(s)
    case .flag(let b): return String(b)
    case .number(let n): return String(n)
    case .instant(let t):
      let date = CookieTable.date(t)
      return field == .expires && t <= now ? date + " (expired)" : date
    }
  }

  // MARK: JSON

  func printJSON(old: String, new: String) {
    var out = "{\n  \"old\": \(TerminalSafe.jsonQuoted(old)),\n  \"new\": \(TerminalSafe.jsonQuoted(new)),\n"
    out += "  \"added\": " + cookieArray(diff.added) + ",\n"
    out += "  \"removed\": " + cookieArray(diff.removed) + ",\n"
    out += "  \"changed\": ["
    for (i, change) in diff.changed.enumerated() {
      out += i == 0 ? "\n    " : ",\n    "
      let id = change.id
      out += "{\"identity\": {\"name\": \(TerminalSafe.jsonQuoted(id.name)), "
      out += "\"domain\": \(TerminalSafe.jsonQuoted(id.domain)), \"hostOnly\": \(id.hostOnly), "
      out += "\"path\": \(TerminalSafe.jsonQuoted(id.path)), \"partition\": "
      out += (id.partition.map { TerminalSafe.jsonQuoted($0) } ?? "null") + "}, "
      out += "\"source\": {\"old\": \(TerminalSafe.jsonQuoted(change.old.sourceDescription)), "
      out += "\"new\": \(TerminalSafe.jsonQuoted(change.new.sourceDescription))}, \"fields\": {"
      for (k, f) in change.fields.enumerated() {
        if k > 0 { out += ", " }
        out += "\"\(f.field.jsonName)\": {\"old\": \(json(f.old)), \"new\": \(json(f.new))}"
      }
      out += "}}"
    }
    out += diff.changed.isEmpty ? "],\n" : "\n  ],\n"
    out += "  \"same\": \(diff.sameCount)\n}\n"
    CLIStreams.stdout(out)
  }

  func cookieArray(_ cookies: [Cookie]) -> String {
    guard !cookies.isEmpty else { return "[]" }
    var out = "["
    for (i, c) in cookies.enumerated() {
      out += i == 0 ? "\n    " : ",\n    "
      CookieListJSON.object(c, now: now, into: &out)
    }
    return out + "\n  ]"
  }

  func json(_ v: CookieFieldValue) -> String {
    switch v {
    case .absent: "null"
    case .text(let s): TerminalSafe.jsonQuoted(s)
    case .flag(let b): String(b)
    case .number(let n): String(n)
    case .instant(let t): t.decimalSeconds
    }
  }
}
