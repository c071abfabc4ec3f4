// swift-tools-version: 6.1
// CookieCore and its tests alone (symlinks to the root package's folders), so the parallel
// reader, writer and store suites can run under ThreadSanitizer and AddressSanitizer
// without building GRDB, swift-crypto and the UI with a sanitizer too. See ../README.md.
import PackageDescription

let package = Package(
  name: "CrumbsSanitizers",
  platforms: [.macOS(.v14)],
  targets: [
    .target(name: "TerminalEscaping"),
    .target(
      name: "CookieCore", dependencies: ["TerminalEscaping"],
      resources: [.copy("Resources/public_suffix_list.dat")]),
    .target(name: "CrumbsTestSupport", path: "Tests/CrumbsTestSupport"),
    .testTarget(name: "CookieCoreTests", dependencies: ["CookieCore", "CrumbsTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
