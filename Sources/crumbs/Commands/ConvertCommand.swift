import ArgumentParser
import CookieCore

struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "convert", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("crumbs convert is not built yet")
  }
}
