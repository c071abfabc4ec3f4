/// Which cookie a merge keeps when several jars hold one identity with different content.
public enum MergePreference: String, CaseIterable, Sendable {
  /// The one from the jar given last (as loading the jars in order would).
  case last
  /// The one set most recently: by the time the store recorded (last update, else
  /// creation) when both have one, else by the later expiry (a cookie set later with the
  /// same lifetime expires later); on a tie, the later jar.
  case newer
  /// The one from the jar given first.
  case first
}

/// Several jars made one: every identity once, in the order it first appears; where the
/// jars disagree about an identity, a `Conflict` records the candidates and the choice.
public struct JarMerge: Sendable {
  /// One identity held with different content by two or more jars.
  public struct Conflict: Sendable {
    public var id: CookieID
    /// Every jar's cookie of this identity, with the index of its jar, in jar order.
    public var candidates: [(jar: Int, cookie: Cookie)]
    /// Index into `candidates` of the cookie kept.
    public var chosen: Int
    /// The fields in which some candidate differs from the chosen one.
    public var fields: [CookieField]
  }

  public var cookies: [Cookie] = []
  public var conflicts: [Conflict] = []

  /// Merges `jars` (each holding one cookie per identity; a repeat within one jar counts
  /// as its last occurrence) keeping, on a conflict, the cookie `prefer` names. Cookies
  /// of one identity that are equal in every field count as no conflict.
  public init(jars: [[Cookie]], prefer: MergePreference) {
    var slot: [CookieID: Int] = [:]
    var groups: [[(jar: Int, cookie: Cookie)]] = []
    for (j, jar) in jars.enumerated() {
      for c in jar {
        if let s = slot[c.id] {
          if let last = groups[s].last, last.jar == j {
            groups[s][groups[s].count - 1] = (j, c)
          } else {
            groups[s].append((j, c))
          }
        } else {
          slot[c.id] = groups.count
          groups.append([(j, c)])
        }
      }
    }
    cookies.reserveCapacity(groups.count)
    for group in groups {
      let chosen = JarMerge.choose(group, prefer)
      cookies.append(group[chosen].cookie)
      guard group.count > 1 else { continue }
      var differing = Set<CookieField>()
      for (i, candidate) in group.enumerated() where i != chosen {
        for f in JarDiff.fieldChanges(group[chosen].cookie, candidate.cookie) { differing.insert(f.field) }
      }
      guard !differing.isEmpty else { continue }
      conflicts.append(
        Conflict(
          id: group[chosen].cookie.id, candidates: group, chosen: chosen,
          fields: CookieField.allCases.filter(differing.contains)))
    }
  }

  static func choose(_ group: [(jar: Int, cookie: Cookie)], _ prefer: MergePreference) -> Int {
    switch prefer {
    case .first: return 0
    case .last: return group.count - 1
    case .newer:
      var best = group.count - 1
      for i in stride(from: group.count - 2, through: 0, by: -1)
      where isNewer(group[i].cookie, than: group[best].cookie) {
        best = i
      }
      return best
    }
  }

  /// True when `a` was set after `b` by the rule `MergePreference.newer` states.
  static func isNewer(_ a: Cookie, than b: Cookie) -> Bool {
    if let x = a.lastUpdated ?? a.created, let y = b.lastUpdated ?? b.created, x != y { return x > y }
    if let x = a.expires, let y = b.expires, x != y { return x > y }
    return false
  }
}
