import CrumbsTestSupport
import Foundation
import Testing

@testable import crumbs

#if canImport(Glibc)
  import Glibc
#endif

/// Every write (`convert -o`, `purge-expired -o`/`--in-place`) goes through one save
/// target and one policy: no clobbering, no device or browser store replaced, symlinks
/// followed, lossless edits in place. Each case was a way to lose data before.
@Suite("One save policy for every write")
struct SavePolicyTests {
  static let curl = CrumbsRunner.fixture("netscape/curl.txt")
  static let malformed = CrumbsRunner.fixture("netscape/handmade-malformed.txt")

  static func copy(_ from: String, to dir: URL, as name: String) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try FileManager.default.copyItem(atPath: from, toPath: path)
    return path
  }

  static func isBlockDevice(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFBLK
  }

  static func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

  @Test("an existing file that was not loaded is replaced only with --force")
  func existingFileNeedsForce() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let other = dir.appendingPathComponent("notes.txt").path
    try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: other))
    guard let r = try CrumbsRunner.run(["convert", "--to", "json", Self.curl, "-o", other]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("already exists") && r.stderr.contains("--force"))
    #expect(Self.bytes(other) == Data("my notes\n".utf8))
    guard let forced = try CrumbsRunner.run(["convert", "--to", "json", Self.curl, "-o", other, "--force"])
    else { return }
    #expect(forced.status == 0)
    #expect(Self.bytes(other).first == UInt8(ascii: "["))
  }

  /// A refusal that no input could change comes before the input is read: a
  /// million-cookie jar is not loaded (nor its line warnings printed) only to be told so.
  @Test("an existing output is refused before the input is read", arguments: ["convert", "purge-expired"])
  func refusalComesBeforeLoading(command: String) throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let other = dir.appendingPathComponent("notes.txt").path
    try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: other))
    let args = command == "convert" ? ["convert", "--to", "netscape"] : ["purge-expired"]
    let loaded = try #require(try CrumbsRunner.run(args + [Self.malformed, "-o", "-"]))
    #expect(loaded.stderr.contains("handmade-malformed.txt:"), "the fixture should give line warnings")
    let r = try #require(try CrumbsRunner.run(args + [Self.malformed, "-o", other]))
    #expect(r.status == 1)
    #expect(r.stderr.contains("already exists") && r.stderr.contains("--force"))
    #expect(!r.stderr.contains("handmade-malformed.txt:"), "nothing should be read: \(r.stderr)")
    #expect(Self.bytes(other) == Data("my notes\n".utf8))
  }

  @Test("a browser store is never a write target, not even with --force")
  func browserStoreIsNeverWritten() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try Self.copy(
      CrumbsRunner.fixture("browsers/firefox-cookies.sqlite"), to: dir, as: "cookies.sqlite")
    let before = Self.bytes(store)
    for args in [
      ["convert", "--to", "netscape", Self.curl, "-o", store, "--force"],
      ["convert", "--to", "netscape", store, "-o", store, "--force"],
      ["purge-expired", "--in-place", store, "--force"],
    ] {
      guard let r = try CrumbsRunner.run(args) else { return }
      #expect(r.status != 0, "\(args)")
      #expect(Self.bytes(store) == before, "\(args) changed the database")
    }
    guard let r = try CrumbsRunner.run(["convert", "--to", "netscape", Self.curl, "-o", store, "--force"])
    else { return }
    #expect(r.stderr.contains("browser cookie store"))
  }

  @Test("--in-place through a symlink writes the target; the link stays a link")
  func symlinkIsFollowed() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let real = try Self.copy(Self.curl, to: dir, as: "real.txt")
    let link = dir.appendingPathComponent("link.txt").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.txt")
    guard let r = try CrumbsRunner.run(["purge-expired", "--now", "2000000000", "--in-place", link]) else {
      return
    }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.txt")
    #expect(Self.bytes(real) != Self.bytes(Self.curl), "the target was not written")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["link.txt", "real.txt"])
  }

  @Test("a read-only file needs --force, and keeps its mode")
  func readOnlyNeedsForce() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = try Self.copy(Self.curl, to: dir, as: "ro.txt")
    chmod(jar, 0o444)
    guard let r = try CrumbsRunner.run(["purge-expired", "--now", "2000000000", "--in-place", jar]) else {
      return
    }
    #expect(r.status == 1)
    #expect(r.stderr.contains("read-only"))
    #expect(Self.bytes(jar) == Self.bytes(Self.curl))
    guard
      let f = try CrumbsRunner.run(["purge-expired", "--now", "2000000000", "--in-place", jar, "--force"])
    else { return }
    #expect(f.status == 0)
    #expect(Self.bytes(jar) != Self.bytes(Self.curl))
    #expect(try CrumbsRunner.mode(jar) == 0o444)
  }

  @Test("a character device is written as a stream, never renamed over")
  func deviceIsStreamed() throws {
    guard let r = try CrumbsRunner.run(["convert", "--to", "netscape", Self.curl, "-o", "/dev/null"]) else {
      return
    }
    #expect(r.status == 0, "\(r.stderr)")
    var st = stat()
    #expect(stat("/dev/null", &st) == 0)
    #expect(st.st_mode & S_IFMT == S_IFCHR, "/dev/null is no longer a device")
  }

  @Test("a symlink to /dev/stdout writes to standard output, wherever it goes")
  func devStdoutSymlinkIsStreamed() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let link = dir.appendingPathComponent("out").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/stdout")
    guard let r = try CrumbsRunner.run(["convert", "--to", "netscape", Self.curl, "-o", link]) else { return }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.text.contains("# Netscape HTTP Cookie File"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/dev/stdout")
  }

  @Test("a FIFO is written as a stream")
  func fifoIsStreamed() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o600) == 0)
    nonisolated(unsafe) var received = Data()
    let reader = Thread {
      if let h = FileHandle(forReadingAtPath: fifo) { received = h.readDataToEndOfFile() }
    }
    reader.start()
    guard let r = try CrumbsRunner.run(["convert", "--to", "netscape", Self.curl, "-o", fifo]) else { return }
    while !reader.isFinished { usleep(10_000) }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(String(decoding: received, as: UTF8.self).contains("# Netscape HTTP Cookie File"))
    var st = stat()
    #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
  }

  @Test("purge-expired in place keeps comments, malformed lines, CRLF and a TAB-valued cookie")
  func purgeInPlaceIsLossless() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = dir.appendingPathComponent("jar.txt").path
    var original = Self.bytes(Self.malformed)
    original.append(Data("# a comment of mine\r\nnot a cookie line\n".utf8))
    try original.write(to: URL(fileURLWithPath: jar))
    // Nothing expired: the file is byte for byte what it was.
    guard let none = try CrumbsRunner.run(["purge-expired", "--now", "1000000000", "--in-place", jar]) else {
      return
    }
    #expect(none.status == 0, "\(none.stderr)")
    #expect(Self.bytes(jar) == original)
    // Which lines hold cookies, as crumbs itself reports them (`source` is `file:line`).
    guard let listed = try CrumbsRunner.run(["list", "--json", "--now", "1000000000", jar]) else { return }
    let objects = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
    let expiring = objects.filter { ($0["expires"] as? Double).map { $0 <= 2_000_000_000 } ?? false }
    let cookieLines = Set(
      expiring.compactMap { ($0["source"] as? String)?.split(separator: ":").last.flatMap { Int($0) } })
    #expect(cookieLines.count == expiring.count && !expiring.isEmpty && expiring.count < objects.count)
    // Everything expired: only the cookies' lines go, every other byte stays.
    guard let all = try CrumbsRunner.run(["purge-expired", "--now", "2000000000", "--in-place", jar]) else {
      return
    }
    #expect(all.status == 0, "\(all.stderr)")
    let kept = original.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
      .filter { !cookieLines.contains($0.offset + 1) }.map(\.element)
    let expected = Data(kept.joined(separator: [0x0A]))
    #expect(Self.bytes(jar) == expected)
    #expect(
      String(decoding: Self.bytes(jar), as: UTF8.self).contains("# a comment of mine\r\nnot a cookie line\n"))
  }

  @Test("a temporary file left by a killed save is removed by the next save of the same file")
  func staleTemporaryIsRemoved() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out.txt").path
    // A PID that is not running (pid_max is at most 2^22).
    let stale = dir.appendingPathComponent(".out.txt.crumbs-tmp-4999999-AbCdEf").path
    let foreign = dir.appendingPathComponent(".out.txt.other-tool").path
    try Data("half".utf8).write(to: URL(fileURLWithPath: stale))
    try Data("not ours".utf8).write(to: URL(fileURLWithPath: foreign))
    guard let r = try CrumbsRunner.run(["convert", "--to", "netscape", Self.curl, "-o", out]) else { return }
    #expect(r.status == 0, "\(r.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(names == [".out.txt.other-tool", "out.txt"])
  }

  @Test(
    "SIGTERM or SIGINT during a save leaves the original and no temporary file", arguments: [SIGTERM, SIGINT])
  func signalDuringSaveCleansUp(_ sig: Int32) throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A jar large enough that writing it as JSON takes a while.
    var text = "# Netscape HTTP Cookie File\n"
    for i in 0..<120_000 {
      text +=
        ".d\(i % 5000).example\tTRUE\t/p\(i)\tFALSE\t2000000000\tn\(i)\tv\(i)-abcdefghijklmnopqrstuvwxyz\n"
    }
    let input = dir.appendingPathComponent("in.txt").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: input))
    let out = dir.appendingPathComponent("out.json").path
    try Data("precious\n".utf8).write(to: URL(fileURLWithPath: out))
    var sawTemporary = false
    var killedBySignal = 0
    for _ in 0..<3 {
      let pid = try spawnProcess([
        CrumbsRunner.binary.path, "convert", "--to", "json", input, "-o", out, "--force",
      ])
      // Wait until the temporary file exists (the write is under way), then signal.
      let deadline = Date().addingTimeInterval(20)
      while Date() < deadline {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        if names.contains(where: { $0.contains(".crumbs-tmp-") }) {
          sawTemporary = true
          break
        }
        usleep(1_000)
      }
      kill(pid, sig)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
      // WIFSIGNALED / WTERMSIG, which Swift does not import.
      if status & 0x7F != 0 && status & 0x7F != 0x7F && status & 0x7F == sig { killedBySignal += 1 }
      let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      #expect(!names.contains { $0.contains(".crumbs-tmp-") }, "temporary file left: \(names)")
      let now = Self.bytes(out)
      // Either the save finished before the signal, or the original is untouched.
      #expect(now == Data("precious\n".utf8) || now.first == UInt8(ascii: "["))
      try Data("precious\n".utf8).write(to: URL(fileURLWithPath: out))
    }
    #expect(sawTemporary, "never caught the save in progress")
    #expect(killedBySignal > 0, "the signal never ended a save in progress")
  }

  @Test("targets are compared by device and inode, not by path string")
  func identityByInode() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jar = try Self.copy(Self.curl, to: dir, as: "jar.txt")
    let link = dir.appendingPathComponent("alias.txt").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "jar.txt")
    let stamp = try #require(FileStamp(path: jar))
    let sources = [LoadedSource(name: jar, format: .netscape, stamp: stamp, cookieCount: 14)]
    // The same file by another name is the loaded file: allowed while unchanged…
    for name in [link, dir.path + "/./jar.txt", dir.path + "/../" + dir.lastPathComponent + "/jar.txt"] {
      let target = try SaveTarget.resolve(name)
      #expect(throws: Never.self) {
        _ = try SavePolicy.check(target, format: .netscape, sources: sources, force: false)
      }
    }
    // …and a conflict once someone else changed it, whatever name it is saved under.
    try Data("# changed\n".utf8).write(to: URL(fileURLWithPath: jar))
    let viaLink = try SaveTarget.resolve(link)
    #expect(throws: SaveRefusal.self) {
      _ = try SavePolicy.check(viaLink, format: .netscape, sources: sources, force: false)
    }
    do {
      _ = try SavePolicy.check(viaLink, format: .netscape, sources: sources, force: false)
    } catch {
      #expect(error.forceable && error.reason.contains("changed on disk"))
    }
  }

  @Test("a folder, a block device and a missing folder are refused up front")
  func impossibleTargets() throws {
    let dir = try CrumbsRunner.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: SaveRefusal.self) { _ = try SaveTarget.resolve(dir.path) }
    #expect(throws: SaveRefusal.self) { _ = try SaveTarget.resolve(dir.path + "/no/such/dir/out.txt") }
    let candidates: [String] = ["/dev/loop0", "/dev/sda", "/dev/vda", "/dev/nvme0n1"]
    if let block = candidates.first(where: Self.isBlockDevice) {
      #expect(throws: SaveRefusal.self) { _ = try SaveTarget.resolve(block) }
    }
  }
}
