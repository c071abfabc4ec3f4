import Foundation
import Testing

@testable import CookieCore

/// One JSON parser (`JSONParser`) serves the cookie files and the JSON inside cookie values
/// (`DecodedJSON`), and one quoter (`TerminalSafe.jsonQuoted`) both writers and printers.
@Suite struct JSONOneParserTests {
  @Test("values keep key order and repeats")
  func keyOrder() throws {
    let v = try #require(DecodedJSON.parse(Array(#"{"typ": "JWT", "alg": "HS256", "typ": "x"}"#.utf8)))
    guard case .object(let members) = v else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["typ", "alg", "typ"])
    #expect(v.prettyLines() == ["{", #"  "typ": "JWT","#, #"  "alg": "HS256","#, #"  "typ": "x""#, "}"])
  }

  @Test(
    "cookie values must be JSON exactly",
    arguments: [
      [UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")],  // invalid UTF-8 in a string
      Array(#""\ud800\u0041""#.utf8),  // high surrogate followed by a non-low escape
      [0xEF, 0xBB, 0xBF] + Array("{}".utf8),  // a byte order mark is not JSON text
      Array("[1,]".utf8), Array("{} x".utf8),
    ])
  func embeddedIsStrict(bytes: [UInt8]) {
    #expect(DecodedJSON.parse(bytes) == nil)
  }

  @Test("files stay lenient where browsers' exports need it")
  func documentsAreLenient() throws {
    let bom = try JSONParser.parse(Data([0xEF, 0xBB, 0xBF] + Array("[\"\\ud800\\u0041\"]".utf8)))
    guard case .array(let items) = bom.value else {
      Issue.record("not an array")
      return
    }
    #expect(items.first?.stringValue == "\u{FFFD}A")
  }

  @Test("nesting is capped at 64 levels for values")
  func depth() {
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(DecodedJSON.parse(Array(deep.utf8)) == nil)
    #expect(DecodedJSON.parse(Array(ok.utf8)) != nil)
  }

  @Test("line:column errors")
  func lineColumn() {
    #expect(throws: JSONSyntaxError(line: 2, column: 3, reason: "unexpected ']', expected a value")) {
      try JSONParser.parse(Data("[1,\n  ]".utf8))
    }
  }

  @Test(
    "one quoter, two escaping rules",
    arguments: [
      ("plain", "\"plain\"", "\"plain\""),
      ("q\"b\\", #""q\"b\\""#, #""q\"b\\""#),
      ("\u{08}\u{0C}\n\r\t\u{1}", #""\b\f\n\r\t\u0001""#, #""\u0008\u000c\n\r\t\u0001""#),
      ("é中\u{7F}\u{9B}\u{202E}", "\"é中\u{7F}\u{9B}\u{202E}\"", #""é中\u007f\u009b\u202e""#),
    ])
  func quoting(input: String, javaScript: String, terminalSafe: String) throws {
    #expect(TerminalSafe.jsonQuoted(input, escaping: .javaScript) == javaScript)
    #expect(JSONText.quote(input) == javaScript)
    #expect(TerminalSafe.jsonQuoted(input) == terminalSafe)
    for literal in [javaScript, terminalSafe] {
      #expect(try JSONParser.parse(Data(literal.utf8)).stringValue == input)
    }
  }
}
