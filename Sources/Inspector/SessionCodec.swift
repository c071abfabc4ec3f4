import CookieCore
import TerminalKit

/// A session signing key, held only in memory: its description never shows it, the
/// inspector never writes it anywhere and it is not part of the undo history (which holds
/// cookies only).
public struct SecretKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
  public let bytes: [UInt8]
  public init(_ bytes: [UInt8]) { self.bytes = bytes }
  public init(_ text: String) { bytes = Array(text.utf8) }
  public var description: String { "(secret key)" }
  public var debugDescription: String { "(secret key)" }
}

/// A signed session cookie value taken apart, as the detail pane and the edit form show it.
public struct SessionValue: Sendable, Hashable {
  /// `Flask`, `Django`, `Express`.
  public var kind: String
  /// The payload as text: JSON for Flask and Django, the plain value for Express.
  public var payload: String
  public init(kind: String, payload: String) {
    self.kind = kind
    self.payload = payload
  }
}

/// Why a session value cannot be verified or re-signed, in words for the status line.
public struct SessionCodecError: Error, Sendable, Hashable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// What the inspector needs from signed-session support (Flask, Django, Express). The
/// executable builds it from `SessionSigning`; `Inspector` stays on CookieCore and
/// TerminalKit only (docs/ARCHITECTURE.md), and tests give it a stand-in.
public struct SessionCodec: Sendable {
  /// The value taken apart, nil when it is no signed session.
  public var parse: @Sendable (_ value: String) -> SessionValue?
  /// nil when `key` made the value's signature, else why it does not verify.
  public var verify: @Sendable (_ value: String, _ key: SecretKey) -> String?
  /// The session `value` with `payload` instead of its own, signed with `key` at `now`
  /// (a fresh timestamp), written as the framework writes it.
  public var resign:
    @Sendable (_ value: String, _ payload: String, _ key: SecretKey, _ now: Instant) -> Result<
      String, SessionCodecError
    >

  public init(
    parse: @escaping @Sendable (String) -> SessionValue?,
    verify: @escaping @Sendable (String, SecretKey) -> String?,
    resign: @escaping @Sendable (String, String, SecretKey, Instant) -> Result<String, SessionCodecError>
  ) {
    self.parse = parse
    self.verify = verify
    self.resign = resign
  }
}

extension AppState {
  /// The detail pane's verdict on a session value: "signature valid", "signature
  /// invalid: reason", or why it was not checked.
  func signatureVerdict(_ value: String) -> (kind: String, text: String, ok: Bool?)? {
    guard let codec = sessions, let s = codec.parse(value) else { return nil }
    guard let key = sessionKey else {
      return (s.kind, "not verified: no key (S enters one; or --key-file, CRUMBS_SECRET_KEY)", nil)
    }
    if let reason = codec.verify(value, key) { return (s.kind, "signature invalid: \(reason)", false) }
    return (s.kind, "signature valid", true)
  }

  // MARK: Key entry

  mutating func keyEntryAction(_ action: Action, _ key: Key, _ field: inout TextField) {
    switch action {
    case .cancel:
      mode = .table
      message = StatusMessage("Key entry cancelled")
    case .accept:
      mode = .table
      if field.text.isEmpty {
        sessionKey = nil
        message = StatusMessage("Session key forgotten")
      } else {
        sessionKey = SecretKey(field.text)
        message = StatusMessage("Session key set (kept in memory only)", .ok)
      }
    case .typeText:
      field.handle(key)
    default: break
    }
  }
}
