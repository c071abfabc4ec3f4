import Testing

@testable import CookieCore

/// Request URLs, domain-match, path-match and default-path (RFC 6265bis §5.1.2–§5.1.4).
@Suite struct RFC6265MatchingTests {
  @Test(arguments: [
    ("http://Www.Example.COM:8080/a/b?q=1#frag", "http", "www.example.com", Int?.some(8080), "/a/b", "q=1"),
    ("https://user:pw@h.test", "https", "h.test", nil, "/", nil),
    ("http://[::1]:99/x", "http", "::1", 99, "/x", nil),
    ("HTTP://1.2.3.4?only", "http", "1.2.3.4", nil, "/", "only"),
  ])
  func parsesURLs(
    _ text: String, _ scheme: String, _ host: String, _ port: Int?, _ path: String, _ query: String?
  ) throws {
    let u = try #require(RequestURL(text))
    #expect(u.scheme == scheme && u.host == host && u.port == port && u.path == path && u.query == query)
  }

  @Test(arguments: ["", "no-scheme.example/path", "http:relative", "http://", "mailto:a@b"])
  func rejectsNonURLs(_ text: String) {
    #expect(RequestURL(text) == nil)
  }

  @Test(arguments: [
    ("/b?x", "http://h.test/b?x"),
    ("c", "http://h.test/a/c"),
    ("../up", "http://h.test/up"),
    ("//other.test/p", "http://other.test/p"),
    ("https://s.test/", "https://s.test/"),
  ])
  func resolvesLocations(_ location: String, _ expected: String) throws {
    let base = try #require(RequestURL("http://h.test/a/b?q"))
    #expect(
      base.resolving(location)?.description.hasPrefix(expected) == true,
      "\(String(describing: base.resolving(location)))")
  }

  @Test(arguments: [
    ("example.com", "example.com", true),
    ("www.example.com", "example.com", true),
    ("wwwexample.com", "example.com", false),
    ("example.com", "www.example.com", false),
    ("1.2.3.4", "2.3.4", false),  // IP addresses match only themselves
    ("1.2.3.4", "1.2.3.4", true),
    ("a.b", "", false),
  ])
  func domainMatch(_ host: String, _ domain: String, _ expected: Bool) {
    #expect(HostName.domainMatch(host, domain) == expected)
  }

  @Test(arguments: [
    ("/app", "/app", true), ("/app/", "/app", true), ("/app/x", "/app", true),
    ("/application", "/app", false),
    ("/app/x", "/app/", true), ("/APP", "/app", false), ("/", "/app", false),
  ])
  func pathMatch(_ requestPath: String, _ cookiePath: String, _ expected: Bool) {
    #expect(HostName.pathMatch(requestPath, cookiePath) == expected)
  }

  @Test(arguments: [
    ("", "/"), ("x", "/"), ("/", "/"), ("/page", "/"), ("/app/page", "/app"), ("/app/", "/app"),
  ])
  func defaultPath(_ uriPath: String, _ expected: String) {
    #expect(HostName.defaultPath(uriPath) == expected)
  }

  @Test(arguments: [
    ("http://localhost/", true), ("http://app.localhost:3000/", true), ("http://127.0.0.1/", true),
    ("http://[::1]/", true), ("http://example.com/", false), ("https://example.com/", true),
    ("wss://e.test/", true),
    ("http://127.example/", false),
  ])
  func secureOrigins(_ url: String, _ secure: Bool) throws {
    #expect(try #require(RequestURL(url)).isSecure == secure)
  }
}
