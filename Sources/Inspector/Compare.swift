import CookieCore
import TerminalKit

/// `crumbs --diff A B`: two jars in one table (every cookie of B, then those only in A),
/// each with its status, the way `crumbs diff` reports it (`JarDiff`: matched by identity).
/// `L` / `R` take the left (A) or right (B) version of the selected cookie, as an undoable
/// edit (taking the side where the cookie does not exist deletes it); `W` saves the result.
public struct CompareInfo: Sendable {
  public enum Status: String, Sendable, CaseIterable {
    case added, removed, changed, same
    /// The status column's text.
    var label: String {
      switch self {
      case .added: "+ added"
      case .removed: "- removed"
      case .changed: "~ changed"
      case .same: "  same"
      }
    }
  }

  public var leftName: String
  public var rightName: String
  public var status: [CookieID: Status] = [:]
  /// A's version of each cookie it has that differs from B's or that B lacks.
  public var left: [CookieID: Cookie] = [:]
  /// B's version of each cookie it has that differs from A's or that A lacks.
  public var right: [CookieID: Cookie] = [:]
  /// What the store starts with: B's cookies, then those only in A.
  public var cookies: [Cookie] = []

  public init(left a: [Cookie], right b: [Cookie], leftName: String, rightName: String) {
    self.leftName = leftName
    self.rightName = rightName
    let diff = JarDiff(old: a, new: b)
    for c in b { status[c.id] = .same }
    for c in diff.added {
      status[c.id] = .added
      right[c.id] = c
    }
    for ch in diff.changed {
      status[ch.id] = .changed
      left[ch.id] = ch.old
      right[ch.id] = ch.new
    }
    for c in diff.removed {
      status[c.id] = .removed
      left[c.id] = c
    }
    cookies = b + diff.removed
  }

  /// Which side the cookie now shows, when its status is `changed`.
  func side(of c: Cookie) -> String? {
    guard status[c.id] == .changed else { return nil }
    if c == right[c.id] { return rightName }
    if c == left[c.id] { return leftName }
    return "edited"
  }
}

extension AppState {
  /// The compare status of `c` (nil outside the compare view).
  func compareStatus(_ c: Cookie) -> CompareInfo.Status? { compare?.status[c.id] }

  /// `L` / `R`: the selected cookie as the left (A) or right (B) jar has it; deleted when
  /// that jar does not have it.
  mutating func takeSide(left: Bool) {
    guard let compare, let h = selected else { return }
    let c = store[h]
    let name = left ? compare.leftName : compare.rightName
    guard let status = compare.status[c.id], status != .same else {
      message = StatusMessage("\(TerminalText.escaped(c.name)) is the same on both sides")
      return
    }
    let version = left ? compare.left[c.id] : compare.right[c.id]
    if let version {
      do {
        try store.update(h, to: version, label: "take \(c.name) from \(name)")
      } catch {
        message = StatusMessage("\(error)", .error)
        return
      }
      message = StatusMessage("\(TerminalText.escaped(c.name)): \(name)'s version (u undoes)", .ok)
    } else {
      store.delete([h], label: "take \(c.name) from \(name) (not there)")
      message = StatusMessage("\(TerminalText.escaped(c.name)): not in \(name), removed (u undoes)", .ok)
    }
    changed()
  }
}

/// The detail pane's compare section: both sides of a changed cookie, field by field.
func compareLines(_ s: AppState, _ c: Cookie, width: Int) -> [(String, Style)] {
  guard let compare = s.compare, let status = compare.status[c.id] else { return [] }
  var out: [(String, Style)] = [("", .normal)]
  let title = "Compare: \(compare.leftName) → \(compare.rightName)"
  out.append(
    (
      "── " + title + " " + String(repeating: "─", count: max(0, width - DisplayWidth.of(title) - 4)),
      Style(.title, .bold)
    ))
  switch status {
  case .same: out.append(("the same in both", .normal))
  case .added: out.append(("only in \(compare.rightName) (L removes it, R keeps it)", Style(.added)))
  case .removed: out.append(("only in \(compare.leftName) (L keeps it, R removes it)", Style(.error)))
  case .changed:
    if let l = compare.left[c.id], let r = compare.right[c.id] {
      out.append(
        (
          "now: \(compare.side(of: c) ?? "")'s version (L takes \(compare.leftName)'s, R \(compare.rightName)'s)",
          Style(.modified)
        ))
      for f in JarDiff.fieldChanges(l, r) {
        // Redacted (`m`): which fields differ, not their values.
        let text =
          s.redactsValues
          ? "\(f.field) differs" : "\(f.field): \(compareText(f.old)) → \(compareText(f.new))"
        for line in TerminalText.wrapped(text, width: max(1, width - 2)) {
          out.append(("  " + line, .normal))
        }
      }
    }
  }
  return out
}

/// A field's value as the compare section shows it.
func compareText(_ v: CookieFieldValue) -> String {
  switch v {
  case .absent: "(none)"
  case .text(let t): t
  case .flag(let b): b ? "yes" : "no"
  case .instant(let t): Instant(seconds: t.seconds).iso8601
  case .number(let n): String(n)
  }
}
