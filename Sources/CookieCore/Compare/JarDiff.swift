/// The difference between two jars: cookies added, removed and changed, matched by
/// identity (`CookieID`: name, domain, host-only flag, path, partition), each changed cookie
/// with its changed fields, old and new. Pure: `crumbs diff` loads, this compares.
public struct JarDiff: Sendable {
  /// One field that differs between the old and the new cookie of one identity.
  public struct FieldChange: Hashable, Sendable {
    public var field: CookieField
    public var old: CookieFieldValue
    public var new: CookieFieldValue
  }

  /// A cookie present on both sides with different content.
  public struct Change: Sendable {
    public var id: CookieID
    public var old: Cookie
    public var new: Cookie
    /// In `CookieField.allCases` order; never empty.
    public var fields: [FieldChange]
  }

  /// In the new jar only, in its order.
  public var added: [Cookie] = []
  /// In the old jar only, in its order.
  public var removed: [Cookie] = []
  /// On both sides and different, in the new jar's order.
  public var changed: [Change] = []
  /// On both sides and equal (in every field compared).
  public var sameCount = 0

  /// True when the jars hold the same cookies (as far as the compared fields go).
  public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

  /// Compares `old` with `new`, leaving out the `ignoring` fields. A jar holds one cookie
  /// per identity; should a list repeat one, the later cookie counts (as `CookieStore.load`).
  public init(old: [Cookie], new: [Cookie], ignoring: Set<CookieField> = []) {
    let oldIndex = JarDiff.index(old)
    let newIndex = JarDiff.index(new)
    for (i, c) in new.enumerated() where newIndex[c.id] == i {
      guard let j = oldIndex[c.id] else {
        added.append(c)
        continue
      }
      let fields = JarDiff.fieldChanges(old[j], c, ignoring: ignoring)
      if fields.isEmpty {
        sameCount += 1
      } else {
        changed.append(Change(id: c.id, old: old[j], new: c, fields: fields))
      }
    }
    for (i, c) in old.enumerated() where oldIndex[c.id] == i && newIndex[c.id] == nil {
      removed.append(c)
    }
  }

  /// The fields in which `a` and `b` differ, in `CookieField.allCases` order.
  public static func fieldChanges(_ a: Cookie, _ b: Cookie, ignoring: Set<CookieField> = [])
    -> [FieldChange]
  {
    var out: [FieldChange] = []
    for field in CookieField.allCases where !ignoring.contains(field) {
      let x = field.value(of: a)
      let y = field.value(of: b)
      guard x != y else { continue }
      if field.comparedOnlyWhenBothKnown && (x == .absent || y == .absent) { continue }
      out.append(FieldChange(field: field, old: x, new: y))
    }
    return out
  }

  /// Identity → index of its last occurrence.
  static func index(_ cookies: [Cookie]) -> [CookieID: Int] {
    var index: [CookieID: Int] = [:]
    index.reserveCapacity(cookies.count)
    for (i, c) in cookies.enumerated() { index[c.id] = i }
    return index
  }
}
