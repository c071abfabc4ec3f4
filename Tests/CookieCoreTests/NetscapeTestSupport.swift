import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

/// Paths and a program runner for the Netscape tests.
enum NetscapeTestSupport {
  /// `Tests/Fixtures`, found from this file (fixtures are not a SwiftPM resource).
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func fixture(_ relative: String) -> URL { fixtures.appendingPathComponent(relative) }

  static func read(_ relative: String, now: Int64 = 1_790_000_000) throws -> CookieReadResult {
    let data = try Data(contentsOf: fixture(relative))
    return try NetscapeReader.read(
      data, options: CookieReadOptions(sourceName: relative, now: Instant(seconds: now)))
  }

  struct Output {
    var status: Int32
    var stdout: Data
    var stderr: String
  }

  static func run(_ args: [String], stdin: Data? = nil) throws -> Output {
    let r = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), args, stdin: stdin)
    return Output(status: r.status, stdout: r.stdout, stderr: r.stderr)
  }

  static func temporaryDirectory() throws -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("crumbs-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }
}

/// The fields every Netscape producer records, for comparing jars independent of order.
struct NetscapeFacts: Hashable, CustomStringConvertible {
  var name: String
  var value: String
  var domain: String
  var hostOnly: Bool
  var path: String
  var secure: Bool
  var httpOnly: Bool
  var expires: Int64?

  init(_ c: Cookie, httpOnly: Bool? = nil) {
    name = c.name
    value = c.value
    domain = c.domain
    hostOnly = c.hostOnly
    path = c.path
    secure = c.secure
    self.httpOnly = httpOnly ?? c.httpOnly
    expires = c.expires?.seconds
  }

  /// From a Python producer's dump: `.example.com` domains, `expires` 0 or null for session.
  init(python o: [String: Any]) {
    name = o["name"] as? String ?? ""
    value = o["value"] as? String ?? ""
    let d = o["domain"] as? String ?? ""
    hostOnly = !d.hasPrefix(".")
    domain = d.hasPrefix(".") ? String(d.dropFirst()) : d
    path = o["path"] as? String ?? ""
    secure = o["secure"] as? Bool ?? false
    // What the file says (see `httpOnlyInMemory` in the dumps): never HttpOnly.
    httpOnly = false
    let e = (o["expires"] as? NSNumber)?.int64Value
    expires = e == 0 ? nil : e
  }

  var description: String {
    "\(name)=\(value) @\(hostOnly ? "" : ".")\(domain)\(path) secure=\(secure) httpOnly=\(httpOnly) expires=\(expires.map(String.init) ?? "session")"
  }
}
