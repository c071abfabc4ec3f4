import Testing

@testable import CookieCore

/// `crumbs lint`'s logic on constructed jars (the command only loads files and prints this).
@Suite struct LintReportTests {
  private let now = Instant(seconds: 1_764_000_000)

  private func jar() -> [Cookie] {
    var bad = Cookie(
      name: "__Host-id", value: "x", domain: "example.com", hostOnly: false, path: "/", secure: true)
    bad.sourceFile = "a.txt"
    bad.sourceLine = 3
    var fine = Cookie(
      name: "ok", value: "1", domain: "example.com", secure: true, sameSite: .strict, sourceFile: "a.txt",
      sourceLine: 4)
    fine.httpOnly = true
    return [bad, fine]
  }

  @Test func reportsIssuesDiagnosticsAndAnErrorExit() {
    var r = LintReport()
    r.add(
      file: "a.txt", cookies: jar(),
      diagnostics: [Diagnostic(.warning, file: "a.txt", line: 2, "skipped a line with 6 fields")], now: now)
    #expect(
      r.lines == [
        "a.txt:2: warning: skipped a line with 6 fields",
        "a.txt:3: error: [host-prefix-domain] __Host- cookie with a Domain attribute (not host-only); browsers reject it (RFC 6265bis §4.1.3.2) (__Host-id @ example.com)",
        "a.txt:3: info: [samesite-unset] SameSite not set: Chrome treats it as Lax, Firefox and Safari as None (__Host-id @ example.com)",
      ])
    #expect(r.exitStatus == 1)
    #expect(r.summary == "2 issues (1 error, 0 warnings, 1 info) in 2 cookies from 1 file")
  }

  @Test func minSeverityHidesButErrorsStillFail() {
    var r = LintReport(minSeverity: .error)
    r.add(file: "a.txt", cookies: jar(), diagnostics: [Diagnostic(.note, file: "a.txt", "a note")], now: now)
    #expect(r.findings.map(\.rule) == ["host-prefix-domain"])
    #expect(r.diagnostics == [])
    #expect(r.exitStatus == 1)
  }

  @Test func cleanJarExitsZeroAndUnreadableFileExitsOne() {
    var r = LintReport(minSeverity: .warning)
    r.add(file: "b.txt", cookies: [jar()[1]], diagnostics: [], now: now)
    #expect(r.exitStatus == 0)
    #expect(r.json == "[]")
    r.addUnreadable()
    #expect(r.exitStatus == 1)
    #expect(r.summary.hasSuffix("in 1 cookie from 2 files"))
  }

  @Test func errorDiagnosticFailsTheRun() {
    var r = LintReport(minSeverity: .error)
    r.add(
      file: "c.txt", cookies: [], diagnostics: [Diagnostic(.error, file: "c.txt", line: 1, "bad")], now: now)
    #expect(r.lines == ["c.txt:1: error: bad"])
    #expect(r.exitStatus == 1)
  }

  @Test func cookieWithoutSourceUsesTheFileName() {
    var r = LintReport()
    r.add(file: "d.json", cookies: [Cookie(name: "x", value: "1", domain: "")], diagnostics: [], now: now)
    #expect(r.findings.allSatisfy { $0.source == "d.json" })
    #expect(r.lines.contains { $0.hasSuffix("(x @ (unknown domain))") })
  }
}
