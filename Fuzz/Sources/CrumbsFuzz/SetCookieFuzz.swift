import CookieCore
import Foundation

/// `Set-Cookie` lines through the parser and the storage model. A first line that is a URL
/// is where the cookies come from; else a few fixed origins take turns.
enum SetCookieFuzz {
  static let origins = [
    "https://www.example.com/account/login", "http://example.co.uk/", "http://192.168.0.1:8080/a/b",
    "https://xn--bcher-kva.example/", "http://localhost/",
  ].compactMap(RequestURL.init)

  static func run(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64).map(String.init)
    var urls = origins
    if let first = lines.first, first.hasPrefix("http"), let url = RequestURL(first) {
      urls = [url]
      lines.removeFirst()
    }
    var jar = CookieJar()
    for (i, line) in lines.enumerated() {
      checkParser(line)
      let url = urls[i % urls.count]
      switch jar.receive(line, from: url, at: fuzzNow) {
      case .rejected(let why):
        // The reason quotes the raw domain and host; readers escape it into their
        // diagnostics (`CaptureReplay`), which the `headers` target checks.
        _ = why.description
      case .stored(let c), .replaced(let c, old: _):
        checkStored(c, from: url)
      case .deleted: break
      }
    }
    let cookies = jar.cookies
    Invariant.check(cookies.count == jar.count, "jar.cookies has \(cookies.count), count says \(jar.count)")
    Invariant.check(Set(cookies.map(\.id)).count == cookies.count, "two cookies in the jar share an identity")
    for url in urls {
      let sent = jar.cookies(for: url, at: fuzzNow)
      for c in sent {
        Invariant.check(!c.isExpired(at: fuzzNow), "an expired cookie is sent to \(url)")
        Invariant.check(!c.secure || url.isSecure, "a Secure cookie is sent to \(url)")
      }
      if let header = jar.cookieHeader(for: url, at: fuzzNow) {
        Invariant.check(
          !header.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F },
          "Cookie header for \(url) holds a control character: \(header.debugDescription)")
      }
    }
    jar.removeExpired(now: fuzzNow)
    Invariant.check(
      jar.cookies.allSatisfy { !$0.isExpired(at: fuzzNow) }, "removeExpired left an expired cookie")
  }

  static func checkParser(_ line: String) {
    switch SetCookieParser.parse(line, now: fuzzNow) {
    case .failure(let e):
      Invariant.terminalSafe(e.description, "SetCookieSyntaxError.description")
    case .success(let p):
      // RFC 6265bis §5.6 step 1: a CTL other than HTAB aborts the whole line.
      for s in [p.name, p.value, p.domain ?? "", p.path ?? ""] {
        Invariant.check(
          !s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F },
          "parsed Set-Cookie holds a control character: \(s.debugDescription)")
      }
      // Step 7.
      Invariant.check(
        p.name.utf8.count + p.value.utf8.count <= SetCookieParser.nameValueLimit,
        "name and value over \(SetCookieParser.nameValueLimit) bytes")
      Invariant.check(!(p.name.isEmpty && p.value.isEmpty), "empty name and value accepted")
      if let e = p.maxAgeExpiry {
        Invariant.check(
          e.seconds <= fuzzNow.seconds + SetCookieParser.maxAgeLimitSeconds + 1,
          "Max-Age past the 400-day cap")
      }
    }
  }

  /// A stored cookie domain-matches its origin and has an absolute path (§5.7).
  static func checkStored(_ c: Cookie, from url: RequestURL) {
    let host = url.host
    if c.hostOnly {
      Invariant.check(c.domain == host, "host-only cookie for \(c.domain) from \(host)")
    } else {
      Invariant.check(
        host == c.domain || host.hasSuffix("." + c.domain), "cookie for .\(c.domain) stored from \(host)")
    }
    Invariant.check(c.path.hasPrefix("/"), "stored path \(c.path.debugDescription) is not absolute")
    Invariant.check(!c.secure || url.isSecure, "Secure cookie stored from \(url)")
  }
}
