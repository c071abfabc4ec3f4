import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

typealias FmtRandom = SplitMix

/// Random, truncated, mutated and binary input to the JSON, Playwright and LWP readers:
/// each returns or throws `CookieFormatError`, never crashes, never hangs.
@Suite(.timeLimit(.minutes(2))) struct JSONRobustnessTests {
  static let readers: [(String, any CookieReader.Type)] = [
    ("json", JSONCookieReader.self), ("playwright", PlaywrightReader.self), ("lwp", LWPReader.self),
  ]
  static let fixtures = [
    "examples/cookie-editor-chrome.json", "examples/cookie-editor-firefox.json",
    "examples/editthiscookie.json",
    "examples/lwp-set-cookie3-written-by-cpython.txt", "captured/lwp-written-by-cpython-urllib.txt",
    "captured/playwright-storage-state.json", "captured/cdp-network-getallcookies.json",
  ]

  /// Reads `data`; returns how many cookies came out, or -1 when the reader refused it.
  @discardableResult
  static func survive(_ reader: any CookieReader.Type, _ data: Data) -> Int {
    _ = reader.sniff(data.prefix(65536), fileName: "fuzz")
    do {
      let r = try reader.read(data, options: CookieReadOptions(sourceName: "fuzz", now: FmtFixtures.now))
      for c in r.cookies {
        #expect(!c.domain.hasPrefix(".") && c.domain == c.domain.lowercased())
      }
      for d in r.diagnostics { #expect(!Self.hasControl(d.description), "\(d.description.debugDescription)") }
      return r.cookies.count
    } catch let e as CookieFormatError {
      #expect(!Self.hasControl(e.description))
      return -1
    } catch {
      Issue.record("unexpected error type \(type(of: error)): \(error)")
      return -1
    }
  }

  /// Diagnostics reach a terminal; control characters in cookie data must not (project rule).
  static func hasControl(_ s: String) -> Bool {
    s.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
  }

  @Test(arguments: fixtures)
  func everyTruncationOfARealFile(file: String) throws {
    let data = try FmtFixtures.data(file)
    for (_, reader) in Self.readers {
      var cut = 0
      while cut <= data.count {
        Self.survive(reader, data.prefix(cut))
        cut += max(1, data.count / 600)
      }
    }
  }

  @Test(arguments: fixtures)
  func mutatedRealFiles(file: String) throws {
    let original = [UInt8](try FmtFixtures.data(file))
    var rng = FmtRandom(state: UInt64(file.utf8.count))
    for _ in 0..<150 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
        let i = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
        case 1: bytes.remove(at: i)
        default: bytes.insert(Array("[]{}\",:\\\n;=0".utf8).randomElement(using: &rng)!, at: i)
        }
      }
      for (_, reader) in Self.readers { Self.survive(reader, Data(bytes)) }
    }
  }

  @Test func randomAndBinaryInput() {
    var rng = FmtRandom(state: 42)
    let alphabets: [[UInt8]] = [
      Array(0...255), Array("[]{}\",:0123456789.-eEtrufalsn \n".utf8),
      Array("Set-Cookie3: a=\"\\;,\n #LWP-".utf8),
    ]
    for round in 0..<300 {
      let alphabet = alphabets[round % alphabets.count]
      let n = Int.random(in: 0...2048, using: &rng)
      let bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
      for (_, reader) in Self.readers { Self.survive(reader, Data(bytes)) }
    }
  }

  /// Named so the test log shows the name, not megabytes of input.
  static func hostileText(_ name: String) -> String {
    switch name {
    case "deep arrays": String(repeating: "[", count: 200_000)
    case "deep objects": String(repeating: "{\"a\":", count: 100_000)
    case "long array": "[" + String(repeating: "1,", count: 100_000) + "1]"
    case "huge exponent": "[{\"name\":\"a\",\"value\":\"b\",\"expirationDate\":1e999999}]"
    case "tiny expiry": "[{\"name\":\"a\",\"value\":\"b\",\"expirationDate\":-1e308,\"domain\":\"x\"}]"
    case "lone surrogate": "[{\"name\":\"a\",\"value\":\"\\ud800\\udc00\\ud800\",\"domain\":\"x\"}]"
    case "BOM": "\u{FEFF}[]"
    case "NULs": "\0\0\0\0"
    case "quotes and backslashes":
      "#LWP-Cookies-2.0\nSet-Cookie3: " + String(repeating: "\"\\", count: 50_000)
    case "bad date": "#LWP-Cookies-2.0\nSet-Cookie3: a=b; domain=x; expires=\"99999-99-99 99:99:99Z\""
    case "unterminated quotes":
      "#LWP-Cookies-2.0\nSet-Cookie3: " + String(repeating: "a=\"b ", count: 200_000)
    default: ""
    }
  }

  @Test(arguments: [
    "deep arrays", "deep objects", "long array", "huge exponent", "tiny expiry", "lone surrogate", "BOM",
    "NULs",
    "quotes and backslashes", "bad date", "unterminated quotes",
  ])
  func hostileShapes(name: String) {
    let text = Self.hostileText(name)
    #expect(!text.isEmpty)
    for (_, reader) in Self.readers { Self.survive(reader, Data(text.utf8)) }
  }

  @Test func hugeExpiriesAreClampedNotTrapped() throws {
    let r = try FmtFixtures.read(
      JSONCookieReader.self,
      text:
        #"[{"name":"a","value":"b","domain":"x","expirationDate":1e300},{"name":"c","value":"d","domain":"x","expirationDate":99999999999999999999}]"#
    )
    #expect(r.cookies.map(\.expires) == [Instant.distantFuture, Instant.distantFuture])
  }

  /// Random cookies (control characters, quotes, separators, non-ASCII) through every writer:
  /// what is written reads back the same, and what cannot be written is reported.
  @Test func randomCookiesThroughEveryWriter() throws {
    var rng = FmtRandom(state: 7)
    let pieces = [
      "a", "Z", "0", " ", "\"", "\\", ";", ",", "=", "\t", "\n", "\r", "\u{1}", "\u{7F}", "é", "中", "%", "/",
    ]
    func word(_ max: Int) -> String {
      (0..<Int.random(in: 0...max, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }
    var cookies: [Cookie] = []
    for i in 0..<300 {
      var c = Cookie(
        name: "n\(i)" + word(3), value: word(8), domain: "d\(i % 7).example", hostOnly: i % 2 == 0,
        path: "/\(i)" + word(2).replacingOccurrences(of: "\n", with: ""),
        expires: i % 3 == 0
          ? nil : Instant(microseconds: Int64.random(in: 0...4_000_000_000_000_000, using: &rng)),
        secure: i % 5 == 0, httpOnly: i % 4 == 0, sameSite: SameSite.allCases[i % 4])
      if i % 11 == 0 { c.name = "" }
      cookies.append(c)
    }
    let opts = CookieWriteOptions(now: FmtFixtures.now)
    for writer in CookieFormats.writers {
      let w = writer.write(cookies, options: opts)
      for d in w.warnings { #expect(!Self.hasControl(d.description), "\(d.description.debugDescription)") }
      // Each skipped cookie is accounted for: one warning each, or a summary "N more cookies
      // not written to …" once a writer stops listing them one by one.
      let accounted = w.warnings.filter { $0.message.contains("not written to") }.reduce(0) { n, d in
        let lead = d.message.prefix { $0.isNumber }
        return n + (d.message.dropFirst(lead.count).hasPrefix(" more cookies") ? Int(lead) ?? 1 : 1)
      }
      #expect(w.skipped == accounted, "\(writer.format)")
      switch writer.format {
      case .json, .lwp:
        let reader: any CookieReader.Type = writer.format == .json ? JSONCookieReader.self : LWPReader.self
        let r = try reader.read(w.data, options: CookieReadOptions(sourceName: "w", now: FmtFixtures.now))
        #expect(r.cookies.count == cookies.count - w.skipped, "\(writer.format)")
        let written = cookies.filter { c in
          !w.warnings.contains {
            $0.message.contains("cookie \(TerminalSafe.escape(c.id.description, limit: 80)) ")
          }
        }
        for (a, b) in zip(r.cookies, written) {
          #expect(
            a.name == b.name && a.value == b.value && a.path == b.path && a.domain == b.domain,
            "\(writer.format) \(a.name.debugDescription)=\(a.value.debugDescription) \(a.path.debugDescription) vs \(b.name.debugDescription)=\(b.value.debugDescription) \(b.path.debugDescription)"
          )
          #expect(
            a.expires?.seconds == b.expires?.seconds && a.sameSite == b.sameSite && a.httpOnly == b.httpOnly)
        }
      case .setCookie:
        let lines = String(decoding: w.data, as: UTF8.self).split(
          separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == cookies.count - w.skipped + 1)
        #expect(lines.allSatisfy { $0.isEmpty || $0.hasPrefix("Set-Cookie: ") })
      default:
        #expect(!w.data.contains(0x0D))
      }
    }
  }
}
