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

/// Runs a program the tests check our output against (CPython, Playwright). When it is
/// missing the test fails in CI (where `.ci/run` installs it) and is skipped locally.
enum FmtExternal {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

  static func which(_ program: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let p = "\(dir)/\(program)"
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }

  /// True when `python3` can import `modules`; otherwise records an issue in CI.
  static func python(
    importing modules: [String] = [], files: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
  ) -> Bool {
    guard which("python3") != nil else {
      if isCI { Issue.record("python3 is required in CI but was not found", sourceLocation: sourceLocation) }
      return false
    }
    for f in files where !FileManager.default.fileExists(atPath: f) {
      if isCI {
        Issue.record(
          "\(f) is required in CI but missing (.ci/run installs it)", sourceLocation: sourceLocation)
      }
      return false
    }
    if modules.isEmpty { return true }
    let r = try? run("python3", ["-c", "import " + modules.joined(separator: ", ")])
    if r?.status != 0 {
      if isCI {
        Issue.record(
          "python3 modules \(modules) are required in CI (.ci/run installs them): \(r?.stderr ?? "")",
          sourceLocation: sourceLocation)
      }
      return false
    }
    return true
  }

  /// True when `perl` can load `modules`; otherwise records an issue in CI.
  static func perl(using modules: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    let r = which("perl") == nil ? nil : try? run("perl", modules.map { "-M\($0)" } + ["-e", "1"])
    if r?.status != 0 {
      if isCI {
        Issue.record(
          "perl with \(modules) is required in CI (.ci/run installs it): \(r?.stderr ?? "perl not found")",
          sourceLocation: sourceLocation)
      }
      return false
    }
    return true
  }

  /// Runs `program` with `args`, feeding `input` on stdin; waits at most `timeout` seconds.
  static func run(_ program: String, _ args: [String], input: String = "", timeout: TimeInterval = 120) throws
    -> Output
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: which(program) ?? program)
    p.arguments = args
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crumbs-fmt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("in")
    let outURL = dir.appendingPathComponent("out")
    let errURL = dir.appendingPathComponent("err")
    try Data(input.utf8).write(to: inURL)
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    // Files, not pipes: a chatty child cannot block on a full pipe while we wait.
    p.standardInput = try FileHandle(forReadingFrom: inURL)
    p.standardOutput = try FileHandle(forWritingTo: outURL)
    p.standardError = try FileHandle(forWritingTo: errURL)
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if p.isRunning {
      p.terminate()
      p.waitUntilExit()
    }
    return Output(
      status: p.terminationStatus,
      stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
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
