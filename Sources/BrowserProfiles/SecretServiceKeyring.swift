import BrowserStores
import Foundation
import TerminalEscaping

/// The secret behind a Chromium profile's `v11` values, from the Secret Service on the
/// session bus (GNOME keyring; KWallet's bridge), asked with libsecret's `secret-tool` as
/// Chromium's key_storage_libsecret asks: schema `chrome_libsecret_os_crypt_password_v2`
/// with `application` = the browser's name, then the schema before M55
/// (`chrome_libsecret_os_crypt_password`, no attributes), which Chromium still migrates.
///
/// The secret is read from secret-tool's standard output into memory and never written,
/// printed or put in a message.
public enum SecretServiceKeyring {
  static let schemaV2 = "chrome_libsecret_os_crypt_password_v2"
  static let schemaV1 = "chrome_libsecret_os_crypt_password"
  /// A locked keyring may wait for a prompt nobody can answer; give up after this.
  static let timeout: TimeInterval = 10

  public static func keyring(for spec: BrowserSpec, locations: BrowserLocations) -> ChromiumKeyring {
    let app = spec.browser.keyringApplication
    let what =
      "the Secret Service on the D-Bus session bus (secret-tool lookup xdg:schema \(schemaV2) application \(app), then \(schemaV1))"
    if spec.keyring == .basictext {
      return ChromiumKeyring(description: "no keyring (+basictext)") {
        .failure(.init("+basictext says the browser keeps no secret in a keyring"))
      }
    }
    let environment = locations.environment
    return ChromiumKeyring(description: what) { lookup(application: app, environment: environment) }
  }

  static func lookup(application: String, environment: [String: String]) -> Result<
    String, ChromiumKeyring.Failure
  > {
    // libsecret finds the bus through DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus.
    let address = environment["DBUS_SESSION_BUS_ADDRESS"] ?? ""
    let runtimeBus = environment["XDG_RUNTIME_DIR"].map { "\($0)/bus" }
    if address.isEmpty, !(runtimeBus.map { FileManager.default.fileExists(atPath: $0) } ?? false) {
      return .failure(
        .init("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service is reachable")
      )
    }
    guard let tool = ProgramSearch.find("secret-tool", environment: environment) else {
      return .failure(.init("secret-tool is not installed (Debian: apt install libsecret-tools)"))
    }
    var problems: [String] = []
    for attributes in [["xdg:schema", schemaV2, "application", application], ["xdg:schema", schemaV1]] {
      switch run(tool, ["lookup"] + attributes, environment: environment) {
      case .success(let secret) where !secret.isEmpty:
        return .success(secret)
      case .success:
        problems.append("no \(attributes[1]) item")
      case .failure(let f):
        problems.append(f.reason)
      }
    }
    var unique: [String] = []
    for p in problems where !unique.contains(p) { unique.append(p) }
    return .failure(.init(unique.joined(separator: "; ")))
  }

  /// Runs secret-tool; its standard output is the secret (a trailing newline dropped).
  static func run(_ tool: URL, _ arguments: [String], environment: [String: String]) -> Result<
    String, ChromiumKeyring.Failure
  > {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    do {
      try process.run()
    } catch {
      return .failure(.init("cannot run secret-tool: \(error.localizedDescription)"))
    }
    // Its output is a line or two, far below a pipe's buffer: read once it has ended.
    if done.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      _ = done.wait(timeout: .now() + 2)
      return .failure(
        .init(
          "secret-tool did not answer within \(Int(timeout)) s (a locked keyring waiting for a password?)"))
    }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    guard process.terminationStatus == 0 else {
      let said = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      return .failure(
        .init(
          said.isEmpty
            ? "no \(arguments[2]) item\(arguments.count > 3 ? " for application \(arguments[4])" : "")"
            : TerminalSafe.escape(said.hasPrefix("secret-tool") ? said : "secret-tool: " + said, limit: 200)))
    }
    var secret = String(decoding: output, as: UTF8.self)
    while secret.hasSuffix("\n") { secret.removeLast() }
    return .success(secret)
  }
}
