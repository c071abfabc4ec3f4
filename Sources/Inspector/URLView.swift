import CookieCore
import TerminalKit

/// `s`: the request to ask about: a URL, an optional top-level site (a cross-site request)
/// and whether it is a top-level navigation.
public struct URLPrompt: Sendable {
  public enum Field: Int, CaseIterable, Sendable { case url, site, navigation }
  public var url: TextField
  public var site: TextField
  public var navigation = false
  public var focus: Field = .url
  /// Why the last Enter was refused.
  public var error: String?

  public init(url: String = "", site: String = "", navigation: Bool = false) {
    self.url = TextField(url)
    self.site = TextField(site)
    self.navigation = navigation
  }

  /// A URL as typed: `example.com/x` is taken as `https://example.com/x`.
  static func requestURL(_ text: String) -> RequestURL? {
    let t = text.trimmingCharactersInSpaces()
    guard !t.isEmpty else { return nil }
    return RequestURL(t.contains("://") ? t : "https://" + t)
  }

  /// The request the fields describe, or why there is none.
  func request() -> Result<CookieRequest, SessionCodecError> {
    guard let u = URLPrompt.requestURL(url.text) else {
      return .failure(SessionCodecError("URL: not an absolute URL (scheme://host/path)"))
    }
    var top: RequestURL? = nil
    if !site.text.trimmingCharactersInSpaces().isEmpty {
      guard let s = URLPrompt.requestURL(site.text) else {
        return .failure(SessionCodecError("Top-level site: not a URL (https://site.example)"))
      }
      top = s
    }
    return .success(CookieRequest(url: u, topLevel: top, isTopLevelNavigation: navigation))
  }
}

/// What a browser does with the jar's cookies for one request (Chrome's "show filtered
/// out request cookies"), computed by `CookieJar.evaluate` (the one rule set).
public struct URLReport: Sendable {
  public var request: CookieRequest
  /// The cookies sent, in send order.
  public var sent: [Cookie]
  /// Every other cookie of the request's site, with why it stays home.
  public var excluded: [(cookie: Cookie, reasons: [CookieExclusion])]
  /// The `Cookie` header value (empty when nothing is sent).
  public var header: String
  public var scroll = 0

  public init(request: CookieRequest, cookies: [Cookie], now: Instant) {
    self.request = request
    let jar = CookieJar(loading: cookies)
    let (sent, excluded) = jar.evaluate(request, at: now)
    self.sent = sent
    self.excluded = excluded
    header = CookieJar.serialize(sent)
  }

  /// The report as screen lines `width` columns wide; every piece of cookie text escaped.
  func lines(width: Int) -> [(String, Style)] {
    var out: [(String, Style)] = []
    let w = max(1, width)
    func wrap(_ s: String, _ style: Style, indent: String = "") {
      for (i, part) in TerminalText.wrapped(s, width: max(1, w - indent.count)).enumerated() {
        out.append(((i == 0 ? "" : indent) + part, style))
      }
    }
    let how =
      request.isSameSite
      ? "same-site request"
      : "cross-site request from \(request.topLevelSite)"
        + (request.isTopLevelNavigation ? " (top-level navigation)" : "")
    wrap("GET \(TerminalText.escaped(request.url.description)) — \(how)", Style(.title, .bold))
    if sent.isEmpty {
      out.append(("No Cookie header: no cookie is sent.", Style(.warning)))
    } else {
      wrap("Cookie: " + TerminalText.escaped(header), Style(.ok, .bold), indent: "        ")
    }
    out.append(("", .normal))
    out.append(("Sent (\(sent.count)), in send order", Style(.header, .bold)))
    for (i, c) in sent.enumerated() {
      let line = "\(String(i + 1).leftPadded(3)). \(URLReport.identity(c))  \(TerminalText.escaped(c.value))"
      out.append((TerminalText.fitted(line, width: w), .normal))
    }
    out.append(("", .normal))
    out.append(("Not sent (\(excluded.count))", Style(.header, .bold)))
    for (c, reasons) in excluded {
      out.append((TerminalText.fitted("  ✗ " + URLReport.identity(c), width: w), Style(.error)))
      for r in reasons {
        wrap("      " + TerminalText.escaped(r.description), Style(.dim), indent: "      ")
      }
    }
    return out
  }

  /// `name @ .domain/path`, escaped.
  static func identity(_ c: Cookie) -> String {
    TerminalText.escaped("\(c.name) @ \(c.hostOnly ? "" : ".")\(c.domain)\(c.path)")
  }
}

extension String {
  func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

extension AppState {
  /// `s`: the URL prompt, with the last request or the selected cookie's URL in it.
  mutating func startURLPrompt() {
    if let last = lastRequest {
      mode = .urlPrompt(last)
      return
    }
    var url = "https://example.com/"
    if let h = selected {
      let c = store[h]
      if c.isDomainKnown { url = "https://\(c.domain)\(c.path)" }
    }
    mode = .urlPrompt(URLPrompt(url: url))
  }

  mutating func urlPromptAction(_ action: Action, _ key: Key, _ form: inout URLPrompt) {
    let fields = URLPrompt.Field.allCases
    switch action {
    case .cancel:
      mode = .table
    case .nextField:
      form.focus = fields[(form.focus.rawValue + 1) % fields.count]
    case .previousField:
      form.focus = fields[(form.focus.rawValue + fields.count - 1) % fields.count]
    case .choiceRight, .choiceLeft:
      form.navigation.toggle()
    case .accept:
      switch form.request() {
      case .failure(let e): form.error = e.description
      case .success(let request):
        form.error = nil
        var last = form
        last.focus = .url
        lastRequest = last
        mode = .urlView(URLReport(request: request, cookies: store.cookies, now: now))
      }
    case .typeText:
      if form.focus == .url { form.url.handle(key) } else { form.site.handle(key) }
      form.error = nil
    default: break
    }
  }

  mutating func urlViewAction(_ action: Action, _ report: inout URLReport) {
    switch action {
    case .down: report.scroll += 1
    case .up: report.scroll = max(0, report.scroll - 1)
    case .pageDown: report.scroll += max(1, height - 4)
    case .pageUp: report.scroll = max(0, report.scroll - max(1, height - 4))
    case .cancel: mode = .table
    default: break
    }
  }
}
