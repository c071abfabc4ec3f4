import CookieCore
import Crypto
import Foundation
import _CryptoExtras

/// Decrypts Chromium `encrypted_value` blobs the way Chromium on Linux does (REFERENCE §7.4).
///
/// `v10` uses a fixed key, PBKDF2-HMAC-SHA1("peanuts", "saltysalt", 1 round, 16 bytes),
/// with the empty-password key as the fallback Chromium also tries (crbug 40055416).
/// `v11` uses the same derivation over the browser's random secret in the desktop keyring,
/// asked of `keyring` the first time a `v11` value is met, with the same empty-password
/// fallback (Chromium's os_crypt_linux; yt-dlp's `LinuxChromeCookieDecryptor` does the same).
struct ChromiumValueDecryptor {
  /// What became of one blob.
  enum Outcome: Equatable {
    /// The value's bytes; `warning` when they came out but something was off (hash).
    case decrypted(Data, warning: String?)
    /// Could not decrypt: `marker` is what the value shows, `reason` the diagnostic.
    case encrypted(marker: String, reason: String)
  }

  /// Meta version ≥ 24 prefixes the plaintext with SHA-256(host_key): `true` requires
  /// it, `false` means it is absent, nil (an unknown version) strips it only when it matches.
  var hostPrefix: Bool?

  /// The two keys Chromium tries, in its order, and the IV, made once per file.
  private let keys = [SymmetricKey(data: peanutsKey), SymmetricKey(data: emptyPasswordKey)]
  private let iv = try? AES._CBC.IV(ivBytes: ivBytes)
  /// SHA-256 of each host_key seen: a store has many cookies per host.
  private var hostHashes: [String: Data] = [:]

  /// Where the `v11` secret comes from; nil when the store was named as a plain file.
  private let keyring: ChromiumKeyring?
  /// The `v11` key once asked for: the derived key, or why there is none.
  private var v11Key: Result<Data, ChromiumKeyring.Failure>?

  init(hostPrefix: Bool?, keyring: ChromiumKeyring? = nil) {
    self.hostPrefix = hostPrefix
    self.keyring = keyring
  }

  /// Key bytes (SymmetricKey is not Sendable on Linux, so the statics hold Data).
  static let peanutsKey = deriveKey(password: "peanuts")
  static let emptyPasswordKey = deriveKey(password: "")
  /// 16 spaces (§7.4).
  static let ivBytes = [UInt8](repeating: 0x20, count: 16)

  static func deriveKey(password: String) -> Data {
    // One round is what Chromium uses on Linux; the checked API refuses fewer than 210,000.
    let key = try? KDF.Insecure.PBKDF2.deriveKey(
      from: Data(password.utf8), salt: Data("saltysalt".utf8), using: .insecureSHA1,
      outputByteCount: 16, unsafeUncheckedRounds: 1)
    return key?.withUnsafeBytes { Data($0) } ?? Data()
  }

  mutating func decrypt(_ blob: Data, hostKey: String) -> Outcome {
    let tag = blob.count >= 3 ? String(decoding: blob.prefix(3), as: UTF8.self) : ""
    let body = blob.dropFirst(3)
    switch tag {
    case "v10":
      return decryptV10(Data(body), hostKey: hostKey)
    case "v11":
      return decryptV11(Data(body), hostKey: hostKey)
    default:
      let isVersionTag =
        blob.count >= 3 && blob[blob.startIndex] == UInt8(ascii: "v")
        && blob.dropFirst().prefix(2).allSatisfy { (0x30...0x39).contains($0) }
      let marker =
        isVersionTag ? "<encrypted \(tag): \(body.count) bytes>" : "<encrypted: \(blob.count) bytes>"
      let what = isVersionTag ? "prefix \"\(tag)\"" : "no known prefix (v10/v11)"
      return .encrypted(
        marker: marker,
        reason:
          "encrypted value has \(what); only Linux v10 can be decrypted here (v20 and Windows/macOS "
          + "keys need the original machine), so the value is shown as \(marker)")
    }
  }

  private mutating func decryptV11(_ ciphertext: Data, hostKey: String) -> Outcome {
    let marker = "<encrypted v11: \(ciphertext.count) bytes>"
    guard let keyring else {
      return .encrypted(
        marker: marker,
        reason:
          "value is encrypted with v11, whose key is the browser's secret in the desktop keyring "
          + "(\"Chromium Safe Storage\" / \"Chrome Safe Storage\"); read from a file, the keyring is not "
          + "asked (open the profile with --from-browser to use it), so the value is shown as "
          + "<encrypted v11: N bytes> (a profile run with --password-store=basic stores readable v10 values)")
    }
    if v11Key == nil {
      v11Key = keyring.lookup().map { Self.deriveKey(password: $0) }
    }
    switch v11Key {
    case .success(let key)?:
      // Chromium's fallback (crbug 40055416): a value that fails with the keyring's key is
      // tried with the empty-password key.
      let keys = [SymmetricKey(data: key), SymmetricKey(data: Self.emptyPasswordKey)]
      let failure =
        "v11 value does not decrypt with the secret from \(keyring.description) nor the empty-password key; "
        + "shown as \(marker)"
      return decryptCBC(ciphertext, tag: "v11", keys: keys, hostKey: hostKey, failure: failure)
    case .failure(let failure)?:
      return .encrypted(
        marker: marker,
        reason:
          "value is encrypted with v11, whose key is the browser's secret in the desktop keyring; "
          + "tried \(keyring.description): \(failure.reason); shown as <encrypted v11: N bytes>")
    case nil:
      return .encrypted(marker: marker, reason: "v11 key unavailable; shown as \(marker)")
    }
  }

  private mutating func decryptV10(_ ciphertext: Data, hostKey: String) -> Outcome {
    let marker = "<encrypted v10: \(ciphertext.count) bytes>"
    return decryptCBC(
      ciphertext, tag: "v10", keys: keys, hostKey: hostKey,
      failure:
        "v10 value does not decrypt with the \"peanuts\" key nor the empty-password key "
        + "(REFERENCE §7.4); shown as \(marker)")
  }

  /// Tries each key in order; the host-hash rules of meta version 24 apply to both tags.
  private mutating func decryptCBC(
    _ ciphertext: Data, tag: String, keys: [SymmetricKey], hostKey: String, failure: String
  ) -> Outcome {
    let marker = "<encrypted \(tag): \(ciphertext.count) bytes>"
    guard !ciphertext.isEmpty, ciphertext.count % 16 == 0 else {
      return .encrypted(
        marker: marker,
        reason: "\(tag) ciphertext of \(ciphertext.count) bytes is not whole AES blocks; shown as \(marker)")
    }
    let hash: Data
    if let known = hostHashes[hostKey] {
      hash = known
    } else {
      hash = Data(SHA256.hash(data: Data(hostKey.utf8)))
      hostHashes[hostKey] = hash
    }
    var mismatched: Data? = nil
    for key in keys {
      guard let iv, let plain = Self.cbcDecrypt(ciphertext, key: key, iv: iv) else { continue }
      switch hostPrefix {
      case false?:
        return .decrypted(plain, warning: nil)
      case true?:
        if plain.count >= 32, plain.prefix(32) == hash {
          return .decrypted(Data(plain.dropFirst(32)), warning: nil)
        }
        if mismatched == nil, plain.count >= 32 { mismatched = plain }
      case nil:
        if plain.count >= 32, plain.prefix(32) == hash {
          return .decrypted(Data(plain.dropFirst(32)), warning: nil)
        }
        return .decrypted(plain, warning: nil)
      }
    }
    if let mismatched {
      // The padding checked out, so the key is very likely right and the row was moved to
      // another host_key (or edited). Chromium refuses such a row (§7.6 item 4).
      return .decrypted(
        Data(mismatched.dropFirst(32)),
        warning:
          "decrypted value does not start with SHA-256 of host_key \(TerminalSafe.quoted(hostKey)) (meta version ≥ 24); "
          + "Chromium would reject this row and delete the site's cookies")
    }
    return .encrypted(marker: marker, reason: failure)
  }

  /// AES-128-CBC with PKCS#7 padding checked strictly (1…16 equal bytes), nil when wrong.
  static func cbcDecrypt(_ ciphertext: Data, key: SymmetricKey, iv: AES._CBC.IV) -> Data? {
    guard let raw = try? AES._CBC.decrypt(ciphertext, using: key, iv: iv, noPadding: true),
      let pad = raw.last, (1...16).contains(pad), raw.count >= Int(pad),
      raw.suffix(Int(pad)).allSatisfy({ $0 == pad })
    else { return nil }
    return Data(raw.dropLast(Int(pad)))
  }
}
