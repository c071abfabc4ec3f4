import Testing

@testable import CookieCore

private let now = Instant(seconds: 1_764_000_000)
private let day: Int64 = 86400

/// A cookie that breaks no rule; each case changes one thing.
private func good(_ change: (inout Cookie) -> Void = { _ in }) -> Cookie {
  var c = Cookie(
    name: "sid", value: "abc123", domain: "example.com", hostOnly: true, path: "/",
    expires: now.adding(seconds: 30 * day), secure: true, httpOnly: true, sameSite: .lax)
  change(&c)
  return c
}

/// One lint case: a cookie, a rule, whether it must fire, and a bit of the message.
struct LintCase: CustomTestStringConvertible, Sendable {
  var label: String
  var rule: String
  var fires: Bool
  var cookie: Cookie
  var severity: CookieIssue.Severity? = nil
  var messagePart: String? = nil
  var testDescription: String { "\(fires ? "+" : "-") \(rule): \(label)" }
}

private let cases: [LintCase] = [
  LintCase(
    label: "__Secure- no Secure", rule: "secure-prefix-insecure", fires: true,
    cookie: good {
      $0.name = "__Secure-id"; $0.secure = false
    }),
  LintCase(
    label: "__SECURE- upper-case still a prefix", rule: "secure-prefix-insecure", fires: true,
    cookie: good {
      $0.name = "__SECURE-id"; $0.secure = false
    }),
  LintCase(
    label: "__Secure- with Secure", rule: "secure-prefix-insecure", fires: false,
    cookie: good { $0.name = "__Secure-id" }),
  LintCase(
    label: "_Secure- is no prefix", rule: "secure-prefix-insecure", fires: false,
    cookie: good {
      $0.name = "_Secure-id"; $0.secure = false
    }),
  LintCase(
    label: "__Host- no Secure", rule: "host-prefix-insecure", fires: true,
    cookie: good {
      $0.name = "__Host-id"; $0.secure = false
    }),
  LintCase(
    label: "__host- lower-case", rule: "host-prefix-insecure", fires: true,
    cookie: good {
      $0.name = "__host-id"; $0.secure = false
    }),
  LintCase(
    label: "__Host- fine", rule: "host-prefix-insecure", fires: false, cookie: good { $0.name = "__Host-id" }),
  LintCase(
    label: "__Host- with Domain", rule: "host-prefix-domain", fires: true,
    cookie: good {
      $0.name = "__Host-id"; $0.hostOnly = false
    }),
  LintCase(
    label: "__Host- host-only", rule: "host-prefix-domain", fires: false,
    cookie: good { $0.name = "__Host-id" }),
  LintCase(
    label: "__Host- path /app", rule: "host-prefix-path", fires: true,
    cookie: good {
      $0.name = "__Host-id"; $0.path = "/app"
    }, messagePart: "\"/app\""),
  LintCase(
    label: "__Host- path /", rule: "host-prefix-path", fires: false, cookie: good { $0.name = "__Host-id" }),
  LintCase(
    label: "__Http- no Secure", rule: "http-prefix-insecure", fires: true,
    cookie: good {
      $0.name = "__Http-id"; $0.secure = false
    }),
  LintCase(
    label: "__Http- Secure", rule: "http-prefix-insecure", fires: false,
    cookie: good { $0.name = "__Http-id" }),
  LintCase(
    label: "__Http- no HttpOnly", rule: "http-prefix-not-httponly", fires: true,
    cookie: good {
      $0.name = "__Http-id"; $0.httpOnly = false
    }, messagePart: "__Http-"),
  LintCase(
    label: "__Host-Http- no HttpOnly", rule: "http-prefix-not-httponly", fires: true,
    cookie: good {
      $0.name = "__Host-Http-id"; $0.httpOnly = false
    }, messagePart: "__Host-Http-"),
  LintCase(
    label: "__Host-Http- fine", rule: "http-prefix-not-httponly", fires: false,
    cookie: good { $0.name = "__Host-Http-id" }),
  LintCase(
    label: "plain name without HttpOnly", rule: "http-prefix-not-httponly", fires: false,
    cookie: good { $0.httpOnly = false }),
  LintCase(
    label: "nameless __Host- value", rule: "nameless-prefix", fires: true,
    cookie: good {
      $0.name = ""; $0.value = "__Host-x"
    }),
  LintCase(
    label: "nameless plain value", rule: "nameless-prefix", fires: false,
    cookie: good {
      $0.name = ""; $0.value = "x"
    }),
  LintCase(
    label: "None without Secure", rule: "samesite-none-insecure", fires: true,
    cookie: good {
      $0.sameSite = .none; $0.secure = false
    }, severity: .error),
  LintCase(
    label: "None with Secure", rule: "samesite-none-insecure", fires: false,
    cookie: good { $0.sameSite = .none }),
  LintCase(
    label: "Lax without Secure", rule: "samesite-none-insecure", fires: false,
    cookie: good { $0.secure = false }),
  LintCase(
    label: "Partitioned without Secure", rule: "partitioned-insecure", fires: true,
    cookie: good {
      $0.partitioned = true; $0.secure = false
    }),
  LintCase(
    label: "Partitioned with Secure", rule: "partitioned-insecure", fires: false,
    cookie: good { $0.partitioned = true }),
  LintCase(
    label: "SameSite unset", rule: "samesite-unset", fires: true, cookie: good { $0.sameSite = .unset },
    severity: .info, messagePart: "Lax"),
  LintCase(
    label: "SameSite Strict", rule: "samesite-unset", fires: false, cookie: good { $0.sameSite = .strict }),
  LintCase(
    label: "expires in 500 d", rule: "expiry-over-400-days", fires: true,
    cookie: good { $0.expires = now.adding(seconds: 500 * day) },
    messagePart: "cap it to 2026-12-29T16:00:00Z"),
  LintCase(
    label: "created 300 d ago, expires in 200 d", rule: "expiry-over-400-days", fires: true,
    cookie: good {
      $0.created = now.adding(seconds: -300 * day); $0.expires = now.adding(seconds: 200 * day)
    },
    messagePart: "after creation"),
  LintCase(
    label: "expires in 399 d", rule: "expiry-over-400-days", fires: false,
    cookie: good { $0.expires = now.adding(seconds: 399 * day) }),
  LintCase(
    label: "session cookie", rule: "expiry-over-400-days", fires: false, cookie: good { $0.expires = nil }),
  LintCase(
    label: "expired 2 h ago", rule: "expired", fires: true,
    cookie: good { $0.expires = now.adding(seconds: -7200) }, messagePart: "2 h ago"),
  LintCase(label: "expires exactly now", rule: "expired", fires: true, cookie: good { $0.expires = now }),
  LintCase(
    label: "expires in 1 s", rule: "expired", fires: false,
    cookie: good { $0.expires = now.adding(seconds: 1) }),
  LintCase(
    label: "4097 bytes", rule: "too-large", fires: true,
    cookie: good { $0.value = String(repeating: "v", count: 4097 - 3) }),
  LintCase(
    label: "4096 bytes", rule: "too-large", fires: false,
    cookie: good { $0.value = String(repeating: "v", count: 4096 - 3) }),
  LintCase(
    label: "path 1025 bytes", rule: "attribute-too-long", fires: true,
    cookie: good { $0.path = "/" + String(repeating: "p", count: 1024) }, messagePart: "Path is 1025"),
  LintCase(
    label: "path 1024 bytes", rule: "attribute-too-long", fires: false,
    cookie: good { $0.path = "/" + String(repeating: "p", count: 1023) }),
  LintCase(
    label: "ESC in value", rule: "control-character", fires: true,
    cookie: good { $0.value = "a\u{1B}[2J" }, messagePart: "\\x1b at byte 2"),
  LintCase(
    label: "NUL in name", rule: "control-character", fires: true, cookie: good { $0.name = "s\u{0}id" }),
  LintCase(
    label: "DEL in value", rule: "control-character", fires: true, cookie: good { $0.value = "a\u{7F}" }),
  LintCase(
    label: "TAB is allowed by browsers", rule: "control-character", fires: false,
    cookie: good { $0.value = "a\tb" }),
  LintCase(
    label: "TAB in value", rule: "tab-or-newline", fires: true, cookie: good { $0.value = "a\tb" },
    messagePart: "TAB"),
  LintCase(
    label: "LF in value", rule: "tab-or-newline", fires: true, cookie: good { $0.value = "a\nb" },
    messagePart: "LF"),
  LintCase(label: "no TAB", rule: "tab-or-newline", fires: false, cookie: good()),
  LintCase(
    label: "both empty", rule: "empty-cookie", fires: true,
    cookie: good {
      $0.name = ""; $0.value = ""
    }),
  LintCase(label: "empty value only", rule: "empty-cookie", fires: false, cookie: good { $0.value = "" }),
  LintCase(
    label: "nameless", rule: "nameless", fires: true,
    cookie: good {
      $0.name = ""; $0.value = "token"
    }),
  LintCase(label: "named", rule: "nameless", fires: false, cookie: good()),
  LintCase(
    label: "nameless a=b", rule: "nameless-with-equals", fires: true,
    cookie: good {
      $0.name = ""; $0.value = "a=b"
    }, messagePart: "cookie \"a\""),
  LintCase(
    label: "named a=b value", rule: "nameless-with-equals", fires: false, cookie: good { $0.value = "a=b" }),
  LintCase(
    label: "space and comma", rule: "value-grammar", fires: true, cookie: good { $0.value = "a b,c" },
    messagePart: "space, ','"),
  LintCase(label: "backslash", rule: "value-grammar", fires: true, cookie: good { $0.value = "a\\b" }),
  LintCase(label: "inner quote", rule: "value-grammar", fires: true, cookie: good { $0.value = "a\"b" }),
  LintCase(
    label: "quoted value allowed", rule: "value-grammar", fires: false, cookie: good { $0.value = "\"abc\"" }),
  LintCase(
    label: "base64 value", rule: "value-grammar", fires: false, cookie: good { $0.value = "YWJj+/==" }),
  LintCase(label: "name with space", rule: "name-grammar", fires: true, cookie: good { $0.name = "my id" }),
  LintCase(label: "name with @", rule: "name-grammar", fires: true, cookie: good { $0.name = "a@b" }),
  LintCase(label: "token name", rule: "name-grammar", fires: false, cookie: good { $0.name = "a.b-c_d!" }),
  LintCase(label: "no domain", rule: "domain-unknown", fires: true, cookie: good { $0.domain = "" }),
  LintCase(label: "domain", rule: "domain-unknown", fires: false, cookie: good()),
  LintCase(
    label: "IPv4 with Domain", rule: "ip-domain-not-host-only", fires: true,
    cookie: good {
      $0.domain = "192.168.1.10"; $0.hostOnly = false
    }),
  LintCase(
    label: "IPv6 with Domain", rule: "ip-domain-not-host-only", fires: true,
    cookie: good {
      $0.domain = "::1"; $0.hostOnly = false
    }),
  LintCase(
    label: "IPv4 host-only", rule: "ip-domain-not-host-only", fires: false,
    cookie: good { $0.domain = "192.168.1.10" }),
  LintCase(
    label: "1.2.3.example is a name", rule: "ip-domain-not-host-only", fires: false,
    cookie: good {
      $0.domain = "1.2.3.example"; $0.hostOnly = false
    }),
  LintCase(
    label: "upper-case", rule: "domain-not-canonical", fires: true,
    cookie: good { $0.domain = "Example.com" },
    messagePart: "upper-case"),
  LintCase(
    label: "trailing dot", rule: "domain-not-canonical", fires: true,
    cookie: good { $0.domain = "example.com." },
    messagePart: "trailing dot"),
  LintCase(label: "canonical", rule: "domain-not-canonical", fires: false, cookie: good()),
  LintCase(label: "relative path", rule: "path-not-absolute", fires: true, cookie: good { $0.path = "app" }),
  LintCase(label: "empty path", rule: "path-not-absolute", fires: true, cookie: good { $0.path = "" }),
  LintCase(
    label: "absolute path", rule: "path-not-absolute", fires: false, cookie: good { $0.path = "/app" }),
  LintCase(
    label: "Domain=co.uk", rule: "public-suffix-domain", fires: true,
    cookie: good {
      $0.domain = "co.uk"; $0.hostOnly = false
    }, severity: .error),
  LintCase(
    label: "Domain=github.io (private section)", rule: "public-suffix-domain", fires: true,
    cookie: good {
      $0.domain = "github.io"; $0.hostOnly = false
    }),
  LintCase(
    label: "Domain=com", rule: "public-suffix-domain", fires: true,
    cookie: good {
      $0.domain = "com"; $0.hostOnly = false
    }),
  LintCase(
    label: "wildcard *.ck", rule: "public-suffix-domain", fires: true,
    cookie: good {
      $0.domain = "foo.ck"; $0.hostOnly = false
    }),
  LintCase(
    label: "exception !www.ck", rule: "public-suffix-domain", fires: false,
    cookie: good {
      $0.domain = "www.ck"; $0.hostOnly = false
    }),
  LintCase(
    label: "host-only on a suffix is info", rule: "public-suffix-domain", fires: true,
    cookie: good { $0.domain = "github.io" }, severity: .info),
  LintCase(
    label: "registrable domain", rule: "public-suffix-domain", fires: false,
    cookie: good {
      $0.domain = "example.co.uk"; $0.hostOnly = false
    }),
  LintCase(
    label: "localhost", rule: "public-suffix-domain", fires: false, cookie: good { $0.domain = "localhost" }),
]

@Suite struct LintTests {
  @Test(arguments: cases)
  func rule(_ c: LintCase) {
    let issues = CookieLint.issues(of: c.cookie, now: now)
    let hits = issues.filter { $0.rule == c.rule }
    #expect(hits.isEmpty != c.fires, "issues: \(issues)")
    if let severity = c.severity { #expect(hits.first?.severity == severity) }
    if let part = c.messagePart { #expect(hits.first?.message.contains(part) == true, "\(hits)") }
  }

  @Test func everyRuleHasAPositiveAndANegativeCase() {
    for rule in CookieLint.rules where rule.name != "shadowed" {
      #expect(cases.contains { $0.rule == rule.name && $0.fires }, "no positive case for \(rule.name)")
      #expect(cases.contains { $0.rule == rule.name && !$0.fires }, "no negative case for \(rule.name)")
    }
    for c in cases { #expect(CookieLint.rules.contains { $0.name == c.rule }, "unknown rule \(c.rule)") }
  }

  @Test func aGoodCookieHasNoIssues() {
    #expect(CookieLint.issues(of: good(), now: now) == [])
  }

  @Test func issuesComeMostSevereFirst() {
    let c = good {
      $0.name = "__Host-x"; $0.secure = false; $0.sameSite = .unset; $0.expires = now
    }
    let severities = CookieLint.issues(of: c, now: now).map(\.severity)
    #expect(severities == severities.sorted(by: >))
    #expect(severities.first == .error && severities.last == .info)
  }

  @Test func messagesAreTerminalSafe() {
    let c = good {
      $0.domain = "EVIL\u{1B}]0;x\u{7}."; $0.path = "p\u{1B}[2J"
    }
    for issue in CookieLint.issues(of: c, now: now) {
      #expect(!issue.message.unicodeScalars.contains { $0.value < 0x20 }, "\(issue)")
    }
  }

  // MARK: Cross-cookie: shadowing

  @Test(
    arguments: [
      (
        "domain cookie over host-only on a subdomain", good { $0.domain = "www.example.com" },
        good { $0.hostOnly = false }, true
      ),
      ("same host, /app under /", good(), good { $0.path = "/app" }, true),
      ("host-only and domain cookie on one host", good(), good { $0.hostOnly = false }, true),
      ("sibling paths", good { $0.path = "/a" }, good { $0.path = "/b" }, false),
      ("/app vs /application", good { $0.path = "/app" }, good { $0.path = "/application" }, false),
      (
        "different names", good(),
        good {
          $0.name = "other"; $0.path = "/x"
        }, false
      ),
      (
        "two host-only hosts", good { $0.domain = "a.example.com" }, good { $0.domain = "b.example.com" },
        false
      ),
      (
        "other partition", good { $0.partitionKey = PartitionKey(topLevelSite: "https://a.test") },
        good { $0.path = "/x" }, false
      ),
    ] as [(String, Cookie, Cookie, Bool)])
  func shadowing(label: String, a: Cookie, b: Cookie, shadows: Bool) {
    let each = CookieLint.issues(ofEach: [a, b], now: now)
    #expect(each[0].contains { $0.rule == "shadowed" } == shadows, "\(label)")
    #expect(each[1].contains { $0.rule == "shadowed" } == shadows, "\(label)")
    let single = CookieLint.issues(of: a, in: [a, b], now: now)
    #expect(single.contains { $0.rule == "shadowed" } == shadows, "\(label)")
  }

  @Test func shadowingIsCappedAndFastOnALargeJar() {
    let jar =
      (0..<5000).map { i in good { $0.domain = "h\(i).example.com" } } + [good { $0.hostOnly = false }]
    let each = CookieLint.issues(ofEach: jar, now: now)
    #expect(each[0].filter { $0.rule == "shadowed" }.count == 1)
    #expect(each[5000].filter { $0.rule == "shadowed" }.count == CookieLint.maxShadowingReports)
  }

  // MARK: Report lines and JSON for `crumbs lint`

  @Test func findingTextAndJSON() {
    var c = good {
      $0.name = "__Secure-x\u{1B}"; $0.secure = false
    }
    c.sourceFile = "jar.txt"
    c.sourceLine = 7
    let issue = CookieLint.issues(of: c, now: now).first { $0.rule == "secure-prefix-insecure" }!
    let f = LintFinding(cookie: c, issue: issue, file: "jar.txt")
    #expect(
      f.text
        == "jar.txt:7: error: [secure-prefix-insecure] __Secure- cookie without Secure; browsers reject it (RFC 6265bis §4.1.3.1) (__Secure-x\\x1b @ example.com)"
    )
    #expect(
      LintFinding.json([f])
        == """
        [
          {"source": "jar.txt:7", "name": "__Secure-x\\u001b", "domain": "example.com", "path": "/", "rule": "secure-prefix-insecure", "severity": "error", "message": "__Secure- cookie without Secure; browsers reject it (RFC 6265bis §4.1.3.1)"}
        ]
        """)
    #expect(LintFinding.json([]) == "[]")
    #expect(
      LintFinding.summary([f], cookies: 1, files: 1)
        == "1 issue (1 error, 0 warnings, 0 info) in 1 cookie from 1 file")
  }
}
