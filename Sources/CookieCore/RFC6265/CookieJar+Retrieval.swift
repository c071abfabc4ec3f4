extension CookieJar {
  /// The cookies a browser sends to `url` at `now` (RFC 6265bis §5.8.3), in the RFC's
  /// order: longer paths first, then earlier creation-time (then arrival).
  ///
  /// Cookies whose domain is unknown (a capture loaded without `--origin`) match nothing.
  /// SameSite is not applied: the request is taken to be same-site, top-level.
  public func cookies(for url: RequestURL, at now: Instant) -> [Cookie] {
    var matched: [Entry] = []
    for e in entries.values {
      let c = e.cookie
      guard c.isDomainKnown, !c.isExpired(at: now) else { continue }
      let hostMatches = c.hostOnly ? url.host == c.domain : HostName.domainMatch(url.host, c.domain)
      guard hostMatches, HostName.pathMatch(url.path, c.path) else { continue }
      if c.secure && !url.isSecure { continue }
      matched.append(e)
    }
    matched.sort { a, b in
      let la = a.cookie.path.utf8.count
      let lb = b.cookie.path.utf8.count
      if la != lb { return la > lb }
      let ca = a.cookie.created ?? .distantPast
      let cb = b.cookie.created ?? .distantPast
      if ca != cb { return ca < cb }
      return a.sequence < b.sequence
    }
    return matched.map(\.cookie)
  }

  /// The `Cookie` header value for `url` (`a=b; c=d`), nil when no cookie matches.
  public func cookieHeader(for url: RequestURL, at now: Instant) -> String? {
    let list = cookies(for: url, at: now)
    if list.isEmpty { return nil }
    return CookieJar.serialize(list)
  }

  /// §5.8.3 step 4: `name=value` pairs joined by `; `; a nameless cookie is its value alone.
  public static func serialize(_ cookies: [Cookie]) -> String {
    var parts: [String] = []
    parts.reserveCapacity(cookies.count)
    for c in cookies {
      parts.append(c.name.isEmpty ? c.value : c.name + "=" + c.value)
    }
    return parts.joined(separator: "; ")
  }
}
