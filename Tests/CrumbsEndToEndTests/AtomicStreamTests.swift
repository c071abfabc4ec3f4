import Foundation
import Testing

@testable import crumbs

/// The streaming variant of the atomic save (output written chunk by chunk into the
/// temporary file) keeps every guarantee of the one-buffer save.
@Suite("Atomic jar saving, streamed")
struct AtomicStreamTests {
  struct ProducerFailed: Error {}

  static func pieces(_ parts: [String]) -> (_ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Void {
    { sink in
      for p in parts {
        var s = p
        try s.withUTF8 { try sink(UnsafeRawBufferPointer($0)) }
      }
    }
  }

  @Test("the pieces are joined in order; a new file is created 0600")
  func joinsPieces() throws {
    let dir = try AtomicFileTests.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("new.txt").path
    try AtomicFile.write(to: path, Self.pieces(["# head\n", "", "a\tb\n", "c\td\n"]))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "# head\na\tb\nc\td\n")
    #expect(try AtomicFileTests.mode(path) == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["new.txt"])
  }

  @Test("a failure half-way leaves the original untouched and no temporary file")
  func failureKeepsOriginal() throws {
    let dir = try AtomicFileTests.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("jar.txt").path
    try Data("original\n".utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    #expect(throws: ProducerFailed.self) {
      try AtomicFile.write(to: path, expecting: FileStamp(path: path)) { sink in
        var s = "first piece\n"
        try s.withUTF8 { try sink(UnsafeRawBufferPointer($0)) }
        throw ProducerFailed()
      }
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "original\n")
    #expect(try AtomicFileTests.mode(path) == 0o640)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["jar.txt"])
  }

  @Test("overwriting keeps the permissions")
  func keepsPermissions() throws {
    let dir = try AtomicFileTests.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("jar.txt").path
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    try AtomicFile.write(to: path, expecting: FileStamp(path: path), Self.pieces(["new", "\n"]))
    #expect(try AtomicFileTests.mode(path) == 0o644)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
  }

  @Test("a file changed before the save starts is refused, and forcing overwrites it")
  func refusesChangedBefore() throws {
    let dir = try AtomicFileTests.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("jar.txt").path
    try Data("loaded\n".utf8).write(to: URL(fileURLWithPath: path))
    let stamp = FileStamp(path: path)
    try Data("changed by another program\n".utf8).write(to: URL(fileURLWithPath: path))
    var produced = false
    #expect(throws: AtomicWriteError.self) {
      try AtomicFile.write(to: path, expecting: stamp) { _ in produced = true }
    }
    #expect(!produced, "refused before any work")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "changed by another program\n")
    try AtomicFile.write(to: path, expecting: stamp, force: true, Self.pieces(["ours\n"]))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "ours\n")
  }

  @Test("a file another program saves while the output streams is not overwritten")
  func refusesChangedDuring() throws {
    let dir = try AtomicFileTests.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("jar.txt").path
    try Data("loaded\n".utf8).write(to: URL(fileURLWithPath: path))
    let stamp = FileStamp(path: path)
    #expect(throws: AtomicWriteError.self) {
      try AtomicFile.write(to: path, expecting: stamp) { sink in
        var s = "ours\n"
        try s.withUTF8 { try sink(UnsafeRawBufferPointer($0)) }
        try Data("saved meanwhile by another program\n".utf8).write(to: URL(fileURLWithPath: path))
      }
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "saved meanwhile by another program\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["jar.txt"])
  }
}
