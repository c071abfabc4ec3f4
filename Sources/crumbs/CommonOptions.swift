import ArgumentParser
import BrowserProfiles
import CookieCore
import Foundation

/// Options every command that reads jars shares.
struct InputOptions: ParsableArguments {
  // `.unconditional` takes the next word even when it starts with `-`, so a time before
  // 1970 works as `--now -86400` as well as `--now=-86400`.
  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Fix the clock to this Unix time in seconds (tests use it; negative is before 1970); default: now.",
      valueName: "EPOCH"))
  var now: Int64?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Read inputs as this format instead of detecting it: \(CookieFormat.inputNames).",
      valueName: "NAME"))
  var format: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "URL the captured Set-Cookie headers came from, when the dump does not say.", valueName: "URL"))
  var origin: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      """
      Refuse to read more than this from standard input, a pipe or a device, which may never \
      end (/dev/zero): bytes, or with K, M, G (binary) as in 512M or 2G. Regular files are \
      read whole.
      """,
      valueName: "SIZE"))
  var maxInputSize = ByteSize(bytes: InputOptions.defaultInputSizeLimit)

  static let defaultInputSizeLimit = 1 << 30

  var inputSizeLimit: Int { maxInputSize.bytes }

  var clock: Instant {
    if let now { return Instant(seconds: now) }
    return Instant(Date())
  }

  func validate() throws {
    if let format, CookieFormat(rawValue: format) == nil {
      throw ValidationError("unknown format '\(format)'; known: \(CookieFormat.inputNames)")
    }
  }

  var forcedFormat: CookieFormat? { format.flatMap(CookieFormat.init(rawValue:)) }
}

extension CookieFormat {
  static var inputNames: String {
    CookieFormat.allCases.filter { $0 != .setCookie && $0 != .cookieHeader }.map(\.rawValue)
      .joined(separator: ", ")
  }
}

/// `--from-browser`: open the user's own browser profiles (yt-dlp's spelling). Shared by
/// every command that reads jars; the profiles load after the FILEs, in the order given.
struct BrowserInputOptions: ParsableArguments {
  @Option(
    name: .customLong("from-browser"),
    help: ArgumentHelp(
      """
      Also read a browser's own cookie store, read-only from a private copy: \
      firefox[:PROFILE][::CONTAINER] or \(BrowserKind.allCases.filter(\.isChromium).map(\.rawValue).joined(separator: "|"))[+KEYRING][:PROFILE]. \
      PROFILE is a name (`crumbs list --browsers`) or a path; without it, the browser's default \
      profile. CONTAINER is a Firefox container's name or `none`. Chromium's v11 values are \
      decrypted with the browser's secret from the Secret Service (secret-tool). Repeatable.
      """,
      valueName: "BROWSER"))
  var fromBrowser: [String] = []

  /// The parsed specs (`validate` has checked them).
  var specs: [BrowserSpec] { fromBrowser.compactMap { try? BrowserSpec(parsing: $0) } }

  var isEmpty: Bool { fromBrowser.isEmpty }

  func validate() throws {
    for text in fromBrowser {
      do {
        _ = try BrowserSpec(parsing: text)
      } catch {
        throw ValidationError(error.description)
      }
    }
  }
}
