import ArgumentParser
import CookieCore
import SessionSigning

/// `--redact` and `--redact-names`, shared by `list`, `convert` and `diff`.
struct RedactOptions: ParsableArguments {
  @Flag(
    name: .long,
    help: """
      Replace every value by a placeholder that keeps its length, its kind (JWT with its \
      header alg and claim names, Flask session, JSON, base64, URL-encoded, …) and a short \
      keyed hash (equal values show equal within one output; the key is random per run).
      """)
  var redact = false

  @Flag(
    name: .customLong("redact-names"),
    help: "Also replace names by a keyed hash (a __Host-/__Secure- prefix is kept); implies --redact.")
  var redactNames = false

  /// The redaction this run asks for, with a fresh random key; nil without the flags.
  /// Call once per run: each call makes a new key.
  func makeRedaction() -> ValueRedaction? {
    guard redact || redactNames else { return nil }
    let key = RedactionKey()
    return ValueRedaction(masksNames: redactNames, digest: { key.digest($0) })
  }
}
