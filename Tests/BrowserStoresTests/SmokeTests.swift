import CookieCore
import Foundation
import Testing

@testable import BrowserStores

@Test func smoke() throws {
  for f in ["firefox-cookies-v17.sqlite", "chromium-Cookies-v24.sqlite", "Cookies.binarycookies"] {
    let r = try StoreFixtures.load(StoreFixtures.example(f))
    print(f, r.format)
    for c in r.cookies {
      print(
        " ", c.name, c.value, c.domain, c.hostOnly, c.path, c.expires as Any, c.secure, c.httpOnly,
        c.sameSite,
        c.partitioned, c.partitionKey as Any, c.storeId as Any, c.created as Any, c.lastAccessed as Any,
        c.lastUpdated as Any, c.priority as Any, c.sourceScheme as Any, c.sourcePort as Any,
        c.sourceRecord as Any,
        c.unknownFields)
    }
    for d in r.diagnostics { print(" ", d) }
  }
}
