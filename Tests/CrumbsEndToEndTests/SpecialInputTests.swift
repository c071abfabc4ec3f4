import CrumbsTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Inputs that are not ordinary files (devices, standard input that never ends, FIFOs) and
/// files changed while they are read: a clear error or the right content, never a crash.
@Suite("Special inputs: devices, FIFOs, endless stdin, files truncated while read")
struct SpecialInputTests {
  typealias R = CrumbsRunner
  static let example = R.fixture("examples/netscape-cookies.txt")
  static let now = "1795700000"

  /// Runs crumbs with standard input read from `stdinPath`, giving up after `timeout`.
  static func run(_ args: [String], stdinPath: String, timeout: TimeInterval = 60) throws -> R.Result? {
    guard FileManager.default.isExecutableFile(atPath: R.binary.path) else {
      Issue.record("\(R.binary.path) is missing: run `swift build` first")
      return nil
    }
    let p = Process()
    p.executableURL = R.binary
    p.arguments = args
    p.currentDirectoryURL = R.root
    let input = try #require(FileHandle(forReadingAtPath: stdinPath))
    let out = Pipe()
    let err = Pipe()
    p.standardInput = input
    p.standardOutput = out
    p.standardError = err
    try p.run()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    errData = err.fileHandleForReading.readDataToEndOfFile()
    if group.wait(timeout: .now() + timeout) == .timedOut {
      p.terminate()
      Issue.record("crumbs \(args) did not finish in \(timeout) s")
    }
    p.waitUntilExit()
    try input.close()
    #expect(p.terminationReason == .exit, "crumbs \(args) died by signal \(p.terminationStatus)")
    return R.Result(
      status: p.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
  }

  @Test("/dev/zero as FILE: stops at --max-input-size with an error that says what it is")
  func devZeroAsFile() throws {
    let started = Date()
    guard let r = try R.run(["list", "--max-input-size", "1M", "/dev/zero"]) else { return }
    #expect(r.status == 1)
    #expect(
      r.stderr.contains(
        "/dev/zero: error: a character device; read 1 MiB without reaching its end (the limit; raise it with --max-input-size SIZE)"
      ), "\(r.stderr)")
    #expect(!r.stderr.contains("permission"))
    #expect(Date().timeIntervalSince(started) < 30)
  }

  @Test("/dev/zero as standard input: the same limit, named as standard input")
  func devZeroAsStdin() throws {
    guard let r = try Self.run(["list", "--max-input-size", "2M", "-"], stdinPath: "/dev/zero") else {
      return
    }
    #expect(r.status == 1)
    #expect(
      r.stderr.contains("-: error: standard input (a character device); read 2 MiB without reaching its end"),
      "\(r.stderr)")
  }

  @Test(
    "/dev/urandom: the limit too, on every command that reads inputs",
    arguments: [
      ["list"], ["lint"], ["convert", "--to", "json"], ["header", "--url", "https://example.com/"],
      ["purge-expired", "-o", "-"],
    ])
  func devURandom(_ command: [String]) throws {
    guard let r = try R.run(command + ["--max-input-size", "65536", "/dev/urandom"]) else { return }
    #expect(r.status == 1)
    #expect(
      r.stderr.contains("/dev/urandom: error: a character device; read 64 KiB without reaching its end"),
      "\(command): \(r.stderr)")
  }

  @Test("/dev/null is an empty input, not a permission problem")
  func devNull() throws {
    guard let r = try R.run(["list", "/dev/null"]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("/dev/null: error: not a cookie file: the file is empty"), "\(r.stderr)")
    #expect(!r.stderr.contains("permission"))
  }

  @Test("a directory is a clear error")
  func directory() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    guard let r = try R.run(["list", dir.path]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("\(dir.path): error: is a directory, not a cookie file"), "\(r.stderr)")
  }

  @Test("--max-input-size takes bytes or K/M/G; junk is a usage error; --help documents it")
  func sizeOption() throws {
    guard let exact = try R.run(["list", "--now", Self.now, "--max-input-size", "1024", "-"], stdin: Data()),
      let bad = try R.run(["list", "--max-input-size", "lots", "/dev/null"]),
      let help = try R.run(["list", "--help"])
    else { return }
    #expect(exact.stderr.contains("-: error: not a cookie file: the file is empty"), "\(exact.stderr)")
    #expect(bad.status == 64, "\(bad.stderr)")
    #expect(help.text.contains("--max-input-size <SIZE>"))
    #expect(help.text.contains("default: 1G"))
    // Exactly the limit is fine; one byte more is not.
    let jar = try Data(contentsOf: URL(fileURLWithPath: Self.example))
    guard
      let fits = try R.run(["list", "--now", Self.now, "--max-input-size", "\(jar.count)", "-"], stdin: jar),
      let over = try R.run(
        ["list", "--now", Self.now, "--max-input-size", "\(jar.count - 1)", "-"], stdin: jar)
    else { return }
    #expect(fits.status == 0, "\(fits.stderr)")
    #expect(over.status == 1 && over.stderr.contains("standard input (a pipe (FIFO))"), "\(over.stderr)")
  }

  @Test("a FIFO loads like the file fed into it, with no permission error")
  func fifo() throws {
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("jar.fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let jar = try Data(contentsOf: URL(fileURLWithPath: Self.example))
    let writer = Thread {
      // Opening blocks until crumbs opens the other end.
      guard let h = FileHandle(forWritingAtPath: fifo) else { return }
      h.write(jar)
      try? h.close()
    }
    writer.start()
    guard let viaFIFO = try R.run(["list", "--now", Self.now, fifo]),
      let viaFile = try R.run(["list", "--now", Self.now, Self.example])
    else { return }
    #expect(viaFIFO.status == 0, "\(viaFIFO.stderr)")
    #expect(!viaFIFO.stderr.lowercased().contains("permission"), "\(viaFIFO.stderr)")
    #expect(viaFIFO.text == viaFile.text)
    #expect(viaFIFO.text.split(separator: "\n").count == 6)
  }

  /// A jar of about `bytes` bytes in cookies.txt form (above 4 MiB it is read mapped).
  static func bigJar(bytes: Int) -> Data {
    var text = "# Netscape HTTP Cookie File\n"
    text.reserveCapacity(bytes + 200)
    var i = 0
    while text.utf8.count < bytes {
      text +=
        ".d\(i % 5000).example.com\tTRUE\t/p\(i % 7)\tFALSE\t1900000000\tname\(i)\tvalue\(i)abcdefghijklmnopqrstuvwxyz0123456789\n"
      i += 1
    }
    return Data(text.utf8)
  }

  /// Starts crumbs on `args`, runs `meddle` after `delay`, and waits for crumbs to end.
  static func runMeddling(_ args: [String], after delay: TimeInterval, _ meddle: () throws -> Void) throws
    -> (result: R.Result, signalled: Bool)
  {
    let p = Process()
    p.executableURL = R.binary
    p.arguments = args
    p.currentDirectoryURL = R.root
    let out = Pipe()
    let err = Pipe()
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = out
    p.standardError = err
    try p.run()
    nonisolated(unsafe) var outData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    Thread.sleep(forTimeInterval: delay)
    try meddle()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    let result = R.Result(
      status: p.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    return (result, p.terminationReason == .uncaughtSignal)
  }

  /// A 40 MB jar (read through a memory mapping) truncated to nothing, or rewritten in
  /// place, at different moments while `crumbs list` reads it: each run ends normally with
  /// the old content, the new content or the clear error; none dies by SIGBUS.
  @Test("a large jar truncated or rewritten while read: old or new content, or a clear error, never a signal")
  func changedWhileRead() throws {
    guard FileManager.default.isExecutableFile(atPath: R.binary.path) else {
      Issue.record("\(R.binary.path) is missing: run `swift build` first")
      return
    }
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("big.txt").path
    let jar = Self.bigJar(bytes: 40_000_000)
    let replacement = try Data(contentsOf: URL(fileURLWithPath: Self.example))
    let args = ["list", "--now", Self.now, path]
    // The output of an undisturbed run, computed only if some run was not disturbed.
    var expectedOld: Data?
    var expectedNew: Data?
    let delays: [TimeInterval] = [0.005, 0.05, 0.15, 0.3, 0.5, 0.8, 1.2, 1.7, 2.3, 3.0, 0.4, 1.0]
    for (i, delay) in delays.enumerated() {
      try jar.write(to: URL(fileURLWithPath: path))
      let rewrite = i >= 10
      let (r, signalled) = try Self.runMeddling(args, after: delay) {
        if rewrite {
          // In place: the same inode, cut and then filled with other content.
          let h = try #require(FileHandle(forWritingAtPath: path))
          try h.truncate(atOffset: 0)
          try h.write(contentsOf: replacement)
          try h.close()
        } else {
          #expect(truncate(path, 0) == 0)
        }
      }
      let what = "\(rewrite ? "rewritten" : "truncated") after \(Int(delay * 1000)) ms"
      #expect(!signalled && r.status < 128, "\(what): crumbs died by signal \(r.status)")
      if r.status == 0 {
        if expectedOld == nil {
          try jar.write(to: URL(fileURLWithPath: path))
          expectedOld = try R.run(args)?.stdout
          try replacement.write(to: URL(fileURLWithPath: path))
          expectedNew = try R.run(args)?.stdout
        }
        #expect(
          r.stdout == expectedOld || r.stdout == expectedNew, "\(what): output is neither old nor new content"
        )
      } else {
        #expect(r.status == 1, "\(what): \(r.stderr)")
        let clear =
          r.stderr.contains(
            "\(path): error: the file was truncated or rewritten while it was read; try again")
          || r.stderr.contains("\(path): error: not a cookie file: the file is empty")
        #expect(clear, "\(what): \(r.stderr)")
      }
    }
  }
}
