import Foundation
import Testing

@testable import crumbs

/// The atomic save every command uses (Sources/crumbs/AtomicFile.swift).
@Suite("Atomic jar saving")
struct AtomicFileTests {
  static func tempDir() throws -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crumbs-atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }

  static func mode(_ path: String) throws -> Int {
    let attrs = try FileManager.default.attributesOfItem(atPath: path)
    return (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  @Test("a new jar is created 0600 (cookies are secrets)")
  func newFileIsPrivate() throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("new.txt").path
    try AtomicFile.write(Data("x\n".utf8), to: path)
    #expect(try Self.mode(path) == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "x\n")
  }

  @Test("overwriting keeps the file's permissions and leaves no temporary file")
  func keepsPermissions() throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("jar.txt").path
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    let stamp = FileStamp(path: path)
    try AtomicFile.write(Data("new\n".utf8), to: path, expecting: stamp)
    #expect(try Self.mode(path) == 0o640)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["jar.txt"])
  }

  @Test("a file changed on disk since load is not overwritten unless forced")
  func refusesChangedFile() throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("jar.txt").path
    try Data("loaded\n".utf8).write(to: URL(fileURLWithPath: path))
    let stamp = FileStamp(path: path)
    // Someone else saves the jar meanwhile (a different size changes the stamp for sure).
    try Data("changed by another program\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: AtomicWriteError.self) {
      try AtomicFile.write(Data("ours\n".utf8), to: path, expecting: stamp)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "changed by another program\n")
    try AtomicFile.write(Data("ours\n".utf8), to: path, expecting: stamp, force: true)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "ours\n")
  }

  @Test("a directory is never replaced")
  func refusesDirectory() throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: AtomicWriteError.self) { try AtomicFile.write(Data(), to: dir.path) }
  }
}
