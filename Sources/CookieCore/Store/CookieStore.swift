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
  /// The cookie as loaded, for loaded cookies that an operation has touched.
  private var originals: [Int32: Cookie] = [:]
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
    if slots.isEmpty {
      // First load: share the caller's array instead of copying a million cookies one by
      // one (each copy retains five strings); the caller drops its reference after.
      slots = cookies
      alive = Array(repeating: true, count: cookies.count)
      var dead: [(Int32, Int32)] = []
      identity.insertAll(slots) { old, new in dead.append((old, new)) }
      count = slots.count - dead.count
      for (old, new) in dead {
        alive[Int(old)] = false
        replaced(slots[Int(old)], slots[Int(new)])
      }
      loadedCount = slots.count
      revision += 1
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
  public var cookies: [Cookie] {
    var out: [Cookie] = []
    out.reserveCapacity(count)
    for i in alive.indices where alive[i] { out.append(slots[i]) }
    return out
  }

  public func handle(for id: CookieID) -> CookieHandle? {
    identity.find(id, slots: slots).map(CookieHandle.init)
  }

  // MARK: Changing

  /// Adds a new cookie at the end. Throws when its identity is taken.
  @discardableResult
  public mutating func add(_ cookie: Cookie, label: String? = nil) throws(CookieStoreError) -> CookieHandle {
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
    if let h = identity.find(cookie.id, slots: slots) {
      try! update(CookieHandle(h), to: cookie, label: label ?? "replace \(cookie.name)")
      return CookieHandle(h)
    }
    return try! add(cookie, label: label)
  }

  /// Deletes the given cookies as one undoable change; returns how many were deleted.
  @discardableResult
  public mutating func delete(_ handles: some Sequence<CookieHandle>, label: String? = nil) -> Int {
    var edits: [StoreEdit] = []
    var seen = Set<Int32>()
    for h in handles where contains(h) && seen.insert(h.index).inserted {
      edits.append(.remove(h.index))
    }
    if edits.isEmpty { return 0 }
    let n = edits.count
    commit(
      StoreChange(
        label: label ?? (n == 1 ? "delete \(slots[Int(edits[0].handle)].name)" : "delete \(n) cookies"),
        edits: edits))
    return n
  }

  /// Deletes every cookie expired as of `now` (expiry at or before it) as one change.
  @discardableResult
  public mutating func purgeExpired(now: Instant) -> Int {
    var edits: [StoreEdit] = []
    for i in alive.indices where alive[i] && slots[i].isExpired(at: now) {
      edits.append(.remove(Int32(i)))
    }
    if edits.isEmpty { return 0 }
    commit(StoreChange(label: "purge \(edits.count) expired", edits: edits))
    return edits.count
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
  /// Cookies changed since load as they were at the last save (nil: deleted then).
  private var savedBaseline: [Int32: Cookie?] = [:]

  /// Records that the current state has been written out.
  public mutating func markSaved() {
    markSaved(savePoint)
  }

  /// The store as it is now, for `markSaved(_:)` once a save of this state is done: a save
  /// written in the background finishes after later edits, which stay unsaved.
  public var savePoint: SavePoint {
    // What each cookie changed since load looked like when saved: later changes are
    // counted against it (`changesSinceSave`), while line edits stay relative to the load.
    var baseline: [Int32: Cookie?] = [:]
    for (h, _) in changesSinceLoad { baseline[h.index] = contains(h) ? self[h] : nil }
    return SavePoint(serial: undoStack.last?.serial ?? 0, baseline: baseline)
  }

  /// Records that the store as it was at `point` has been written out.
  public mutating func markSaved(_ point: SavePoint) {
    savedSerial = point.serial
    savedBaseline = point.baseline
  }

  /// A state of the store that a save wrote (`savePoint`).
  public struct SavePoint: Hashable, Sendable {
    let serial: Int
    let baseline: [Int32: Cookie?]
  }

  /// Every cookie added, modified or deleted since the last save (or the load), in handle
  /// order: what saving now would change, for the pending-changes view and the quit prompt.
  public var changesSinceSave: [(CookieHandle, CookieChangeKind)] {
    var candidates = Set(originals.keys)
    for k in savedBaseline.keys { candidates.insert(k) }
    for i in loadedCount..<slots.count where alive[i] { candidates.insert(Int32(i)) }
    var out: [(CookieHandle, CookieChangeKind)] = []
    for k in candidates.sorted() {
      let h = CookieHandle(k)
      let before: Cookie? =
        if let saved = savedBaseline[k] { saved } else if Int(k) < loadedCount { originalCookie(h) } else {
          nil
        }
      let now: Cookie? = contains(h) ? self[h] : nil
      switch (before, now) {
      case (nil, .some): out.append((h, .added))
      case (.some, nil): out.append((h, .deleted))
      case (let a?, let b?) where a != b: out.append((h, .modified))
      default: break
      }
    }
    return out
  }

  // MARK: Since load

  /// What happened to this cookie since load, nil when it is as loaded.
  public func changeSinceLoad(_ handle: CookieHandle) -> CookieChangeKind? {
    let i = Int(handle.index)
    if i >= loadedCount { return alive[i] ? .added : nil }
    if !alive[i] {
      return originals[handle.index] != nil ? .deleted : nil
    }
    if let o = originals[handle.index], o != slots[i] { return .modified }
    return nil
  }

  /// The cookie as it was loaded, when it was loaded.
  public func originalCookie(_ handle: CookieHandle) -> Cookie? {
    guard Int(handle.index) < loadedCount else { return nil }
    return originals[handle.index] ?? slots[Int(handle.index)]
  }

  /// Loaded cookies some operation has touched (changed, deleted, or changed and changed
  /// back), in handle order.
  public var touchedLoadedHandles: [CookieHandle] { originals.keys.sorted().map(CookieHandle.init) }

  /// Live cookies added since load, in order.
  public var addedHandles: [CookieHandle] {
    var out: [CookieHandle] = []
    for i in loadedCount..<slots.count where alive[i] { out.append(CookieHandle(Int32(i))) }
    return out
  }

  /// Every cookie added, modified or deleted since load, in handle order.
  public var changesSinceLoad: [(CookieHandle, CookieChangeKind)] {
    var out: [(CookieHandle, CookieChangeKind)] = []
    for k in originals.keys.sorted() {
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
    switch edit {
    case .insert(let h):
      alive[Int(h)] = true
      count += 1
      identity.insert(h, slots: slots)
    case .remove(let h):
      rememberOriginal(h)
      identity.remove(h, slots: slots)
      alive[Int(h)] = false
      count -= 1
    case .replace(let h, _, let new):
      rememberOriginal(h)
      identity.remove(h, slots: slots)
      slots[Int(h)] = new
      identity.insert(h, slots: slots)
    }
  }

  private mutating func rememberOriginal(_ h: Int32) {
    if Int(h) < loadedCount && originals[h] == nil { originals[h] = slots[Int(h)] }
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

  var handle: Int32 {
    switch self {
    case .insert(let h), .remove(let h), .replace(let h, _, _): h
    }
  }

  var inverse: StoreEdit {
    switch self {
    case .insert(let h): .remove(h)
    case .remove(let h): .insert(h)
    case .replace(let h, let old, let new): .replace(h, old: new, new: old)
    }
  }
}

/// A user-visible change: what undo takes back in one step.
struct StoreChange: Sendable {
  var label: String
  var edits: [StoreEdit]
  var serial = 0
}
