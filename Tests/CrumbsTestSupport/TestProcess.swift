import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a finished child process left behind.
public struct ProcessOutput: Sendable {
  public var status: Int32
  public var stdout: Data
  public var stderr: String
  public var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs `executable` to completion, feeding `stdin`, reading stdout and stderr at the same
/// time so a chatty child can never block on a full pipe. After `timeout` seconds the child
/// is terminated (its status then says so). The one `Process` runner of the tests; see
/// `runSpawned` for where `Process` cannot be used.
public func runProcess(
  _ executable: URL, _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil,
  environment: [String: String]? = nil, timeout: TimeInterval = 300
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
  nonisolated(unsafe) var outData = Data()
  nonisolated(unsafe) var errData = Data()
  let group = DispatchGroup()
  for (pipe, isOut) in [(out, true), (err, false)] {
    group.enter()
    DispatchQueue.global().async {
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      if isOut { outData = data } else { errData = data }
      group.leave()
    }
  }
  // Written on its own thread: a child that answers before reading all of its input
  // cannot block us.
  DispatchQueue.global().async {
    if let stdin { try? input.fileHandleForWriting.write(contentsOf: stdin) }
    try? input.fileHandleForWriting.close()
  }
  if group.wait(timeout: .now() + timeout) == .timedOut {
    p.terminate()
    group.wait()
  }
  p.waitUntilExit()
  return ProcessOutput(
    status: p.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
}

/// Starts `arguments[0]` (a full path) with posix_spawn, every signal at its default and
/// none blocked (the test runner's threads block some, and a child inherits the mask), with
/// standard input from /dev/null and output to the files given. The caller waits for it.
/// Not `Process`: on Linux it learns of the child's exit through a descriptor that a
/// daemon the child forks (the tmux server of `new-session`) inherits, so it would wait for
/// ever; and it cannot reset the signal mask.
public func spawnProcess(
  _ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null"
) throws -> pid_t {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  var attr = posix_spawnattr_t()
  posix_spawnattr_init(&attr)
  defer { posix_spawnattr_destroy(&attr) }
  var empty = sigset_t()
  sigemptyset(&empty)
  var all = sigset_t()
  sigfillset(&all)
  posix_spawnattr_setsigmask(&attr, &empty)
  posix_spawnattr_setsigdefault(&attr, &all)
  posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
  defer { for a in argv { free(a) } }
  var pid: pid_t = 0
  let rc = posix_spawn(&pid, arguments[0], &actions, &attr, &argv, environ)
  guard rc == 0 else { throw SpawnError(program: arguments[0], code: rc) }
  return pid
}

/// `spawnProcess` run to completion, its output read back from files. A child killed by a
/// signal gets status 128 + the signal, as shells report it.
public func runSpawned(_ arguments: [String]) throws -> ProcessOutput {
  let dir = FileManager.default.temporaryDirectory
  let outPath = dir.appendingPathComponent("crumbs-run-\(UUID().uuidString).out").path
  let errPath = dir.appendingPathComponent("crumbs-run-\(UUID().uuidString).err").path
  defer {
    unlink(outPath)
    unlink(errPath)
  }
  let pid = try spawnProcess(arguments, stdout: outPath, stderr: errPath)
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
  let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  let o = FileManager.default.contents(atPath: outPath) ?? Data()
  let e = FileManager.default.contents(atPath: errPath) ?? Data()
  return ProcessOutput(status: exit, stdout: o, stderr: String(decoding: e, as: UTF8.self))
}

public struct SpawnError: Error, CustomStringConvertible {
  public var program: String
  public var code: Int32
  public var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
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
