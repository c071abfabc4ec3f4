import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

@testable import BrowserStores

/// Paths and tools shared by the browser-store tests.
enum StoreFixtures {
  /// `Tests/Fixtures`, found from this file (fixtures are not a SwiftPM resource).
  static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")
  static func example(_ name: String) -> String { root.appendingPathComponent("examples/\(name)").path }
  static func browser(_ name: String) -> String { root.appendingPathComponent("browsers/\(name)").path }

  /// A fixed clock: 2026-11-25T00:00:00Z.
  static let now = Instant(seconds: 1_795_564_800)

  /// A fresh private folder, removed by the caller.
  static func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crumbs-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// The sqlite3 CLI. Tests that call this say `.requires(.sqlite3)`.
  static func sqlite3(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try #require(Tool.sqlite3.url, "sqlite3 is not installed", sourceLocation: sourceLocation).path
  }

  /// Runs a program to completion; returns stdout, records stderr on failure.
  @discardableResult
  static func run(_ path: String, _ args: [String], stdin: String? = nil) throws -> (
    status: Int32, out: String
  ) {
    let r = try runProcess(URL(fileURLWithPath: path), args, stdin: stdin.map { Data($0.utf8) })
    if r.status != 0 { Issue.record("\(path) \(args) failed: \(r.stderr)") }
    return (r.status, r.text)
  }

  /// Builds `name` in `dir` from `sql` with the sqlite3 CLI (`.requires(.sqlite3)`).
  static func sqliteDatabase(_ sql: String, named name: String, in dir: URL) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try run(try sqlite3(), [path], stdin: sql)
    return path
  }

  /// Reads `path` the way the CLI does: sniff the first 64 KiB, then read with the winner.
  static func load(_ path: String, now: Instant = now) throws -> CookieReadResult {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let reader = try #require(
      CookieFormats.sniff(data.prefix(65536), fileName: path, among: BrowserStores.readers))
    return try reader.read(data, options: CookieReadOptions(sourceName: path, now: now, filePath: path))
  }
}
