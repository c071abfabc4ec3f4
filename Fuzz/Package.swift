// swift-tools-version: 6.1
// Fuzz targets for Crumbs' parsers, kept out of the root package so `swift build` there is
// unaffected. Build with libFuzzer: `swift build --sanitize=fuzzer --sanitize=address`
// (see README.md); `FUZZ_TARGET` picks the entry point at run time.
import PackageDescription

let package = Package(
  name: "CrumbsFuzz",
  platforms: [.macOS(.v14)],
  dependencies: [.package(name: "Crumbs", path: "..")],
  targets: [
    .executableTarget(
      name: "CrumbsFuzz",
      dependencies: [
        .product(name: "CookieCore", package: "Crumbs"),
        .product(name: "BrowserStores", package: "Crumbs"),
        .product(name: "Inspector", package: "Crumbs"),
      ])
  ],
  swiftLanguageModes: [.v6]
)
