import Testing

@testable import CookieCore

private func cookie(
  _ name: String, _ value: String, domain: String = "example.com", hostOnly: Bool = true, path: String = "/",
  expires: Int64? = nil, secure: Bool = false, httpOnly: Bool = false, sameSite: SameSite = .unset,
  file: String = "a.txt", line: Int32 = 1
) -> Cookie {
  Cookie(
    name: name, value: value, domain: domain, hostOnly: hostOnly, path: path,
    expires: expires.map { Instant(seconds: $0) }, secure: secure, httpOnly: httpOnly, sameSite: sameSite,
    sourceFile: file, sourceLine: line)
}

@Suite struct JarDiffTests {
  @Test func addedRemovedChangedAndSameByIdentity() {
    let old = [
      cookie("sid", "1", expires: 100), cookie("gone", "x"), cookie("same", "s"),
      cookie("theme", "light", domain: "example.com", hostOnly: false),
    ]
    let new = [
      cookie("new", "n", file: "b.txt"), cookie("same", "s", file: "b.txt", line: 9),
      cookie("sid", "2", expires: 200, secure: true, file: "b.txt"),
      // Same name and domain, but host-only now: a different identity.
      cookie("theme", "light", domain: "example.com", hostOnly: true, file: "b.txt"),
    ]
    let d = JarDiff(old: old, new: new)
    #expect(d.added.map(\.name) == ["new", "theme"])
    #expect(d.added[1].hostOnly)
    #expect(d.removed.map(\.name) == ["gone", "theme"])
    #expect(d.sameCount == 1)
    #expect(d.changed.count == 1)
    let sid = d.changed[0]
    #expect(sid.id == cookie("sid", "").id)
    #expect(
      sid.fields == [
        .init(field: .value, old: .text("1"), new: .text("2")),
        .init(field: .expires, old: .instant(Instant(seconds: 100)), new: .instant(Instant(seconds: 200))),
        .init(field: .secure, old: .flag(false), new: .flag(true)),
      ])
    #expect(!d.isEmpty)
  }

  @Test func identityIncludesPathAndPartition() {
    var partitioned = cookie("c", "v")
    partitioned.partitionKey = PartitionKey(topLevelSite: "https://top.example")
    let d = JarDiff(
      old: [cookie("c", "v"), cookie("c", "v", path: "/a")], new: [partitioned, cookie("c", "v")])
    #expect(d.added.count == 1 && d.added[0].partitionKey != nil)
    #expect(d.removed.map(\.path) == ["/a"])
    #expect(d.sameCount == 1)
  }

  @Test func ignoredFieldsAreNotCompared() {
    let old = [cookie("a", "1", expires: 100, sameSite: .lax)]
    let new = [cookie("a", "2", expires: 200, sameSite: .lax)]
    #expect(JarDiff(old: old, new: new, ignoring: [.expires]).changed.first?.fields.map(\.field) == [.value])
    let quiet = JarDiff(old: old, new: new, ignoring: [.expires, .value])
    #expect(quiet.isEmpty && quiet.sameCount == 1)
  }

  @Test func sessionExpiryIsAbsent() {
    let d = JarDiff(old: [cookie("a", "1", expires: 100)], new: [cookie("a", "1")])
    #expect(
      d.changed.first?.fields == [.init(field: .expires, old: .instant(Instant(seconds: 100)), new: .absent)])
  }

  @Test func metadataOnlyOneSideRecordsIsNotADifference() {
    var browser = cookie("a", "1")
    browser.created = Instant(seconds: 5)
    browser.priority = .medium
    #expect(JarDiff(old: [cookie("a", "1")], new: [browser]).isEmpty)
    var later = browser
    later.created = Instant(seconds: 6)
    #expect(JarDiff(old: [browser], new: [later]).changed.first?.fields.map(\.field) == [.created])
  }

  @Test func sourcePositionIsNotContent() {
    #expect(
      JarDiff(old: [cookie("a", "1", file: "x", line: 3)], new: [cookie("a", "1", file: "y", line: 7)])
        .isEmpty)
  }

  @Test func aRepeatedIdentityCountsItsLastOccurrence() {
    let d = JarDiff(old: [cookie("a", "1"), cookie("a", "2")], new: [cookie("a", "2")])
    #expect(d.isEmpty && d.sameCount == 1)
  }

  @Test(arguments: [
    ("httponly", CookieField.httpOnly), ("HttpOnly", .httpOnly), ("same-site", .sameSite),
    ("samesite", .sameSite),
    ("last_updated", .lastUpdated), ("EXPIRES", .expires), ("value", .value),
  ])
  func fieldNamesParseAsTyped(_ text: String, _ field: CookieField) {
    #expect(CookieField(parsing: text) == field)
  }

  @Test func unknownFieldNameIsRefused() {
    #expect(CookieField(parsing: "colour") == nil)
    #expect(CookieField(parsing: "name") == nil)
  }
}

@Suite struct JarMergeTests {
  let a = [
    cookie("sid", "A", expires: 300, file: "a.txt", line: 1), cookie("only-a", "1", file: "a.txt", line: 2),
  ]
  let b = [
    cookie("sid", "B", expires: 200, file: "b.txt", line: 1), cookie("only-b", "2", file: "b.txt", line: 2),
    cookie("only-a", "1", file: "b.txt", line: 3),
  ]

  @Test(arguments: [(MergePreference.last, "B"), (.first, "A"), (.newer, "A")])
  func preferencePicksTheConflictWinner(_ prefer: MergePreference, _ kept: String) {
    let m = JarMerge(jars: [a, b], prefer: prefer)
    #expect(m.cookies.map(\.name) == ["sid", "only-a", "only-b"])
    #expect(m.cookies[0].value == kept)
    // `only-a` is in both jars with equal content: no conflict.
    #expect(m.conflicts.count == 1)
    let c = m.conflicts[0]
    #expect(c.id == a[0].id)
    #expect(c.candidates.map(\.jar) == [0, 1])
    #expect(c.candidates[c.chosen].cookie.value == kept)
    #expect(c.fields == [.value, .expires])
  }

  @Test func newerUsesRecordedTimesBeforeExpiry() {
    var x = cookie("s", "x", expires: 900, file: "x")
    x.lastUpdated = Instant(seconds: 10)
    var y = cookie("s", "y", expires: 100, file: "y")
    y.created = Instant(seconds: 20)
    #expect(JarMerge(jars: [[x], [y]], prefer: .newer).cookies.map(\.value) == ["y"])
    #expect(JarMerge(jars: [[y], [x]], prefer: .newer).cookies.map(\.value) == ["y"])
  }

  @Test func newerTieGoesToTheLaterJar() {
    let m = JarMerge(jars: [[cookie("s", "x")], [cookie("s", "y")], [cookie("s", "z")]], prefer: .newer)
    #expect(m.cookies.map(\.value) == ["z"])
    #expect(m.conflicts.first?.candidates.count == 3)
  }

  @Test func oneJarMergesToItself() {
    let m = JarMerge(jars: [b], prefer: .last)
    #expect(m.cookies == b && m.conflicts.isEmpty)
  }
}
