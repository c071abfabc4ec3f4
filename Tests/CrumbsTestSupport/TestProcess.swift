import Dispatch
import Foundation

/// What a finished child process left behind.
public struct ProcessOutput: Sendable {
  public var status: Int32
  public var stdout: Data
  public var stderr: String
  public var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs `executable` to completion, feeding `stdin`, reading stdout and stderr at the same
/// time so a chatty child can never block on a full pipe.
public func runProcess(
  _ executable: URL, _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
  environment: [String: String]? = nil
) throws -> ProcessOutput {
  let p = Process()
  p.executableURL = executable
  p.arguments = arguments
  if let directory { p.currentDirectoryURL = directory }
  if let environment { p.environment = environment }
  let out = Pipe()
  let err = Pipe()
  let input = Pipe()
  p.standardOutput = out
  p.standardError = err
  p.standardInput = input
  try p.run()
  nonisolated(unsafe) var errData = Data()
  let group = DispatchGroup()
  group.enter()
  DispatchQueue.global().async {
    errData = err.fileHandleForReading.readDataToEndOfFile()
    group.leave()
  }
  if let stdin { input.fileHandleForWriting.write(stdin) }
  try input.fileHandleForWriting.close()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  p.waitUntilExit()
  return ProcessOutput(
    status: p.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
}

/// Where things are when tests run, and which outside programs exist.
public enum TestEnvironment {
  /// `CI` set: a missing outside program is a failure, not a skip.
  public static let isCI = ProcessInfo.processInfo.environment["CI"] != nil

  /// The repository root, found from this file.
  public static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.lastPathComponent != "Tests" && url.path != "/" { url.deleteLastPathComponent() }
    return url.deletingLastPathComponent()
  }()

  /// `Tests/Fixtures` (fixtures are not a SwiftPM resource).
  public static let fixtures = root.appendingPathComponent("Tests/Fixtures")

  public static func fixture(_ relative: String) -> URL { fixtures.appendingPathComponent(relative) }

  /// The binary `swift build` made (the README's test command builds it first).
  public static let crumbsBinary = root.appendingPathComponent(".build/debug/crumbs")

  /// `program` on PATH, nil when it is not there.
  public static func program(_ name: String) -> URL? {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for d in dirs {
      let u = URL(fileURLWithPath: String(d)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: u.path) { return u }
    }
    return nil
  }
}

/// Deterministic pseudo-random numbers (SplitMix64) so a fuzz failure can be replayed.
public struct SplitMix: RandomNumberGenerator, Sendable {
  public var state: UInt64
  public init(state: UInt64) { self.state = state }
  public init(seed: UInt64) { self.state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
