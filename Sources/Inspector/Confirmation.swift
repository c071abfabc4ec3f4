import CookieCore

/// A question the user must answer before something irreversible-looking happens.
public enum Confirmation: Sendable {
  case delete([CookieHandle])
  /// `d` in the domain list: every cookie of the host (Firefox's "Delete All From").
  case deleteDomain(String, [CookieHandle])
  /// `D`: every session cookie (Firefox's "Delete All Session Cookies").
  /// `hidden`: how many of them the filter hides.
  case deleteSessions([CookieHandle], hidden: Int)
  case purge(Int)
  /// Unsaved changes: how many cookies differ from the saved files, counted once when the
  /// question opens (not at every frame: a purge of a million-cookie jar changes 100,000).
  case quit(changed: Int)
  /// The save policy's question (the file changed on disk, exists, is read-only): write
  /// anyway?
  case overwrite(WriteJob, question: String)
  /// The format cannot hold everything: the losses, then write? (`w` and `W` alike.)
  case lossyWrite([WriteJob], warnings: [String])
}
