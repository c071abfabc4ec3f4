import Foundation
import Testing

@testable import CookieCore

/// The one base64 codec (value decoding and session signing both use it).
@Suite struct Base64TextTests {
  @Test func encodeMatchesFoundationWithoutPadding() {
    var rng = SystemRandomNumberGenerator()
    for n in 0..<70 {
      let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
      var expected = Data(bytes).base64EncodedString()
      while expected.hasSuffix("=") { expected.removeLast() }
      #expect(Base64Text.encodeUnpadded(bytes, urlSafe: false) == expected)
      let url = expected.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      #expect(Base64Text.encodeUnpadded(bytes, urlSafe: true) == url)
      if n > 0 {
        #expect(Base64Text.decodeURL(url[...]) == bytes)
        #expect(Base64Text.decodeStandard(expected[...]) == bytes)
      }
    }
  }

  @Test func eachAlphabetRefusesTheOther() {
    #expect(Base64Text.decodeStandard("ab-_"[...]) == nil)
    #expect(Base64Text.decodeURL("ab+/"[...]) == nil)
    #expect(Base64Text.decodeStandard("ab+/"[...]) != nil)
    #expect(Base64Text.decodeURL("ab-_"[...]) != nil)
  }
}
