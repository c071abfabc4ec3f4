import BrowserStores
import CookieCore
import Foundation

/// Every fuzz entry point, by the name `FUZZ_TARGET` (and `run.sh`) takes.
enum FuzzTarget: String, CaseIterable {
  // One per reader (`CookieFormats.readers` + `BrowserStores.readers`).
  case netscape, lwp, json, playwright, har, headers
  case firefox, chromium, safari
  /// `SetCookieParser` alone and through the storage model (`CookieJar`).
  case setCookie = "set-cookie"
  /// The inspector's filter language (`CookieFilter`).
  case filter
  /// The edit form's parsers (`ExpiryInput`, field checks) and its cookie round trip.
  case editForm = "edit-form"
  /// Value decoders (`ValueDecoding`, `Inflate`) and `TerminalSafe`.
  case decoding

  /// The target named by `FUZZ_TARGET`; the process stops with the list when it is unset
  /// or unknown.
  static let selected: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let t = FuzzTarget(rawValue: name) else {
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
      FileHandle.standardError.write(Data("FUZZ_TARGET='\(name)' is not one of: \(names)\n".utf8))
      exit(2)
    }
    return t
  }()

  func run(_ data: Data) {
    switch self {
    case .netscape: ReaderFuzz.run(NetscapeReader.self, data)
    case .lwp: ReaderFuzz.run(LWPReader.self, data)
    case .json: ReaderFuzz.run(JSONCookieReader.self, data)
    case .playwright: ReaderFuzz.run(PlaywrightReader.self, data)
    case .har: ReaderFuzz.run(HARReader.self, data)
    case .headers: ReaderFuzz.run(HeadersReader.self, data)
    case .firefox: ReaderFuzz.run(FirefoxCookiesReader.self, data)
    case .chromium: ReaderFuzz.run(ChromiumCookiesReader.self, data)
    case .safari: ReaderFuzz.run(SafariBinaryCookiesReader.self, data)
    case .setCookie: SetCookieFuzz.run(data)
    case .filter: FilterFuzz.run(data)
    case .editForm: EditFormFuzz.run(data)
    case .decoding: DecodingFuzz.run(data)
    }
  }
}

/// The fixed clock every target uses (2025-06-01T00:00:00Z), so a finding replays.
let fuzzNow = Instant(seconds: 1_748_736_000)
