import BrowserStores
import CookieCore
import Foundation

/// One reader on arbitrary bytes: sniffing, reading, what it says, and what it read
/// written to cookies.txt and read back.
enum ReaderFuzz {
  static let allReaders: [any CookieReader.Type] = CookieFormats.readers + BrowserStores.readers
  static let sourceName = "fuzz-input"

  static func run(_ reader: any CookieReader.Type, _ data: Data) {
    let prefix = data.prefix(65536)
    let score = reader.sniff(prefix, fileName: sourceName)
    Invariant.check((0...100).contains(score), "\(reader.format) sniff scored \(score), outside 0...100")
    _ = CookieFormats.sniff(prefix, fileName: sourceName, among: allReaders)

    var options = CookieReadOptions(sourceName: sourceName, now: fuzzNow)
    // Captured headers without a URL in them fall back to `--origin`.
    if reader.format == .headers { options.origin = "https://www.example.com/account/login" }
    let result: CookieReadResult
    do {
      result = try reader.read(data, options: options)
    } catch let e as CookieFormatError {
      Invariant.terminalSafe(e.description, "\(reader.format) CookieFormatError")
      return
    } catch {
      Invariant.terminalSafe("\(error)", "\(reader.format) error")
      return
    }
    for d in result.diagnostics {
      Invariant.terminalSafe(d.description, "\(reader.format) diagnostic")
    }
    for c in result.cookies {
      for field in [c.name, c.value, c.domain, c.path] {
        Invariant.terminalSafe(TerminalSafe.escape(field), "TerminalSafe.escape of a \(reader.format) field")
      }
      Invariant.terminalSafe(c.id.description.isEmpty ? "" : TerminalSafe.escape(c.id.description), "id")
    }
    NetscapeRoundTrip.check(result.cookies, from: reader.format)
  }
}
