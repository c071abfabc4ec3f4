import CrumbsTestSupport
import Foundation
import Testing

/// Runs the built `crumbs` binary (`TestEnvironment.crumbsBinary`) as a user would.
enum CrumbsRunner {
  static let root = TestEnvironment.root
  static let binary = TestEnvironment.crumbsBinary
  static let fixtures = TestEnvironment.fixtures

  static func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }

  struct Result {
    var status: Int32
    var stdout: Data
    var stderr: String
    var text: String { String(decoding: stdout, as: UTF8.self) }
  }

  /// nil (with a recorded issue) when the binary is missing.
  static func run(_ args: [String], stdin: Data = Data(), sourceLocation: SourceLocation = #_sourceLocation)
    throws
    -> Result?
  {
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      Issue.record("\(binary.path) is missing: run `swift build` first", sourceLocation: sourceLocation)
      return nil
    }
    let r = try runProcess(binary, args, stdin: stdin, in: root)
    return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
  }

  static func tempDir() throws -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("crumbs-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }

  static func mode(_ path: String) throws -> Int {
    let attrs = try FileManager.default.attributesOfItem(atPath: path)
    return (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }
}
