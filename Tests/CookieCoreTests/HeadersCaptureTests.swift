import Foundation
import Testing

@testable import CookieCore

/// The Flask fixture app captured with curl (`-i`, `-D -L`, `-v`, over HTTP and HTTPS) by
/// Tests/Fixtures/generate/capture_headers.sh. Each dump must load exactly as curl itself
/// stored it in the same run (`-c NAME.curl-jar.txt`).
@Suite struct HeadersCaptureTests {
  struct Capture: CustomStringConvertible, Sendable {
    var file: String
    /// `--origin` for dumps that do not carry the URL (`-i`, `-D`); nil for `-v`.
    var origin: String?
    var description: String { file }
  }

  static let captures = [
    Capture(file: "flask-curl-i-set.txt", origin: "http://www.example.com:18766/set"),
    Capture(file: "flask-curl-D-redirect.txt", origin: "http://www.example.com:18766/redirect"),
    Capture(file: "flask-curl-v-set-delete.txt", origin: nil),
    Capture(file: "flask-curl-trace-ascii-redirect.txt", origin: nil),
    Capture(file: "flask-https-curl-i-set.txt", origin: "https://www.example.com:18767/set"),
    Capture(file: "flask-https-curl-D-redirect.txt", origin: "https://www.example.com:18767/redirect"),
    Capture(file: "flask-https-curl-v-login.txt", origin: nil),
  ]

  static var directory: URL { HTTPStateCase.fixtures.appendingPathComponent("headers") }
  /// The capture run's time (the dumps' Date headers say 2026-11-25T21:35:35Z).
  static let now = Instant(seconds: 1_795_642_535)

  /// What curl wrote with `-c`: the Netscape fields read with curl's own rules (a
  /// `#HttpOnly_` prefix, TRUE = domain cookie, 0 = session). Kept minimal on purpose: this
  /// is the oracle, not the product's Netscape reader.
  struct CurlCookie: Equatable {
    var domain: String
    var includeSubdomains: Bool
    var path: String
    var secure: Bool
    var expires: Int64
    var name: String
    var value: String
    var httpOnly: Bool
  }

  static func curlJar(_ url: URL) throws -> [CurlCookie] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var out: [CurlCookie] = []
    for raw in text.split(separator: "\n") {
      var line = Substring(raw)
      var httpOnly = false
      if line.hasPrefix("#HttpOnly_") {
        httpOnly = true
        line = line.dropFirst("#HttpOnly_".count)
      } else if line.hasPrefix("#") {
        continue
      }
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 7, let exp = Int64(f[4]) else { continue }
      out.append(
        CurlCookie(
          domain: f[0].hasPrefix(".") ? String(f[0].dropFirst()) : f[0], includeSubdomains: f[1] == "TRUE",
          path: f[2], secure: f[3] == "TRUE", expires: exp, name: f[5], value: f[6], httpOnly: httpOnly))
    }
    return out
  }

  static func asCurl(_ c: Cookie) -> CurlCookie {
    CurlCookie(
      domain: c.domain, includeSubdomains: !c.hostOnly, path: c.path, secure: c.secure,
      expires: c.expires?.seconds ?? 0, name: c.name, value: c.value, httpOnly: c.httpOnly)
  }

  @Test(arguments: HeadersCaptureTests.captures)
  func loadsAsCurlStoredIt(_ capture: Capture) throws {
    let dump = Self.directory.appendingPathComponent(capture.file)
    let jarFile = Self.directory.appendingPathComponent(
      capture.file.replacingOccurrences(of: ".txt", with: ".curl-jar.txt"))
    let data = try Data(contentsOf: dump)
    #expect(HeadersReader.sniff(data.prefix(65536), fileName: capture.file) >= 85)
    let r = try HeadersReader.read(
      data, options: CookieReadOptions(sourceName: capture.file, now: Self.now, origin: capture.origin))
    // Cookies that only appeared in a request's Cookie header (curl's `-b pref=1`) are not
    // in curl's jar; everything from Set-Cookie must be.
    let ours = r.cookies.filter { $0.sourceRecord == nil }.map(Self.asCurl)
    let curls = try Self.curlJar(jarFile)
    #expect(!curls.isEmpty)
    #expect(ours.count == curls.count, "ours: \(ours.map(\.name)), curl: \(curls.map(\.name))")
    for expected in curls {
      let mine = ours.first {
        $0.name == expected.name && $0.domain == expected.domain && $0.path == expected.path
      }
      #expect(mine == expected, "\(expected.name)")
    }
    #expect(!r.diagnostics.contains { $0.severity >= .warning }, "\(r.diagnostics)")
  }

  /// The second request of the -v capture sent curl's own Cookie header: the header Crumbs
  /// computes for that URL from the first response holds the same pairs.
  @Test func cookieHeaderMatchesWhatCurlSent() throws {
    let data = try Data(contentsOf: Self.directory.appendingPathComponent("flask-curl-v-set-delete.txt"))
    let text = String(decoding: data, as: UTF8.self)
    let sent = try #require(
      HeaderDumpParser.lines(of: text)
        .filter { $0.hasPrefix("> Cookie: ") }.last)
    // Only the first request/response pair, so /delete has not run yet.
    let first = try #require(text.components(separatedBy: "* Closing connection 0").first)
    var jar = CookieJar()
    let capture = HeaderDumpParser.parse(Data(first.utf8), sourceName: "v", origin: nil)
    _ = CaptureReplay.apply(capture, to: &jar, sourceName: "v", now: Self.now)
    let header = try #require(
      jar.cookieHeader(for: RequestURL("http://www.example.com:18766/delete")!, at: Self.now))
    let mine = Set(header.components(separatedBy: "; "))
    let curls = Set(sent.dropFirst("> Cookie: ".count).components(separatedBy: "; "))
    #expect(mine == curls)
  }
}
