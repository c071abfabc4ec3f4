import Foundation
import Testing

@testable import CookieCore

/// Regressions for what the fuzz targets in `Fuzz/` found; each input is also a seed in
/// `Fuzz/seeds/TARGET/`.
@Suite struct FuzzFindingsTests {
  static let now = Instant(seconds: 1_795_640_000)

  static func isTerminalSafe(_ s: String) -> Bool {
    !s.unicodeScalars.contains {
      $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
        || (0x2066...0x2069).contains($0.value)
    }
  }

  /// `headers`: the parser's notes and the storage model's reasons quote attribute values
  /// and hosts from the capture; a C1 CSI or a bidi override reached the terminal raw.
  @Test func headersDiagnosticsAreEscaped() throws {
    let dump = """
      HTTP/1.1 200 OK\r
      Set-Cookie: a=b; Max-Age=0\u{9B}2J\r
      Set-Cookie: c=d; Domain=\u{202E}moc.elpmaxe\r
      Set-Cookie: e=f; Domain=other.example\u{85}\r
      \r

      """
    let r = try HeadersReader.read(
      Data(dump.utf8),
      options: CookieReadOptions(sourceName: "dump.txt", now: Self.now, origin: "https://www.example.com/"))
    #expect(r.diagnostics.count >= 3)
    for d in r.diagnostics {
      #expect(Self.isTerminalSafe(d.description), "\(d.description.debugDescription)")
    }
  }

  /// `lwp`: a NUL in a value was written to cookies.txt, and every reader (ours included)
  /// then took the whole file for binary data: all cookies lost. Now the cookie is skipped.
  @Test func netscapeWriterSkipsNUL() throws {
    let cookies = [
      Cookie(name: "a", value: "x\u{0}y", domain: "example.com"),
      Cookie(name: "b", value: "2", domain: "example.com"),
    ]
    let w = NetscapeWriter.write(cookies, options: CookieWriteOptions(now: Self.now))
    #expect(w.skipped == 1)
    #expect(w.warnings.contains { $0.message.contains("NUL") })
    let back = try NetscapeReader.read(w.data, options: CookieReadOptions(sourceName: "t", now: Self.now))
    #expect(back.cookies.map(\.name) == ["b"])
  }

  /// `safari`: a control character in the domain, path or name was written silently, and
  /// our reader then skipped the line. Now the writer skips it with a warning.
  @Test(arguments: [
    Cookie(name: "a", value: "1", domain: "exa\u{10}mple.com"),
    Cookie(name: "a", value: "1", domain: "example.com", path: "/\u{1B}"),
    Cookie(name: "\u{7F}", value: "1", domain: "example.com"),
  ])
  func netscapeWriterSkipsControlsOutsideTheValue(_ c: Cookie) throws {
    let w = NetscapeWriter.write([c], options: CookieWriteOptions(now: Self.now))
    #expect(w.skipped == 1)
    #expect(w.warnings.contains { $0.message.contains("control character") })
  }

  /// `safari` (campaign): a domain ending in ':2' was written as it is and read back as
  /// wget's `host:port`, another domain. Such a domain is now refused with the reason; an
  /// IPv6 literal and a plain IPv4 address are still written and read back unchanged.
  @Test(arguments: [
    ("6e406aad4[[[[[[[:2", true), ("example.com:8080", true), ("[::1]", false), ("127.0.0.1", false),
  ])
  func netscapeWriterRefusesADomainThatReadsAsHostAndPort(_ domain: String, _ refused: Bool) throws {
    let c = Cookie(name: "a", value: "1", domain: domain)
    for dialect in ["curl", "cpython", "wget"] {
      let w = NetscapeWriter.write([c], options: CookieWriteOptions(dialect: dialect, now: Self.now))
      #expect(w.skipped == (refused ? 1 : 0), "\(domain) \(dialect)")
      if refused {
        #expect(w.warnings.contains { $0.message.contains("port") })
      } else {
        let back = try NetscapeReader.read(w.data, options: CookieReadOptions(sourceName: "t", now: Self.now))
        #expect(back.cookies.map(\.domain) == [domain])
      }
    }
  }

  /// A control character in the value is still written (with a warning) and reads back.
  @Test func netscapeWriterKeepsControlsInTheValue() throws {
    let c = Cookie(name: "a", value: "x\u{1}y", domain: "example.com")
    let w = NetscapeWriter.write([c], options: CookieWriteOptions(now: Self.now))
    #expect(w.skipped == 0)
    let back = try NetscapeReader.read(w.data, options: CookieReadOptions(sourceName: "t", now: Self.now))
    #expect(back.cookies.map(\.value) == ["x\u{1}y"])
  }
  /// `har` (CI): a request to `https://./x` gave a host-only cookie for the host ".", written
  /// as `.⇥FALSE…` and read back as nothing (an empty domain); `https://.example.com/` gave
  /// one read back for another host. Such a cookie is refused with the reason; a domain
  /// cookie of the same name still round-trips.
  @Test(arguments: [".", ".example.com", "..example.com"])
  func netscapeWriterRefusesAHostOnlyCookieOfADottedHost(_ host: String) throws {
    let hostOnly = Cookie(name: "a", value: "1", domain: host, hostOnly: true)
    let domain = Cookie(name: "a", value: "1", domain: "example.com", hostOnly: false)
    for dialect in ["curl", "cpython", "wget"] {
      let w = NetscapeWriter.write(
        [hostOnly, domain], options: CookieWriteOptions(dialect: dialect, now: Self.now))
      #expect(w.skipped == 1, "\(host) \(dialect)")
      #expect(w.warnings.contains { $0.message.contains("host-only for a host starting with '.'") })
      let back = try NetscapeReader.read(w.data, options: CookieReadOptions(sourceName: "t", now: Self.now))
      #expect(back.cookies.map(\.domain) == ["example.com"])
      #expect(back.cookies.map(\.hostOnly) == [false])
    }
  }

  /// The same input through the HAR reader, as the fuzz target saw it.
  @Test func harRequestToADotHostIsNotWrittenAsAnotherCookie() throws {
    let har = """
      {"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"startedDateTime":"2024-01-01T00:00:00Z",
      "request":{"method":"GET","url":"https://./x","cookies":[{"name":"a","value":"b"}],"headers":[]},
      "response":{"status":200,"cookies":[],"headers":[]}}]}}
      """
    let r = try HARReader.read(Data(har.utf8), options: CookieReadOptions(sourceName: "t.har", now: Self.now))
    try #require(r.cookies.count == 1)
    let w = NetscapeWriter.write(r.cookies, options: CookieWriteOptions(now: Self.now))
    let back = try NetscapeReader.read(w.data, options: CookieReadOptions(sourceName: "t", now: Self.now))
    #expect(back.cookies.count == r.cookies.count - w.skipped)
  }
}
