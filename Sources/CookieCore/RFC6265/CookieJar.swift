/// A user agent's cookie store driven by RFC 6265bis: `Set-Cookie` values go in through the
/// storage model (§5.7), the `Cookie` header for a URL comes out of the retrieval algorithm
/// (§5.8.3). Loaded jars (cookies.txt, …) can be put in as they are.
///
/// Kept apart from `CookieStore` (which is an editor's store with undo) because the storage
/// model needs creation order for ties and a cheap replace-by-identity.
public struct CookieJar: Sendable {
  struct Entry: Sendable {
    var cookie: Cookie
    /// Arrival order: breaks ties between equal creation times (§5.8.3 step 2 leaves them
    /// unspecified; first-come first is what browsers do).
    var sequence: Int
  }
  private(set) var entries: [CookieID: Entry] = [:]
  /// Identities of the Secure cookies by name, so the §5.7 step 16 check does not scan
  /// the whole jar for every cookie of a large capture.
  private var secureByName: [String: Set<CookieID>] = [:]
  private var nextSequence = 0
  /// The public-suffix list used for `Domain` checks (§5.7 step 9).
  public var publicSuffixes: PublicSuffixList

  public init(publicSuffixes: PublicSuffixList = .shared) {
    self.publicSuffixes = publicSuffixes
  }

  /// A jar holding `cookies` as they are (later ones replace earlier of equal identity).
  public init(loading cookies: [Cookie], publicSuffixes: PublicSuffixList = .shared) {
    self.init(publicSuffixes: publicSuffixes)
    for c in cookies { insert(c) }
  }

  public var count: Int { entries.count }

  /// The one place entries change, keeping `secureByName` in step.
  private mutating func setEntry(_ id: CookieID, _ entry: Entry?) {
    if let old = entries[id], old.cookie.secure { secureByName[id.name]?.remove(id) }
    entries[id] = entry
    if let entry, entry.cookie.secure { secureByName[id.name, default: []].insert(id) }
  }

  /// The cookies in arrival order (a replaced cookie keeps its place).
  public var cookies: [Cookie] {
    entries.values.sorted { $0.sequence < $1.sequence }.map(\.cookie)
  }

  /// Puts a cookie in as it is (a loaded jar), replacing one of the same identity.
  public mutating func insert(_ cookie: Cookie) {
    let sequence = entries[cookie.id]?.sequence ?? takeSequence()
    setEntry(cookie.id, Entry(cookie: cookie, sequence: sequence))
  }

  /// Removes the cookie with this identity; returns it.
  @discardableResult
  public mutating func remove(_ id: CookieID) -> Cookie? {
    let old = entries[id]?.cookie
    setEntry(id, nil)
    return old
  }

  /// Removes every cookie expired at `now` (§5.7 step 24, §5.8.2).
  public mutating func removeExpired(now: Instant) {
    for (id, e) in entries where e.cookie.isExpired(at: now) { setEntry(id, nil) }
  }

  private mutating func takeSequence() -> Int {
    defer { nextSequence += 1 }
    return nextSequence
  }

  /// The storage model (RFC 6265bis §5.7) for one `Set-Cookie` value received from `url`
  /// at `now`. `sourceFile`/`sourceLine` label the stored cookie.
  @discardableResult
  public mutating func receive(
    _ header: String, from url: RequestURL, at now: Instant, sourceFile: String = "", sourceLine: Int32 = 0,
    partitionKey: PartitionKey? = nil
  ) -> SetCookieOutcome {
    let parsed: ParsedSetCookie
    switch SetCookieParser.parse(header, now: now) {
    case .failure(let e): return .rejected(.syntax(e))
    case .success(let p): parsed = p
    }
    return store(
      parsed, from: url, at: now, sourceFile: sourceFile, sourceLine: sourceLine, partitionKey: partitionKey)
  }

  /// The storage model for an already parsed `Set-Cookie`.
  public mutating func store(
    _ p: ParsedSetCookie, from url: RequestURL, at now: Instant, sourceFile: String = "",
    sourceLine: Int32 = 0, partitionKey: PartitionKey? = nil
  ) -> SetCookieOutcome {
    switch makeCookie(p, from: url, at: now) {
    case .failure(let r): return .rejected(r)
    case .success(var cookie):
      cookie.sourceFile = sourceFile
      cookie.sourceLine = sourceLine
      // CHIPS: a partitioned cookie lives in the jar of its top-level site, when known.
      if cookie.partitioned { cookie.partitionKey = partitionKey }
      return place(cookie, at: now, insecureOrigin: !url.isSecure)
    }
  }

  /// Steps 16 and 22–24: the Secure-shadowing rule, replacement, expiry.
  mutating func place(_ newCookie: Cookie, at now: Instant, insecureOrigin: Bool) -> SetCookieOutcome {
    var cookie = newCookie
    if insecureOrigin && !cookie.secure {
      // §5.7 step 16: a non-secure origin may not overlay a Secure cookie.
      for oldID in secureByName[cookie.name] ?? [] {
        guard let old = entries[oldID]?.cookie else { continue }
        if old.name == cookie.name, old.secure,
          HostName.domainMatch(old.domain, cookie.domain) || HostName.domainMatch(cookie.domain, old.domain),
          HostName.pathMatch(cookie.path, old.path)
        {
          return .rejected(.shadowsSecureCookie(name: cookie.name))
        }
      }
    }
    let id = cookie.id
    let old = entries[id]
    if cookie.isExpired(at: now) {
      // Steps 22–24: inserted, then removed at once as expired; the old one goes too.
      setEntry(id, nil)
      return .deleted(old: old?.cookie, name: cookie.name)
    }
    if let old {
      // Step 22: the replacement keeps the old creation-time.
      cookie.created = old.cookie.created ?? cookie.created
      setEntry(id, Entry(cookie: cookie, sequence: old.sequence))
      return .replaced(cookie, old: old.cookie)
    }
    setEntry(id, Entry(cookie: cookie, sequence: takeSequence()))
    return .stored(cookie)
  }

  /// §5.7 steps 3–20: the cookie a parsed `Set-Cookie` makes, or why it makes none.
  func makeCookie(_ p: ParsedSetCookie, from url: RequestURL, at now: Instant) -> Result<
    Cookie, SetCookieRejection
  > {
    // Step 4 (and §4.1.3): nameless cookies cannot carry a prefix in their value.
    if p.name.isEmpty && CookiePrefix.startsWithRFC6265bisPrefix(p.value) {
      return .failure(.namelessWithPrefix)
    }
    let host = url.host
    var domain = host
    var hostOnly = true
    // Steps 7–10.
    if let attr = p.domain, !attr.isEmpty {
      if !attr.unicodeScalars.allSatisfy(\.isASCII) { return .failure(.nonASCIIDomain(attr)) }
      if HostName.isIPAddress(host) {
        // An IP address only domain-matches itself; browsers then keep it host-only. An
        // IPv6 host is written in brackets in a Domain attribute as in the URL (Chromium
        // and Firefox compare with the bracketed host), so both forms are the host.
        guard attr == host || (host.contains(":") && attr == "[\(host)]") else {
          return .failure(.domainOnIPAddress(attr, host: host))
        }
      } else if publicSuffixes.isPublicSuffix(HostName.withoutTrailingDots(attr)) {
        // A fully qualified `com.` is the public suffix `com`: the list has no trailing
        // dots, so look it up without them. The dot stays significant for matching, as in
        // Chromium and Firefox: `example.com.` and `example.com` are different hosts.
        // Step 9: a public suffix is only allowed as the request host itself, host-only.
        guard attr == host else { return .failure(.publicSuffixDomain(attr, host: host)) }
      } else {
        guard HostName.domainMatch(host, attr) else { return .failure(.domainMismatch(attr, host: host)) }
        domain = attr
        hostOnly = false
      }
    }
    // Step 11.
    var path = HostName.defaultPath(url.rawPath)
    if let attr = p.path, !attr.isEmpty { path = attr }
    // Step 13.
    if p.secure && !url.isSecure { return .failure(.secureFromInsecureOrigin(url.description)) }
    // Step 18.
    if p.sameSite == .none && !p.secure { return .failure(.sameSiteNoneWithoutSecure) }
    if p.partitioned && !p.secure { return .failure(.partitionedWithoutSecure) }
    // Steps 19 and 20, prefixes matched case-insensitively (`__Host-Http-` is a `__Host-`
    // name here; the layered-cookies `__Http-` rules are the lint's).
    let hasDomain = !hostOnly || (p.domain.map { !$0.isEmpty } ?? false)
    switch CookiePrefix.of(name: p.name)?.rfc6265bisRule {
    case .secure? where !p.secure: return .failure(.securePrefixWithoutSecure)
    case .host?:
      let missing = CookiePrefix.host.violations(
        secure: p.secure, hasDomain: hasDomain, pathIsRoot: p.hasRootPathAttribute, httpOnly: p.httpOnly)
      if !missing.isEmpty {
        return .failure(.hostPrefixRequirements(missing.map(\.description).joined(separator: ", ")))
      }
    default: break
    }
    var cookie = Cookie(
      name: p.name, value: p.value, domain: domain, hostOnly: hostOnly, path: path, expires: p.expiry,
      secure: p.secure, httpOnly: p.httpOnly, sameSite: p.sameSite, partitioned: p.partitioned)
    cookie.created = now
    cookie.lastAccessed = now
    cookie.sameSiteRaw = p.sameSiteRaw
    cookie.priority = p.priority
    cookie.comment = p.comment
    cookie.sourceScheme = url.scheme == "https" ? .https : (url.scheme == "file" ? .file : .http)
    cookie.sourcePort = url.port
    return .success(cookie)
  }
}
