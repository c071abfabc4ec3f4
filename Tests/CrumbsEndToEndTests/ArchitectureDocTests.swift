import CrumbsTestSupport
import Foundation
import Testing

/// `docs/ARCHITECTURE.md` names exactly the targets `Package.swift` declares, so the map
/// cannot silently miss a new target or keep a removed one.
@Suite struct ArchitectureDocTests {
  static func text(_ relative: String) throws -> String {
    try String(contentsOf: TestEnvironment.root.appendingPathComponent(relative), encoding: .utf8)
  }

  /// Every `name:` of a `.target`, `.executableTarget`, `.testTarget` or `.systemLibrary`.
  static func packageTargets() throws -> Set<String> {
    let package = try text("Package.swift")
    let pattern = #/\.(?:target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)"/#
    return Set(package.matches(of: pattern).map { String($0.output.1) })
  }

  /// The first cell (`` `Name` ``) of each row of the table under `## Targets`.
  static func documentedTargets() throws -> [String] {
    let lines = try text("docs/ARCHITECTURE.md").split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(of: "## Targets") else { return [] }
    var names: [String] = []
    for line in lines[(start + 1)...] {
      if line.hasPrefix("## ") { break }
      guard let match = line.firstMatch(of: #/^\| `([^`]+)` \|/#) else { continue }
      names.append(String(match.output.1))
    }
    return names
  }

  @Test func everyTargetIsOnTheMapAndNothingElse() throws {
    let declared = try Self.packageTargets()
    let documented = try Self.documentedTargets()
    #expect(declared.count >= 10, "Package.swift targets not found: \(declared)")
    #expect(documented.count == Set(documented).count, "a target is listed twice: \(documented)")
    #expect(
      declared.subtracting(documented).isEmpty,
      "in Package.swift but not in docs/ARCHITECTURE.md: \(declared.subtracting(documented).sorted())")
    #expect(
      Set(documented).subtracting(declared).isEmpty,
      "in docs/ARCHITECTURE.md but not in Package.swift: \(Set(documented).subtracting(declared).sorted())")
  }
}
