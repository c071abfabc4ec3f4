import CookieCore
import TerminalKit

/// The shortest name that tells each open file apart: its last path component, or as many
/// of the last components as it takes (`a/cookies.txt`, `b/cookies.txt`).
enum SourceNames {
  static func shortest(_ paths: [String]) -> [String: String] {
    let unique = Array(Set(paths))
    let parts = unique.map { $0.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }
    func suffix(_ p: [String], _ k: Int) -> String { p.suffix(k).joined(separator: "/") }
    var out: [String: String] = [:]
    for (i, p) in parts.enumerated() {
      var name = unique[i]
      if !p.isEmpty {
        for k in 1...p.count {
          let s = suffix(p, k)
          let clash = parts.indices.contains { j in j != i && suffix(parts[j], k) == s }
          if !clash {
            name = s
            break
          }
        }
      }
      out[unique[i]] = name
    }
    return out
  }
}

extension AppState {
  /// Each open file's shortest unique name (the Source column and the problems view).
  public var sourceNames: [String: String] { SourceNames.shortest(files.map(\.name)) }

  /// Scrolls the problems view by `delta` lines, within its content.
  mutating func scrollProblems(_ delta: Int) {
    let rows = max(1, height - 3)
    let total = problemLines(self, width: max(1, width - 3)).count
    problemsScroll = max(0, min(max(0, total - rows), problemsScroll &+ delta))
  }
}

/// The problems view's lines: one entry per diagnostic of the loaders, its severity, file
/// and line, then its reason (Chrome lists blocked cookies with the reason the same way).
func problemLines(_ s: AppState, width: Int) -> [(String, Style)] {
  let n = s.problems.count
  var out: [(String, Style)] = [
    (
      "\(n) problem\(n == 1 ? "" : "s") found while reading (crumbs lint lists the same)",
      Style(.title, .bold)
    )
  ]
  let names = s.files.count > 1 ? s.sourceNames : [:]
  for d in s.problems {
    var place = names[d.file] ?? d.file
    if let line = d.line { place += ":\(line)" }
    if let column = d.column { place += ":\(column)" }
    let (mark, role): (String, Role) =
      switch d.severity {
      case .error: ("✗", .error)
      case .warning: ("!", .warning)
      case .note: ("·", .accent)
      }
    out.append(("", .normal))
    out.append(("\(mark) \(d.severity.rawValue)  \(TerminalText.escaped(place))", Style(role, .bold)))
    for part in TerminalText.wrapped(d.message, width: max(1, width - 4)) {
      out.append(("    " + part, .normal))
    }
  }
  return out
}

func renderProblems(_ s: AppState, _ screen: Rect, _ buf: inout Buffer) {
  let inner = Box.draw(screen, title: "Problems reading (Esc returns)", into: &buf)
  let lines = problemLines(s, width: max(1, inner.width - 1))
  let first = min(s.problemsScroll, max(0, lines.count - 1))
  for i in 0..<max(0, inner.height) {
    guard first + i < lines.count else { break }
    let (t, st) = lines[first + i]
    buf.put(t, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 1, style: st)
  }
}
