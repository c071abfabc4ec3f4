import CookieCore
import Foundation

/// Firefox's serialized origin attributes, the `originAttributes` column (REFERENCE §6.1):
/// `^key=value&key=value`, `''` for the default cookie jar.
struct FirefoxOriginAttributes: Equatable {
  /// Container tab (`userContextId`), 0 for none.
  var userContextId: Int = 0
  /// First-party isolation domain.
  var firstPartyDomain: String?
  /// CHIPS / state partitioning: the top-level site the cookie is partitioned under.
  var partitionKey: PartitionKey?
  /// Keys Crumbs does not interpret, in file order (the raw string is kept on the cookie).
  var otherKeys: [String] = []
  /// Why a part could not be understood, for a diagnostic.
  var problem: String?

  init(parsing raw: String) {
    guard !raw.isEmpty else { return }
    guard raw.hasPrefix("^") else {
      problem = "originAttributes \(TerminalSafe.quoted(raw)) does not start with \"^\""
      return
    }
    for pair in raw.dropFirst().split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = String(parts[0])
      let value = parts.count > 1 ? String(parts[1]) : ""
      switch key {
      case "userContextId":
        if let n = Int(value), n >= 0 {
          userContextId = n
        } else {
          problem = "originAttributes userContextId \(TerminalSafe.quoted(value)) is not a number"
        }
      case "firstPartyDomain":
        firstPartyDomain = value.removingPercentEncoding ?? value
      case "partitionKey":
        partitionKey = Self.partitionKey(value)
        if partitionKey == nil {
          problem = "originAttributes partitionKey \(TerminalSafe.quoted(value)) is not understood"
        }
      default:
        otherKeys.append(key)
      }
    }
  }

  /// `%28https%2Cexample.org%29` → `(https,example.org)` → `https://example.org`.
  /// Firefox's form is `(scheme,baseDomain[,port][,f])`; `f` marks a foreign-by-ancestor
  /// context, the same idea as Chromium's cross-site-ancestor bit.
  static func partitionKey(_ encoded: String) -> PartitionKey? {
    let decoded = encoded.removingPercentEncoding ?? encoded
    guard decoded.hasPrefix("("), decoded.hasSuffix(")"), decoded.count >= 2 else {
      // Firefox before the scheme-aware form (≤85) wrote the bare site.
      return decoded.isEmpty ? nil : PartitionKey(topLevelSite: decoded)
    }
    let fields = decoded.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
      .map(String.init)
    guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else { return nil }
    var site = "\(fields[0])://\(fields[1])"
    var foreign: Bool? = nil
    for extra in fields.dropFirst(2) {
      if extra == "f" {
        foreign = true
      } else if let port = Int(extra), port > 0 {
        site += ":\(port)"
      } else {
        return nil
      }
    }
    return PartitionKey(topLevelSite: site, hasCrossSiteAncestor: foreign)
  }

  /// WebExtension `cookieStoreId` of a container cookie (`firefox-container-2`), nil for
  /// the default jar (REFERENCE §3.2).
  var storeId: String? { userContextId > 0 ? "firefox-container-\(userContextId)" : nil }
}
