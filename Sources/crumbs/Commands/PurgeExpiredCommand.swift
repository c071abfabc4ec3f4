import ArgumentParser
import CookieCore

struct PurgeExpiredCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "purge-expired", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("crumbs purge-expired is not built yet")
  }
}
