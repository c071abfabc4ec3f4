import CookieCore
import Foundation

/// `crumbs list --json`: one JSON array, one object per cookie, keys as documented in
/// `--help`. Built by hand (one pass, streamed) because a million cookies through
/// `JSONEncoder` would take seconds and gigabytes.
enum CookieListJSON {
  static func print(_ cookies: [Cookie], now: Instant) {
    var out = StdoutBuffer()
    out.append("[")
    var first = true
    for c in cookies {
      out.append(first ? "\n  " : ",\n  ")
      first = false
      object(c, now: now, into: &out)
      out.flushIfFull()
    }
    out.append(first ? "]\n" : "\n]\n")
    out.flush()
  }

  /// The same text as `object(_:now:into:)` (the simple path; a test holds them equal),
  /// appended as bytes without building a `String` per cookie.
  static func object(_ c: Cookie, now: Instant, into out: inout StdoutBuffer) {
    out.append("{\"name\": ")
    out.appendJSON(c.name)
    out.append(", \"value\": ")
    out.appendJSONValue(of: c)
    out.append(", \"domain\": ")
    out.appendJSON(c.domain)
    out.append(c.hostOnly ? ", \"hostOnly\": true, \"path\": " : ", \"hostOnly\": false, \"path\": ")
    out.appendJSON(c.path)
    out.append(", \"expires\": ")
    if let e = c.expires {
      if e.microseconds % 1_000_000 == 0 {
        out.append(decimal: e.seconds)
      } else {
        out.append(e.decimalSeconds)
      }
    } else {
      out.append("null")
    }
    out.append(c.isExpired(at: now) ? ", \"expired\": true" : ", \"expired\": false")
    out.append(c.secure ? ", \"secure\": true" : ", \"secure\": false")
    out.append(c.httpOnly ? ", \"httpOnly\": true" : ", \"httpOnly\": false")
    out.append(", \"sameSite\": \"")
    out.append(c.sameSite.jsonName)
    out.append(
      c.partitioned
        ? "\", \"partitioned\": true, \"partitionKey\": " : "\", \"partitioned\": false, \"partitionKey\": ")
    if let k = c.partitionKey { out.appendJSON(k.topLevelSite) } else { out.append("null") }
    out.append(", \"priority\": ")
    if let p = c.priority {
      out.append("\"")
      out.append(p.displayName.lowercased())
      out.append("\"")
    } else {
      out.append("null")
    }
    out.append(", \"size\": ")
    out.append(decimal: Int64(c.size))
    if let port = c.port {
      out.append(", \"port\": ")
      out.appendJSON(port)
    }
    out.append(", \"source\": ")
    if c.sourceLine > 0 {
      // `file:line` without building the string: its parts quote the same way apart.
      out.append(UInt8(ascii: "\""))
      out.appendJSON(c.sourceFile, quoted: false)
      out.append(UInt8(ascii: ":"))
      out.append(decimal: Int64(c.sourceLine))
      out.append(UInt8(ascii: "\""))
    } else {
      out.appendJSON(c.sourceDescription)
    }
    out.append("}")
  }

  /// The simple path: one object as a `String`.
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
