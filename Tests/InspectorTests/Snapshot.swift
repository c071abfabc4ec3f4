import Foundation
import Testing

/// Text snapshots next to the tests (`__Snapshots__/NAME.txt`). `RECORD_SNAPSHOTS=1 swift
/// test` rewrites them and fails the run, so nobody records by accident.
func assertSnapshot(
  _ text: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
  let file = dir.appendingPathComponent(name + ".txt")
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  if record {
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try? Data((text + "\n").utf8).write(to: file)
    Issue.record(
      "recorded snapshot \(name); run again without RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    return
  }
  guard let data = try? Data(contentsOf: file) else {
    Issue.record(
      "no snapshot \(file.path); record it with RECORD_SNAPSHOTS=1 swift test\n\(text)",
      sourceLocation: sourceLocation)
    return
  }
  let expected = String(decoding: data, as: UTF8.self)
  let actual = text + "\n"
  if expected != actual {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for i in 0..<max(e.count, a.count) {
      let el = i < e.count ? String(e[i]) : "<none>"
      let al = i < a.count ? String(a[i]) : "<none>"
      if el != al { diff.append("line \(i + 1):\n  expected: \(el)\n  actual:   \(al)") }
    }
    Issue.record(
      "snapshot \(name) differs (RECORD_SNAPSHOTS=1 re-records):\n\(diff.prefix(8).joined(separator: "\n"))\n--- actual ---\n\(text)",
      sourceLocation: sourceLocation)
  }
}
