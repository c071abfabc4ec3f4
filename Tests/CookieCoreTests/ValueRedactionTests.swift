import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

/// A stand-in for the CLI's HMAC: deterministic within the test process.
private let redaction = ValueRedaction(masksNames: true) { text in
  var h: UInt32 = 2_166_136_261
  for b in text.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
  return String(h, radix: 16)
}

private func value(_ name: String) throws -> String {
  String(decoding: try valueFixture(name), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Every value of the bundled example jar (real-looking Flask, JWT, URL-encoded, base64 values).
private func exampleValues() throws -> [(name: String, value: String)] {
  let text = try String(
    contentsOf: TestEnvironment.root.appendingPathComponent("Examples/cookies.txt"), encoding: .utf8)
  return text.split(separator: "\n").compactMap { line in
    guard !line.hasPrefix("# "), !line.hasPrefix("#\t"), line != "#" else { return nil }
    let f = line.split(separator: "\t", omittingEmptySubsequences: false)
    return f.count == 7 ? (String(f[5]), String(f[6])) : nil
  }
}

/// Runs of 4 characters of `secret` found in `text`.
func leakedRuns(of secret: String, in text: String) -> [String] {
  let s = Array(secret)
  guard s.count >= 4 else { return [] }
  return (0...(s.count - 4)).map { String(s[$0..<($0 + 4)]) }.filter { text.contains($0) }
}

/// The placeholder without its hash (the hash is keyed noise; a chance match is no leak).
private func withoutHash(_ placeholder: String) -> String {
  placeholder.split(separator: "|").filter { !$0.hasPrefix("#") }.joined(separator: "|")
}

@Suite struct ValueRedactionTests {
  @Test func jwtKeepsAlgAndClaimNamesOnly() throws {
    let jwt = try value("jwt-hs256.txt")
    let p = redaction.placeholder(forValue: jwt)
    #expect(p.hasPrefix("[redacted|len=\(jwt.utf8.count)|jwt:alg=HS256:claims=sub+name+iat+nbf+exp|#"))
    #expect(p.hasSuffix("]"))
    // The claim values (`user-42`, `Ada`) are gone.
    #expect(!p.contains("user-42") && !p.contains("Ada"))
  }

  @Test(arguments: [
    ("flask-session-small.txt", "flask-session"), ("flask-session-compressed.txt", "flask-session:zlib"),
  ])
  func flaskSessions(_ file: String, _ kind: String) throws {
    let v = try value(file)
    #expect(ValueRedaction.kind(of: v) == kind)
    #expect(redaction.placeholder(forValue: v).contains("|len=\(v.utf8.count)|\(kind)|#"))
  }

  @Test(arguments: [
    ("%7B%22theme%22%3A%20%22dark%22%7D", "url-encoded>json"),
    ("alice%40example.net", "url-encoded"),
    ("W3sic2t1IjogIkEtMTAwIiwgInF0eSI6IDJ9XQ==", "base64>json"),
    ("f3b9c2d1e0a4b5c6d7e8f9a0b1c2d3e4", "hex"),
    ("1764000000", "digits"),
    ("123e4567-e89b-12d3-a456-426614174000", "uuid"),
    ("dismissed", "text"),
    // Plain JSON has its key names in the clear: they are not repeated.
    ("{\"user\":\"alice\"}", "json"),
  ])
  func kinds(_ v: String, _ kind: String) {
    #expect(ValueRedaction.kind(of: v) == kind)
  }

  @Test func equalValuesStayEqualAndDifferentOnesDiffer() {
    #expect(redaction.placeholder(forValue: "secret-1") == redaction.placeholder(forValue: "secret-1"))
    #expect(redaction.placeholder(forValue: "secret-1") != redaction.placeholder(forValue: "secret-2"))
    // Names and values hash apart: a name equal to a value does not show as such.
    let valueHash = redaction.placeholder(forValue: "sid").split(separator: "|").last?.dropFirst().dropLast()
    let nameHash = redaction.placeholder(forName: "sid").dropFirst("redacted-".count)
    #expect(valueHash.map(String.init) != String(nameHash))
  }

  @Test func emptyValueStaysEmpty() {
    #expect(redaction.placeholder(forValue: "") == "")
  }

  @Test func namesKeepTheirPrefix() {
    let p = redaction.placeholder(forName: "__Host-sid")
    #expect(p.hasPrefix("__Host-redacted-"))
    #expect(redaction.placeholder(forName: "__secure-x").hasPrefix("__secure-redacted-"))
    #expect(redaction.placeholder(forName: "sessionid").hasPrefix("redacted-"))
  }

  @Test func placeholdersAreCookieOctets() throws {
    // RFC 6265 §4.1.1 cookie-octet: no CTLs, whitespace, DQUOTE, comma, semicolon, backslash.
    for (_, v) in try exampleValues() + [("", try value("jwt-hs256.txt"))] {
      let p = redaction.placeholder(forValue: v)
      #expect(
        p.unicodeScalars.allSatisfy {
          $0.value > 0x20 && $0.value < 0x7F && !"\",;\\".unicodeScalars.contains($0)
        },
        "\(p)")
    }
  }

  @Test func redactedCookieKeepsNothingOfNameOrValue() throws {
    var c = Cookie(name: "access_token", value: try value("jwt-hs256.txt"), domain: "example.com")
    c.unknownFields = ["encrypted_value": "763130deadbeef", "source_type": "1"]
    let r = redaction.redact(c)
    #expect(r.unknownFields == ["source_type": "1"])
    #expect(r.domain == c.domain && r.path == c.path)
    #expect(leakedRuns(of: c.value, in: withoutHash(r.value)).isEmpty)
    #expect(leakedRuns(of: c.name, in: r.name).isEmpty)
  }

  /// The issue's test: no run of 4+ characters of any value survives, over real Flask and
  /// JWT values and every value of the example jar.
  @Test func noFourCharacterRunOfAnyValueSurvives() throws {
    var values = try exampleValues().map(\.value)
    values += try ["jwt-hs256.txt", "flask-session-small.txt", "flask-session-compressed.txt"].map(value)
    #expect(values.count > 30)
    for v in values {
      let p = withoutHash(redaction.placeholder(forValue: v))
      #expect(leakedRuns(of: v, in: p).isEmpty, "\(p) repeats part of \(v)")
    }
  }
}
