import ArgumentParser
import CookieCore

struct HeaderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "header", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("crumbs header is not built yet")
  }
}
