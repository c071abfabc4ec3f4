import CrumbsTestSupport
import Testing

@testable import CookieCore

/// The store's fast paths for large changes (a purge of 100,000 cookies) against the
/// simple ones: bulk removal records and the identity table's sweep against one edit per
/// cookie, and the cheap save point against a full comparison with a copy of the store.
@Suite struct CookieStoreBulkTests {
  private static func jar(_ n: Int) -> [Cookie] {
    var out: [Cookie] = []
    for i in 0..<n {
      let path: String = i % 3 == 0 ? "/" : "/p\(i % 4)"
      let expires: Instant? = i % 6 == 0 ? nil : Instant(seconds: Int64(i * 7 % 200))
      out.append(
        Cookie(
          name: "c\(i % 37)", value: "v\(i)", domain: "d\(i % 5).example", hostOnly: i % 2 == 0, path: path,
          expires: expires, sourceFile: "jar.txt", sourceLine: Int32(i + 1)))
    }
    return out
  }

  /// One random step on `s` (the same `rng` state gives the same step on any store).
  private static func step(_ s: inout CookieStore, _ rng: inout SplitMix, _ n: Int) {
    let hs = s.handles
    switch Int.random(in: 0..<8, using: &rng) {
    case 0 where !hs.isEmpty:
      let k = Int.random(in: 1...min(12, hs.count), using: &rng)
      var picked: [CookieHandle] = []
      for _ in 0..<k { picked.append(hs.randomElement(using: &rng)!) }
      s.delete(picked)
    case 1:
      var c = jar(1)[0]
      c.name = "new\(Int.random(in: 0..<60, using: &rng))"
      c.expires = Instant(seconds: Int64.random(in: 0..<200, using: &rng))
      _ = try? s.add(c)
    case 2 where !hs.isEmpty:
      let h = hs.randomElement(using: &rng)!
      var c = s[h]
      if Bool.random(using: &rng) {
        c.value = "edited\(Int.random(in: 0..<3, using: &rng))"
      } else {
        c.name = "renamed\(Int.random(in: 0..<40, using: &rng))"
      }
      _ = try? s.update(h, to: c)
    case 3, 4: s.undo()
    case 5: s.redo()
    default: s.purgeExpired(now: Instant(seconds: Int64.random(in: 0..<220, using: &rng)))
    }
  }

  private static func describe(_ s: CookieStore) -> [String] {
    var out: [String] = []
    out.append("count \(s.count) dirty \(s.isDirty)")
    out.append("handles \(s.handles)")
    out.append("cookies \(s.cookies.map { "\($0.name)=\($0.value)@\($0.domain)\($0.path)" })")
    out.append("since load \(s.changesSinceLoad.map { "\($0.0):\($0.1)" })")
    out.append("since save \(s.changesSinceSave.map { "\($0.0):\($0.1)" })")
    out.append("touched \(s.touchedLoadedHandles)")
    out.append("undo \(s.undoLabels) redo \(s.redoLabels)")
    out.append("expired \(s.expiredHandles(now: Instant(seconds: 100)))")
    return out
  }

  @Test(arguments: [0, 1, 2])
  func bulkChangesMatchOneEditPerCookie(sweep: Int) {
    for seed in UInt64(1)...4 {
      var bulk = CookieStore(loading: Self.jar(300))
      bulk.bulkMinimum = 2
      bulk.sweepRemovals = [nil, true, false][sweep]
      var simple = CookieStore(loading: Self.jar(300))
      simple.bulkMinimum = .max
      var r1 = SplitMix(seed: seed)
      var r2 = SplitMix(seed: seed)
      for i in 0..<250 {
        Self.step(&bulk, &r1, 300)
        Self.step(&simple, &r2, 300)
        if i % 40 == 39 {
          bulk.markSaved()
          simple.markSaved()
        }
        #expect(bulk.invariantViolations() == [], "seed \(seed) step \(i)")
        let a = Self.describe(bulk)
        let b = Self.describe(simple)
        #expect(a == b, "seed \(seed) step \(i)")
        if a != b { return }
      }
    }
  }

  /// A store shown before its index is built (`init(deferringIndexOf:)`, the index built on
  /// another thread, then `install`) ends up as `load` leaves it, duplicates included, and
  /// then takes every change the same way.
  @Test func deferredIndexMatchesLoading() async {
    for (base, seed) in [(0, UInt64(1)), (1, 2), (300, 3), (1000, 4)] {
      // The jar, then its first 25 cookies again with new values: later ones replace them.
      let again = Self.jar(min(base, 25)).enumerated().map { k, c0 in
        var c = c0
        c.value = "again"
        c.sourceLine = Int32(base + k + 1)
        return c
      }
      let cookies = Self.jar(base) + again
      let n = cookies.count
      var loaded = CookieStore()
      var replacedByLoad: [String] = []
      loaded.load(cookies) { old, new in replacedByLoad.append("\(old.sourceLine)>\(new.sourceLine)") }
      var deferred = CookieStore(deferringIndexOf: cookies)
      // Before the index: readable, every cookie live, nothing replaced yet.
      #expect(!deferred.isIndexed)
      #expect(deferred.count == n)
      #expect(deferred.handles.count == n)
      #expect(deferred.cookies == cookies)
      let index = await Task.detached { CookieStore.Index(of: cookies) }.value
      #expect(index.replacedCount == replacedByLoad.count)
      #expect(replacedByLoad.count == n - Set(cookies.map(\.id)).count, "n \(n)")
      #expect(replacedByLoad.count >= min(base, 25), "n \(n)")
      let replaced = deferred.install(index).map { "\($0.replaced.sourceLine)>\($0.by.sourceLine)" }
      #expect(deferred.isIndexed)
      #expect(replaced == replacedByLoad, "n \(n)")
      #expect(deferred.invariantViolations() == [], "n \(n)")
      #expect(Self.describe(deferred) == Self.describe(loaded), "n \(n)")
      #expect(deferred.revision == (replaced.isEmpty ? 1 : 2))
      var r1 = SplitMix(seed: seed)
      var r2 = SplitMix(seed: seed)
      for i in 0..<120 {
        Self.step(&deferred, &r1, n)
        Self.step(&loaded, &r2, n)
        let a = Self.describe(deferred)
        #expect(a == Self.describe(loaded), "n \(n) step \(i)")
        if a != Self.describe(loaded) { return }
      }
      #expect(deferred.invariantViolations() == [])
    }
  }

  /// What changed since a save, the slow and obvious way: every handle compared with a
  /// copy of the store as it was saved.
  private static func fullDiff(_ saved: CookieStore, _ now: CookieStore) -> [String] {
    var out: [String] = []
    let n = Int(max(saved.handles.last?.index ?? -1, now.handles.last?.index ?? -1, 0)) + 1
    for k in 0...n {
      let h = CookieHandle(Int32(k))
      let before = saved.contains(h) ? saved[h] : nil
      let after = now.contains(h) ? now[h] : nil
      switch (before, after) {
      case (nil, .some): out.append("\(h):added")
      case (.some, nil): out.append("\(h):deleted")
      case (let a?, let b?) where a != b: out.append("\(h):modified")
      default: break
      }
    }
    return out
  }

  @Test func changesSinceSaveMatchAFullComparison() {
    for seed in UInt64(10)...14 {
      var rng = SplitMix(seed: seed)
      var s = CookieStore(loading: Self.jar(200))
      s.bulkMinimum = 3
      var saved = s  // the state the files hold
      // A save taken and written later (a background save), with the store as it was then.
      var pending: (CookieStore.SavePoint, CookieStore, due: Int)? = nil
      for i in 0..<300 {
        Self.step(&s, &rng, 200)
        if pending == nil, Int.random(in: 0..<15, using: &rng) == 0 {
          pending = (s.savePoint, s, i + Int.random(in: 0..<20, using: &rng))
        }
        if let p = pending, p.due <= i {
          s.markSaved(p.0)
          saved = p.1
          pending = nil
        }
        let got = s.changesSinceSave.map { "\($0.0):\($0.1)" }
        let want = Self.fullDiff(saved, s)
        #expect(got == want, "seed \(seed) step \(i)")
        if got != want { return }
      }
    }
  }

  @Test func snapshotKeepsItsMoment() throws {
    var s = CookieStore(loading: Self.jar(50))
    s.purgeExpired(now: Instant(seconds: 60))
    let before = s.cookies
    let snap = s.snapshot
    #expect(snap.count == before.count && snap.cookies == before)
    s.delete([s.handles[0], s.handles[3]])
    var c = s[s.handles[1]]
    c.value = "changed after"
    try s.update(s.handles[1], to: c)
    var n = c
    n.name = "added after"
    _ = try s.add(n)
    #expect(snap.cookies == before, "later edits do not reach the snapshot")
    #expect(snap.count { $0.domain == "d1.example" } == before.filter { $0.domain == "d1.example" }.count)
    #expect(snap.cookies { $0.domain == "d1.example" } == before.filter { $0.domain == "d1.example" })
    let whole = CookieStore(loading: Self.jar(10))
    #expect(whole.snapshot.cookies == Self.jar(10))
  }

  @Test func purgeOfALargeJarUndoesExactly() {
    // Large enough that the removal sweeps the identity table and the restore probes it in
    // batches (this suite also runs under the thread and address sanitizers: Fuzz/ci.sh).
    var cookies: [Cookie] = []
    for i in 0..<50_000 {
      let expires = Instant(seconds: i % 2 == 0 ? 10 : 1000)
      cookies.append(
        Cookie(
          name: "n\(i)", value: "v", domain: "d\(i % 1000).example", expires: expires, sourceFile: "big.txt",
          sourceLine: Int32(i + 1)))
    }
    var s = CookieStore(loading: cookies)
    #expect(s.expiredCount(now: Instant(seconds: 100)) == 25_000)
    #expect(s.purgeExpired(now: Instant(seconds: 100)) == 25_000)
    #expect(s.count == 25_000 && s.invariantViolations() == [])
    #expect(s.changesSinceSave.count == 25_000)
    s.undo()
    #expect(s.count == 50_000 && s.invariantViolations() == [])
    #expect(s.cookies == cookies && s.changesSinceSave.isEmpty && !s.isDirty)
    s.redo()
    #expect(s.count == 25_000 && s.invariantViolations() == [])
  }
}

/// The fast `lineEdits` (cookies read in place, lines grouped in handle order) against the
/// simple one, on jars whose lines hold several cookies (LWP) from two files, after random
/// edits, purges, adds and undos.
@Suite struct LineEditsFastPathTests {
  @Test func fastLineEditsEqualTheSimpleOnes() {
    var cookies: [Cookie] = []
    for i in 0..<240 {
      let file = i < 160 ? "a.txt" : "b.txt"
      let line: Int32 = i % 17 == 5 ? 0 : Int32(i / 3 + 1)  // three cookies a line; some with none
      let expires: Instant? = i % 4 == 0 ? Instant(seconds: 50) : Instant(seconds: 5000)
      cookies.append(
        Cookie(
          name: "n\(i % 50)", value: "v\(i)", domain: "d\(i % 4).example", expires: expires, sourceFile: file,
          sourceLine: line))
    }
    for seed in UInt64(1)...8 {
      var rng = SplitMix(seed: seed)
      // Lines with no number make the whole file rewritten (nil); leave them out of half the runs.
      let jar = seed % 2 == 0 ? cookies.filter { $0.sourceLine > 0 } : cookies
      var s = CookieStore(loading: jar)
      s.bulkMinimum = 4
      for step in 0..<120 {
        let hs = s.handles
        switch Int.random(in: 0..<6, using: &rng) {
        case 0 where !hs.isEmpty: s.delete([hs.randomElement(using: &rng)!, hs.randomElement(using: &rng)!])
        case 1 where !hs.isEmpty:
          let h = hs.randomElement(using: &rng)!
          var c = s[h]
          c.value = "e\(step)"
          _ = try? s.update(h, to: c)
        case 2:
          var c = Cookie(name: "added\(step)", value: "x", domain: "new.example")
          c.sourceFile = "a.txt"
          _ = try? s.add(c)
        case 3: s.undo()
        case 4: s.purgeExpired(now: Instant(seconds: Int64.random(in: 0..<100, using: &rng)))
        default: s.redo()
        }
        for file in ["a.txt", "b.txt"] {
          for withNew in [false, true] {
            let fast = s.lineEdits(forFile: file, withNew: withNew)
            let simple = s.lineEditsByDictionary(forFile: file, withNew: withNew)
            #expect(fast == simple, "seed \(seed) step \(step) \(file)")
            if fast != simple { return }
          }
        }
      }
    }
  }
}
