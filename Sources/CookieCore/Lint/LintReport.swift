import Foundation

/// What `crumbs lint` prints for a set of files: load diagnostics and cookie issues at or
/// above a minimum severity, a summary, and whether anything of error severity was found.
public struct LintReport: Sendable {
  public var minSeverity: CookieIssue.Severity
  /// Per file, in order: load diagnostics (as text) and findings, both already filtered.
  public private(set) var diagnostics: [Diagnostic] = []
  public private(set) var findings: [LintFinding] = []
  public private(set) var cookieCount = 0
  public private(set) var fileCount = 0
  /// Any error-severity issue or diagnostic (filtered out or not), or an unreadable file.
  public private(set) var hasErrors = false
  /// Text lines in file order: each file's diagnostics, then its cookies' issues.
  public private(set) var lines: [String] = []
  /// Findings at or above `minSeverity` by severity, streamed or kept.
  private var counts: [CookieIssue.Severity: Int] = [:]

  public init(minSeverity: CookieIssue.Severity = .info) { self.minSeverity = minSeverity }

  /// Lints one loaded file's cookies as of `now`; cross-cookie rules stay within the file.
  /// With `consumer`, the issues are what that program does to each cookie instead.
  public mutating func add(
    file: String, cookies: [Cookie], diagnostics: [Diagnostic], now: Instant, consumer: CookieConsumer? = nil
  ) {
    var kept: [Item] = []
    add(file: file, cookies: cookies, diagnostics: diagnostics, now: now, consumer: consumer) {
      kept.append($0)
    }
    for item in kept {
      switch item {
      case .diagnostic(let d):
        self.diagnostics.append(d)
        lines.append(TerminalSafe.escape(d.description))
      case .finding(let f):
        findings.append(f)
        lines.append(f.text)
      }
    }
  }

  /// What the streaming `add` hands on, in report order.
  public enum Item {
    case diagnostic(Diagnostic)
    case finding(LintFinding)
  }

  /// As `add`, but each diagnostic and finding at or above `minSeverity` goes to `emit` as
  /// it is found and is not kept (`lines`, `findings` and `diagnostics` stay as they were):
  /// a million-cookie jar has millions of findings. The counts (`summary`, `exitStatus`)
  /// are kept either way.
  public mutating func add(
    file: String, cookies: [Cookie], diagnostics: [Diagnostic], now: Instant, consumer: CookieConsumer? = nil,
    emit: (Item) -> Void
  ) {
    fileCount += 1
    cookieCount += cookies.count
    for d in diagnostics {
      if d.severity == .error { hasErrors = true }
      if LintReport.severity(of: d) >= minSeverity { emit(.diagnostic(d)) }
    }
    func take(_ cookie: Cookie, _ issues: [CookieIssue]) {
      for issue in issues {
        if issue.severity == .error { hasErrors = true }
        guard issue.severity >= minSeverity else { continue }
        counts[issue.severity, default: 0] += 1
        emit(.finding(LintFinding(cookie: cookie, issue: issue, file: file)))
      }
    }
    if let consumer {
      for c in cookies { take(c, consumer.issues(of: c, now: now)) }
    } else {
      CookieLint.forEachCookie(in: cookies, now: now) { i, issues in take(cookies[i], issues) }
    }
  }

  /// As the streaming `add`, on all cores: cookies are linted in batches, each batch in
  /// parallel parts, and each finding at or above `minSeverity` is turned into text by
  /// `render` (in parallel) and handed to `emit` in report order. Diagnostics go to
  /// `emitDiagnostic` first. Same findings, order and counts as `add(…emit:)` (a test
  /// holds them equal).
  public mutating func add(
    file: String, cookies: [Cookie], diagnostics: [Diagnostic], now: Instant, consumer: CookieConsumer? = nil,
    batchSize: Int = 16384, parts: Int? = nil,
    render: @escaping @Sendable (LintFinding) -> String, emitDiagnostic: (Diagnostic) -> Void,
    emit: (String) -> Void
  ) {
    addBatched(
      file: file, cookies: cookies, diagnostics: diagnostics, now: now, consumer: consumer,
      batchSize: batchSize, parts: parts,
      record: { texts, cookie, issue in
        texts.append(render(LintFinding(cookie: cookie.pointee, issue: issue, file: file)))
      },
      recordShadowed: { texts, cookie, other, _ in
        texts.append(
          render(
            LintFinding(
              cookie: cookie.pointee, issue: CookieLint.shadowingIssue(cookie.pointee, other.pointee),
              file: file)
          ))
      },
      emitDiagnostic: emitDiagnostic, emit: { (texts: [String]) in for t in texts { emit(t) } })
  }

  /// As `add(…render:…)` with `LintFinding.text` as the rendering, each line ending in a
  /// newline: the findings of a part are written straight into one byte buffer
  /// (`LintFinding.appendText`), which goes to `emit`. A million-cookie jar has millions of
  /// findings; a `String` and a `LintFinding` for each cost more than finding them.
  public mutating func addText(
    file: String, cookies: [Cookie], diagnostics: [Diagnostic], now: Instant, consumer: CookieConsumer? = nil,
    batchSize: Int = 16384, parts: Int? = nil, indexed: () -> Void = {}, emitDiagnostic: (Diagnostic) -> Void,
    emit: ([UInt8]) -> Void
  ) {
    addBatched(
      file: file, cookies: cookies, diagnostics: diagnostics, now: now, consumer: consumer,
      batchSize: batchSize, parts: parts, indexed: indexed,
      record: { bytes, cookie, issue in
        LintFinding.appendText(cookie, issue: issue, file: file, to: &bytes)
      },
      recordShadowed: { bytes, cookie, other, otherPartitioned in
        LintFinding.appendShadowed(
          cookie, by: other, otherMayBePartitioned: otherPartitioned, file: file, to: &bytes)
      },
      emitDiagnostic: emitDiagnostic, emit: { if !$0.isEmpty { emit($0) } })
  }

  /// The batching both of the above share: `record` adds a finding to its part's `Out`,
  /// which goes to `emit` in report order; `recordShadowed` adds the `shadowed` finding of
  /// a cookie and the other cookie sent with it (as `record` would with
  /// `CookieLint.shadowingIssue`, which it need not build), and whether the other may have
  /// an `identityPartition` (the shadowing index knows). Both get cookies by pointer:
  /// passing one to a closure copies it whole, retaining each of its strings.
  private mutating func addBatched<Out: RangeReplaceableCollection & SendableMetatype>(
    file: String, cookies: [Cookie], diagnostics: [Diagnostic], now: Instant, consumer: CookieConsumer?,
    batchSize: Int, parts: Int?, indexed: () -> Void = {},
    record: @escaping @Sendable (inout Out, UnsafePointer<Cookie>, CookieIssue) -> Void,
    recordShadowed:
      @escaping @Sendable (inout Out, UnsafePointer<Cookie>, UnsafePointer<Cookie>, Bool) -> Void,
    emitDiagnostic: (Diagnostic) -> Void, emit: (Out) -> Void
  ) {
    fileCount += 1
    cookieCount += cookies.count
    for d in diagnostics {
      if d.severity == .error { hasErrors = true }
      if LintReport.severity(of: d) >= minSeverity { emitDiagnostic(d) }
    }
    let minSeverity = self.minSeverity
    let shadowedShown = CookieLint.shadowingSeverity >= minSeverity
    let lookForShadowing = shadowedShown || CookieLint.shadowingSeverity == .error
    // No index when no `shadowed` finding can be shown or fail the run (`--min-severity
    // warning`): it is only for those.
    let index: ShadowingIndex? = consumer == nil && lookForShadowing ? ShadowingIndex(cookies) : nil
    indexed()
    let cores = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    let batchSize = max(1, batchSize)
    // Many small parts a batch (eight a core) in large batches: with two parts a
    // core, the cores waited at the end of each batch for the slowest part, and large
    // parts' buffers also went out slower.
    let p = max(1, parts ?? (cookies.count < 2 * batchSize ? 1 : 8 * cores))
    // Two sets of parts: while the findings of one batch go to `emit` (on this thread, in
    // order), the next batch is worked out into the other set on the other cores.
    let results = UnsafeMutablePointer<LintBatchPart<Out>>.allocate(capacity: 2 * p)
    results.initialize(repeating: LintBatchPart(out: Out()), count: 2 * p)
    defer {
      results.deinitialize(count: 2 * p)
      results.deallocate()
    }
    let job = LintBatchJob(results: results)
    // Lints the batch of cookies from `from0` into the parts of set `set` (0 or 1).
    let lintBatch: @Sendable (Int, Int) -> Void = { from0, set in
      let end = min(cookies.count, from0 + batchSize)
      let work: @Sendable (Int) -> Void = { k in
        // Moved out and back: a copy would share the part's buffer, and the first finding
        // would copy it whole.
        var part = (job.results + set * p + k).move()
        // One array of issues for all the cookies of the part, emptied for each.
        var issues: [CookieIssue] = []
        issues.reserveCapacity(8)
        // The part's own copy of the index, used through `?.`: `if let` copied it for each
        // cookie, retaining its arrays.
        let partnerIndex = index
        let scratch = index.map(ShadowingIndex.Scratch.init(for:))
        defer { scratch?.free() }
        // Cookies read in place through a buffer pointer: `cookies[i]` on the array copies
        // the cookie, retaining each of its strings.
        cookies.withUnsafeBufferPointer { cookies in
          guard let base = cookies.baseAddress else { return }
          for i in from0 + (end - from0) * k / p..<from0 + (end - from0) * (k + 1) / p {
            if let consumer {
              issues = consumer.issues(of: cookies[i], now: now)
            } else {
              issues.removeAll(keepingCapacity: true)
              CookieLint.appendIssues(of: base + i, now: now, to: &issues)
            }
            for issue in issues {
              if issue.severity == .error { part.hasErrors = true }
              guard issue.severity >= minSeverity else { continue }
              part.counts[issue.severity.index] += 1
              record(&part.out, base + i, issue)
            }
            // The `shadowed` findings come last: they are infos, and `issues(of:)` is sorted
            // most severe first, so `CookieLint.sorted` would put them after the rest in
            // partner order. Not errors, so below `minSeverity` they need not be looked for.
            partnerIndex?.forEachPartner(of: i, in: cookies, scratch!) { j, otherPartitioned in
              if CookieLint.shadowingSeverity == .error { part.hasErrors = true }
              guard shadowedShown else { return }
              part.counts[CookieLint.shadowingSeverity.index] += 1
              recordShadowed(&part.out, base + i, base + j, otherPartitioned)
            }
          }
        }
        (job.results + set * p + k).initialize(to: part)
      }
      if p == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: p, execute: work) }
    }
    var start = 0
    var set = 0
    if !cookies.isEmpty { lintBatch(0, 0) }
    while start < cookies.count {
      let next = min(cookies.count, start + batchSize)
      let nextDone = DispatchGroup()
      if next < cookies.count {
        let other = 1 - set
        DispatchQueue.global().async(group: nextDone) { lintBatch(next, other) }
      }
      for k in set * p..<(set + 1) * p {
        emit(results[k].out)
        if results[k].hasErrors { hasErrors = true }
        for (s, n) in zip(CookieIssue.Severity.allCases, results[k].counts) where n > 0 {
          counts[s, default: 0] += n
        }
        // Emptied, its room kept for the batch after next: a part's buffer grown from
        // nothing for every batch cost a copy at each doubling and fresh pages.
        results[k].out.removeAll(keepingCapacity: true)
        results[k].counts = [0, 0, 0]
        results[k].hasErrors = false
      }
      nextDone.wait()
      start = next
      set = 1 - set
    }
  }

  /// A file that could not be read at all counts as an error.
  public mutating func addUnreadable() {
    fileCount += 1
    hasErrors = true
  }

  /// Diagnostic severities on the issue scale: a note is info.
  static func severity(of d: Diagnostic) -> CookieIssue.Severity {
    switch d.severity {
    case .note: .info
    case .warning: .warning
    case .error: .error
    }
  }

  public var summary: String { LintFinding.summary(counts: counts, cookies: cookieCount, files: fileCount) }
  public var json: String { LintFinding.json(findings) }
  /// 1 when an error was found or a file was unreadable (the documented lint exit code).
  public var exitStatus: Int32 { hasErrors ? 1 : 0 }
}

/// One part of a lint batch: its findings (as its `Out`), counts and whether any was an error.
private struct LintBatchPart<Out> {
  var out: Out
  /// By `CookieIssue.Severity.index`.
  var counts = [0, 0, 0]
  var hasErrors = false
}

private struct LintBatchJob<Out>: @unchecked Sendable {
  let results: UnsafeMutablePointer<LintBatchPart<Out>>
}
