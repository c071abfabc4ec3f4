/// A stable reference to a cookie in a `CookieStore`. Handles are never reused, so a
/// handle held by the UI (selection, marks) stays valid across undo and redo.
public struct CookieHandle: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let index: Int32
  public init(_ index: Int32) { self.index = index }
  public static func < (a: CookieHandle, b: CookieHandle) -> Bool { a.index < b.index }
  public var description: String { "#\(index)" }
}

/// Why the store refused a change.
public enum CookieStoreError: Error, Equatable, CustomStringConvertible {
  /// Another live cookie already has this identity.
  case duplicateIdentity(CookieID, existing: CookieHandle)
  /// The handle does not name a live cookie.
  case noSuchCookie(CookieHandle)

  public var description: String {
    switch self {
    case .duplicateIdentity(let id, _): "a cookie \(id) already exists"
    case .noSuchCookie(let h): "no cookie \(h) in the store"
    }
  }
}

/// What happened to a cookie since the files were loaded.
public enum CookieChangeKind: Hashable, Sendable {
  case added, modified, deleted
}

/// The in-memory jar: keeps file order, applies every change as a reversible operation
/// (undo and redo without limit), tracks unsaved changes and what changed since load.
///
/// Storage is a slot per handle plus a live flag: deleting and restoring are O(1) per
/// cookie, file order is handle order, and new cookies go to the end.
public struct CookieStore: Sendable {
  private var slots: [Cookie] = []
  private var alive: [Bool] = []
  private var identity = IdentityTable()
  /// Handles below this came from the loaded files.
  public private(set) var loadedCount = 0
  /// The first value of every cookie an edit replaced (loaded or added here): the cookie as
  /// loaded (`originalCookie`), and what a save point needs to know a slot's value then.
  private var originals: [Int32: Cookie] = [:]
  /// Loaded cookies some operation has touched (changed, deleted, or changed and changed
  /// back): a flag per loaded handle (allocated at the first edit) and the handles in the
  /// order they were first touched. A removal copies no cookie: its slot keeps it.
  private var touched: [Bool] = []
  private var touchedList: [Int32] = []
  /// How many cookies one change must remove or restore before the identity table takes
  /// them in bulk (`StoreEdit.removeMany`); tests set it past any change to check the bulk
  /// path against the one-by-one one.
  var bulkMinimum = 64
  /// Forces the identity table's bulk removal to sweep (true) or probe (false); nil: the
  /// cheaper one for the change's size.
  var sweepRemovals: Bool? = nil
  private var undoStack: [StoreChange] = []
  private var redoStack: [StoreChange] = []
  private var nextSerial = 1
  private var savedSerial = 0
  public private(set) var count = 0
  /// Increases with every change, undo and redo: a cheap key for caches built on the store.
  public private(set) var revision = 0

  public init() {}

  /// A store holding `cookies` in order. Cookies whose identity repeats an earlier one
  /// replace it, as every browser and curl do when they read a jar; the replaced ones are
  /// returned so the caller can tell the user.
  public init(loading cookies: [Cookie]) {
    self.init()
    _ = load(cookies)
  }

  /// Appends freshly loaded cookies (not undoable, not unsaved). Returns each replaced
  /// earlier cookie with the one that replaced it.
  @discardableResult
  public mutating func load(_ cookies: [Cookie]) -> [(replaced: Cookie, by: Cookie)] {
    var replaced: [(Cookie, Cookie)] = []
    load(cookies) { old, new in replaced.append((old, new)) }
    return replaced
  }

  /// `load`, telling `replaced` about each replaced cookie (in order) instead of collecting
  /// them: a large jar can replace tens of thousands, and a list of cookie pairs then costs
  /// megabytes at the moment memory peaks.
  public mutating func load(_ cookies: [Cookie], eachReplaced replaced: (_ old: Cookie, _ by: Cookie) -> Void)
  {
    precondition(loadedCount == slots.count && undoStack.isEmpty, "load only before edits")
    precondition(isIndexed, "load only once the identity index is installed")
    if slots.isEmpty {
      // First load: share the caller's array instead of copying a million cookies one by
      // one (each copy retains five strings); the caller drops its reference after.
      let before = revision
      holdUnindexed(cookies)
      install(Index(of: cookies), eachReplaced: replaced)
      revision = before + 1
      return
    }
    slots.reserveCapacity(slots.count + cookies.count)
    alive.reserveCapacity(slots.count + cookies.count)
    identity.reserve(count + cookies.count, slots: slots)
    for c in cookies {
      let h = Int32(slots.count)
      slots.append(c)
      alive.append(true)
      if let old = identity.insertOrReplace(h, slots: slots) {
        alive[Int(old)] = false
        replaced(slots[Int(old)], c)
      } else {
        count += 1
      }
    }
    loadedCount = slots.count
    revision += 1
  }

  // MARK: Loading with the index built apart

  /// The identity index of a freshly loaded jar, built apart from the store (on any thread:
  /// it is a value) so a large jar can be shown before its index is done
  /// (`init(deferringIndexOf:)`, `install`).
  public struct Index: Sendable {
    fileprivate var table = IdentityTable()
    /// (replaced, by) slot pairs, in the order the replacements happened.
    fileprivate var dead: [(Int32, Int32)] = []
    fileprivate let cookieCount: Int

    /// The index of `cookies` as `load` would build it: later cookies replace earlier ones
    /// of the same identity.
    public init(of cookies: [Cookie]) {
      cookieCount = cookies.count
      var dead: [(Int32, Int32)] = []
      table.insertAll(cookies) { old, new in dead.append((old, new)) }
      self.dead = dead
    }

    /// How many cookies a later one of the same identity replaced.
    public var replacedCount: Int { dead.count }
  }

  /// A store holding `cookies` in file order whose identity index is not built yet: it can
  /// be read at once (every cookie counts as live), and nothing changes it until `install`
  /// gives it the index built from the same cookies (`Index(of:)`, which may run on another
  /// thread meanwhile). The inspector draws a million-cookie jar this way before indexing.
  public init(deferringIndexOf cookies: [Cookie]) {
    holdUnindexed(cookies)
    revision = 1
  }

  /// `cookies` as the loaded ones, every one live, the index still to come (`install`).
  private mutating func holdUnindexed(_ cookies: [Cookie]) {
    slots = cookies
    alive = Array(repeating: true, count: cookies.count)
    count = cookies.count
    loadedCount = cookies.count
    isIndexed = false
  }

  /// False between `init(deferringIndexOf:)` and `install`: only reading is allowed.
  public private(set) var isIndexed = true

  /// Installs the index built from this store's cookies: the cookies later ones replaced
  /// stop being live. Returns each replaced cookie with the one that replaced it, in order.
  /// The revision changes only when some cookie was replaced (the rows stay the same
  /// otherwise).
  @discardableResult
  public mutating func install(_ index: Index) -> [(replaced: Cookie, by: Cookie)] {
    var out: [(Cookie, Cookie)] = []
    install(index) { old, new in out.append((old, new)) }
    return out
  }

  /// `install`, telling `replaced` about each replaced cookie instead of collecting them.
  public mutating func install(_ index: Index, eachReplaced replaced: (_ old: Cookie, _ by: Cookie) -> Void) {
    precondition(!isIndexed && undoStack.isEmpty, "install once, before any edit")
    precondition(index.cookieCount == slots.count, "an index of other cookies")
    identity = index.table
    isIndexed = true
    for (old, new) in index.dead {
      alive[Int(old)] = false
      replaced(slots[Int(old)], slots[Int(new)])
    }
    count -= index.dead.count
    if !index.dead.isEmpty { revision += 1 }
  }

  // MARK: Reading

  public subscript(handle: CookieHandle) -> Cookie { slots[Int(handle.index)] }

  public func contains(_ handle: CookieHandle) -> Bool {
    handle.index >= 0 && Int(handle.index) < slots.count && alive[Int(handle.index)]
  }

  /// Live handles in file order (new cookies last).
  public var handles: [CookieHandle] {
    var out: [CookieHandle] = []
    out.reserveCapacity(count)
    for i in alive.indices where alive[i] { out.append(CookieHandle(Int32(i))) }
    return out
  }

  /// Live cookies in file order.
  public var cookies: [Cookie] { snapshot.cookies }

  /// The live cookies as they are now, taken in O(1): the store's arrays are shared (copy
  /// on write) and only `Snapshot.cookies` copies cookies, on whichever thread reads it (the
  /// inspector's save thread), so `w` over a million cookies costs the main thread nothing.
  public var snapshot: Snapshot { Snapshot(slots: slots, alive: alive, count: count) }

  /// Live cookies of a store at one moment (`CookieStore.snapshot`).
  public struct Snapshot: Sendable {
    let slots: [Cookie]
    let alive: [Bool]
    /// How many cookies it holds.
    public let count: Int

    /// The cookies in file order; the store's own array when none was ever deleted.
    public var cookies: [Cookie] {
      if count == slots.count { return slots }
      var out: [Cookie] = []
      out.reserveCapacity(count)
      for i in alive.indices where alive[i] { out.append(slots[i]) }
      return out
    }

    /// How many cookies `include` keeps (nothing copied).
    public func count(where include: (borrowing Cookie) -> Bool) -> Int {
      var n = 0
      slots.withUnsafeBufferPointer { buf in
        for i in alive.indices where alive[i] && include(buf[i]) { n += 1 }
      }
      return n
    }

    /// The cookies `include` keeps, in file order.
    public func cookies(where include: (borrowing Cookie) -> Bool) -> [Cookie] {
      var out: [Cookie] = []
      slots.withUnsafeBufferPointer { buf in
        for i in alive.indices where alive[i] && include(buf[i]) { out.append(buf[i]) }
      }
      return out
    }
  }

  public func handle(for id: CookieID) -> CookieHandle? {
    precondition(isIndexed, "find before the identity index is installed")
    return identity.find(id, slots: slots).map(CookieHandle.init)
  }

  // MARK: Changing

  /// Adds a new cookie at the end. Throws when its identity is taken.
  @discardableResult
  public mutating func add(_ cookie: Cookie, label: String? = nil) throws(CookieStoreError) -> CookieHandle {
    precondition(isIndexed, "add before the identity index is installed")
    if let other = identity.find(cookie.id, slots: slots) {
      throw .duplicateIdentity(cookie.id, existing: CookieHandle(other))
    }
    let h = Int32(slots.count)
    slots.append(cookie)
    alive.append(false)
    commit(StoreChange(label: label ?? "add \(cookie.name)", edits: [.insert(h)]))
    return CookieHandle(h)
  }

  /// Replaces the cookie behind `handle` with `cookie` (any field may change). Throws when
  /// the new identity belongs to another live cookie.
  public mutating func update(_ handle: CookieHandle, to cookie: Cookie, label: String? = nil)
    throws(CookieStoreError)
  {
    guard contains(handle) else { throw .noSuchCookie(handle) }
    let old = slots[Int(handle.index)]
    if old == cookie { return }
    precondition(isIndexed, "update before the identity index is installed")
    if let other = identity.find(cookie.id, slots: slots), other != handle.index {
      throw .duplicateIdentity(cookie.id, existing: CookieHandle(other))
    }
    commit(
      StoreChange(
        label: label ?? "edit \(old.name)", edits: [.replace(handle.index, old: old, new: cookie)]))
  }

  /// Stores `cookie`, replacing a live cookie of the same identity in place (the storage
  /// model's "replace", RFC 6265bis §5.7 step 22) or adding it at the end.
  @discardableResult
  public mutating func set(_ cookie: Cookie, label: String? = nil) -> CookieHandle {
    precondition(isIndexed, "set before the identity index is installed")
    if let h = identity.find(cookie.id, slots: slots) {
      try! update(CookieHandle(h), to: cookie, label: label ?? "replace \(cookie.name)")
      return CookieHandle(h)
    }
    return try! add(cookie, label: label)
  }

  /// Deletes the given cookies as one undoable change; returns how many were deleted.
  @discardableResult
  public mutating func delete(_ handles: some Sequence<CookieHandle>, label: String? = nil) -> Int {
    var picked: [Int32] = []
    var seen = Set<Int32>()
    for h in handles where contains(h) && seen.insert(h.index).inserted {
      picked.append(h.index)
    }
    if picked.isEmpty { return 0 }
    let n = picked.count
    commit(
      StoreChange(
        label: label ?? (n == 1 ? "delete \(slots[Int(picked[0])].name)" : "delete \(n) cookies"),
        edits: removal(of: picked)))
    return n
  }

  /// Deletes every cookie expired as of `now` (expiry at or before it) as one change.
  @discardableResult
  public mutating func purgeExpired(now: Instant) -> Int {
    var picked: [Int32] = []
    slots.withUnsafeBufferPointer { buf in
      for i in alive.indices where alive[i] && buf[i].isExpired(at: now) { picked.append(Int32(i)) }
    }
    if picked.isEmpty { return 0 }
    commit(StoreChange(label: "purge \(picked.count) expired", edits: removal(of: picked)))
    return picked.count
  }

  /// How many cookies are expired as of `now` (what `purgeExpired` would delete).
  public func expiredCount(now: Instant) -> Int {
    var n = 0
    slots.withUnsafeBufferPointer { buf in
      for i in alive.indices where alive[i] && buf[i].isExpired(at: now) { n += 1 }
    }
    return n
  }

  /// The edits that remove `handles`: one compact record for many (a purge of a tenth of a
  /// million cookies is 400 kB of handles, not a hundred thousand edits).
  private func removal(of handles: [Int32]) -> [StoreEdit] {
    handles.count >= bulkMinimum ? [.removeMany(handles)] : handles.map { .remove($0) }
  }

  /// Empties the store and returns its live cookies in order, without copying them when
  /// it can (a command that loads, filters and writes a million cookies needs no undo).
  public mutating func takeCookies() -> [Cookie] {
    var out = slots
    let live = alive
    let liveCount = count
    self = CookieStore()
    if liveCount == out.count { return out }
    // Compact in place; swapping inside the buffer moves bytes, no retain or release.
    let w = out.withUnsafeMutableBufferPointer { buf -> Int in
      var w = 0
      for i in buf.indices where live[i] {
        if w != i { buf.swapAt(w, i) }
        w += 1
      }
      return w
    }
    out.removeLast(out.count - w)
    return out
  }

  /// The handles of cookies expired as of `now`.
  public func expiredHandles(now: Instant) -> [CookieHandle] {
    var out: [CookieHandle] = []
    for i in alive.indices where alive[i] && slots[i].isExpired(at: now) {
      out.append(CookieHandle(Int32(i)))
    }
    return out
  }

  // MARK: Undo

  public var canUndo: Bool { !undoStack.isEmpty }
  public var canRedo: Bool { !redoStack.isEmpty }
  /// Labels of the changes that can be undone, oldest first.
  public var undoLabels: [String] { undoStack.map(\.label) }
  public var redoLabels: [String] { redoStack.reversed().map(\.label) }

  /// Undoes the newest change; returns its label, nil when there is nothing to undo.
  @discardableResult
  public mutating func undo() -> String? {
    guard let change = undoStack.popLast() else { return nil }
    for edit in change.edits.reversed() { apply(edit.inverse) }
    redoStack.append(change)
    revision += 1
    return change.label
  }

  @discardableResult
  public mutating func redo() -> String? {
    guard let change = redoStack.popLast() else { return nil }
    for edit in change.edits { apply(edit) }
    undoStack.append(change)
    revision += 1
    return change.label
  }

  /// True when the store differs from what was last saved (or loaded).
  public var isDirty: Bool { (undoStack.last?.serial ?? 0) != savedSerial }
  /// The state last saved; nil: the state as loaded.
  private var saved: SavePoint?

  /// Records that the current state has been written out.
  public mutating func markSaved() {
    markSaved(savePoint)
  }

  /// The store as it is now, for `markSaved(_:)` once a save of this state is done: a save
  /// written in the background finishes after later edits, which stay unsaved. Costs the
  /// replaced cookies only: which cookies were live is the live flags (shared, copy on
  /// write), and a slot's value changes only when an edit replaces it.
  public var savePoint: SavePoint {
    var values: [Int32: Cookie] = [:]
    values.reserveCapacity(originals.count)
    for k in originals.keys { values[k] = slots[Int(k)] }
    return SavePoint(
      serial: undoStack.last?.serial ?? 0, slotCount: slots.count, alive: alive, values: values)
  }

  /// Records that the store as it was at `point` has been written out.
  public mutating func markSaved(_ point: SavePoint) {
    savedSerial = point.serial
    saved = point
  }

  /// A state of the store that a save wrote (`savePoint`).
  public struct SavePoint: Hashable, Sendable {
    let serial: Int
    /// Handles below this existed then.
    let slotCount: Int
    /// Which of them were live.
    let alive: [Bool]
    /// The value then of every slot an edit had replaced by then; any other slot still
    /// held its first value (`CookieStore.firstValue`).
    let values: [Int32: Cookie]
  }

  /// The value a slot was created with (loaded, or added here).
  private func firstValue(_ k: Int32) -> Cookie { originals[k] ?? slots[Int(k)] }

  /// Whether `k` was live in the last saved state (before any save: loaded; a loaded
  /// cookie a duplicate replaced is never asked about, no edit can reach it).
  private func wasSavedLive(_ k: Int32) -> Bool {
    guard let p = saved else { return Int(k) < loadedCount }
    return Int(k) < p.slotCount && p.alive[Int(k)]
  }

  /// The cookie behind `k` in the last saved state, when it was live then.
  private func savedCookie(_ k: Int32) -> Cookie {
    saved?.values[k] ?? firstValue(k)
  }

  /// Every cookie added, modified or deleted since the last save (or the load), in handle
  /// order: what saving now would change, for the pending-changes view and the quit prompt.
  /// Only touched loaded cookies and those added here can differ.
  public var changesSinceSave: [(CookieHandle, CookieChangeKind)] {
    var out: [(CookieHandle, CookieChangeKind)] = []
    func check(_ k: Int32) {
      switch (wasSavedLive(k), alive[Int(k)]) {
      case (false, true): out.append((CookieHandle(k), .added))
      case (true, false): out.append((CookieHandle(k), .deleted))
      // A slot no edit ever replaced holds its first value then and now (a purge's undo
      // leaves a hundred thousand of those to skip without comparing).
      case (true, true) where originals[k] != nil && savedCookie(k) != slots[Int(k)]:
        out.append((CookieHandle(k), .modified))
      default: break
      }
    }
    for k in touchedList.sorted() { check(k) }
    for i in loadedCount..<slots.count { check(Int32(i)) }
    return out
  }

  // MARK: Since load

  /// What happened to this cookie since load, nil when it is as loaded.
  public func changeSinceLoad(_ handle: CookieHandle) -> CookieChangeKind? {
    let i = Int(handle.index)
    if i >= loadedCount { return alive[i] ? .added : nil }
    if !alive[i] {
      return isTouched(handle.index) ? .deleted : nil
    }
    if let o = originals[handle.index], o != slots[i] { return .modified }
    return nil
  }

  /// `body` over the loaded cookie `k` as it was loaded, read in place (no copy).
  func withOriginal<R>(_ k: Int32, _ body: (borrowing Cookie) -> R) -> R {
    if let o = originals[k] { return body(o) }
    return slots.withUnsafeBufferPointer { body($0[Int(k)]) }
  }

  /// The cookie as it was loaded, when it was loaded.
  public func originalCookie(_ handle: CookieHandle) -> Cookie? {
    guard Int(handle.index) < loadedCount else { return nil }
    return originals[handle.index] ?? slots[Int(handle.index)]
  }

  /// Loaded cookies some operation has touched (changed, deleted, or changed and changed
  /// back), in handle order.
  public var touchedLoadedHandles: [CookieHandle] { touchedList.sorted().map(CookieHandle.init) }

  private func isTouched(_ h: Int32) -> Bool { Int(h) < touched.count && touched[Int(h)] }

  /// Live cookies added since load, in order.
  public var addedHandles: [CookieHandle] {
    var out: [CookieHandle] = []
    for i in loadedCount..<slots.count where alive[i] { out.append(CookieHandle(Int32(i))) }
    return out
  }

  /// Every cookie added, modified or deleted since load, in handle order.
  public var changesSinceLoad: [(CookieHandle, CookieChangeKind)] {
    var out: [(CookieHandle, CookieChangeKind)] = []
    for k in touchedList.sorted() {
      if let kind = changeSinceLoad(CookieHandle(k)) { out.append((CookieHandle(k), kind)) }
    }
    for i in loadedCount..<slots.count where alive[i] { out.append((CookieHandle(Int32(i)), .added)) }
    return out
  }

  // MARK: Internals

  private mutating func commit(_ change: StoreChange) {
    var change = change
    change.serial = nextSerial
    nextSerial += 1
    for edit in change.edits { apply(edit) }
    undoStack.append(change)
    redoStack.removeAll()
    revision += 1
  }

  private mutating func apply(_ edit: StoreEdit) {
    precondition(isIndexed, "a change before the identity index is installed")
    switch edit {
    case .insert(let h):
      alive[Int(h)] = true
      count += 1
      identity.insert(h, slots: slots)
    case .remove(let h):
      rememberTouched(h)
      identity.remove(h, slots: slots)
      alive[Int(h)] = false
      count -= 1
    case .replace(let h, _, let new):
      rememberOriginal(h)
      identity.remove(h, slots: slots)
      slots[Int(h)] = new
      identity.insert(h, slots: slots)
    case .removeMany(let hs):
      for h in hs {
        rememberTouched(h)
        alive[Int(h)] = false
      }
      identity.removeMany(hs, alive: alive, slots: slots, sweep: sweepRemovals)
      count -= hs.count
    case .insertMany(let hs):
      for h in hs { alive[Int(h)] = true }
      identity.insertMany(hs, slots: slots)
      count += hs.count
    }
  }

  /// Before a slot's value changes: its first value is kept (and a loaded one is touched).
  private mutating func rememberOriginal(_ h: Int32) {
    rememberTouched(h)
    if originals[h] == nil { originals[h] = slots[Int(h)] }
  }

  private mutating func rememberTouched(_ h: Int32) {
    guard Int(h) < loadedCount else { return }
    if touched.isEmpty { touched = Array(repeating: false, count: loadedCount) }
    if !touched[Int(h)] {
      touched[Int(h)] = true
      touchedList.append(h)
    }
  }
}

extension CookieStore {
  /// Checks the store's invariants; returns a description of each one broken (tests call
  /// this after every operation).
  public func invariantViolations() -> [String] {
    var problems: [String] = []
    var ids: [CookieID: Int] = [:]
    var live = 0
    for i in alive.indices where alive[i] {
      live += 1
      let id = slots[i].id
      if let j = ids[id] { problems.append("cookies #\(j) and #\(i) share identity \(id)") }
      ids[id] = i
      if identity.find(id, slots: slots) != Int32(i) {
        problems.append("identity index does not find #\(i) (\(id))")
      }
    }
    if live != count { problems.append("count \(count) but \(live) live cookies") }
    if identity.count != live { problems.append("identity index holds \(identity.count), live \(live)") }
    if slots.count != alive.count { problems.append("slots and live flags differ in length") }
    return problems
  }
}

/// One reversible step of a change.
enum StoreEdit: Sendable {
  case insert(Int32)
  case remove(Int32)
  case replace(Int32, old: Cookie, new: Cookie)
  /// Many cookies at once (a purge, a delete of many), in one compact record the identity
  /// table applies in bulk.
  case insertMany([Int32])
  case removeMany([Int32])

  var inverse: StoreEdit {
    switch self {
    case .insert(let h): .remove(h)
    case .remove(let h): .insert(h)
    case .replace(let h, let old, let new): .replace(h, old: new, new: old)
    case .insertMany(let hs): .removeMany(hs)
    case .removeMany(let hs): .insertMany(hs)
    }
  }
}

/// A user-visible change: what undo takes back in one step.
struct StoreChange: Sendable {
  var label: String
  var edits: [StoreEdit]
  var serial = 0
}
