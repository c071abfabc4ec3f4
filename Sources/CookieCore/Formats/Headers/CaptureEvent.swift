/// One cookie-bearing header found in a capture (a header dump or a HAR entry), with the
/// context the storage model needs: the request URL and the time, when the capture says.
public struct CaptureEvent: Sendable {
  public enum Kind: Sendable {
    /// A `Set-Cookie` value received in a response.
    case setCookie
    /// A `Cookie` request header value (`a=1; b=2`): name/value pairs only.
    case requestCookie
    /// A cookie the capture describes directly (a HAR cookie object without its header).
    case cookie(Cookie)
  }
  public var kind: Kind
  public var value: String
  /// The request URL; nil when neither the capture nor `--origin` says it.
  public var url: RequestURL?
  /// When the response arrived (`Date:` header, HAR `startedDateTime`); nil: the clock.
  public var time: Instant?
  /// 1-based line in the file, for line-based captures.
  public var line: Int?
  /// Where in a file without lines (`entry 3 response`).
  public var record: String?
  /// The request of a record-based capture (`GET https://example.com/login`), which each
  /// cookie it stores keeps as `Cookie.sourceRequest`.
  public var request: String?
  /// CHIPS partition the capture records (Chrome HAR `partitionKey`).
  public var partitionKey: PartitionKey?

  public init(
    _ kind: Kind, value: String, url: RequestURL?, time: Instant? = nil, line: Int? = nil,
    record: String? = nil, request: String? = nil, partitionKey: PartitionKey? = nil
  ) {
    self.kind = kind
    self.value = value
    self.url = url
    self.time = time
    self.line = line
    self.record = record
    self.request = request
    self.partitionKey = partitionKey
  }
}

/// What a capture parser found: the events in order, and what it had to say.
public struct Capture: Sendable {
  public var events: [CaptureEvent] = []
  public var diagnostics: [Diagnostic] = []
  public init(events: [CaptureEvent] = [], diagnostics: [Diagnostic] = []) {
    self.events = events
    self.diagnostics = diagnostics
  }
}
