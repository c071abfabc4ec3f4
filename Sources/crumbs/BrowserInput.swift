import BrowserProfiles
import BrowserStores
import CookieCore
import Foundation

/// `--from-browser`: a browser profile found under the user's `HOME`, its cookie store read
/// like any browser store (whole into memory, the `-wal`/`-journal` replayed there; the
/// browser's files never opened for writing nor locked), `v11` values decrypted with the
/// Secret Service's secret, Firefox containers filtered. The result is a browser store, so
/// the save policy keeps it read-only.
extension JarLoader {
  static func load(browser spec: BrowserSpec, options: InputOptions) throws -> LoadedJar {
    let locations = BrowserLocations(environment: ProcessInfo.processInfo.environment)
    let resolved: ResolvedBrowserProfile
    var containerId: Int?? = nil
    do {
      resolved = try BrowserProfileFinder(locations).resolve(spec)
      if let container = spec.container {
        containerId = .some(try FirefoxContainers.userContextId(container, inProfile: resolved.profile.path))
      }
    } catch {
      throw JarLoadError(description: "crumbs: --from-browser \(spec): error: \(error)")
    }
    let name = resolved.cookieFile
    let input = try JarLoader.input(name, limit: options.inputSizeLimit)
    let readOptions = CookieReadOptions(sourceName: name, now: options.clock, filePath: input.path)
    let keyring =
      spec.browser.isChromium ? SecretServiceKeyring.keyring(for: spec, locations: locations) : nil
    var result: CookieReadResult
    do {
      result = try BrowserStores.read(input.bytes(for: .chromium), options: readOptions, keyring: keyring)
    } catch let e as CookieFormatError {
      try input.checkUnchanged(name)
      throw JarLoadError(description: e.description)
    }
    try input.checkUnchanged(name)
    var note =
      "\(spec.browser.rawValue) profile \(TerminalSafe.quoted(resolved.profile.name)) (\(resolved.reason)), read-only"
    if let containerId, let container = spec.container {
      let total = result.cookies.count
      // Firefox keeps a container's cookies under `^userContextId=N` (storeId
      // firefox-container-N); `none` keeps the cookies outside every container.
      let wanted = containerId.map { "firefox-container-\($0)" }
      result.cookies = result.cookies.filter { $0.storeId == wanted }
      note +=
        containerId == nil
        ? "; no container: \(result.cookies.count) of \(total) cookies"
        : "; container \(TerminalSafe.quoted(container)) (userContextId \(containerId!)): \(result.cookies.count) of \(total) cookies"
    }
    var jar = LoadedJar(
      name: name, format: result.format, cookies: result.cookies,
      diagnostics: [Diagnostic(.note, file: name, note)] + result.diagnostics, stamp: input.stamp,
      dialect: result.dialect)
    jar.cookieCount = result.cookies.count
    return jar
  }
}

/// `crumbs list --browsers`: the profiles found, as a table or JSON.
enum BrowserProfileList {
  static func print(json: Bool) {
    let locations = BrowserLocations(environment: ProcessInfo.processInfo.environment)
    let profiles = BrowserProfileFinder(locations).allProfiles()
    if json {
      let items = profiles.map { p in
        "{\"browser\":\(TerminalSafe.jsonQuoted(p.browser.rawValue)),"
          + "\"profile\":\(TerminalSafe.jsonQuoted(p.name)),"
          + "\"path\":\(TerminalSafe.jsonQuoted(p.path)),"
          + "\"cookieFile\":\(p.cookieFile.map { TerminalSafe.jsonQuoted($0) } ?? "null"),"
          + "\"default\":\(p.isDefault)}"
      }
      CLIStreams.stdoutLine("[" + items.joined(separator: ",\n") + "]")
      return
    }
    if profiles.isEmpty {
      CLIStreams.stderr("crumbs: no browser profiles found under \(locations.home) (\(BrowserKind.names))")
      return
    }
    var rows = [["Browser", "Profile", "Default", "Path", "Cookie file"]]
    for p in profiles {
      rows.append([
        p.browser.rawValue, p.name, p.isDefault ? "yes" : "", p.path,
        p.cookieFile ?? "(none yet)",
      ])
    }
    let widths = (0..<5).map { c in rows.map { TerminalSafe.escape($0[c]).count }.max() ?? 0 }
    for row in rows {
      let cells = row.enumerated().map { c, text -> String in
        let e = TerminalSafe.escape(text)
        return c == 4 ? e : e.padding(toLength: widths[c], withPad: " ", startingAt: 0)
      }
      CLIStreams.stdoutLine(cells.joined(separator: "  "))
    }
  }
}
