import CookieCore
import Testing

@testable import Inspector

/// Sorting by the Value column reads each value's bytes in its slab (`SortKeys.values`), not
/// a string made of them: it must order exactly as sorting the values' ASCII-lower-cased
/// UTF-8 bytes does, file order breaking ties.
@Suite struct ValueSortTests {
  @Test func theValueColumnSortsByFoldedBytes() {
    // Long shared prefixes (past the two 8-byte keys), case, non-ASCII, empty, equal values.
    var values: [String] = ["", "b", "B", "a", "é", "e\u{301}", "Z", "z", "\u{1B}]0;x\u{7}"]
    let prefix = "same-prefix-over-sixteen-bytes-"
    for i in 0..<40 { values.append(prefix + String(UnicodeScalar(UInt8(65 + (i * 7) % 26))) + "\(i % 3)") }
    values += [prefix, prefix.uppercased(), "b", ""]
    let cookies = values.enumerated().map { i, v in Cookie(name: "c\(i)", value: v, domain: "d\(i).example") }
    let store = CookieStore(loading: cookies)
    let sorted = SortCache.compute(.value, store: store, now: Instant(seconds: 0)).map { store[$0].name }
    func folded(_ s: String) -> [UInt8] { s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } }
    let expected = cookies.indices.sorted { a, b in
      let x = folded(values[a])
      let y = folded(values[b])
      return x != y ? x.lexicographicallyPrecedes(y) : a < b
    }.map { "c\($0)" }
    #expect(sorted == expected)
  }
}
