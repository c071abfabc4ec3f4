import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

private func fixtureValue(_ name: String) throws -> String {
  String(decoding: try valueFixture(name), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

private func view(_ title: String, of value: String, now: Instant = Instant(seconds: 1_764_000_000))
  -> DecodedView?
{
  ValueDecoding.views(of: value, now: now).first { $0.title == title }
}

/// No raw C0, DEL or C1 control in any title or line.
private func isTerminalSafe(_ v: DecodedView) -> Bool {
  ([v.title] + v.lines).allSatisfy { line in
    line.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }
  }
}

@Suite struct DecodingTests {
  // MARK: Flask / itsdangerous, values written by Flask itself (see make_decoder_values.py)

  @Test func flaskSessionUncompressed() throws {
    let v = try #require(view("Flask session", of: try fixtureValue("flask-session-small.txt")))
    #expect(v.lines.first == "signed, not encrypted: anyone can read this")
    #expect(v.lines.contains("signed at 2025-11-24T16:00:00Z (now)"))
    #expect(v.lines.contains("    \"user_id\": 42,"))
    #expect(v.lines.contains("    \"name\": \"Ada\","))
    #expect(v.lines.contains("    \"_fresh\": true"))
    #expect(v.lines.last == "signature: 20 bytes (HMAC), not verified")
    #expect(!v.lines.contains { $0.contains("zlib") })
  }

  @Test func flaskSessionCompressedWithTaggedJSON() throws {
    let value = try fixtureValue("flask-session-compressed.txt")
    #expect(value.hasPrefix("."))
    let v = try #require(view("Flask session", of: value, now: Instant(seconds: 1_764_000_000 + 3 * 86400)))
    let text = v.lines.joined(separator: "\n")
    #expect(v.lines.contains("signed at 2025-11-24T16:00:00Z (3 d ago)"))
    #expect(v.lines.contains { $0.hasPrefix("zlib-compressed: ") })
    // Flask tags rendered readably: tuple, bytes, UUID, datetime.
    #expect(text.contains("\"pair\": (1, \"two\"),"))
    #expect(text.contains("      {\"sku\": \"SKU-0039\", \"qty\": 1}"))
    #expect(text.contains("\"raw\": b\"bytes\\u0000here\""))
    #expect(text.contains("\"uid\": UUID(12345678-1234-5678-1234-567812345678)"))
    #expect(text.contains("\"when\": datetime(Thu, 02 Jan 2025 03:04:05 GMT)"))
    // The ESC in the session reaches the view only as an escape.
    #expect(text.contains("\"note\": \"line1\\nline2\\u001b[31m\""))
    #expect(isTerminalSafe(v))
  }

  @Test func flaskSessionThatDoesNotInflateSaysWhy() throws {
    let value = try fixtureValue("flask-session-compressed.txt")
    let parts = value.dropFirst().split(separator: ".")
    let broken = "." + parts[0].dropLast(8) + "AAAAAAAA." + parts[1] + "." + parts[2]
    let v = try #require(view("Flask session", of: String(broken)))
    #expect(v.lines.contains { $0.hasPrefix("payload: compressed, but ") })
  }

  // MARK: JWT made with joserfc

  @Test(
    arguments: [
      (1_764_003_600 + 7200, "exp: 2025-11-24T17:00:00Z (expired 2 h ago)"),
      (1_764_000_000 - 3 * 86400, "exp: 2025-11-24T17:00:00Z (expires in 3 d)"),
      (1_764_000_000 - 3 * 86400, "nbf: 2025-11-24T16:00:00Z (not valid yet, valid in 3 d)"),
      (1_764_003_600 + 7200, "iat: 2025-11-24T16:00:00Z (issued 3 h ago)"),
    ] as [(Int64, String)])
  func jwtClaims(now: Int64, line: String) throws {
    let v = try #require(view("JWT", of: try fixtureValue("jwt-hs256.txt"), now: Instant(seconds: now)))
    #expect(v.lines.contains(line))
  }

  @Test func jwtHeaderAndPayload() throws {
    let v = try #require(view("JWT", of: try fixtureValue("jwt-hs256.txt")))
    #expect(
      Array(v.lines.prefix(4)) == ["header:", "  {", "    \"typ\": \"JWT\",", "    \"alg\": \"HS256\""])
    #expect(v.lines.contains("    \"sub\": \"user-42\","))
    #expect(v.lines.last == "signature: HS256, 32 bytes, not verified")
  }

  @Test func unsignedJWTIsCalledForgeable() throws {
    // {"alg":"none"} . {"a":1} . (empty signature)
    let v = try #require(view("JWT", of: "eyJhbGciOiJub25lIn0.eyJhIjoxfQ."))
    #expect(v.lines.last?.contains("anyone can forge") == true)
  }

  // MARK: URL, JSON, Base64, signed-cookie formats

  @Test(
    arguments: [
      ("a%20b%2Cc", "URL-decoded", ["a b,c"]),
      ("%1B%5B2J%0A", "URL-decoded", ["\\x1b[2J\\x0a"]),
      ("j%3A%7B%22a%22%3A1%7D", "JSON (Express j: cookie)", ["{", "  \"a\": 1", "}"]),
      ("[1,{\"b\":null}]", "JSON", ["[", "  1,", "  {\"b\": null}", "]"]),
      ("aGVsbG8gd29ybGQ=", "Base64", ["hello world"]),
      (
        "eyJjYXJ0IjogWzEsIDJdLCAib2siOiB0cnVlfQ", "Base64 → JSON",
        ["{", "  \"cart\": [1, 2],", "  \"ok\": true", "}"]
      ),
      ("aGkbWzJKdGhlcmU=", "Base64", ["hi\\x1b[2Jthere"]),
      ("\"aGVsbG8gd29ybGQ=\"", "Base64", ["hello world"]),
    ] as [(String, String, [String])])
  func decodesKnownValues(value: String, title: String, lines: [String]) throws {
    let v = try #require(
      view(title, of: value), "views: \(ValueDecoding.views(of: value, now: Instant(seconds: 0)))")
    #expect(v.lines == lines)
  }

  @Test(arguments: [
    "plain", "31d4d96e407aad42", "123456789", "0f8fad5b-d9cb-469f-a165-70867728950e", "%zz", "", "Helloworld",
  ])
  func plainValuesHaveNoViews(value: String) {
    #expect(ValueDecoding.views(of: value, now: Instant(seconds: 0)) == [])
  }

  @Test func binaryBase64GetsAHexDump() throws {
    let bytes: [UInt8] = (0..<24).map { UInt8(($0 * 37 + 200) & 0xFF) }
    let v = try #require(view("Base64", of: Data(bytes).base64EncodedString()))
    #expect(v.lines.first == "binary, 24 bytes")
    #expect(v.lines[1].hasPrefix("0000  c8 ed 12 37"))
  }

  @Test func expressSignedCookie() throws {
    let sig = String(Data((0..<32).map { UInt8($0) }).base64EncodedString().dropLast())
    let v = try #require(view("Express signed cookie", of: "s%3Auser42." + sig))
    #expect(v.lines.contains("value: user42"))
    #expect(v.lines.last == "signature: HMAC-SHA256, not verified")
  }

  @Test func railsSignedCookieShowsTheMessage() throws {
    let data =
      "eyJfcmFpbHMiOiB7Im1lc3NhZ2UiOiAiSW1obGJHeHZJZz09IiwgImV4cCI6IG51bGwsICJwdXIiOiAiY29va2llLnJlbWVtYmVyIn19"
    let v = try #require(view("Rails signed cookie", of: data + "--" + String(repeating: "ab", count: 20)))
    #expect(v.lines.contains("  \"hello\""))
    #expect(v.lines.contains("      \"pur\": \"cookie.remember\""))
  }

  // MARK: Bounds

  @Test func viewsAreCapped() throws {
    let big = "[" + (0..<1000).map(String.init).joined(separator: ",") + "]"
    let v = try #require(view("JSON", of: big))
    #expect(v.lines.count == ValueDecoding.maxLines + 1)
    #expect(v.lines.last == "… \(1002 - ValueDecoding.maxLines) more lines")
    let huge = String(repeating: "A", count: ValueDecoding.maxInputBytes + 1)
    #expect(ValueDecoding.views(of: huge, now: Instant(seconds: 0)).map(\.title) == ["Not decoded"])
  }

  @Test func deepNestingIsRefusedNotRecursedInto() {
    let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
    #expect(view("JSON", of: deep) == nil)
  }

  /// Random values built from the characters decoders react to, and mutations of the real
  /// Flask/JWT values: no crash, no hang, every line terminal-safe and capped.
  @Test func fuzzNeverCrashesAndStaysTerminalSafe() throws {
    var rng = SplitMix(state: 42)
    let pieces = [
      "eyJ", "A", "z", "9", "-", "_", "+", "/", "=", ".", "%", "%1b", "%7B", "%22", "{", "}", "[", "]", "\"",
      ":",
      ",", "j:", "s:", "--", "\u{1B}", "\u{9B}", "\u{7F}", "\n", "é", "中", "\\u0000", "true", "1e999",
    ]
    let seeds = try ["flask-session-small.txt", "flask-session-compressed.txt", "jwt-hs256.txt"].map(
      fixtureValue)
    for i in 0..<3000 {
      var value: String
      if i % 2 == 0 {
        value = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
          .joined()
      } else {
        var chars = Array(seeds[i % seeds.count])
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
          let at = Int.random(in: 0..<chars.count, using: &rng)
          chars[at] = Character(pieces.randomElement(using: &rng)!.unicodeScalars.first!)
        }
        value = String(chars)
      }
      for v in ValueDecoding.views(of: value, now: Instant(seconds: 1_764_000_000)) {
        #expect(isTerminalSafe(v), "\(value.debugDescription) → \(v)")
        #expect(v.lines.count <= ValueDecoding.maxLines + 1)
      }
    }
  }
}
