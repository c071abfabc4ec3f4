import ArgumentParser
import CookieCore

struct OpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open", abstract: "Open jars in the full-screen inspector (the default command).")

  @Argument(help: "Cookie files to open.") var files: [String] = []

  func run() throws {
    throw CleanExit.message("The full-screen inspector is not built yet; use `crumbs list FILE`.")
  }
}
