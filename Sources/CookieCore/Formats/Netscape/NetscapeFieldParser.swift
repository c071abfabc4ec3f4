/// Parsers for single Netscape fields, on raw bytes.
enum NetscapeFieldParser {
  /// `TRUE`/`FALSE`, compared case-insensitively as curl does (REFERENCE §1.7); nil otherwise.
  static func bool(_ f: UnsafeRawBufferPointer) -> Bool? {
    if f.count == 4, f[0] | 0x20 == 0x74, f[1] | 0x20 == 0x72, f[2] | 0x20 == 0x75, f[3] | 0x20 == 0x65 {
      return true
    }
    if f.count == 5, f[0] | 0x20 == 0x66, f[1] | 0x20 == 0x61, f[2] | 0x20 == 0x6C, f[3] | 0x20 == 0x73,
      f[4] | 0x20 == 0x65
    {
      return false
    }
    return nil
  }

  enum Expiry {
    case session
    case at(Instant)
    case invalid(String)
  }

  /// Field 5 (REFERENCE §1.5): `0` and the empty string CPython writes mean session;
  /// whole seconds; fractional seconds from browser-extension exports (kept to the µs).
  static func expiry(_ f: UnsafeRawBufferPointer) -> Expiry {
    if f.isEmpty { return .session }
    var seconds: Int64 = 0
    var overflow = false
    var i = 0
    while i < f.count, f[i] >= 0x30 && f[i] <= 0x39 {
      let (m, o1) = seconds.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int64(f[i] - 0x30))
      if o1 || o2 { overflow = true }
      seconds = a
      i += 1
    }
    if i == 0 {
      if f[0] == UInt8(ascii: "-") { return .invalid("negative expiry '\(text(f))'") }
      return .invalid("expiry '\(text(f))' is not a number of seconds")
    }
    var micros: Int64 = 0
    if i < f.count {
      guard f[i] == UInt8(ascii: "."), i + 1 < f.count else {
        return .invalid("expiry '\(text(f))' is not a number of seconds")
      }
      i += 1
      var scale: Int64 = 100_000
      while i < f.count {
        guard f[i] >= 0x30 && f[i] <= 0x39 else {
          return .invalid("expiry '\(text(f))' is not a number of seconds")
        }
        micros += Int64(f[i] - 0x30) * scale
        scale /= 10
        i += 1
      }
    }
    if overflow { return .at(.distantFuture) }
    if seconds == 0 && micros == 0 { return .session }
    return .at(Instant(seconds: seconds).advanced(byMicroseconds: micros))
  }

  /// wget writes `host:port` for a cookie from a non-default port (REFERENCE §1.4).
  /// Returns the length of the host part and the port digits, when there is a port.
  static func splitPort(_ d: UnsafeRawBufferPointer) -> (hostCount: Int, port: String)? {
    guard let colon = d.lastIndex(of: UInt8(ascii: ":")), colon > 0, colon + 1 < d.count,
      d.count - colon - 1 <= 5
    else { return nil }
    for j in (colon + 1)..<d.count where !(d[j] >= 0x30 && d[j] <= 0x39) { return nil }
    // An IPv6 literal has more colons; only `[::1]:8080` carries a port.
    let host = UnsafeRawBufferPointer(rebasing: d[..<colon])
    if host.contains(UInt8(ascii: ":")) && host.last != UInt8(ascii: "]") { return nil }
    return (colon, text(UnsafeRawBufferPointer(rebasing: d[(colon + 1)...])))
  }

  /// Bytes for a message: at most 40, control characters escaped, invalid UTF-8 replaced.
  static func text(_ f: UnsafeRawBufferPointer) -> String {
    let s = String(decoding: UnsafeRawBufferPointer(rebasing: f[..<min(f.count, 40)]), as: UTF8.self)
    return TerminalSafe.escape(s) + (f.count > 40 ? "…" : "")
  }
}

extension Instant {
  func advanced(byMicroseconds us: Int64) -> Instant {
    let (v, o) = microseconds.addingReportingOverflow(us)
    return o ? .distantFuture : Instant(microseconds: v)
  }
}
