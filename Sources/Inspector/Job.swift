/// Work on the whole store that is too big for one keystroke over a large jar (filtering,
/// recounting, sorting a million cookies), done a slice at a time on `Msg.work` so the
/// screen is drawn between slices. A job carries its own state from one slice to the next
/// and applies its result to the app when it finishes. A new kind of background work (a
/// view that changes which rows show) is one more type conforming to this; the scheduler
/// (`JobQueue`) and the other jobs do not change.
protocol Job: Sendable {
  /// Jobs run lowest first: a job may use what a lower one produces (the filter reads the
  /// sort order; both come after the domain counts the left pane shows).
  static var priority: Int { get }
  /// The store revision the job was started for. When the store has changed since, the
  /// scheduler calls `restart` instead of `step`.
  var revision: Int { get }
  /// How far the job is, 0...1.
  var progress: Double { get }
  /// What the status line shows while the job runs (`sorting 42%`).
  var status: String { get }
  /// Does about `budget` cookies' worth of work (each job weighs its own per-cookie cost);
  /// may show a partial result in `state`. Returns true when done, after applying the
  /// result to `state`. The job is out of the queue meanwhile, so its arrays are owned
  /// here and not copied on write.
  mutating func step(_ state: inout AppState, budget: Int) -> Bool
  /// The store changed under the job: start the work over for the current store.
  func restart(_ state: inout AppState)
}

/// The pending jobs, at most one of each type, in priority order: `Msg.work` steps the one
/// in front.
struct JobQueue: Sendable {
  private(set) var jobs: [any Job] = []

  var isEmpty: Bool { jobs.isEmpty }

  /// Queues `job`, replacing a pending job of the same type.
  mutating func start<J: Job>(_ job: J) {
    cancel(J.self)
    let i = jobs.firstIndex { type(of: $0).priority > J.priority } ?? jobs.endIndex
    jobs.insert(job, at: i)
  }

  mutating func cancel<J: Job>(_ type: J.Type) {
    jobs.removeAll { $0 is J }
  }

  /// The pending job of type `J`, if any.
  func pending<J: Job>(_ type: J.Type) -> J? {
    for job in jobs { if let j = job as? J { return j } }
    return nil
  }

  /// Takes the pending job of type `J` out.
  mutating func take<J: Job>(_ type: J.Type) -> J? {
    guard let i = jobs.firstIndex(where: { $0 is J }) else { return nil }
    return jobs.remove(at: i) as? J
  }

  /// Takes the front job out (for the scheduler to own while it works on it).
  mutating func takeFront() -> (any Job)? {
    jobs.isEmpty ? nil : jobs.removeFirst()
  }

  /// Puts a job taken out back, unless one of its type was started meanwhile.
  mutating func putBack(_ job: any Job) {
    let t = type(of: job)
    if jobs.contains(where: { ObjectIdentifier(type(of: $0)) == ObjectIdentifier(t) }) { return }
    let i = jobs.firstIndex { type(of: $0).priority > t.priority } ?? jobs.endIndex
    jobs.insert(job, at: i)
  }
}

extension AppState {
  /// True while there is work to finish in slices (`Msg.work`).
  public var hasPendingWork: Bool { !jobs.isEmpty }

  /// One slice of the front job (`Msg.work`).
  mutating func stepJobs() {
    guard var job = jobs.takeFront() else { return }
    if !runSlice(&job) { jobs.putBack(job) }
  }

  /// One slice of the pending job of type `J` now: a keystroke that starts work shows the
  /// first slice's result at once.
  mutating func stepJob<J: Job>(_ type: J.Type) {
    guard var job = jobs.take(J.self) else { return }
    if !runSlice(&job) { jobs.putBack(job) }
  }

  /// Steps `job` in place (it is out of the queue, so this is its only copy); true when it
  /// is finished or was restarted for a changed store.
  private mutating func runSlice(_ job: inout some Job) -> Bool {
    guard job.revision == store.revision else {
      job.restart(&self)
      return true
    }
    return job.step(&self, budget: max(1, workSlice))
  }

  /// Runs every pending job to the end (the first frame).
  mutating func finishJobs() {
    while hasPendingWork { stepJobs() }
  }

  /// The status line's note on pending work, in queue order.
  var jobStatus: [String] { jobs.jobs.map(\.status) }
}
