import CrumbsTestSupport
import Foundation
import Testing

/// Only the output module writes to standard output and standard error, so its terminal
/// policy (escaping, write errors, closed pipes) cannot be bypassed by a stray `print`.
@Suite struct OutputOwnershipTests {
  /// The files allowed to write to stdout/stderr directly.
  static let owners: Set<String> = ["Sources/crumbs/CLIStreams.swift"]

  /// Direct writes to stdout or stderr, as they would appear in Swift source.
  static let patterns: [String] = [
    #"(?<![\w.])print\("#, #"\bSwift\.print\("#, #"FileHandle\.standard(Output|Error)"#, #"\bf?puts\("#,
    #"\bfputc\("#,
    #"\bfwrite\("#, #"\bwrite\(\s*[12]\s*,"#, #"fileDescriptor:\s*[12]\b"#, #"\bSTDOUT_FILENO\b"#,
    #"\bSTDERR_FILENO\b"#, #"\bputchar\b"#, #"\b[fdv]?printf\b"#, #"\bperror\("#,
  ]

  /// The offending lines of `source` (comments and `func print(` declarations aside).
  static func offences(in source: String) -> [String] {
    let regexes = patterns.map { try! NSRegularExpression(pattern: $0) }
    var found: [String] = []
    for (n, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = String(raw)
      if let comment = line.range(of: "//") { line = String(line[..<comment.lowerBound]) }
      line = line.replacingOccurrences(of: "func print(", with: "func _(")
      let range = NSRange(line.startIndex..., in: line)
      if regexes.contains(where: { $0.firstMatch(in: line, range: range) != nil }) {
        found.append("\(n + 1): \(raw.trimmingCharacters(in: .whitespaces))")
      }
    }
    return found
  }

  @Test(arguments: [
    ("print(x)", true), ("  Swift.print(\"a\")", true), ("FileHandle.standardError.write(d)", true),
    ("fputs(s, stderr)", true), ("_ = write(1, p, n)", true), ("Glibc.write(2, p, n)", true),
    ("isatty(STDOUT_FILENO)", true), ("fprintf(stderr, x)", true), ("putchar(10)", true),
    ("static func print(_ c: [Cookie])", false), ("CookieTable.print(cookies)", false),
    ("// print(\"debug\")", false), ("CLIStreams.stderr(s)", false), ("blueprint(x)", false),
    ("FileHandle(fileDescriptor: 2)", true), ("String(format: \"%d\", n)", false),
  ])
  func detector(_ line: String, _ flagged: Bool) {
    #expect(!Self.offences(in: line).isEmpty == flagged, "\(line)")
  }

  @Test func onlyTheOutputModuleWritesToStdoutAndStderr() throws {
    let root = TestEnvironment.root
    let sources = root.appendingPathComponent("Sources")
    guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else {
      Issue.record("cannot list \(sources.path)")
      return
    }
    var checked = 0
    for case let url as URL in walker where url.pathExtension == "swift" {
      let relative = String(url.path.dropFirst(root.path.count + 1))
      if Self.owners.contains(relative) { continue }
      checked += 1
      let found = Self.offences(in: try String(contentsOf: url, encoding: .utf8))
      #expect(
        found.isEmpty,
        "\(relative) writes to stdout/stderr directly; use CLIStreams:\n\(found.joined(separator: "\n"))")
    }
    #expect(checked > 50)
  }
}
