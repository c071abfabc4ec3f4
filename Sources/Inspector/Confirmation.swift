import CookieCore

/// A question the user must answer before something irreversible-looking happens.
public enum Confirmation: Sendable {
  case delete([CookieHandle])
  case purge(Int)
  case quit
  /// The save policy's question (the file changed on disk, exists, is read-only): write
  /// anyway?
  case overwrite(WriteJob, question: String)
  /// The format cannot hold everything: the losses, then write? (`w` and `W` alike.)
  case lossyWrite([WriteJob], warnings: [String])
}
