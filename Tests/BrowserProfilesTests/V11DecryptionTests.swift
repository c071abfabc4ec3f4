import BrowserProfiles
import BrowserStores
import CookieCore
import CrumbsTestSupport
import Crypto
import Foundation
import Testing
import _CryptoExtras

/// `v11` values made as Chromium makes them, with a known secret standing in for the
/// keyring's (the real keyring is in `CrumbsEndToEndTests.BrowserKeyringTests`).
@Suite struct V11DecryptionTests {
  static let secret = "c2VjcmV0LWZyb20tdGhlLWtleXJpbmc="

  /// "v11" ‖ AES-128-CBC(PBKDF2-SHA1(secret, saltysalt, 1, 16), IV 16 spaces,
  /// SHA-256(host_key) ‖ value) — REFERENCE §7.4, meta version 24.
  static func blob(_ value: String, host: String, secret: String) throws -> String {
    let key = try KDF.Insecure.PBKDF2.deriveKey(
      from: Data(secret.utf8), salt: Data("saltysalt".utf8), using: .insecureSHA1, outputByteCount: 16,
      unsafeUncheckedRounds: 1)
    let plain = Data(SHA256.hash(data: Data(host.utf8))) + Data(value.utf8)
    let sealed = try AES._CBC.encrypt(
      plain, using: key, iv: AES._CBC.IV(ivBytes: [UInt8](repeating: 0x20, count: 16)))
    return (Data("v11".utf8) + sealed).map { String(format: "%02X", $0) }.joined()
  }

  /// The real Chromium v24 example with rows 1 and 2 turned into v11 values (row 2 made
  /// with the empty password, Chromium's fallback), row 3 left v10.
  static func store(in dir: URL) throws -> Data {
    let path = dir.appendingPathComponent("Cookies").path
    try FileManager.default.copyItem(atPath: ProfileLayout.chromiumExample.path, toPath: path)
    let a = try blob("first-v11", host: ".example.com", secret: secret)
    let b = try blob("empty-password-v11", host: "www.example.com", secret: "")
    let sql =
      "UPDATE cookies SET value='', encrypted_value=X'\(a)' WHERE rowid=1; UPDATE cookies SET value='', encrypted_value=X'\(b)' WHERE rowid=2;"
    let r = try runProcess(try #require(Tool.sqlite3.url), [path, sql])
    #expect(r.status == 0, "\(r.stderr)")
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }

  static func read(_ data: Data, _ keyring: ChromiumKeyring?) throws -> CookieReadResult {
    try BrowserStores.read(
      data, options: CookieReadOptions(sourceName: "Cookies", now: Instant(seconds: 1_795_564_800)),
      keyring: keyring)
  }

  final class Counter: @unchecked Sendable {
    var calls = 0
  }

  @Test(.requires(.sqlite3)) func decryptsWithTheKeyringSecretAskedOnce() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try Self.store(in: dir)
    let counter = Counter()
    let keyring = ChromiumKeyring(description: "a stub") {
      counter.calls += 1
      return .success(Self.secret)
    }
    let result = try Self.read(data, keyring)
    let values = result.cookies.prefix(3).map(\.value)
    #expect(values[0] == "first-v11")
    #expect(values[1] == "empty-password-v11")
    #expect(!values[2].hasPrefix("<encrypted"))
    #expect(counter.calls == 1)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
  }

  @Test(.requires(.sqlite3)) func withoutTheSecretSaysWhichKeyringWasTried() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try Self.store(in: dir)
    let keyring = ChromiumKeyring(description: "the Secret Service (stub)") {
      .failure(.init("no D-Bus session bus"))
    }
    let result = try Self.read(data, keyring)
    #expect(result.cookies[0].value.hasPrefix("<encrypted v11: "))
    // The empty-password fallback is tried only with a key from the keyring.
    #expect(result.cookies[1].value.hasPrefix("<encrypted v11: "))
    let messages = result.diagnostics.map(\.message)
    #expect(
      messages.contains {
        $0.hasPrefix("rowid 1, rowid 2: value is encrypted with v11")
          && $0.contains("tried the Secret Service (stub): no D-Bus session bus")
      }, "\(messages)")
    // Read as a plain file, the keyring is not asked and the note says so.
    let plain = try Self.read(data, nil)
    #expect(plain.diagnostics.contains { $0.message.contains("open the profile with --from-browser") })
  }

  @Test(.requires(.sqlite3)) func aWrongSecretLeavesTheValueEncrypted() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try Self.store(in: dir)
    let keyring = ChromiumKeyring(description: "a stub") { .success("not-the-secret") }
    let result = try Self.read(data, keyring)
    #expect(result.cookies[0].value.hasPrefix("<encrypted v11: "))
    #expect(result.cookies[1].value == "empty-password-v11")
    #expect(
      result.diagnostics.contains {
        $0.message.hasPrefix("rowid 1: v11 value does not decrypt with the secret from a stub")
      })
  }

  func tempDir() throws -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("crumbs-v11-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }
}
