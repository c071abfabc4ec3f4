import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

@testable import BrowserStores

/// Random, truncated and damaged input: every reader reports and goes on, never crashes or
/// hangs, and throws nothing but `CookieFormatError`.
@Suite(.timeLimit(.minutes(2))) struct MalformedInputTests {

  static let readers: [(String, any CookieReader.Type)] = [
    ("firefox", FirefoxCookiesReader.self), ("chromium", ChromiumCookiesReader.self),
    ("safari", SafariBinaryCookiesReader.self),
  ]

  /// Reads `data` with every reader; only `CookieFormatError` may come out.
  static func survive(_ data: Data, _ label: String) -> [CookieReadResult] {
    var results: [CookieReadResult] = []
    for (name, reader) in readers {
      do {
        results.append(
          try reader.read(data, options: CookieReadOptions(sourceName: label, now: StoreFixtures.now)))
      } catch is CookieFormatError {
        continue
      } catch {
        Issue.record("\(name) threw \(type(of: error)) on \(label): \(error)")
      }
    }
    return results
  }

  @Test func randomBytes() {
    var rng = SplitMix(state: 1)
    let prefixes: [[UInt8]] = [
      [], Array("SQLite format 3\0".utf8), Array("cook".utf8), Array("cook".utf8) + [0, 0, 0, 3],
    ]
    for i in 0..<240 {
      let count = Int.random(in: 0...2048, using: &rng)
      let body = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
      _ = Self.survive(Data(prefixes[i % prefixes.count] + body), "random-\(i)")
    }
  }

  static var realFiles: [String] {
    [
      StoreFixtures.example("firefox-cookies-v17.sqlite"),
      StoreFixtures.example("chromium-Cookies-v24.sqlite"),
      StoreFixtures.example("Cookies.binarycookies"), StoreFixtures.browser("chromium-Cookies"),
    ]
  }

  @Test(arguments: realFiles)
  func truncatedAndFlipped(path: String) throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var rng = SplitMix(state: UInt64(bytes.count))
    for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 24)) {
      _ = Self.survive(Data(bytes.prefix(cut)), "\(path) cut at \(cut)")
    }
    for i in 0..<24 {
      var damaged = bytes
      for _ in 0..<Int.random(in: 1...16, using: &rng) {
        damaged[Int.random(in: 0..<damaged.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
      }
      _ = Self.survive(Data(damaged), "\(path) damaged \(i)")
    }
  }

  /// A SQLite store whose pages after the first are garbage: a clear error, not a crash.
  @Test func corruptSQLiteIsReported() throws {
    var bytes = [UInt8](
      try Data(contentsOf: URL(fileURLWithPath: StoreFixtures.example("chromium-Cookies-v24.sqlite"))))
    var rng = SplitMix(state: 7)
    for i in 4096..<bytes.count { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
    let options = CookieReadOptions(sourceName: "Cookies", now: StoreFixtures.now)
    do {
      let result = try ChromiumCookiesReader.read(Data(bytes), options: options)
      #expect(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
    } catch let e as CookieFormatError {
      #expect(e.description.hasPrefix("Cookies: error: "))
      #expect(e.message.contains("malformed") || e.message.contains("not a database"), "\(e.message)")
    }
  }

  @Test(.requires(.sqlite3)) func sqliteWithoutCookieTablesIsNotACookieStore() throws {
    let dir = try StoreFixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try StoreFixtures.sqliteDatabase(
      "CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT);", named: "places.sqlite", in: dir)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let options = CookieReadOptions(sourceName: "places.sqlite", now: StoreFixtures.now, filePath: path)
    let error = #expect(throws: CookieFormatError.self) {
      try FirefoxCookiesReader.read(data, options: options)
    }
    #expect(error?.message.hasSuffix("its tables: \"moz_places\"") == true)
  }
}

/// Sniffing from the first 64 KiB, and the read-time re-check when the schema is not in it.
@Suite struct SQLiteSniffTests {
  @Test func tableNamesDecide() throws {
    let firefox = try Data(
      contentsOf: URL(fileURLWithPath: StoreFixtures.example("firefox-cookies-v17.sqlite")))
    let chromium = try Data(contentsOf: URL(fileURLWithPath: StoreFixtures.browser("chromium-Cookies")))
    #expect(FirefoxCookiesReader.sniff(firefox, fileName: "x") == 100)
    #expect(ChromiumCookiesReader.sniff(firefox, fileName: "x") == 0)
    #expect(ChromiumCookiesReader.sniff(chromium, fileName: "x") == 100)
    #expect(FirefoxCookiesReader.sniff(chromium, fileName: "x") == 0)
    #expect(SafariBinaryCookiesReader.sniff(firefox, fileName: "x") == 0)
    #expect(
      FirefoxCookiesReader.sniff(Data("# Netscape HTTP Cookie File\n".utf8), fileName: "cookies.sqlite") == 0)
  }

  /// Only the header in the prefix: both readers guess (by file name), and whichever reads
  /// the file reports the format its tables show.
  @Test func aGuessIsCorrectedWhenTheFileIsOpened() throws {
    let chromiumPath = StoreFixtures.browser("chromium-Cookies")
    let chromium = try Data(contentsOf: URL(fileURLWithPath: chromiumPath))
    let header = chromium.prefix(100)
    #expect(ChromiumCookiesReader.sniff(header, fileName: "/p/Default/Cookies") == 60)
    #expect(FirefoxCookiesReader.sniff(header, fileName: "/p/Default/Cookies") == 55)
    #expect(FirefoxCookiesReader.sniff(header, fileName: "/p/cookies.sqlite") == 60)
    let options = CookieReadOptions(sourceName: chromiumPath, now: StoreFixtures.now, filePath: chromiumPath)
    let viaFirefox = try FirefoxCookiesReader.read(chromium, options: options)
    #expect(viaFirefox.format == .chromium)
    #expect(viaFirefox.cookies.count == 15 && viaFirefox.cookies.first?.value == "host-prefixed")
  }
}

/// Store text in a diagnostic never carries a raw control character to the terminal.
@Suite struct QuotedTextTests {
  @Test(arguments: [
    ("plain", "\"plain\""), ("esc\u{1B}[2J", "\"esc\\x1b[2J\""), ("a\"b\\c", "\"a\\\"b\\\\c\""),
    ("nl\n\u{9B}x\u{7F}", "\"nl\\x0a\\x9bx\\x7f\""),
    (String(repeating: "x", count: 90), "\"" + String(repeating: "x", count: 80) + "…\""),
  ])
  func escapes(raw: String, shown: String) {
    #expect(TerminalSafe.quoted(raw) == shown)
  }

  @Test func originAttributesProblemIsEscaped() {
    let a = FirefoxOriginAttributes(parsing: "^userContextId=\u{1B}]0;owned\u{7}")
    #expect(a.problem == "originAttributes userContextId \"\\x1b]0;owned\\x07\" is not a number")
  }
}
