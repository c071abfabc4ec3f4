import CookieCore
import Foundation
import Inspector
import SessionSigning

extension SessionCodec {
  /// The inspector's signed-session support, on `SessionSigning` (the inspector itself
  /// does not depend on the crypto).
  static let signing = SessionCodec(
    parse: { value in
      SignedSession.parse(value).map { SessionValue(kind: $0.kind.displayName, payload: $0.payload) }
    },
    verify: { value, key in
      guard let s = SignedSession.parse(value) else { return SessionSigner.Failure.notASession.description }
      return SessionSigner.verify(s, key: key.bytes) ? nil : SessionSigner.Failure.badSignature.description
    },
    resign: { value, payload, key, now in
      guard let s = SignedSession.parse(value) else {
        return .failure(SessionCodecError(SessionSigner.Failure.notASession.description))
      }
      var text = payload
      if s.kind != .express {
        // Flask and Django store JSON: refuse what they could not read; a payload spread
        // over lines (from $EDITOR) is written compact, as the frameworks write it.
        guard
          let object = try? JSONSerialization.jsonObject(
            with: Data(payload.utf8), options: [.fragmentsAllowed])
        else {
          return .failure(SessionCodecError("the payload is not valid JSON"))
        }
        if payload.contains("\n"),
          let compact = try? JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        {
          text = String(decoding: compact, as: UTF8.self)
        }
      }
      // Both frameworks compress when that is shorter (itsdangerous, django.core.signing
      // with compress=True); a fresh timestamp is `now`.
      return .success(SessionSigner.sign(s.kind, payload: text, key: key.bytes, now: now, compress: true))
    })
}

extension SessionKind {
  var displayName: String {
    switch self {
    case .flask: "Flask"
    case .django: "Django"
    case .express: "Express"
    }
  }
}
