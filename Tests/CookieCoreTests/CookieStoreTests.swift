import Testing

@testable import CookieCore

private func jar(_ n: Int) -> [Cookie] {
  (0..<n).map { i -> Cookie in
    let expires: Instant?
    if i % 4 == 0 {
      expires = Instant(seconds: 100)
    } else if i % 5 == 0 {
      expires = nil
    } else {
      expires = Instant(seconds: 10_000)
    }
    return Cookie(
      name: "c\(i)", value: "v\(i)", domain: "d\(i % 3).example", hostOnly: i % 2 == 0,
      expires: expires, sourceFile: "jar.txt", sourceLine: Int32(i + 1))
  }
}

private func check(_ s: CookieStore, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(s.invariantViolations() == [], sourceLocation: sourceLocation)
}

@Suite struct CookieStoreTests {
  @Test func loadKeepsOrderAndReplacesDuplicates() {
    var cookies = jar(5)
    var dup = cookies[1]
    dup.value = "newer"
    cookies.append(dup)
    var s = CookieStore()
    let replaced = s.load(cookies)
    check(s)
    #expect(replaced.count == 1)
    #expect(replaced.first?.replaced.value == "v1")
    #expect(s.count == 5)
    #expect(s.cookies.map(\.name) == ["c0", "c2", "c3", "c4", "c1"])
    #expect(s.cookies.last?.value == "newer")
    #expect(!s.isDirty)
  }

  @Test func addRejectsDuplicateIdentityAndUndoes() throws {
    var s = CookieStore(loading: jar(3))
    var c = jar(1)[0]
    #expect(throws: CookieStoreError.self) { try s.add(c) }
    check(s)
    c.path = "/other"
    let h = try s.add(c)
    check(s)
    #expect(s.count == 4 && s.isDirty)
    #expect(s.changeSinceLoad(h) == .added)
    #expect(s.undo() != nil)
    check(s)
    #expect(s.count == 3 && !s.isDirty)
    #expect(!s.contains(h))
    #expect(s.redo() != nil)
    check(s)
    #expect(s.contains(h) && s[h].path == "/other")
  }

  @Test func updateAnyFieldIncludingIdentity() throws {
    var s = CookieStore(loading: jar(4))
    let h = s.handles[2]
    var c = s[h]
    c.domain = "renamed.example"
    c.value = "x"
    try s.update(h, to: c)
    check(s)
    #expect(s.handle(for: c.id) == h)
    #expect(s.changeSinceLoad(h) == .modified)
    #expect(s.originalCookie(h)?.value == "v2")
    // Taking another cookie's identity is refused.
    var clash = s[h]
    clash.name = s[s.handles[0]].name
    clash.domain = s[s.handles[0]].domain
    clash.hostOnly = s[s.handles[0]].hostOnly
    #expect(throws: CookieStoreError.self) { try s.update(h, to: clash) }
    check(s)
    s.undo()
    check(s)
    #expect(s[h].value == "v2" && s.changeSinceLoad(h) == nil)
  }

  @Test func deleteManyPurgeAndUndoRedoChain() {
    var s = CookieStore(loading: jar(20))
    let now = Instant(seconds: 1000)
    let expired = s.expiredHandles(now: now)
    #expect(expired.count == 5)
    #expect(s.delete([s.handles[1], s.handles[1], s.handles[2]]) == 2)
    check(s)
    #expect(s.purgeExpired(now: now) == 5)
    check(s)
    #expect(s.count == 13)
    #expect(s.undoLabels == ["delete 2 cookies", "purge 5 expired"])
    s.undo()
    check(s)
    #expect(s.count == 18)
    s.undo()
    check(s)
    #expect(s.count == 20 && !s.isDirty)
    #expect(s.changesSinceLoad.isEmpty)
    s.redo()
    s.redo()
    check(s)
    #expect(s.count == 13)
    #expect(s.changesSinceLoad.count == 7)
    s.markSaved()
    #expect(!s.isDirty)
    s.undo()
    #expect(s.isDirty)
  }

  @Test func setReplacesInPlace() {
    var s = CookieStore(loading: jar(3))
    var c = s[s.handles[1]]
    c.value = "replaced"
    let h = s.set(c)
    check(s)
    #expect(h == s.handles[1] && s.count == 3 && s[h].value == "replaced")
    var n = c
    n.name = "brand-new"
    _ = s.set(n)
    check(s)
    #expect(s.count == 4)
  }

  @Test func newEditAfterUndoDropsRedo() throws {
    var s = CookieStore(loading: jar(3))
    s.delete([s.handles[0]])
    s.undo()
    #expect(s.canRedo)
    var c = s[s.handles[1]]
    c.value = "z"
    try s.update(s.handles[1], to: c)
    #expect(!s.canRedo)
    check(s)
  }

  @Test func randomOperationsKeepInvariants() throws {
    var rng = SystemRandomNumberGenerator()
    var s = CookieStore(loading: jar(50))
    for step in 0..<400 {
      let hs = s.handles
      switch Int.random(in: 0..<6, using: &rng) {
      case 0 where !hs.isEmpty:
        s.delete([hs.randomElement(using: &rng)!])
      case 1:
        var c = jar(1)[0]
        c.name = "n\(Int.random(in: 0..<80, using: &rng))"
        _ = try? s.add(c)
      case 2 where !hs.isEmpty:
        let h = hs.randomElement(using: &rng)!
        var c = s[h]
        c.name = "n\(Int.random(in: 0..<80, using: &rng))"
        _ = try? s.update(h, to: c)
      case 3: s.undo()
      case 4: s.redo()
      default: s.purgeExpired(now: Instant(seconds: Int64(step)))
      }
      #expect(s.invariantViolations() == [], "after step \(step)")
    }
  }
}

@Suite struct CookieModelTests {
  @Test func containersAndPartitionsAreSeparateIdentities() {
    let base = Cookie(name: "sid", value: "1", domain: "www.example.com")
    var work = base
    work.originAttributes = "^userContextId=2"
    var chips = base
    chips.partitionKey = PartitionKey(topLevelSite: "https://example.org")
    var chipsCross = chips
    chipsCross.partitionKey = PartitionKey(topLevelSite: "https://example.org", hasCrossSiteAncestor: true)
    let s = CookieStore(loading: [base, work, chips, chipsCross])
    #expect(s.count == 4)
    #expect(s.invariantViolations() == [])
    #expect(Set([base.id, work.id, chips.id, chipsCross.id]).count == 4)
    #expect(work.id.description == "sid @ www.example.com/ [originAttributes ^userContextId=2]")
    #expect(chips.id.description == "sid @ www.example.com/ [partition https://example.org]")
  }

  @Test func extrasAreCopyOnWrite() {
    var a = Cookie(name: "a", value: "1", domain: "x.example")
    a.priority = .high
    var b = a
    b.priority = .low
    #expect(a.priority == .high && b.priority == .low)
    b.priority = nil
    var c = a
    c.priority = nil
    #expect(c == Cookie(name: "a", value: "1", domain: "x.example"))
  }

  @Test(arguments: [
    (Int64(0), "1970-01-01T00:00:00Z"), (1_812_536_294, "2027-06-09T10:18:14Z"),
    (-1, "1969-12-31T23:59:59Z"), (253_402_300_799, "9999-12-31T23:59:59Z"),
  ])
  func instantFormatsAndParsesCivilTime(seconds: Int64, iso: String) {
    let i = Instant(seconds: seconds)
    #expect(i.iso8601 == iso)
    let (y, mo, d, h, mi, s) = Instant.civil(fromUnixSeconds: seconds)
    #expect(Instant.unixSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s) == seconds)
  }

  @Test func instantFractionsAndClamps() {
    #expect(Instant(seconds: 1_812_536_294).decimalSeconds == "1812536294")
    #expect(Instant(microseconds: 1_812_536_294_123_456).decimalSeconds == "1812536294.123456")
    #expect(Instant(milliseconds: 1_791_464_381_742).decimalSeconds == "1791464381.742")
    #expect(Instant(fractionalSeconds: 1_791_464_381.742).milliseconds == 1_791_464_381_742)
    #expect(Instant(fractionalSeconds: .infinity) == .distantFuture)
    #expect(Instant(seconds: Int64.max) == .distantFuture)
    #expect(Instant(fractionalSeconds: -1.5).seconds == -2)
    #expect(Instant.unixSeconds(year: 2023, month: 2, day: 29) == nil)
  }
}
