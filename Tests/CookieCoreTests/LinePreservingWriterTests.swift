import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

/// Saving a line-based jar into its own file changes only what the user changed.
@Suite struct LinePreservingWriterTests {
  static let now = Instant(seconds: 1_790_000_000)

  /// Real jars written by curl, wget, CPython, yt-dlp, an extension, plus hand-made ones
  /// with CRLF, a BOM, comments and malformed lines.
  static let netscapeFixtures = [
    "netscape/curl.txt", "netscape/curl-https.txt", "netscape/wget.txt", "netscape/cpython-https.txt",
    "netscape/cpython-mozillacookiejar.txt", "netscape/yt-dlp.txt", "netscape/handmade-crlf-bom.txt",
    "netscape/handmade-malformed.txt", "netscape/handmade-extension-export.txt",
    "examples/netscape-written-by-curl-7.88.txt",
    "examples/netscape-written-by-wget-1.21-nondefault-port.txt",
  ]
  static let lwpFixtures = [
    "captured/lwp-written-by-cpython-urllib.txt", "captured/lwp-written-by-libwww-perl.txt",
    "examples/lwp-set-cookie3-written-by-cpython.txt",
  ]

  struct Loaded {
    var data: Data
    var store: CookieStore
    var dialect: String?
  }

  static func load(_ relative: String, lwp: Bool = false) throws -> Loaded {
    let data = try Data(contentsOf: TestEnvironment.fixture(relative))
    let options = CookieReadOptions(sourceName: relative, now: now)
    let result =
      lwp ? try LWPReader.read(data, options: options) : try NetscapeReader.read(data, options: options)
    return Loaded(data: data, store: CookieStore(loading: result.cookies), dialect: result.dialect)
  }

  static func save(_ l: Loaded, _ file: String, lwp: Bool = false, withNew: Bool = true) throws -> Data {
    let edits = try #require(l.store.lineEdits(forFile: file, withNew: withNew))
    let options = CookieWriteOptions(dialect: l.dialect, now: now)
    return lwp
      ? LinePreservingWriter.write(original: l.data, edits: edits, with: LWPWriter.self, options: options)
        .data
      : LinePreservingWriter.write(
        original: l.data, edits: edits, with: NetscapeWriter.self, options: options
      ).data
  }

  /// Lines split at LF bytes (a CR stays at the end of its line: Swift would read CRLF as
  /// one character and never split there).
  static func lines(_ d: Data) -> [String] {
    d.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
  }

  /// `data` without the bytes of line `n` (1-based), its line break included.
  static func dropping(line n: Int, from data: Data) -> Data {
    var out = Data()
    var number = 1
    var start = data.startIndex
    while start < data.endIndex {
      let end = data[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? data.endIndex
      if number != n { out.append(data[start..<end]) }
      number += 1
      start = end
    }
    return out
  }

  @Test(arguments: netscapeFixtures)
  func unchangedJarSavesToTheIdenticalFile(_ relative: String) throws {
    let l = try Self.load(relative)
    #expect(try Self.save(l, relative) == l.data)
  }

  @Test(arguments: lwpFixtures)
  func unchangedLWPJarSavesToTheIdenticalFile(_ relative: String) throws {
    let l = try Self.load(relative, lwp: true)
    #expect(try Self.save(l, relative, lwp: true) == l.data)
  }

  @Test(arguments: netscapeFixtures)
  func deletingOneCookieRemovesOnlyItsLine(_ relative: String) throws {
    var l = try Self.load(relative)
    let victim = try #require(l.store.handles.last)
    let line = Int(l.store[victim].sourceLine)
    l.store.delete([victim])
    let out = try Self.save(l, relative)
    #expect(out == Self.dropping(line: line, from: l.data))
    // Read back: the same cookies as the store holds (the saved file is a real jar).
    let back = try NetscapeReader.read(out, options: CookieReadOptions(sourceName: relative, now: Self.now))
    #expect(back.cookies.map(\.id) == l.store.cookies.map(\.id))
  }

  @Test func editedCookieIsRewrittenInPlaceKeepingCRLFAndBOM() throws {
    let relative = "netscape/handmade-crlf-bom.txt"
    var l = try Self.load(relative)
    #expect(l.data.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(l.data.contains(0x0D), "fixture should have CRLF endings")
    let h = try #require(l.store.handles.first)
    var c = l.store[h]
    c.value = "edited"
    try l.store.update(h, to: c)
    let out = try Self.save(l, relative)
    let before = Self.lines(l.data)
    let after = Self.lines(out)
    #expect(before.count == after.count)
    let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
    #expect(changed == [Int(c.sourceLine) - 1])
    let newLine = after[Int(c.sourceLine) - 1]
    #expect(newLine.hasSuffix("\tedited\r"), "the rewritten line keeps its CRLF: \(newLine)")
    #expect(out.starts(with: [0xEF, 0xBB, 0xBF]))
  }

  @Test func addedCookiesAreAppendedWithTheFilesLineEnding() throws {
    let relative = "netscape/handmade-crlf-bom.txt"
    var l = try Self.load(relative)
    _ = try l.store.add(
      Cookie(name: "new", value: "1", domain: "example.org", expires: Instant(seconds: 1_900_000_000)))
    let out = try Self.save(l, relative)
    #expect(out.prefix(l.data.count) == l.data || l.data.last != 0x0A)
    let text = String(decoding: out, as: UTF8.self)
    #expect(text.hasSuffix("example.org\tFALSE\t/\tFALSE\t1900000000\tnew\t1\r\n"))
  }

  @Test func aFileWithoutAFinalLineBreakGetsOneBeforeNewCookies() throws {
    let text = "# Netscape HTTP Cookie File\n.a.example\tTRUE\t/\tFALSE\t0\tx\t1"
    let data = Data(text.utf8)
    let read = try NetscapeReader.read(data, options: CookieReadOptions(sourceName: "j", now: Self.now))
    var store = CookieStore(loading: read.cookies)
    _ = try store.add(Cookie(name: "y", value: "2", domain: "b.example"))
    let edits = try #require(store.lineEdits(forFile: "j", withNew: true))
    let out = LinePreservingWriter.write(
      original: data, edits: edits, with: NetscapeWriter.self, options: CookieWriteOptions(now: Self.now)
    ).data
    #expect(String(decoding: out, as: UTF8.self) == text + "\nb.example\tFALSE\t/\tFALSE\t0\ty\t2\n")
  }

  @Test func anEditedLastLineWithoutLineBreakStaysWithout() throws {
    let text = "# Netscape HTTP Cookie File\n.a.example\tTRUE\t/\tFALSE\t0\tx\t1"
    let data = Data(text.utf8)
    let read = try NetscapeReader.read(data, options: CookieReadOptions(sourceName: "j", now: Self.now))
    var store = CookieStore(loading: read.cookies)
    let h = try #require(store.handles.first)
    var c = store[h]
    c.value = "2"
    try store.update(h, to: c)
    let edits = try #require(store.lineEdits(forFile: "j", withNew: true))
    let out = LinePreservingWriter.write(
      original: data, edits: edits, with: NetscapeWriter.self, options: CookieWriteOptions(now: Self.now)
    ).data
    #expect(
      String(decoding: out, as: UTF8.self)
        == "# Netscape HTTP Cookie File\n.a.example\tTRUE\t/\tFALSE\t0\tx\t2")
  }

  @Test func malformedLinesCommentsAndATabValueSurviveAnEdit() throws {
    let relative = "netscape/handmade-malformed.txt"
    var l = try Self.load(relative)
    let h = try #require(l.store.handles.first)
    l.store.delete([h])
    let out = try Self.save(l, relative)
    let before = Self.lines(l.data)
    let after = Self.lines(out)
    #expect(after.count == before.count - 1)
    // Every line but the deleted cookie's is still there, byte for byte.
    let deleted = Int(l.store.originalCookie(h)!.sourceLine) - 1
    var expected = before
    expected.remove(at: deleted)
    #expect(after == expected)
    #expect(after.contains { $0.filter { $0 == "\t" }.count > 6 }, "the TAB-valued cookie line is kept")
  }

  @Test func editingOneCookieOfAMultiCookieLWPLineKeepsTheOthers() throws {
    let text = """
      #LWP-Cookies-2.0
      # a comment kept as is
      Set-Cookie3: a=1; path="/"; domain=example.com; path_spec; discard; version=0, b=2; path="/"; domain=example.com; path_spec; discard; version=0
      Set-Cookie3: c=3; path="/"; domain=example.com; path_spec; discard; version=0

      """
    let data = Data(text.utf8)
    let read = try LWPReader.read(data, options: CookieReadOptions(sourceName: "j", now: Self.now))
    #expect(read.cookies.map(\.name) == ["a", "b", "c"])
    var store = CookieStore(loading: read.cookies)
    let a = store.handles[0]
    var c = store[a]
    c.value = "9"
    try store.update(a, to: c)
    let edits = try #require(store.lineEdits(forFile: "j", withNew: true))
    let out = LinePreservingWriter.write(
      original: data, edits: edits, with: LWPWriter.self, options: CookieWriteOptions(now: Self.now)
    ).data
    let back = try LWPReader.read(out, options: CookieReadOptions(sourceName: "j", now: Self.now))
    #expect(back.cookies.map { "\($0.name)=\($0.value)" } == ["a=9", "b=2", "c=3"])
    let lines = Self.lines(out)
    #expect(lines[0] == "#LWP-Cookies-2.0")
    #expect(lines[1] == "# a comment kept as is")
    #expect(lines.last(where: { !$0.isEmpty }) == Self.lines(data).last(where: { !$0.isEmpty }))
  }

  @Test func lossesAreReportedOnlyForRewrittenCookies() throws {
    let relative = "netscape/curl.txt"
    var l = try Self.load(relative)
    var c = Cookie(name: "strict", value: "1", domain: "example.org")
    c.sameSite = .none
    c.secure = true
    _ = try l.store.add(c)
    let edits = try #require(l.store.lineEdits(forFile: relative, withNew: true))
    let result = LinePreservingWriter.write(
      original: l.data, edits: edits, with: NetscapeWriter.self, options: CookieWriteOptions(now: Self.now))
    #expect(result.warnings.contains { $0.message.lowercased().contains("samesite") })
    #expect(result.data.prefix(l.data.count) == l.data)
  }

  @Test func purgeEditsDropOnlyExpiredLines() throws {
    let relative = "netscape/handmade-malformed.txt"
    let l = try Self.load(relative)
    let cookies = l.store.cookies
    let cutoff = Instant(seconds: 2_000_000_000)
    let edits = LineEdits.removing(from: cookies) { $0.isExpired(at: cutoff) }
    let gone = Set(cookies.filter { $0.isExpired(at: cutoff) }.map { Int($0.sourceLine) })
    #expect(!gone.isEmpty)
    let out = LinePreservingWriter.write(
      original: l.data, edits: edits, with: NetscapeWriter.self, options: CookieWriteOptions(now: Self.now)
    ).data
    let expected = Self.lines(l.data).enumerated().filter { !gone.contains($0.offset + 1) }.map(\.element)
    #expect(Self.lines(out) == expected)
  }

  @Test func outputComesInBoundedChunks() throws {
    // A large untouched jar streams out in pieces, never as one buffer.
    var text = "# Netscape HTTP Cookie File\n"
    for i in 0..<120_000 {
      text += ".e\(i).example\tTRUE\t/\tFALSE\t0\tname\(i)\tvalue-\(i)-xxxxxxxxxxxxxxxx\n"
    }
    let data = Data(text.utf8)
    var pieces = 0
    var biggest = 0
    var out = Data()
    let summary = LinePreservingWriter.write(
      original: data, edits: LineEdits(lines: [LineEdits.Line(number: 2, cookies: [])]),
      with: NetscapeWriter.self,
      options: CookieWriteOptions(now: Self.now)
    ) { buf in
      pieces += 1
      biggest = max(biggest, buf.count)
      out.append(contentsOf: buf)
    }
    #expect(pieces > 1)
    #expect(biggest <= 4 << 20 + 200)
    #expect(summary.byteCount == out.count)
    #expect(out.count < data.count && data.suffix(out.count - 28) == out.suffix(out.count - 28))
  }
}

/// A JSON jar saved in its own format keeps what the reader does not model: unknown keys
/// (nested ones too) and the order of its cookies.
@Suite struct JSONSaveKeepsWhatItDoesNotModelTests {
  @Test(arguments: [
    "examples/cookie-editor-chrome.json", "examples/cookie-editor-firefox.json",
    "examples/editthiscookie.json",
  ])
  func unknownKeysAndOrderSurvive(_ relative: String) throws {
    var data = try Data(contentsOf: TestEnvironment.fixture(relative))
    // Add keys no extension writes, one of them nested, to the first object.
    let text = String(decoding: data, as: UTF8.self)
    let brace = try #require(text.firstIndex(of: "{"))
    let added = #""myNote": "keep me", "extra": {"nested": [1, 2]}, "#
    data = Data((String(text[...brace]) + added + String(text[text.index(after: brace)...])).utf8)
    let options = CookieReadOptions(sourceName: relative, now: Instant(seconds: 1_790_000_000))
    let first = try JSONCookieReader.read(data, options: options)
    let written = JSONCookieWriter.write(first.cookies, options: CookieWriteOptions(now: options.now))
    let again = try JSONCookieReader.read(written.data, options: options)
    #expect(again.cookies.map(\.id) == first.cookies.map(\.id))
    #expect(again.cookies.map(\.unknownFields) == first.cookies.map(\.unknownFields))
    let object = try #require(
      (try JSONSerialization.jsonObject(with: written.data) as? [[String: Any]])?.first)
    #expect(object["myNote"] as? String == "keep me")
    #expect((object["extra"] as? [String: Any])?["nested"] as? [Int] == [1, 2])
  }
}
