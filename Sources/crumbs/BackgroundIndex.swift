import CookieCore
import Dispatch
import Foundation

/// The identity index of the jar the inspector opened, built on a thread of its own while
/// the first frames show (`CookieStore(deferringIndexOf:)`): a million-cookie jar is drawn
/// without waiting a quarter of a second for it. The run loop installs it (`Msg.indexed`)
/// as soon as it is built, and before acting on any key or mouse event.
final class BackgroundIndex: @unchecked Sendable {
  private let lock = NSLock()
  private var cookies: [Cookie]?
  private var result: CookieStore.Index?
  private var started = false
  private let done = DispatchSemaphore(value: 0)

  /// Holds `cookies` (the store's own array, shared, not copied) until `start`.
  init(_ cookies: [Cookie]) {
    self.cookies = cookies
  }

  /// Starts building the index on its own thread (the run loop calls it once the first
  /// frame is drawn, so the two do not share the cores). Later calls do nothing.
  func start() {
    let first = lock.withLock { () -> Bool in
      defer { started = true }
      return !started
    }
    guard first else { return }
    DispatchQueue.global(qos: .userInitiated).async {
      var mine = self.lock.withLock { () -> [Cookie] in
        defer { self.cookies = nil }
        return self.cookies ?? []
      }
      let index = CookieStore.Index(of: mine)
      // Let go of the array before the index is handed over: the store's first edit must
      // find its cookies uniquely referenced, or it copies all of them.
      mine = []
      self.lock.withLock { self.result = index }
      self.done.signal()
    }
  }

  /// The index once built; nil before. Never blocks.
  func take() -> CookieStore.Index? {
    lock.withLock { result }
  }

  /// Waits until the index is built (starting it if need be) and returns it.
  func wait() -> CookieStore.Index {
    if let index = take() { return index }
    start()
    done.wait()
    return lock.withLock { result! }
  }
}

/// The jar `crumbs open` reads on a thread of its own while the first lines of it are on
/// screen (`JarLoader.preview`): the run loop swaps it in as soon as it is read, holding
/// keys and clicks until then (they would act on the preview).
final class BackgroundLoad: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<OpenedJars, any Error>?

  /// Starts `work` at once.
  init(_ work: @escaping @Sendable () throws -> OpenedJars) {
    DispatchQueue.global(qos: .userInitiated).async {
      let r = Result { try work() }
      self.lock.withLock { self.result = r }
    }
  }

  /// The jar (or why it could not be read) once read; nil before. Never blocks.
  func take() -> Result<OpenedJars, any Error>? {
    lock.withLock { result }
  }
}
