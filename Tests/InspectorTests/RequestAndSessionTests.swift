import CookieCore
import Foundation
import Testing

@testable import Inspector
@testable import TerminalKit

/// A stand-in for the executable's signed-session support (the real one, on
/// SessionSigning, is tested end to end): values `toy.PAYLOAD.SIG`, where SIG is the key
/// reversed followed by the payload's length, and re-signed values carry the time.
enum ToyCodec {
  static func sig(_ payload: String, _ key: [UInt8]) -> String {
    String(decoding: key.reversed(), as: UTF8.self) + String(payload.count)
  }
  static func value(_ payload: String, key: String, at t: Int64? = nil) -> String {
    "toy." + payload + "." + sig(payload, Array(key.utf8)) + (t.map { "@\($0)" } ?? "")
  }
  static func parts(_ value: String) -> (payload: String, sig: String)? {
    let p = value.split(separator: ".", omittingEmptySubsequences: false)
    guard p.count == 3, p[0] == "toy" else { return nil }
    let sig = p[2].split(separator: "@").first.map(String.init) ?? ""
    return (String(p[1]), sig)
  }
  static let codec = SessionCodec(
    parse: { v in parts(v).map { SessionValue(kind: "Toy", payload: $0.payload) } },
    verify: { v, key in
      guard let (p, s) = parts(v) else { return "not a session" }
      return s == sig(p, key.bytes) ? nil : "signature does not match this key"
    },
    resign: { _, payload, key, now in
      payload.contains("bad")
        ? .failure(SessionCodecError("the payload is not valid JSON"))
        : .success("toy." + payload + "." + sig(payload, key.bytes) + "@\(now.seconds)")
    })
}

@Suite struct URLViewTests {
  static func state(width: Int = 110, height: Int = 30) -> AppState {
    Sample.state(width: width, height: height)
  }

  static func report(_ s: AppState) -> URLReport? {
    if case .urlView(let r) = s.mode { return r }
    return nil
  }

  @Test func plainHTTPLeavesSecureCookiesHomeWithTheReason() throws {
    var s = Self.state()
    Sample.press("s ctrl+u 'http://www.example.com/app' enter", &s)
    let r = try #require(Self.report(s), "no URL view:\n\(Sample.screen(s))")
    // Send order (RFC 6265bis §5.8.3): the longer path first.
    #expect(r.sent.map(\.name) == ["theme", "lang"])
    #expect(r.header == "theme=dark; lang=en-US")
    let sid = try #require(r.excluded.first { $0.cookie.name == "sid" })
    #expect(sid.reasons == [.secureOverInsecure])
    let token = try #require(r.excluded.first { $0.cookie.name == "__Secure-token" })
    #expect(token.reasons.contains(.secureOverInsecure))
    #expect(token.reasons.contains { if case .expired = $0 { true } else { false } })
    let screen = Sample.screen(s)
    #expect(screen.contains("Cookie: theme=dark; lang=en-US"))
    #expect(screen.contains("Secure cookie, and the request is not secure (http)"))
    #expect(screen.contains("Not sent (2)"))
    // Cookies of other sites are neither sent nor listed.
    #expect(!screen.contains("tracker.test"))
    Sample.press("esc", &s)
    guard case .table = s.mode else {
      Issue.record("Esc did not return to the table")
      return
    }
  }

  @Test func aCrossSiteRequestAppliesSameSite() throws {
    var s = Self.state()
    Sample.press("s ctrl+u 'https://www.example.com/' tab 'https://other.test/' enter", &s)
    let r = try #require(Self.report(s), "no URL view:\n\(Sample.screen(s))")
    #expect(!r.request.isSameSite)
    #expect(r.sent.isEmpty)
    #expect(r.excluded.first { $0.cookie.name == "sid" }?.reasons == [.sameSiteLax])
    #expect(r.excluded.first { $0.cookie.name == "lang" }?.reasons == [.sameSiteUnsetLax])
    #expect(Sample.screen(s).contains("cross-site request from https://other.test"))
    // A top-level navigation takes Lax cookies along.
    Sample.press("s tab tab space enter", &s)
    let nav = try #require(Self.report(s))
    #expect(nav.request.isTopLevelNavigation)
    #expect(Set(nav.sent.map(\.name)) == ["sid", "lang"])
  }

  @Test func theReportMatchesTheCLIRuleSet() throws {
    // The view is CookieJar.evaluate itself, not a second set of rules.
    var s = Self.state()
    Sample.press("s ctrl+u 'https://www.example.com/app/x' enter", &s)
    let r = try #require(Self.report(s))
    let request = CookieRequest(url: try #require(RequestURL("https://www.example.com/app/x")))
    let direct = CookieJar(loading: Sample.cookies).evaluate(request, at: Sample.now)
    #expect(r.sent == direct.sent)
    #expect(r.excluded.map(\.reasons) == direct.excluded.map(\.reasons))
  }

  @Test func aBadURLIsRefusedInThePrompt() {
    var s = Self.state()
    Sample.press("s ctrl+u 'http://' enter", &s)
    guard case .urlPrompt(let p) = s.mode else {
      Issue.record("the prompt closed on a bad URL")
      return
    }
    #expect(p.error?.contains("not an absolute URL") == true)
    #expect(Sample.screen(s).contains("✗ URL: not an absolute URL"))
  }

  @Test func theHeaderAndReasonsAreEscaped() throws {
    var s = Self.state()
    Sample.press("s ctrl+u 'https://evil.test/' enter", &s)
    let r = try #require(Self.report(s))
    #expect(r.sent.map(\.name) == ["evil"])
    let screen = Sample.screen(s)
    #expect(screen.contains("Cookie: evil=\\x1b[31mred"))
    #expect(!screen.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
  }

  @Test func thePromptStartsFromTheSelectedCookieThenTheLastRequest() {
    var s = Self.state()
    Sample.press("j s", &s)
    guard case .urlPrompt(let p) = s.mode else {
      Issue.record("s did not ask for a URL")
      return
    }
    #expect(p.url.text == "https://www.example.com/")
    Sample.press("ctrl+u 'example.com/a' enter esc s", &s)
    guard case .urlPrompt(let again) = s.mode else {
      Issue.record("s did not ask again")
      return
    }
    #expect(again.url.text == "example.com/a")
  }
}

@Suite struct SessionKeyTests {
  static func state(key: String? = nil) -> AppState {
    var cookies = Sample.cookies
    cookies.append(
      Cookie(
        name: "toy_session", value: ToyCodec.value("{\"user\":\"alice\"}", key: "s3cret"), domain: "app.test",
        sourceFile: "cookies.txt", sourceLine: 13))
    var s = AppState(
      store: CookieStore(loading: cookies), now: Sample.now,
      files: [OpenFile(name: "cookies.txt", format: .netscape)], width: 110, height: 40,
      writers: WriterSet([TestWriter.self]))
    s.sessions = ToyCodec.codec
    s.sessionKey = key.map(SecretKey.init)
    // Select the session cookie.
    s.cursor = s.visible.firstIndex { s.store[$0].name == "toy_session" } ?? 0
    return s
  }

  @Test func theKeyIsTypedMaskedAndNeverShown() {
    var s = Self.state()
    Sample.press("S 's3cret'", &s)
    let screen = Sample.screen(s)
    #expect(screen.contains("••••••"))
    #expect(!screen.contains("s3cret"))
    Sample.press("enter", &s)
    #expect(s.sessionKey?.bytes == Array("s3cret".utf8))
    #expect(!"\(s.sessionKey!)".contains("s3cret"))
    #expect(!String(reflecting: s.sessionKey!).contains("s3cret"))
    #expect(s.message?.text.contains("memory only") == true)
    // Esc keeps the key as it was; an empty Enter forgets it.
    Sample.press("S 'other' esc", &s)
    #expect(s.sessionKey?.bytes == Array("s3cret".utf8))
    Sample.press("S enter", &s)
    #expect(s.sessionKey == nil)
  }

  @Test(
    arguments: [
      (nil, "not verified: no key"), ("s3cret", "Toy session: signature valid"),
      ("wrong", "signature invalid: signature does not match this key"),
    ] as [(String?, String)])
  func theDetailPaneVerifiesWithTheKey(_ key: String?, _ expected: String) {
    var s = Self.state(key: key)
    Sample.press("enter", &s)
    #expect(Sample.screen(s).contains(expected), "\(Sample.screen(s))")
  }

  @Test func editingThePayloadWithoutAKeyIsRefused() {
    var s = Self.state()
    let before = s.store.cookies
    Sample.press("e tab tab end '!'", &s)
    guard case .edit(let form) = s.mode else {
      Issue.record("no edit form")
      return
    }
    #expect(form.focus == .payload)
    #expect(form.payload.text == "{\"user\":\"alice\"}!")
    Sample.press("enter", &s)
    guard case .edit = s.mode else {
      Issue.record("the form closed without a key")
      return
    }
    #expect(s.message?.kind == .error)
    #expect(s.message?.text.contains("no key is set") == true)
    #expect(s.store.cookies == before)
    #expect(Sample.screen(s).contains("Not saved: the edited payload must be re-signed"))
  }

  @Test func editingThePayloadWithTheKeyReSignsAtNow() throws {
    var s = Self.state(key: "s3cret")
    Sample.press("e tab tab ctrl+u '{\"user\":\"mallory\"}' enter", &s)
    guard case .table = s.mode else {
      Issue.record("not saved:\n\(Sample.screen(s))")
      return
    }
    let h = try #require(s.selected)
    let expected =
      "toy.{\"user\":\"mallory\"}." + ToyCodec.sig("{\"user\":\"mallory\"}", Array("s3cret".utf8))
    #expect(s.store[h].value == expected + "@\(Sample.now.seconds)")
    #expect(s.message?.text.contains("payload re-signed") == true)
    // The key is in no undo label; undo brings the old value back.
    #expect(!s.store.undoLabels.joined().contains("s3cret"))
    Sample.press("u", &s)
    #expect(s.store[h].value == ToyCodec.value("{\"user\":\"alice\"}", key: "s3cret"))
  }

  @Test func aKeyThatDoesNotVerifyTheCookieIsNotUsedToReSign() {
    var s = Self.state(key: "wrong")
    Sample.press("e tab tab end '!' enter", &s)
    guard case .edit(let form) = s.mode else {
      Issue.record("saved with a key that does not verify")
      return
    }
    #expect(form.saveError?.contains("does not verify") == true)
  }

  @Test func theCodecsRefusalShowsAndAnUneditedPayloadKeepsTheValue() {
    var s = Self.state(key: "s3cret")
    Sample.press("e tab tab end 'bad' enter", &s)
    #expect(s.message?.text.contains("not valid JSON") == true)
    Sample.press("esc", &s)
    // Editing another field leaves the signed value alone.
    let before = s.store[s.selected!].value
    Sample.press("e tab tab tab tab ctrl+u '/x' enter", &s)
    #expect(s.store[s.selected!].value == before)
    #expect(s.store[s.selected!].path == "/x")
  }

  @Test func theEditorEditsThePayloadWhenItHasFocus() {
    var s = Self.state(key: "s3cret")
    Sample.press("e tab tab", &s)
    #expect(Sample.press("ctrl+e", &s) == [.editor("{\"user\":\"alice\"}")])
    _ = update(&s, .editorClosed("{\"user\":\"bob\"}\n", error: nil))
    guard case .edit(let form) = s.mode else {
      Issue.record("no form")
      return
    }
    #expect(form.payload.text == "{\"user\":\"bob\"}")
    #expect(form.value.text == ToyCodec.value("{\"user\":\"alice\"}", key: "s3cret"))
  }

  @Test func aCookieThatIsNoSessionHasNoPayloadField() {
    var s = Self.state(key: "s3cret")
    Sample.press("g e", &s)
    guard case .edit(let form) = s.mode else {
      Issue.record("no form")
      return
    }
    #expect(!form.fields.contains(.payload))
    #expect(!Sample.screen(s).contains("Payload"))
  }
}

@Suite struct ExportForConsumerTests {
  @Test func pickingCurlWritesItsDialectAndListsWhatCurlDrops() {
    var s = Sample.state(writers: WriterSet([TestWriter.self, TestJSONWriter.self]))
    // Formats netscape, json; then the consumers that read them: curl first.
    Sample.press("W tab right right", &s)
    guard case .export(let form) = s.mode else {
      Issue.record("no export form")
      return
    }
    #expect(form.consumer == .curl)
    #expect(form.path.text == "cookies.curl.txt")
    #expect(Sample.screen(s).contains(" curl "))
    let effects = Sample.press("enter", &s)
    #expect(Sample.runLossChecks(effects, &s).isEmpty, "written before asking")
    guard case .confirm(.lossyWrite(let jobs, let warnings)) = s.mode, var job = jobs.first else {
      Issue.record("no loss list:\n\(Sample.screen(s))")
      return
    }
    #expect(job.format == .netscape)
    #expect(job.dialect == "curl")
    #expect(job.consumer == .curl)
    job.lossesAccepted = true
    // The expired __Secure-token and old: curl drops expired cookies on load.
    #expect(warnings.contains { $0.hasPrefix("__Secure-token @ .example.com/: curl dropped: expired") })
    #expect(warnings.contains { $0.hasPrefix("old @ .tracker.test/: curl dropped") })
    #expect(Sample.screen(s).contains("(curl dialect)"))
    #expect(Sample.press("y", &s) == [.export(job)])
  }

  /// A browser refuses a whole storage state for one invalid cookie: the runner writes
  /// only what the browser keeps, and lists the rest as losses.
  @Test func aBrowserExportHoldsOnlyWhatTheBrowserKeeps() throws {
    var job = WriteJob(path: "state.json", format: .playwright, cookies: Sample.cookies, kind: .export)
    job.consumer = .chrome
    let kept = job.fileCookies(Sample.cookies, now: Sample.now)
    #expect(kept == CookieConsumer.chrome.written(Sample.cookies, now: Sample.now))
    #expect(kept.count < Sample.cookies.count)
    let writer = try #require(CookieFormats.writer(for: .playwright))
    let losses = job.losses(of: kept, from: Sample.cookies, with: writer, now: Sample.now)
    #expect(losses.contains { $0.contains("chrome") })
    job.consumer = nil
    #expect(job.fileCookies(Sample.cookies, now: Sample.now) == Sample.cookies)
  }

  @Test func consumersWithoutAWriterAreNotOffered() {
    var s = Sample.state(writers: WriterSet([TestJSONWriter.self]))
    Sample.press("W", &s)
    guard case .export(let form) = s.mode else {
      Issue.record("no export form")
      return
    }
    #expect(form.consumers.isEmpty)
  }
}
