import Foundation
import Testing

@testable import crumbs

#if canImport(Glibc)
  import Glibc
#endif

/// `AtomicWriteError` cases come from the errno; the messages are the ones users saw before
/// the cases existed.
@Suite struct AtomicWriteErrorTests {
  @Test("errno picks the case")
  func casesFromErrno() {
    for code in [EACCES, EPERM, EROFS] {
      guard case .permission = AtomicWriteError.failed("j", .write, errno: code, originalUntouched: true)
      else {
        Issue.record("errno \(code) is not .permission")
        continue
      }
    }
    for code in [ENOSPC, EDQUOT, EFBIG] {
      guard case .noSpace = AtomicWriteError.failed("j", .write, errno: code, originalUntouched: true) else {
        Issue.record("errno \(code) is not .noSpace")
        continue
      }
    }
    guard case .other = AtomicWriteError.failed("j", .sync, errno: EIO, originalUntouched: true) else {
      Issue.record("EIO is not .other")
      return
    }
  }

  @Test("messages as before")
  func descriptions() {
    let noSpace = String(cString: strerror(ENOSPC))
    let denied = String(cString: strerror(EACCES))
    #expect(
      AtomicWriteError.failed("jar.txt", .write, errno: ENOSPC, originalUntouched: true).description
        == "jar.txt: error: cannot write: \(noSpace); the original is untouched")
    #expect(
      AtomicWriteError.failed("/dev/x", .write, errno: ENOSPC, originalUntouched: false).description
        == "/dev/x: error: cannot write: \(noSpace)")
    #expect(
      AtomicWriteError.failed(
        "jar.txt", .createTemporary(inFolder: "/ro"), errno: EACCES, originalUntouched: false
      )
      .description == "jar.txt: error: cannot create a temporary file in /ro: \(denied)")
    #expect(
      AtomicWriteError.failed("jar.txt", .replace, errno: EACCES, originalUntouched: true).description
        == "jar.txt: error: cannot replace the file: \(denied); the original is untouched")
    #expect(AtomicWriteError.notARegularFile(path: "d").description == "d: error: is a directory")
    #expect(
      AtomicWriteError.changedOnDisk(path: "j").description
        == "j: error: the file changed on disk since it was loaded; not overwriting it (use --force to overwrite)"
    )
    #expect(
      AtomicWriteError.truncatedWhileSaving(path: "j").description
        == "j: error: the file was truncated while it was saved; not replaced (nothing was written)")
  }

  @Test("a changed file and a directory throw their cases")
  func savesThrowTypedCases() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crumbs-awe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("jar.txt").path
    try Data("loaded\n".utf8).write(to: URL(fileURLWithPath: path))
    let stamp = FileStamp(path: path)
    try Data("changed by another program\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: AtomicWriteError.changedOnDisk(path: path)) {
      try AtomicFile.write(Data("ours\n".utf8), to: path, expecting: stamp)
    }
    #expect(throws: AtomicWriteError.notARegularFile(path: dir.path)) {
      try AtomicFile.write(Data(), to: dir.path)
    }
  }
}
