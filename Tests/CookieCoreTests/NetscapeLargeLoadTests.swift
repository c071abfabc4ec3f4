import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

/// A large jar takes `CookieStore.load`'s bulk path (parallel hashing, batched probes);
/// it must give exactly what loading cookie by cookie gives.
@Suite("Large jar into the store: bulk load equals one-by-one")
struct NetscapeLargeLoadTests {
  @Test func bulkEqualsOneByOne() throws {
    var rng = NetscapeReaderRobustnessTests.SeededRandom(state: 99)
    var cookies: [Cookie] = []
    for i in 0..<100_000 {
      // Few names and domains: many identities repeat, some several times.
      let name = "n\(Int.random(in: 0..<400, using: &rng))"
      let domain = "d\(Int.random(in: 0..<300, using: &rng)).example"
      cookies.append(
        Cookie(
          name: name, value: "v\(i)", domain: domain, hostOnly: Bool.random(using: &rng),
          path: Bool.random(using: &rng) ? "/" : "/a", sourceFile: "big", sourceLine: Int32(i + 1)))
    }
    var bulk = CookieStore()
    let bulkReplaced = bulk.load(cookies)
    var single = CookieStore()
    // A first load of one cookie, then the rest: the one-by-one path.
    var replaced = single.load([cookies[0]])
    replaced += single.load(Array(cookies.dropFirst()))
    #expect(bulk.count == single.count)
    #expect(bulk.count < 100_000 && bulk.count > 50_000)
    #expect(bulk.cookies == single.cookies)
    #expect(bulkReplaced.map(\.replaced.sourceLine) == replaced.map(\.replaced.sourceLine))
    #expect(bulkReplaced.map(\.by.sourceLine) == replaced.map(\.by.sourceLine))
    #expect(bulk.invariantViolations().isEmpty)
    for c in bulk.cookies.prefix(500) { #expect(bulk.handle(for: c.id) != nil) }
  }
}
