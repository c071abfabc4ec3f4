import Testing

@testable import CookieCore

/// A cookie's inline size is what a million-cookie jar pays a million times; its four flags
/// share one byte and must stay independent.
@Suite struct CookieLayoutTests {
  @Test func aCookieTakes104Bytes() {
    #expect(MemoryLayout<Cookie>.stride <= 104)
  }

  @Test func theFourFlagsAreIndependent() {
    for bits in 0..<16 {
      let want = (0..<4).map { bits & (1 << $0) != 0 }
      var c = Cookie(
        name: "n", value: "v", domain: "example.com", hostOnly: want[0], secure: want[1], httpOnly: want[2],
        partitioned: want[3])
      #expect([c.hostOnly, c.secure, c.httpOnly, c.partitioned] == want, "bits \(bits)")
      // Flipping one leaves the others, and equality sees each.
      let before = c
      for k in 0..<4 {
        switch k {
        case 0: c.hostOnly.toggle()
        case 1: c.secure.toggle()
        case 2: c.httpOnly.toggle()
        default: c.partitioned.toggle()
        }
        var expected = want
        for j in 0...k { expected[j].toggle() }
        #expect([c.hostOnly, c.secure, c.httpOnly, c.partitioned] == expected, "bits \(bits) flip \(k)")
        #expect(c != before)
      }
      #expect(c.sameSite == .unset && c.sourceLine == 0)
    }
  }
}
