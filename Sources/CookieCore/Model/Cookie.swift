/// One cookie with every attribute a browser keeps or devtools shows, plus where it came from.
///
/// Memory matters (a 1,000,000-cookie jar must open in interactive time): the common fields
/// are stored inline, the rarely set ones (times, partition, priority, origin attributes,
/// unknown fields) in a copy-on-write box that most cookies never allocate.
public struct Cookie: Hashable, Sendable {
  // The stored fields are laid out for size (104 bytes a cookie; a million-cookie jar holds
  // a million of them): the strings and the box first, then the expiry, then the one-byte
  // flags and the line number in the bytes after the expiry's tag.
  public var name: String
  /// The value's bytes, in a slab shared with the other values its reader made (see
  /// `ValueText`); `value` makes a `String` of them.
  public internal(set) var valueText: ValueText
  /// Lower-case host or domain without a leading dot. Empty when the domain is unknown
  /// (a `Set-Cookie` captured without its request URL); see `isDomainKnown`.
  public var domain: String
  public var path: String
  /// Path of the file this cookie was read from (`-` for stdin); empty for cookies made here.
  public var sourceFile: String
  private var box: Extras?
  /// nil for a session cookie.
  public var expires: Instant?
  /// `hostOnly`, `secure`, `httpOnly` and `partitioned`, a bit each.
  private var flags: UInt8
  public var sameSite: SameSite
  /// 1-based line in `sourceFile`, 0 when the format has no lines (see `sourceRecord`).
  public var sourceLine: Int32

  private static let hostOnlyBit: UInt8 = 1
  private static let secureBit: UInt8 = 2
  private static let httpOnlyBit: UInt8 = 4
  private static let partitionedBit: UInt8 = 8

  @inline(__always)
  private func flag(_ bit: UInt8) -> Bool { flags & bit != 0 }
  @inline(__always)
  private mutating func setFlag(_ bit: UInt8, _ on: Bool) {
    if on { flags |= bit } else { flags &= ~bit }
  }

  /// True when the cookie matches only `domain` itself (no `Domain` attribute).
  public var hostOnly: Bool {
    get { flag(Cookie.hostOnlyBit) }
    set { setFlag(Cookie.hostOnlyBit, newValue) }
  }
  public var secure: Bool {
    get { flag(Cookie.secureBit) }
    set { setFlag(Cookie.secureBit, newValue) }
  }
  public var httpOnly: Bool {
    get { flag(Cookie.httpOnlyBit) }
    set { setFlag(Cookie.httpOnlyBit, newValue) }
  }
  /// The CHIPS `Partitioned` attribute.
  public var partitioned: Bool {
    get { flag(Cookie.partitionedBit) }
    set { setFlag(Cookie.partitionedBit, newValue) }
  }

  public init(
    name: String, value: String, domain: String, hostOnly: Bool = true, path: String = "/",
    expires: Instant? = nil, secure: Bool = false, httpOnly: Bool = false,
    sameSite: SameSite = .unset, partitioned: Bool = false,
    sourceFile: String = "", sourceLine: Int32 = 0
  ) {
    self.name = name
    self.valueText = ValueText(value)
    self.domain = domain
    self.path = path
    self.sourceFile = sourceFile
    self.box = nil
    self.expires = expires
    self.flags =
      (hostOnly ? Cookie.hostOnlyBit : 0) | (secure ? Cookie.secureBit : 0)
      | (httpOnly ? Cookie.httpOnlyBit : 0)
      | (partitioned ? Cookie.partitionedBit : 0)
    self.sameSite = sameSite
    self.sourceLine = sourceLine
  }

  /// As the public init, with the value already in a slab (the readers' fast path).
  init(
    name: String, valueText: ValueText, domain: String, hostOnly: Bool, path: String, expires: Instant?,
    secure: Bool, httpOnly: Bool, sourceFile: String, sourceLine: Int32
  ) {
    self.init(
      name: name, value: "", domain: domain, hostOnly: hostOnly, path: path, expires: expires, secure: secure,
      httpOnly: httpOnly, sourceFile: sourceFile, sourceLine: sourceLine)
    self.valueText = valueText
  }

  /// The value. Reading it makes a `String` each time (an allocation when it is over 15
  /// bytes): code that visits a million cookies reads `withValueBytes` or `valueByteCount`.
  public var value: String {
    get { valueText.string }
    set { valueText = ValueText(newValue) }
  }

  /// The value's UTF-8 bytes, valid during `body`; no `String` is made.
  @inline(__always)
  public func withValueBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try valueText.withBytes(body)
  }

  /// `value.utf8.count`, without making the string.
  public var valueByteCount: Int { Int(valueText.count) }

  /// Rare fields; a class so that a cookie without them stays small, copied on write.
  final class Extras: Hashable, @unchecked Sendable {
    var created: Instant?
    var lastAccessed: Instant?
    var lastUpdated: Instant?
    var partitionKey: PartitionKey?
    var priority: CookiePriority?
    var sameSiteRaw: String?
    var sourceScheme: SourceScheme?
    var sourcePort: Int?
    var sourceRecord: String?
    var sourceRequest: String?
    var originAttributes: String?
    var storeId: String?
    var comment: String?
    var port: String?
    var unknownFields: [String: String] = [:]

    init() {}
    func copy() -> Extras {
      let c = Extras()
      c.created = created
      c.lastAccessed = lastAccessed
      c.lastUpdated = lastUpdated
      c.partitionKey = partitionKey
      c.priority = priority
      c.sameSiteRaw = sameSiteRaw
      c.sourceScheme = sourceScheme
      c.sourcePort = sourcePort
      c.sourceRecord = sourceRecord
      c.sourceRequest = sourceRequest
      c.originAttributes = originAttributes
      c.storeId = storeId
      c.comment = comment
      c.port = port
      c.unknownFields = unknownFields
      return c
    }
    var isEmpty: Bool {
      created == nil && lastAccessed == nil && lastUpdated == nil && partitionKey == nil
        && priority == nil && sameSiteRaw == nil && sourceScheme == nil && sourcePort == nil
        && sourceRecord == nil && sourceRequest == nil && originAttributes == nil && storeId == nil
        && comment == nil
        && port == nil && unknownFields.isEmpty
    }
    static func == (a: Extras, b: Extras) -> Bool {
      a.created == b.created && a.lastAccessed == b.lastAccessed && a.lastUpdated == b.lastUpdated
        && a.partitionKey == b.partitionKey && a.priority == b.priority
        && a.sameSiteRaw == b.sameSiteRaw && a.sourceScheme == b.sourceScheme
        && a.sourcePort == b.sourcePort && a.sourceRecord == b.sourceRecord
        && a.sourceRequest == b.sourceRequest
        && a.originAttributes == b.originAttributes && a.storeId == b.storeId
        && a.comment == b.comment && a.port == b.port && a.unknownFields == b.unknownFields
    }
    func hash(into h: inout Hasher) {
      h.combine(created)
      h.combine(partitionKey)
      h.combine(priority)
      h.combine(sourceRecord)
    }
  }

  private mutating func extras() -> Extras {
    if let box {
      if isKnownUniquelyReferenced(&self.box) { return box }
      let c = box.copy()
      self.box = c
      return c
    }
    let e = Extras()
    box = e
    return e
  }

  private mutating func setExtra<T>(_ key: ReferenceWritableKeyPath<Extras, T?>, _ v: T?) {
    if v == nil && box == nil { return }
    extras()[keyPath: key] = v
    if let box, box.isEmpty { self.box = nil }
  }

  // Two cookies compare by content; an empty box equals no box.
  public static func == (a: Cookie, b: Cookie) -> Bool {
    guard a.name == b.name, a.valueText == b.valueText, a.domain == b.domain, a.path == b.path,
      a.expires == b.expires, a.flags == b.flags, a.sameSite == b.sameSite,
      a.sourceFile == b.sourceFile, a.sourceLine == b.sourceLine
    else { return false }
    switch (a.box, b.box) {
    case (nil, nil): return true
    case (let x?, nil), (nil, let x?): return x.isEmpty
    case (let x?, let y?): return x === y || x == y
    }
  }
  public func hash(into h: inout Hasher) {
    h.combine(name)
    h.combine(valueText)
    h.combine(domain)
    h.combine(path)
    h.combine(expires)
  }

  /// Creation time, when the source recorded it.
  public var created: Instant? {
    get { box?.created }
    set { setExtra(\.created, newValue) }
  }
  public var lastAccessed: Instant? {
    get { box?.lastAccessed }
    set { setExtra(\.lastAccessed, newValue) }
  }
  public var lastUpdated: Instant? {
    get { box?.lastUpdated }
    set { setExtra(\.lastUpdated, newValue) }
  }
  public var partitionKey: PartitionKey? {
    get { box?.partitionKey }
    set { setExtra(\.partitionKey, newValue) }
  }
  public var priority: CookiePriority? {
    get { box?.priority }
    set { setExtra(\.priority, newValue) }
  }
  /// The SameSite text exactly as the source had it, when it was not a known spelling.
  public var sameSiteRaw: String? {
    get { box?.sameSiteRaw }
    set { setExtra(\.sameSiteRaw, newValue) }
  }
  public var sourceScheme: SourceScheme? {
    get { box?.sourceScheme }
    set { setExtra(\.sourceScheme, newValue) }
  }
  public var sourcePort: Int? {
    get { box?.sourcePort }
    set { setExtra(\.sourcePort, newValue) }
  }
  /// Where in a file without lines the cookie came from (`entry 3 response`, `rowid 17`).
  public var sourceRecord: String? {
    get { box?.sourceRecord }
    set { setExtra(\.sourceRecord, newValue) }
  }
  /// The request whose response set the cookie, as a capture recorded it (`GET
  /// https://example.com/login` for a HAR entry); nil when the source does not say.
  public var sourceRequest: String? {
    get { box?.sourceRequest }
    set { setExtra(\.sourceRequest, newValue) }
  }
  /// Firefox `originAttributes` (`^userContextId=2`, …).
  public var originAttributes: String? {
    get { box?.originAttributes }
    set { setExtra(\.originAttributes, newValue) }
  }
  public var storeId: String? {
    get { box?.storeId }
    set { setExtra(\.storeId, newValue) }
  }
  public var comment: String? {
    get { box?.comment }
    set { setExtra(\.comment, newValue) }
  }
  /// RFC 2965 / wget port restriction (`8766`, `"80,8080"`).
  public var port: String? {
    get { box?.port }
    set { setExtra(\.port, newValue) }
  }
  /// Fields of the source format that have no place here, kept for a lossless re-export.
  public var unknownFields: [String: String] {
    get { box?.unknownFields ?? [:] }
    set {
      if newValue.isEmpty && box == nil { return }
      extras().unknownFields = newValue
      if let box, box.isEmpty { self.box = nil }
    }
  }
}

extension Cookie {
  public var id: CookieID {
    CookieID(name: name, domain: domain, hostOnly: hostOnly, path: path, partition: identityPartition)
  }

  /// The partition part of the identity: Firefox's `originAttributes` when present (its
  /// unique key is name, host, path, originAttributes: containers and partitions), else the
  /// CHIPS key as Chromium's unique index has it (top-level site and cross-site bit).
  public var identityPartition: String? {
    if let oa = originAttributes, !oa.isEmpty { return "oa:" + oa }
    guard let k = partitionKey else { return nil }
    return k.hasCrossSiteAncestor == true ? k.topLevelSite + " (cross-site)" : k.topLevelSite
  }
  public var isSession: Bool { expires == nil }
  public var isDomainKnown: Bool { !domain.isEmpty }

  /// Expired as of `now`: an expiry at or before now (RFC 6265bis §5.7 removes such cookies).
  public func isExpired(at now: Instant) -> Bool {
    guard let expires else { return false }
    return expires <= now
  }

  /// Size as devtools shows it: bytes of name plus value (UTF-8).
  public var size: Int { name.utf8.count + valueByteCount }

  /// `file:line`, or `file (record)`, or the record alone.
  public var sourceDescription: String {
    if sourceLine > 0 { return "\(sourceFile):\(sourceLine)" }
    if let r = sourceRecord { return sourceFile.isEmpty ? r : "\(sourceFile) (\(r))" }
    return sourceFile
  }
}

/// A cookie's identity: RFC 6265bis §5.7 step 22 (name, domain, host-only, path), plus the
/// partition key browsers add. Two cookies with one identity cannot live in one jar.
public struct CookieID: Hashable, Sendable, CustomStringConvertible {
  public var name: String
  public var domain: String
  public var hostOnly: Bool
  public var path: String
  public var partition: String?
  public init(name: String, domain: String, hostOnly: Bool, path: String, partition: String? = nil) {
    self.name = name
    self.domain = domain
    self.hostOnly = hostOnly
    self.path = path
    self.partition = partition
  }
  public var description: String {
    var s = "\(name) @ \(hostOnly ? "" : ".")\(domain)\(path)"
    if let partition {
      // `identityPartition` prefixes Firefox origin attributes with `oa:`; show them as such.
      s +=
        partition.hasPrefix("oa:")
        ? " [originAttributes \(partition.dropFirst(3))]" : " [partition \(partition)]"
    }
    return s
  }
}
