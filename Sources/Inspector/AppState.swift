import CookieCore
import TerminalKit

/// A file the inspector opened, as the status line and saving need it.
public struct OpenFile: Hashable, Sendable {
  /// The path as the user named it (also each of its cookies' `sourceFile`).
  public var name: String
  public var format: CookieFormat
  /// The writer dialect that gives the file's producer its own layout back (`w` uses it).
  public var dialect: String?
  public init(name: String, format: CookieFormat, dialect: String? = nil) {
    self.name = name
    self.format = format
    self.dialect = dialect
  }
}

extension OpenFile {
  /// Formats read from a browser's own database: sources only, never written.
  public static let browserStores: Set<CookieFormat> = [.firefox, .chromium, .safari]
}

/// The writers the inspector may save and export with. A wrapper because metatypes of a
/// protocol are not `Sendable` on their own; the writers themselves are stateless.
public struct WriterSet: @unchecked Sendable {
  public var list: [any CookieWriter.Type]
  public init(_ list: [any CookieWriter.Type] = CookieFormats.writers) { self.list = list }
  public func writer(for format: CookieFormat) -> (any CookieWriter.Type)? {
    for w in list where w.format == format { return w }
    return nil
  }
  public var formats: [CookieFormat] {
    var out: [CookieFormat] = []
    for w in list { out.append(w.format) }
    return out
  }
}

/// What the screen is doing: the table alone or one modal layer over it.
public enum Mode: Sendable {
  case table
  case filter
  case help
  case changes
  /// What the files' readers reported (rejected `Set-Cookie` lines, bad lines of a jar).
  case problems
  case confirm(Confirmation)
  case edit(EditForm)
  case export(ExportForm)
  /// `s`: asking for the URL of a request.
  case urlPrompt(URLPrompt)
  /// What a browser sends to that URL and what it leaves home, with the reasons.
  case urlView(URLReport)
  /// Typing the session signing key (masked).
  case keyEntry(TextField)
  /// Typing in the domain list: the cursor jumps to the first domain that matches.
  case domainJump(DomainJump)
}

/// Which pane the movement keys act on.
public enum Focus: Sendable, Hashable { case table, domains }

/// How the Expires column shows times.
public enum TimeDisplay: Int, Sendable, CaseIterable { case both, absolute, relative }

/// A message in the status line.
public struct StatusMessage: Hashable, Sendable {
  public enum Kind: Sendable, Hashable { case info, ok, warning, error }
  public var text: String
  public var kind: Kind
  public init(_ text: String, _ kind: Kind = .info) {
    self.text = text
    self.kind = kind
  }

  /// What opening says of `n` cookies a later one of the same identity replaced.
  public static func duplicatesReplaced(_ n: Int) -> String {
    "\(n) duplicate\(n == 1 ? "" : "s") replaced by later ones"
  }
}

/// Bytes a background write has put out, of about `total` (nil: not known ahead).
public struct WriteProgress: Hashable, Sendable {
  public var written: Int
  public var total: Int?
  public init(written: Int, total: Int?) {
    self.written = written
    self.total = total
  }
}

/// The sort order: one column, up or down (visidata keeps a list; one is enough here).
public struct SortOrder: Hashable, Sendable {
  public var column: ColumnID
  public var descending: Bool
  public init(column: ColumnID, descending: Bool) {
    self.column = column
    self.descending = descending
  }
}

/// The inspector's whole state (Elm style): everything `render` draws and `update`
/// changes. Time comes in as `now`; nothing here reads files, the clock or the environment.
public struct AppState: Sendable {
  public var store: CookieStore
  public var now: Instant
  public var files: [OpenFile]
  public var writers: WriterSet
  public var width: Int
  public var height: Int
  public var mode: Mode = .table
  public var focus: Focus = .table
  public var showDetail = false
  public var detailScroll = 0
  /// Long values and decoded views shown whole (`z`); folded again for the next cookie.
  public var detailUnfolded = false
  /// The cookie the detail pane's scroll and folding belong to (`followSelection`).
  var detailCookie: CookieHandle?
  public var helpScroll = 0
  public var changesScroll = 0
  /// What went wrong reading the files (the loaders' diagnostics), for the problems view.
  public var problems: [Diagnostic] = []
  public var problemsScroll = 0
  /// The rows shown, in display order: handles into the store (never copies of cookies).
  public internal(set) var visible: [CookieHandle] = []
  /// Index into `visible` of the selected row.
  public var cursor = 0
  /// Index into `visible` of the first row on screen.
  public var top = 0
  /// The selected column (an entry of `shownColumns`).
  public var column: ColumnID = .name
  public var hidden: Set<ColumnID> = ColumnID.hiddenByDefault
  /// Widths the user set with `<` and `>`; the others follow their content.
  public var columnWidths: [ColumnID: Int] = [:]
  public var sort: SortOrder?
  public var filter = TextField()
  /// The domain chosen in the left pane; nil shows every domain.
  public var domain: String?
  /// The site (registrable domain) chosen in the left pane: every host under it shows.
  /// At most one of `domain` and `site` is set.
  public var site: String?
  /// Sites of the domain list shown with their hosts (`example.net ▾`).
  public var expandedSites: Set<String> = []
  /// Index into the domain list's rows (`domainRows`; 0 is All).
  public var domainCursor = 0
  public var marks: Set<CookieHandle> = []
  public var message: StatusMessage?
  public var timeDisplay: TimeDisplay = .both
  /// Paths with a save in flight, and whether the app quits when they are done.
  public var pendingWrites: Set<String> = []
  public var quitAfterSave = false
  /// Signed-session support (verify, re-sign), given by the executable; nil: none.
  public var sessions: SessionCodec?
  /// `m`: values on screen replaced by placeholders (length, kind, keyed hash) for sharing
  /// the screen; the redaction (with its per-run key) comes from the executable.
  public var redaction: ValueRedaction?
  public var redactsValues = false
  /// `crumbs --diff A B`: the two jars and each cookie's status; nil otherwise.
  public var compare: CompareInfo?
  /// The store holds only the first lines of the jar while the whole of it is read (a large
  /// cookies.txt just opened): the status line says so instead of counting.
  public var reading = false

  /// `c` as the screen shows it: with its value redacted while `m` is on.
  func onScreen(_ c: Cookie) -> Cookie {
    guard redactsValues, let redaction else { return c }
    var r = c
    r.value = redaction.placeholder(forValue: c.value)
    return r
  }
  /// The key for signed sessions (`--key-file`, `CRUMBS_SECRET_KEY` or `S`); memory only.
  public var sessionKey: SecretKey?
  /// The last request asked about with `s` (the prompt starts from it).
  public var lastRequest: URLPrompt?
  /// How far each write in flight is (`Msg.writeProgress`), for the status line.
  public var writeProgress: [String: WriteProgress] = [:]
  /// `w` was pressed while a save was being written: save again (what changed since) when
  /// it is done.
  public var saveAfterWrite = false
  var derived = DerivedData()
  /// Work on the whole store not finished yet (large jars): the run loop sends `Msg.work`
  /// until it is (`hasPendingWork`).
  var jobs = JobQueue()
  /// Cookies per slice of background work, a few ms each (Benchmarks/README-ui.md); also
  /// the jar size up to which a sort is done at once. Tests make it tiny.
  var workSlice = 25_000
  /// Elements sorted in one go before the sliced merge (tests make it tiny).
  var sortRunLength = 16384

  /// The expired count is known (false before the first count of the store is done).
  public var expiredCountKnown: Bool { derived.revision >= 0 }

  /// Cookies expired as of `now`: a binary search in the sorted expiries, so the clock can
  /// move every second without a recount (RFC 6265bis §5.7: expiry at or before now).
  public var expiredCount: Int {
    let e = derived.expiries
    let t = now.microseconds
    var lo = 0
    var hi = e.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if e[mid] <= t { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// How far the pending filter is, 0...1 (1 when none is pending).
  public var filterProgress: Double {
    jobs.pending(FilterJob.self)?.progress ?? 1
  }

  /// `backgroundWork`: the first frame shows the rows at once and leaves the domain counts
  /// and the expiry index to `Msg.work` (the status line says `counting…`), so a large jar
  /// opens without waiting for them; false does everything before returning.
  public init(
    store: CookieStore, now: Instant, files: [OpenFile] = [], width: Int = 80, height: Int = 24,
    writers: WriterSet = WriterSet(), message: StatusMessage? = nil, problems: [Diagnostic] = [],
    backgroundWork: Bool = false
  ) {
    self.init(
      store: store, now: now, files: files, width: width, height: height, writers: writers, message: message,
      problems: problems, backgroundWork: backgroundWork, workSlice: 25_000)
  }

  init(
    store: CookieStore, now: Instant, files: [OpenFile] = [], width: Int = 80, height: Int = 24,
    writers: WriterSet = WriterSet(), message: StatusMessage? = nil, problems: [Diagnostic] = [],
    backgroundWork: Bool, workSlice: Int
  ) {
    self.store = store
    self.now = now
    self.files = files
    self.writers = writers
    self.width = width
    self.height = height
    self.message = message
    self.problems = problems
    self.workSlice = workSlice
    if backgroundWork {
      refreshDerived()
      refreshRows()
    } else {
      refreshAll()
    }
  }

  /// The selected cookie's handle, nil when nothing is shown.
  public var selected: CookieHandle? {
    visible.indices.contains(cursor) ? visible[cursor] : nil
  }

  /// Columns in display order without the hidden ones; Source only with several files.
  public var shownColumns: [ColumnID] {
    ColumnID.allCases.filter { c in
      !hidden.contains(c) && (c != .source || files.count > 1) && (c != .status || compare != nil)
    }
  }

  public var isDirty: Bool { store.isDirty }

  /// `Saving… 45%` while a write is in flight (the bytes written when its size is not
  /// known ahead); nil when none is.
  public var saveStatus: String? {
    guard !pendingWrites.isEmpty else { return nil }
    var written = 0
    var total = 0
    var sized = true
    for path in pendingWrites {
      let p = writeProgress[path]
      written += p?.written ?? 0
      if let t = p?.total, t > 0 { total += t } else { sized = false }
    }
    if sized { return "Saving… \(min(99, written * 100 / max(1, total)))%" }
    if written >= 1_000_000 { return "Saving… \(written / 1_000_000) MB" }
    if written > 0 { return "Saving… \(written / 1000) kB" }
    return "Saving…"
  }
}

/// Facts about the whole store that the status line and domain pane show, recomputed
/// only when the store's revision changes.
struct DerivedData: Sendable {
  var revision = -1
  /// Every expiry in the store (session cookies have none), sorted.
  var expiries: [Int64] = []
  var domains: [(domain: String, count: Int)] = []
  /// `domains` grouped under their sites, and the domain list's rows over them.
  var sites: [SiteGroup] = []
  var domainRows: [DomainRow] = [.all]
  /// Each host's site, kept across recounts: the public suffix lookup is done once per host.
  var siteCache: [String: String] = [:]
  /// What `visible` was last computed from (the incremental filter narrows from it).
  var rows: RowSpec?
  var sortCache = SortCache()
  /// Widest cell per text column over the first rows shown, so short columns give their
  /// room to Value (visidata's width rule, sampled so it costs the same for any jar).
  var contentWidths: [ColumnID: Int] = [:]
  /// Widest Expires text in each measured form, over the same rows.
  var expiryWidths: [ExpiryForm: Int] = [:]
}
