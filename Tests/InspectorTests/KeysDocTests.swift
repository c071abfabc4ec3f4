import Foundation
import TerminalKit
import Testing

@testable import Inspector

/// docs/KEYS.md is generated from the binding table; this fails when it is stale.
@Suite struct KeysDocTests {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs/KEYS.md")

  @Test func keysDocIsCurrent() throws {
    let generated = Bindings.markdown()
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try FileManager.default.createDirectory(
        at: KeysDocTests.path.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(generated.utf8).write(to: KeysDocTests.path)
      Issue.record("rewrote docs/KEYS.md; run again without RECORD_SNAPSHOTS=1")
      return
    }
    let onDisk = try? String(contentsOf: KeysDocTests.path, encoding: .utf8)
    #expect(
      onDisk == generated,
      "docs/KEYS.md is stale: run RECORD_SNAPSHOTS=1 swift test --filter KeysDoc and commit it")
  }

  @Test func everyBindingIsUniqueWithinItsContext() {
    for c in BindingContext.allCases {
      var seen: [String: Action] = [:]
      for b in Bindings.all where b.context == c {
        for k in b.keys {
          #expect(seen[k.name] == nil, "\(k) bound twice in \(c)")
          seen[k.name] = b.action
        }
      }
    }
  }

  @Test func issueKeysAreBound() {
    let required: [(String, Action)] = [
      ("up", .up), ("k", .up), ("down", .down), ("j", .down), ("pgup", .pageUp), ("pgdown", .pageDown),
      ("home", .first), ("g", .first), ("end", .last), ("G", .last), ("h", .columnLeft), ("l", .columnRight),
      ("left", .columnLeft), ("right", .columnRight), ("/", .filter), ("esc", .clearFilter),
      ("[", .sortAscending),
      ("]", .sortDescending), ("enter", .detail), ("e", .edit), ("a", .add), ("space", .mark), ("d", .delete),
      ("P", .purge), ("u", .undo), ("ctrl+r", .redo), ("w", .save), ("W", .saveAs), ("q", .quit),
      ("?", .help), ("<", .narrowColumn), (">", .widenColumn), ("D", .deleteSessions),
    ]
    for (k, a) in required { #expect(Bindings.action(for: Key(k), in: .table) == a, "\(k)") }
  }
}
