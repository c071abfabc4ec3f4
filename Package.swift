// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Crumbs",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "crumbs", targets: ["crumbs"]),
    .library(name: "CookieCore", targets: ["CookieCore"]),
    // Products so the fuzz package in `Fuzz/` (and other tools) can reach these modules.
    .library(name: "BrowserStores", targets: ["BrowserStores"]),
    .library(name: "Inspector", targets: ["Inspector"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // The one set of rules for text that may reach a terminal (pure Swift, no dependencies);
    // the engine re-exports it and the rendering toolkit uses it.
    .target(name: "TerminalEscaping"),
    // The engine: cookie model, store, formats, RFC 6265bis. Foundation only.
    .target(
      name: "CookieCore", dependencies: ["TerminalEscaping"],
      resources: [.copy("Resources/public_suffix_list.dat")]),
    // Browser databases (SQLite, encryption); kept apart so the core has no C libraries.
    .target(
      name: "BrowserStores",
      dependencies: [
        "CookieCore",
        .product(name: "GRDB", package: "GRDB.swift"),
        // The SQLite C API GRDB links, for sqlite3_deserialize (stores are read in memory).
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ]),
    // The user's own browsers: profile folders on Linux (deb, snap, flatpak), yt-dlp's
    // `--cookies-from-browser` spelling, Firefox containers, the Secret Service secret
    // behind Chromium's v11 values. Reads folders and small files, runs secret-tool.
    .target(name: "BrowserProfiles", dependencies: ["BrowserStores", "TerminalEscaping"]),
    // zlib from the system, for session payloads the frameworks compress.
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    // Signed session cookies (Flask, Django, Express): verify and re-sign. Crypto stays
    // out of CookieCore.
    .target(
      name: "SessionSigning",
      dependencies: ["CookieCore", "CZlib", .product(name: "Crypto", package: "swift-crypto")]),
    // Rendering toolkit that knows nothing of cookies.
    .target(name: "TerminalKit", dependencies: ["TerminalEscaping"]),
    // The app, Elm style: state, update, render. Pure.
    .target(name: "Inspector", dependencies: ["CookieCore", "TerminalKit"]),
    // The only code that touches ncurses.
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
    .target(name: "NcursesTerminal", dependencies: ["CNcursesw", "TerminalKit"]),
    // The SIGBUS guard for memory-mapped inputs (a signal handler, so C, not Swift).
    .target(name: "CMappedInput"),
    .executableTarget(
      name: "crumbs",
      dependencies: [
        "CookieCore", "BrowserStores", "BrowserProfiles", "TerminalKit", "Inspector", "NcursesTerminal", "SessionSigning", "CMappedInput",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // `swift run -c release InspectorBenchmark`: update + render over a 1,000,000-cookie jar.
    .executableTarget(
      name: "InspectorBenchmark", dependencies: ["Inspector", "CookieCore", "TerminalKit"], path: "Benchmarks/ui"),
    // Process running, fixture paths and seeded randomness shared by the test targets.
    .target(name: "CrumbsTestSupport", path: "Tests/CrumbsTestSupport"),
    .testTarget(name: "CookieCoreTests", dependencies: ["CookieCore", "CrumbsTestSupport"]),
    .testTarget(
      name: "BrowserStoresTests", dependencies: ["BrowserStores", "CookieCore", "CrumbsTestSupport"]),
    .testTarget(
      name: "BrowserProfilesTests",
      dependencies: [
        "BrowserProfiles", "BrowserStores", "CookieCore", "CrumbsTestSupport",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ]),
    .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TerminalEscaping"]),
    .testTarget(
      name: "InspectorTests", dependencies: ["Inspector", "CookieCore", "TerminalKit"],
      exclude: ["__Snapshots__"]),
    .testTarget(
      name: "CrumbsEndToEndTests", dependencies: ["CookieCore", "crumbs", "CrumbsTestSupport", "SessionSigning"]),
  ],
  swiftLanguageModes: [.v6]
)
