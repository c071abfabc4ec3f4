import CrumbsTestSupport
import Foundation
import Testing

/// Runs the built `crumbs` binary (`TestEnvironment.crumbsBinary`) with `arguments`.
private func runCrumbs(_ arguments: [String], stdin: Data? = nil) throws -> (
  status: Int32, out: String, err: String
) {
  let binary = TestEnvironment.crumbsBinary
  guard FileManager.default.isExecutableFile(atPath: binary.path) else {
    throw LintCommandTestError("\(binary.path) is missing; run `swift build` first")
  }
  let r = try runProcess(binary, arguments, stdin: stdin ?? Data(), in: TestEnvironment.root)
  return (r.status, r.text, r.stderr)
}

struct LintCommandTestError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

private let example = "Tests/Fixtures/examples/netscape-cookies.txt"

@Suite struct LintCommandTests {
  @Test func missingFileIsAnErrorButTheOthersAreStillLinted() throws {
    let r = try runCrumbs(["lint", "--now", "1764000000", "no/such/jar.txt"])
    #expect(r.status == 1)
    #expect(r.err.contains("no/such/jar.txt: error: no such file"))
    #expect(r.out.contains("0 issues (0 errors, 0 warnings, 0 info) in 0 cookies from 1 file"))
  }

  @Test func badMinSeverityIsAUsageError() throws {
    let r = try runCrumbs(["lint", "--min-severity", "loud", example])
    #expect(r.status == 64)
    #expect(r.err.contains("loud"))
  }

  @Test func noFileIsAUsageError() throws {
    let r = try runCrumbs(["lint"])
    #expect(r.status == 64)
  }

  @Test func timingsGoToStandardErrorAndLeaveTheFindingsAlone() throws {
    let plain = try runCrumbs(["lint", "--now", "1764000000", example])
    let timed = try runCrumbs(["lint", "--timings", "--now", "1764000000", example])
    #expect(timed.status == plain.status)
    #expect(timed.out == plain.out)
    #expect(timed.err.contains("timings: read "), "stderr: \(timed.err)")
    #expect(timed.err.contains(", index "))
    #expect(timed.err.contains(", findings "))
    #expect(!plain.err.contains("timings:"))
  }

  @Test
  func lintsTheNetscapeExample() throws {
    let r = try runCrumbs(["lint", "--now", "1764000000", example])
    #expect(r.status == 0, "stderr: \(r.err)")
    // Expiry 1812536294 (2027-06-09) is 561 days after --now: browsers clamp it.
    #expect(
      r.out.contains(
        "\(example):5: warning: [expiry-over-400-days] expires 2027-06-09T10:18:14Z, more than 400 days after now; browsers cap it to 2026-12-29T16:00:00Z (lang @ example.com)"
      ))
    #expect(r.out.contains("\(example):8: info: [samesite-unset]"))
    #expect(!r.out.contains("[secure-prefix-insecure]"))  // __Secure-token is Secure
    #expect(r.out.hasSuffix("in 5 cookies from 1 file\n"))

    let w = try runCrumbs(["lint", "--now", "1764000000", "--min-severity", "warning", example])
    #expect(!w.out.contains(": info: "))
    #expect(w.out.contains("4 issues (0 errors, 4 warnings, 0 info) in 5 cookies from 1 file"))

    let j = try runCrumbs(["lint", "--json", "--now", "1764000000", example])
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [[String: String]], "stdout: \(j.out)")
    #expect(
      array.contains {
        $0["name"] == "sid" && $0["rule"] == "expiry-over-400-days" && $0["domain"] == "www.example.com"
      })
    #expect(
      array.allSatisfy {
        Set($0.keys) == ["source", "name", "domain", "path", "rule", "severity", "message"]
      })
  }
}
