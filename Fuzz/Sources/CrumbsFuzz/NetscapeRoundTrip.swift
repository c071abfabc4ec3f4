import CookieCore
import Foundation

/// The Netscape writer's output, read back, gives the same cookies for those it wrote.
enum NetscapeRoundTrip {
  /// Cookies checked one by one per input; the rest only go through the batch write.
  static let perCookieLimit = 8

  static func check(_ cookies: [Cookie], from format: CookieFormat) {
    guard !cookies.isEmpty else { return }
    for dialect in ["curl", "cpython"] {
      let options = CookieWriteOptions(dialect: dialect, now: fuzzNow)
      let all = NetscapeWriter.write(cookies, options: options)
      for w in all.warnings { Invariant.terminalSafe(w.description, "netscape writer warning") }
      let reread = read(all.data, "\(format) → netscape \(dialect), all")
      Invariant.check(
        reread.count == cookies.count - all.skipped,
        "\(format) → netscape \(dialect): wrote \(cookies.count - all.skipped) cookies, read \(reread.count) back "
          + "from " + String(decoding: all.data.prefix(2000), as: UTF8.self).debugDescription)

      for c in cookies.prefix(perCookieLimit) {
        let one = NetscapeWriter.write([c], options: options)
        if one.skipped == 1 { continue }
        let back = read(one.data, "\(format) → netscape \(dialect)")
        Invariant.check(
          back.count == 1, "\(format) → netscape \(dialect): one cookie read back as \(back.count): \(c)")
        let mismatch = differences(c, back[0], dialect: dialect)
        Invariant.check(
          mismatch.isEmpty,
          "\(format) → netscape \(dialect) changed \(mismatch): wrote \(c), read \(back[0]) from "
            + String(decoding: one.data, as: UTF8.self).debugDescription)
      }
    }
  }

  static func read(_ data: Data, _ what: String) -> [Cookie] {
    do {
      let r = try NetscapeReader.read(data, options: CookieReadOptions(sourceName: "roundtrip", now: fuzzNow))
      for d in r.diagnostics { Invariant.terminalSafe(d.description, "\(what) reread diagnostic") }
      if ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil {
        for d in r.diagnostics { FileHandle.standardError.write(Data("reread: \(d)\n".utf8)) }
      }
      return r.cookies
    } catch {
      Invariant.fail("\(what): the writer's output does not read back: \(error)")
    }
  }

  /// The fields cookies.txt holds that differ between what was written and what was read.
  static func differences(_ a: Cookie, _ b: Cookie, dialect: String) -> [String] {
    var d: [String] = []
    if a.name != b.name { d.append("name") }
    if a.value != b.value { d.append("value") }
    // Domains compare without case (RFC 6265bis §5.1.3); the reader lower-cases them.
    if asciiLower(a.domain) != asciiLower(b.domain) { d.append("domain") }
    if a.hostOnly != b.hostOnly { d.append("hostOnly") }
    if (a.path.isEmpty ? "/" : a.path) != b.path { d.append("path") }
    if a.secure != b.secure { d.append("secure") }
    if a.httpOnly != b.httpOnly { d.append("httpOnly") }
    // Whole seconds; at or before the epoch is written as 1 (still expired).
    if a.expires.map({ max($0.seconds, 1) }) != b.expires?.seconds { d.append("expires") }
    return d
  }

  static func asciiLower(_ s: String) -> [UInt8] {
    s.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
  }
}
