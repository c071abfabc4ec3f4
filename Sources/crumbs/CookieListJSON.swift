import CookieCore
import Foundation

/// `crumbs list --json`: one JSON array, one object per cookie, keys as documented in
/// `--help`. Built by hand (one pass, streamed) because a million cookies through
/// `JSONEncoder` would take seconds and gigabytes.
enum CookieListJSON {
  static func print(_ cookies: [Cookie], now: Instant) {
    var out = ""
    out.reserveCapacity(1 << 20)
    out += "["
    var first = true
    for c in cookies {
      out += first ? "\n  " : ",\n  "
      first = false
      object(c, now: now, into: &out)
      if out.utf8.count >= 1 << 20 {
        CLIStreams.stdout(out)
        out.removeAll(keepingCapacity: true)
      }
    }
    out += first ? "]\n" : "\n]\n"
    CLIStreams.stdout(out)
  }

  static func object(_ c: Cookie, now: Instant, into out: inout String) {
    out += "{\"name\": "
    string(c.name, into: &out)
    out += ", \"value\": "
    string(c.value, into: &out)
    out += ", \"domain\": "
    string(c.domain, into: &out)
    out += ", \"hostOnly\": \(c.hostOnly), \"path\": "
    string(c.path, into: &out)
    out += ", \"expires\": "
    out += c.expires?.decimalSeconds ?? "null"
    out += ", \"expired\": \(c.isExpired(at: now)), \"secure\": \(c.secure), \"httpOnly\": \(c.httpOnly)"
    out += ", \"sameSite\": \"\(c.sameSite.jsonName)\", \"partitioned\": \(c.partitioned), \"partitionKey\": "
    if let k = c.partitionKey { string(k.topLevelSite, into: &out) } else { out += "null" }
    out += ", \"priority\": "
    if let p = c.priority { out += "\"\(p.displayName.lowercased())\"" } else { out += "null" }
    out += ", \"size\": \(c.size)"
    if let port = c.port {
      out += ", \"port\": "
      string(port, into: &out)
    }
    out += ", \"source\": "
    string(c.sourceDescription, into: &out)
    out += "}"
  }

  /// A JSON string literal (RFC 8259 §7): quotes, backslash and every control character
  /// escaped, so the output is safe to print and to parse.
  static func string(_ s: String, into out: inout String) {
    out += TerminalSafe.jsonQuoted(s)
  }
}
