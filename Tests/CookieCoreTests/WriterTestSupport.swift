import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

/// Fixture files and external programs for the format tests.
enum FmtFixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
  static func data(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }

  static let now = Instant(seconds: 1_764_000_000)  // 2025-11-24T16:00:00Z

  static func read(_ reader: any CookieReader.Type, _ relative: String) throws -> CookieReadResult {
    try reader.read(data(relative), options: CookieReadOptions(sourceName: relative, now: now))
  }

  static func read(_ reader: any CookieReader.Type, text: String, name: String = "test") throws
    -> CookieReadResult
  {
    try reader.read(Data(text.utf8), options: CookieReadOptions(sourceName: name, now: now))
  }
}

/// Runs a program the tests check our output against (CPython, Perl). A test that needs
/// one says so with `.requires(...)` (CrumbsTestSupport), which skips it when the program is
/// missing, or fails it in CI.
enum FmtExternal {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `program` (looked up on PATH) with `args`, feeding `input` on stdin; waits at
  /// most `timeout` seconds.
  static func run(_ program: String, _ args: [String], input: String = "", timeout: TimeInterval = 120) throws
    -> Output
  {
    let url = TestEnvironment.program(program) ?? URL(fileURLWithPath: program)
    let r = try runProcess(url, args, stdin: Data(input.utf8), timeout: timeout)
    return Output(status: r.status, stdout: r.text, stderr: r.stderr)
  }

  /// Runs a Python script (given as text) with `args`; returns stdout parsed as JSON.
  static func pythonJSON(_ script: String, _ args: [String] = [], input: String = "") throws -> Any {
    let r = try run("python3", ["-c", script] + args, input: input)
    guard r.status == 0 else {
      throw CookieFormatError(file: "python3", "exit \(r.status): \(r.stderr)")
    }
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8), options: [.fragmentsAllowed])
  }

  /// Runs a Perl script (given as text) with `args`; returns stdout parsed as JSON.
  static func perlJSON(_ script: String, _ args: [String] = []) throws -> Any {
    let r = try run("perl", ["-e", script] + args)
    guard r.status == 0 else {
      throw CookieFormatError(file: "perl", "exit \(r.status): \(r.stderr)")
    }
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8), options: [.fragmentsAllowed])
  }

  static func temporaryFile(_ data: Data, suffix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crumbs-fmt-\(UUID().uuidString)\(suffix)")
    try data.write(to: url)
    return url
  }
}
