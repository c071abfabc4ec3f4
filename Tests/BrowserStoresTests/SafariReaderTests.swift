import CookieCore
import Foundation
import Testing

@testable import BrowserStores

/// Safari `Cookies.binarycookies` (REFERENCE §8).
@Suite struct SafariReaderTests {
  static let path = StoreFixtures.example("Cookies.binarycookies")
  static func read(_ bytes: [UInt8], name: String = "test.binarycookies") throws -> CookieReadResult {
    try SafariBinaryCookiesReader.read(
      Data(bytes), options: CookieReadOptions(sourceName: name, now: StoreFixtures.now))
  }

  @Test func readsTheExample() throws {
    let result = try StoreFixtures.load(Self.path)
    #expect(result.format == .safari)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    var lang = Cookie(
      name: "lang", value: "en-US", domain: "example.com", hostOnly: false, path: "/",
      expires: Instant(seconds: 1_812_536_294), sourceFile: Self.path)
    lang.created = Instant(seconds: 1_795_564_800)
    lang.sourceRecord = "page 1 cookie 1"
    var sid = Cookie(
      name: "sid", value: "31d4d96e407aad42", domain: "www.example.com", hostOnly: true, path: "/",
      expires: Instant(seconds: 1_812_536_294), secure: true, httpOnly: true, sourceFile: Self.path)
    sid.created = Instant(seconds: 1_795_564_801)
    sid.sourceRecord = "page 1 cookie 2"
    #expect(result.cookies == [lang, sid])
  }

  @Test func sniffing() throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.path))
    #expect(SafariBinaryCookiesReader.sniff(bytes, fileName: "x") == 100)
    #expect(SafariBinaryCookiesReader.sniff(Data("cookie=1; Path=/\n".utf8), fileName: "x") == 0)
    #expect(SafariBinaryCookiesReader.sniff(Data("SQLite format 3\u{0}".utf8), fileName: "x") == 0)
  }

  /// §8.5: the checksum adds the bytes at page offsets 0, 4, 8, …; a changed byte at such
  /// an offset is reported, and the cookie is still read.
  @Test func checksumMismatchIsAWarning() throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path)))
    // "en-US" starts at file offset 0x6C = page offset 0x60.
    #expect(bytes[0x6C] == UInt8(ascii: "e"))
    bytes[0x6C] = UInt8(ascii: "E")
    let result = try Self.read(bytes)
    #expect(result.cookies.map(\.value) == ["En-US", "31d4d96e407aad42"])
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.severity == .warning)
    #expect(
      result.diagnostics.first?.message.hasPrefix("checksum mismatch: file says 0x9EA, pages sum to 0x9CA")
        == true)
  }

  /// Every truncation of the example: never a crash, never silent.
  @Test func everyTruncationIsReported() throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path)))
    let checksumEnd = 12 + 197 + 4
    for length in 0..<checksumEnd {
      let prefix = Array(bytes.prefix(length))
      if length < 4 {
        #expect(throws: CookieFormatError.self) { try Self.read(prefix) }
        continue
      }
      let result = try Self.read(prefix)
      #expect(!result.diagnostics.isEmpty, "length \(length) read without a diagnostic")
      #expect(result.cookies.count <= 2)
    }
  }

  @Test func impossibleCountsAreClamped() throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path)))
    bytes[4...7] = [0xFF, 0xFF, 0xFF, 0x00]
    let a = try Self.read(bytes)
    #expect(a.diagnostics.contains { $0.severity == .error && $0.message.contains("room for at most") })
    bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path)))
    bytes[16...19] = [0xFF, 0xFF, 0xFF, 0x7F]  // cookie count of page 1
    let b = try Self.read(bytes)
    #expect(b.diagnostics.contains { $0.message.contains("declares 2147483647 cookies") })
    bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path)))
    bytes[20...23] = [0x00, 0x10, 0x00, 0x00]  // first record offset far outside the page
    let c = try Self.read(bytes)
    #expect(c.cookies.map(\.name) == ["sid"])
    #expect(
      c.diagnostics.first?.message == "page 1 cookie 1: record offset 4096 lies outside the page; skipped")
  }

  /// A record with a comment, a port, unknown flag bits and a name that is not UTF-8,
  /// laid out per §8.3 (comment before the domain, strings found by offset).
  @Test func commentPortFlagsAndBadUTF8() throws {
    var record: [UInt8] = []
    func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    func le64(_ d: Double) -> [UInt8] {
      (0..<8).map { UInt8(truncatingIfNeeded: d.bitPattern >> (8 * UInt64($0))) }
    }
    let strings: [[UInt8]] = [
      Array("note\0".utf8), Array("http://c.example/\0".utf8), Array(".example.org\0".utf8),
      [0x6E, 0xFF, 0x00],
      Array("/a\0".utf8), Array("v\0".utf8),
    ]
    var offsets: [UInt32] = []
    var at = 58
    for s in strings {
      offsets.append(UInt32(at))
      at += s.count
    }
    let size = UInt32(at)
    record += le32(size) + le32(0) + le32(0x15) + le32(1)
    record += le32(offsets[2]) + le32(offsets[3]) + le32(offsets[4]) + le32(offsets[5])
    record += le32(offsets[0]) + le32(offsets[1])
    record += le64(0) + le64(-1)  // expiry 2001-01-01Z, creation 1s before it
    record += [0x90, 0x1F]  // port 8080
    for s in strings { record += s }
    var page: [UInt8] = [0, 0, 1, 0] + le32(1) + le32(16) + [0, 0, 0, 0]
    page += record
    var file: [UInt8] = Array("cook".utf8) + [0, 0, 0, 1]
    file += [
      UInt8(page.count >> 24), UInt8(page.count >> 16 & 0xFF), UInt8(page.count >> 8 & 0xFF),
      UInt8(page.count & 0xFF),
    ]
    file += page
    var sum: UInt32 = 0
    for i in stride(from: 0, to: page.count, by: 4) { sum &+= UInt32(page[i]) }
    file += [UInt8(sum >> 24), UInt8(sum >> 16 & 0xFF), UInt8(sum >> 8 & 0xFF), UInt8(sum & 0xFF)]
    file += [0x07, 0x17, 0x20, 0x05, 0, 0, 0, 0x4B]
    let result = try Self.read(file)
    let c = try #require(result.cookies.first)
    #expect(
      c.name == "n\u{FFFD}" && c.value == "v" && c.path == "/a" && c.domain == "example.org" && !c.hostOnly)
    #expect(c.comment == "note" && c.unknownFields["commentURL"] == "http://c.example/")
    #expect(c.port == "8080" && c.secure && c.httpOnly && c.unknownFields["flags"] == "0x15")
    #expect(c.expires == Instant(seconds: 978_307_200) && c.created == Instant(seconds: 978_307_199))
    #expect(
      result.diagnostics.map(\.message) == ["page 1 cookie 1: name is not valid UTF-8; shown with U+FFFD"])
  }

  @Test func notSafari() {
    #expect(throws: CookieFormatError.self) { try Self.read(Array("# Netscape HTTP Cookie File\n".utf8)) }
  }
}
