import CrumbsTestSupport
import Testing

@testable import CookieCore

/// The reader's interner returns the string of the bytes it is given, shared for equal
/// bytes, whatever the table's growth, near-identical strings and a full table do.
@Suite struct StringInternerTests {
  /// The address of a string's UTF-8 storage (nil for an inline small string).
  private static func storage(_ s: String) -> UnsafePointer<UInt8>? {
    var copy = s
    return copy.withUTF8 { $0.count > 15 ? $0.baseAddress : nil }
  }

  /// Strings from a two-letter alphabet: many share a length and differ in one byte, and
  /// many hash to the same bucket of a small table.
  private static func corpus(_ n: Int, seed: UInt64) -> [[UInt8]] {
    var rng = SplitMix(seed: seed)
    var out: [[UInt8]] = []
    for _ in 0..<n {
      let len = Int.random(in: 0...40, using: &rng)
      out.append((0..<len).map { _ in Bool.random(using: &rng) ? UInt8(ascii: "a") : UInt8(ascii: "b") })
    }
    return out
  }

  @Test(arguments: [1 << 18, 64])
  func internedStringsAreTheBytesAndSharedWhenEqual(limit: Int) {
    var interner = StringInterner(limit: limit)
    let words = Self.corpus(20_000, seed: 7)
    var first: [[UInt8]: String] = [:]
    for (k, w) in (words + words.reversed()).enumerated() {
      let s = w.withUnsafeBytes { interner.intern($0) }
      #expect(Array(s.utf8) == w, "word \(k)")
      if let earlier = first[w] {
        #expect(s == earlier)
        // Below the limit, equal long strings share one storage.
        if limit > 20_000, w.count > 15 {
          #expect(Self.storage(s) == Self.storage(earlier), "word \(k) not shared")
        }
      } else {
        first[w] = s
      }
    }
  }
}
