import Foundation
import Testing

@testable import CookieCore

/// Cookie values live in shared slabs (`ValueText`): every way of making one must give back
/// exactly the text put in, and two values compare and hash by their bytes alone.
@Suite struct ValueTextTests {
  /// Values of every size class, non-ASCII and control bytes included.
  static let samples: [String] = [
    "", "a", "fifteen-bytes!!", "sixteen-bytes!!!", String(repeating: "x", count: 200),
    "café=1; \u{1B}]0;x\u{7}",
    "\u{202E}evil", String(repeating: "é", count: 5000), "\t\r\n\0",
  ]

  @Test func aValueIsTheTextPutIn() {
    for s in ValueTextTests.samples {
      var c = Cookie(name: "n", value: s, domain: "example.com")
      #expect(c.value == s)
      #expect(c.valueByteCount == s.utf8.count)
      #expect(c.withValueBytes { Array($0) } == Array(s.utf8))
      #expect(c.size == 1 + s.utf8.count)
      c.value = s + "!"
      #expect(c.value == s + "!")
    }
  }

  /// Enough values to fill several slabs, one too large for any: each comes back intact
  /// (a span that ran past its slab or overlapped another would not).
  @Test func aBuilderAcrossManySlabsKeepsEveryValue() {
    var builder = ValueSlabBuilder()
    var made: [(String, ValueText)] = []
    var k = 0
    var total = 0
    while total < 3 * ValueSlabBuilder.largestSlab {
      let s =
        k % 97 == 0
        ? String(repeating: "L\(k)", count: ValueSlabBuilder.largestSlab / 4)
        : "value-\(k)-" + String(repeating: "v", count: k % 300)
      made.append((s, builder.add(s)))
      total += s.utf8.count
      k += 1
    }
    for (s, v) in made {
      #expect(v.string == s)
      #expect(Int(v.count) == s.utf8.count)
    }
  }

  @Test func valuesCompareAndHashByTheirBytes() {
    var a = ValueSlabBuilder()
    var b = ValueSlabBuilder()
    _ = b.add("shift the offsets")
    for s in ValueTextTests.samples {
      let x = a.add(s)
      let y = b.add(s)
      let z = ValueText(s)
      #expect(x == y && y == z)
      #expect(x.hashValue == y.hashValue && y.hashValue == z.hashValue)
      #expect(x != ValueText(s + "."))
    }
    // Canonically equal but different bytes: a cookie value is bytes, so they differ.
    #expect(ValueText("é") != ValueText("e\u{301}"))
    #expect(ValueText("same length a") != ValueText("same length b"))
  }

  @Test func cookiesWithEqualValuesInDifferentSlabsAreEqual() throws {
    let text = "a\tTRUE\t/\tFALSE\t0\tsid\tsome-long-session-value-0123456789\n"
    let one = try NetscapeReader.read(
      Data(text.utf8), options: CookieReadOptions(sourceName: "j", now: Instant(seconds: 0)))
    let two = try NetscapeReader.read(
      Data(text.utf8), options: CookieReadOptions(sourceName: "j", now: Instant(seconds: 0)))
    var made = one.cookies[0]
    made.value = "some-long-session-value-0123456789"
    #expect(one.cookies == two.cookies)
    #expect(one.cookies[0] == made)
    #expect(Set([one.cookies[0], two.cookies[0], made]).count == 1)
    made.value = "other"
    #expect(one.cookies[0] != made)
  }

  /// The reader stores an invalid value repaired (U+FFFD), as `String(decoding:)` showed it.
  @Test func anInvalidValueIsReadRepaired() throws {
    var bytes = Array("example.com\tFALSE\t/\tFALSE\t0\tsid\tab".utf8)
    bytes += [0xFF, 0xFE]
    bytes += Array("cd\n".utf8)
    let r = try NetscapeReader.read(
      Data(bytes), options: CookieReadOptions(sourceName: "j", now: Instant(seconds: 0)))
    #expect(r.cookies.count == 1)
    #expect(r.cookies[0].value == "ab\u{FFFD}\u{FFFD}cd")
    #expect(r.cookies[0].withValueBytes { String(validating: $0, as: UTF8.self) } == "ab\u{FFFD}\u{FFFD}cd")
  }
}
