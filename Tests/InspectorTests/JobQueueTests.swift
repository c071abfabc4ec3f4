import CookieCore
import TerminalKit
import Testing

@testable import Inspector

/// Background work as one abstraction: a job the app does not have plugs into the same
/// scheduler (`Msg.work`, `hasPendingWork`, the status line) without touching the others.
@Suite struct JobQueueTests {
  /// Counts Secure cookies, a few per slice; says the count when done.
  struct SecureCount: Job {
    static let priority = 3
    var revision: Int
    var total: Int
    var next = 0
    var found = 0
    var restarts = 0

    init(_ state: AppState, restarts: Int = 0) {
      revision = state.store.revision
      total = state.store.count
      self.restarts = restarts
    }

    var progress: Double { total == 0 ? 1 : Double(next) / Double(total) }
    var status: String { "auditing \(Int(progress * 100))%" }

    mutating func step(_ state: inout AppState, budget: Int) -> Bool {
      let handles = state.store.handles
      let end = min(handles.count, next + budget)
      for i in next..<end where state.store[handles[i]].secure { found += 1 }
      next = end
      guard end == handles.count else { return false }
      state.message = StatusMessage("\(found) secure (restarted \(restarts)×)")
      return true
    }

    func restart(_ state: inout AppState) { state.jobs.start(SecureCount(state, restarts: restarts + 1)) }
  }

  static func drain(_ s: inout AppState) -> Int {
    var steps = 0
    while s.hasPendingWork && steps < 1000 {
      _ = update(&s, .work)
      steps += 1
    }
    return steps
  }

  @Test func aNewJobRunsInSlicesAndShowsProgress() {
    var s = Sample.state()
    s.workSlice = 3
    s.jobs.start(SecureCount(s))
    #expect(s.hasPendingWork)
    #expect(Sample.screen(s).contains("auditing 0%"))
    _ = update(&s, .work)
    #expect(Sample.screen(s).contains("auditing 37%"))
    #expect(JobQueueTests.drain(&s) == 2)
    #expect(s.message == StatusMessage("2 secure (restarted 0×)"))
  }

  @Test func aJobStartedForAnOlderStoreStartsOver() {
    var s = Sample.state()
    s.workSlice = 3
    s.jobs.start(SecureCount(s))
    _ = update(&s, .work)
    // Delete the selected (first) cookie, then add a Secure one: the store moved on.
    Sample.press("d y", &s)
    _ = try? s.store.add(Cookie(name: "new", value: "1", domain: "example.org", secure: true))
    _ = JobQueueTests.drain(&s)
    #expect(!s.hasPendingWork)
    #expect(s.message == StatusMessage("3 secure (restarted 1×)"))
  }

  /// Lower priority first: the recount before the sort before the filter before this one;
  /// one pending job per type, a newer one replacing the older.
  @Test func theFrontJobIsTheLowestPriority() {
    var s = Sample.state()
    var q = JobQueue()
    q.start(SecureCount(s))
    q.start(
      FilterJob(
        source: [], spec: RowSpec(revision: 0, query: CookieFilter(terms: [])), keep: nil, stayNear: false,
        oldCursor: 0))
    q.start(CountJob(handles: s.store.handles, revision: s.store.revision))
    q.start(SecureCount(s, restarts: 5))
    #expect(q.jobs.map { String(describing: type(of: $0)) } == ["CountJob", "FilterJob", "SecureCount"])
    #expect(q.pending(SecureCount.self)?.restarts == 5)
    q.cancel(FilterJob.self)
    #expect(q.jobs.count == 2)
    s.jobs = q
    #expect(s.hasPendingWork)
    s.jobs = JobQueue()
    #expect(!s.hasPendingWork)
  }
}
