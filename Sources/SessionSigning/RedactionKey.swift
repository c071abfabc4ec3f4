import Crypto
import Foundation

/// The keyed hash behind `--redact`'s placeholders: HMAC-SHA256 under a key made at random
/// for one run and never written anywhere, cut to 8 hex digits. Equal texts hash equal
/// within the run; across runs, and for anyone without the key, the hash says nothing (a
/// plain hash of a short value could be found by trying values).
public struct RedactionKey: Sendable {
  // Bytes, not `SymmetricKey`, which is not `Sendable`.
  private let key: [UInt8]

  /// A fresh random 256-bit key.
  public init() { key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) } }

  /// A given key (tests).
  public init(bytes: [UInt8]) { key = bytes }

  /// The first 4 bytes of HMAC-SHA256(key, text) as 8 lower-case hex digits.
  public func digest(_ text: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key))
    return mac.prefix(4).map { String(format: "%02x", $0) }.joined()
  }
}
