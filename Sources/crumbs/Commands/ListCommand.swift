import ArgumentParser
import CookieCore

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("crumbs list is not built yet")
  }
}
