import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

/// What Crumbs writes is loaded back by the real consumer (curl, CPython, yt-dlp), whose
/// view must hold the same cookies.
@Suite("Netscape writer, checked by curl, CPython and yt-dlp")
struct NetscapeWriterTests {
  typealias S = NetscapeTestSupport
  static let now = Instant(seconds: 1_790_000_000)
  static let later = Instant(seconds: 1_900_000_000)

  /// A jar with every shape the format can hold (no expired cookies: consumers drop them).
  static var jar: [Cookie] {
    [
      Cookie(name: "lang", value: "en-US", domain: "example.com", hostOnly: false, expires: later),
      Cookie(
        name: "sid", value: "31d4d96e407aad42", domain: "www.example.com", expires: later, secure: true,
        httpOnly: true),
      Cookie(name: "theme", value: "dark", domain: "www.example.com", path: "/app"),
      Cookie(
        name: "session",
        value: "eyJ1c2VyIjoiYWxpY2UifQ.ZxYz1A.abcdefghijklmnopqrstuvwxyz0", domain: "app.example.org",
        httpOnly: true),
      Cookie(
        name: "pref", value: "a%20b%3Dc", domain: "example.org", hostOnly: false, path: "/deep/path",
        expires: later),
      Cookie(name: "empty", value: "", domain: "www.example.com", expires: later),
      Cookie(name: "utf8", value: "café", domain: "www.example.com", expires: later),
    ]
  }

  static func write(_ cookies: [Cookie], dialect: String? = nil) -> CookieWriteResult {
    NetscapeWriter.write(cookies, options: CookieWriteOptions(dialect: dialect, now: now))
  }

  @Test("curl loads what we write and saves the same cookies back", .requires(.curl))
  func curlRoundTrip() throws {
    let dir = try S.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out.txt")
    let again = dir.appendingPathComponent("again.txt")
    let result = Self.write(Self.jar)
    #expect(result.warnings.isEmpty)
    try result.data.write(to: out)
    let run = try S.run(["curl", "-s", "-b", out.path, "-c", again.path, "file:///dev/null"])
    #expect(run.status == 0, "curl: \(run.stderr)")
    let back = try NetscapeReader.read(
      Data(contentsOf: again), options: CookieReadOptions(sourceName: "again.txt", now: Self.now))
    #expect(back.diagnostics.isEmpty)
    #expect(Set(back.cookies.map { NetscapeFacts($0) }) == Set(Self.jar.map { NetscapeFacts($0) }))
  }

  /// Loads `file` in CPython (`MozillaCookieJar`) or yt-dlp (`YoutubeDLCookieJar`) and
  /// dumps what the consumer holds.
  static func pythonView(of file: URL, jar: String) throws -> (Set<NetscapeFacts>, String) {
    let script = """
      import json, sys, http.cookiejar
      if sys.argv[2] == "yt-dlp":
          from yt_dlp.cookies import YoutubeDLCookieJar
          j = YoutubeDLCookieJar(sys.argv[1]); j.load()
      else:
          # Default flags first: must not raise (an error would abort the whole file).
          http.cookiejar.MozillaCookieJar(sys.argv[1]).load()
          j = http.cookiejar.MozillaCookieJar(sys.argv[1]); j.load(ignore_discard=True, ignore_expires=True)
      out = [dict(name=c.name, value=c.value, domain=c.domain, path=c.path, secure=c.secure,
                  expires=c.expires, httpOnly=c.has_nonstandard_attr("HTTPOnly")) for c in j]
      print(json.dumps(out))
      """
    let run = try S.run(["python3", "-c", script, file.path, jar])
    guard run.status == 0 else { return ([], run.stderr) }
    let objects = (try JSONSerialization.jsonObject(with: run.stdout) as? [[String: Any]]) ?? []
    var facts = Set<NetscapeFacts>()
    for o in objects {
      var f = NetscapeFacts(python: o)
      f.httpOnly = o["httpOnly"] as? Bool ?? false
      facts.insert(f)
    }
    return (facts, run.stderr)
  }

  @Test(
    "CPython's MozillaCookieJar loads the cpython dialect without error, HttpOnly included",
    .requires(.python3))
  func cpythonLoads() throws {
    let dir = try S.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("cpython.txt")
    try Self.write(Self.jar, dialect: "cpython").data.write(to: out)
    let (facts, err) = try Self.pythonView(of: out, jar: "cpython")
    #expect(err.isEmpty, "CPython: \(err)")
    #expect(facts == Set(Self.jar.map { NetscapeFacts($0) }))
  }

  @Test(
    "yt-dlp loads both dialects; it drops the HttpOnly flag by design", .requires(.ytDlp),
    arguments: ["curl", "cpython"])
  func ytdlpLoads(dialect: String) throws {
    let dir = try S.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("ytdlp.txt")
    try Self.write(Self.jar, dialect: dialect).data.write(to: out)
    let (facts, err) = try Self.pythonView(of: out, jar: "yt-dlp")
    #expect(!err.contains("Error"), "yt-dlp: \(err)")
    #expect(facts == Set(Self.jar.map { NetscapeFacts($0, httpOnly: false) }))
  }

  @Test("curl dialect: exact bytes for a small jar")
  func exactBytes() {
    let text = String(decoding: Self.write(Array(Self.jar.prefix(3))).data, as: UTF8.self)
    #expect(
      text == """
        # Netscape HTTP Cookie File
        # https://curl.se/docs/http-cookies.html
        # This file was generated by crumbs. Edit at your own risk.

        .example.com\tTRUE\t/\tFALSE\t1900000000\tlang\ten-US
        #HttpOnly_www.example.com\tFALSE\t/\tTRUE\t1900000000\tsid\t31d4d96e407aad42
        www.example.com\tFALSE\t/app\tFALSE\t0\ttheme\tdark

        """)
  }

  @Test("wget dialect: host:port and no #HttpOnly_ prefix, with a warning for the lost flag")
  func wgetDialect() throws {
    var c = Cookie(name: "sid", value: "x", domain: "localhost", expires: Self.later, httpOnly: true)
    c.port = "8766"
    let r = Self.write([c], dialect: "wget")
    let text = String(decoding: r.data, as: UTF8.self)
    #expect(text.hasPrefix("# HTTP Cookie File\n"))
    #expect(text.hasSuffix("\nlocalhost:8766\tFALSE\t/\tFALSE\t1900000000\tsid\tx\n"))
    #expect(r.warnings.contains { $0.message.contains("HttpOnly") })
    let back = try NetscapeReader.read(r.data, options: CookieReadOptions(sourceName: "w", now: Self.now))
    #expect(back.cookies.first?.port == "8766")
  }

  @Test(
    "a TAB, CR or LF in a field cannot be written: that cookie is skipped with a warning",
    arguments: [("value", "a\tb"), ("value", "a\nb"), ("name", "a\rb")])
  func refusesLineBreakers(field: String, text: String) {
    let bad =
      field == "value"
      ? Cookie(name: "bad", value: text, domain: "x.example", sourceFile: "in.txt", sourceLine: 3)
      : Cookie(name: text, value: "v", domain: "x.example", sourceFile: "in.txt", sourceLine: 3)
    let good = Cookie(name: "good", value: "v", domain: "x.example")
    let r = Self.write([bad, good])
    #expect(r.skipped == 1)
    #expect(r.warnings.count == 1)
    #expect(r.warnings.first?.description.hasPrefix("in.txt:3: warning:") == true)
    let lines = String(decoding: r.data, as: UTF8.self).split(separator: "\n")
    #expect(lines.last == "x.example\tFALSE\t/\tFALSE\t0\tgood\tv")
    #expect(lines.count == 4)
  }

  @Test("fields cookies.txt cannot hold are reported once per kind with a count")
  func lossWarnings() {
    var a = Cookie(name: "a", value: "1", domain: "x.example", sameSite: .lax, partitioned: true)
    a.partitionKey = PartitionKey(topLevelSite: "https://top.example")
    a.priority = .high
    var b = Cookie(name: "b", value: "2", domain: "x.example", sameSite: .strict)
    b.priority = .medium
    let r = Self.write([a, b])
    let messages = r.warnings.map(\.message)
    #expect(messages.count == 3)
    #expect(messages.contains { $0.hasPrefix("SameSite of 2 cookies") })
    #expect(messages.contains { $0.contains("partition") && $0.contains("1 cookie") })
    #expect(messages.contains { $0.hasPrefix("the priority of 1 cookie") })
    #expect(r.skipped == 0)
  }

  @Test("expiry: whole seconds; at or before the epoch stays expired instead of becoming session")
  func expiry() throws {
    let cookies = [
      Cookie(
        name: "frac", value: "1", domain: "x.example", expires: Instant(microseconds: 1_791_464_381_742_000)),
      Cookie(name: "epoch", value: "1", domain: "x.example", expires: Instant(seconds: 0)),
      Cookie(name: "neg", value: "1", domain: "x.example", expires: Instant(seconds: -50)),
    ]
    let r = Self.write(cookies)
    let text = String(decoding: r.data, as: UTF8.self)
    #expect(text.contains("\t1791464381\tfrac\t"))
    #expect(text.contains("\t1\tepoch\t"))
    #expect(text.contains("\t1\tneg\t"))
    let back = try NetscapeReader.read(r.data, options: CookieReadOptions(sourceName: "b", now: Self.now))
    #expect(back.cookies.map(\.isSession) == [false, false, false])
    #expect(back.cookies.dropFirst().allSatisfy { $0.isExpired(at: Instant(seconds: 2)) })
  }

  @Test(
    "the bundled Examples/cookies.txt is a valid curl jar: curl keeps every unexpired cookie",
    .requires(.curl))
  func bundledExample() throws {
    let url = S.fixtures.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Examples/cookies.txt")
    let ours = try NetscapeReader.read(
      Data(contentsOf: url), options: CookieReadOptions(sourceName: "Examples/cookies.txt", now: Self.now))
    #expect(ours.diagnostics.isEmpty)
    #expect(ours.cookies.count >= 30)
    #expect(ours.cookies.contains { $0.name == "session" && $0.value.hasPrefix("eyJ") && $0.isSession })
    #expect(
      ours.cookies.contains { $0.value.split(separator: ".").count == 3 && $0.value.hasPrefix("eyJhbGci") })
    #expect(ours.cookies.contains { $0.isExpired(at: Self.now) })
    let dir = try S.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let again = dir.appendingPathComponent("again.txt")
    let run = try S.run(["curl", "-s", "-b", url.path, "-c", again.path, "file:///dev/null"])
    #expect(run.status == 0)
    let curls = try NetscapeReader.read(
      Data(contentsOf: again), options: CookieReadOptions(sourceName: "again", now: Self.now))
    let live = ours.cookies.filter { !$0.isExpired(at: Instant(Date())) }
    #expect(Set(curls.cookies.map { NetscapeFacts($0) }) == Set(live.map { NetscapeFacts($0) }))
  }
}
