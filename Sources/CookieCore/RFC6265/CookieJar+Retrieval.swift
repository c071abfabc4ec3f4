extension CookieJar {
  /// The cookies a browser sends to `url` at `now` (RFC 6265bis §5.8.3), in the RFC's
  /// order: longer paths first, then earlier creation-time (then arrival).
  ///
  /// Cookies whose domain is unknown (a capture loaded without `--origin`) match nothing.
  /// The request is taken to be same-site and top-level (`evaluate` takes another site).
  public func cookies(for url: RequestURL, at now: Instant) -> [Cookie] {
    evaluate(CookieRequest(url: url), at: now).sent
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
