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
  private let done = DispatchSemaphore(value: 0)

  /// Starts building the index of `cookies` (the store's own array, shared, not copied).
  init(_ cookies: [Cookie]) {
    self.cookies = cookies
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

  /// Waits until the index is built and returns it.
  func wait() -> CookieStore.Index {
    if let index = take() { return index }
    done.wait()
    return lock.withLock { result! }
  }
}
