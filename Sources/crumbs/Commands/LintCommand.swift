import ArgumentParser
import CookieCore

struct LintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "lint", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("crumbs lint is not built yet")
  }
}
