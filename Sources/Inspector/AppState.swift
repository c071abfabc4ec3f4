import CookieCore
import TerminalKit

/// The inspector's whole state (Elm style). Filled in by the UI work.
public struct AppState: Sendable {
  public var store: CookieStore
  public init(store: CookieStore) { self.store = store }
}
