import CookieCore
import CrumbsTestSupport
import Foundation
import Testing

/// Every reader in the registry (readers other helpers add later are covered automatically)
/// on random, truncated and binary input: it returns or throws `CookieFormatError`, never
/// crashes, and finishes in bounded time.
@Suite("All registered readers on hostile input")
struct NetscapeReaderRobustnessTests {
  typealias S = NetscapeTestSupport

  typealias SeededRandom = SplitMix

  /// Inputs: every real fixture cut at many points, random bytes, random text made of the
  /// characters formats care about, all 256 byte values, a very long line.
  static func hostileInputs() throws -> [(String, Data)] {
    var out: [(String, Data)] = []
    var rng = SeededRandom(state: 42)
    let dirs = ["examples", "netscape"]
    for d in dirs {
      let names = try FileManager.default.contentsOfDirectory(atPath: S.fixture(d).path).sorted()
      for n in names {
        let data = try Data(contentsOf: S.fixture("\(d)/\(n)"))
        var cuts = Set([0, 1, data.count / 2, max(0, data.count - 1)])
        for _ in 0..<6 { cuts.insert(Int.random(in: 0...data.count, using: &rng)) }
        for c in cuts.sorted() { out.append(("\(d)/\(n) cut at \(c)", data.prefix(c))) }
        var flipped = data
        for _ in 0..<min(16, data.count) {
          let i = Int.random(in: 0..<flipped.count, using: &rng)
          flipped[i] = UInt8.random(in: 0...255, using: &rng)
        }
        out.append(("\(d)/\(n) with flipped bytes", flipped))
      }
    }
    for k in 0..<20 {
      let n = Int.random(in: 1...4096, using: &rng)
      out.append(("random bytes #\(k)", Data((0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) })))
    }
    let alphabet = Array("\t\n\r #.:;=,\"'{}[]<>/\\-_aZ09TRUEFALSEHttpOnly_\u{1b}é中".utf8)
    for k in 0..<20 {
      let n = Int.random(in: 1...4096, using: &rng)
      out.append(("random text #\(k)", Data((0..<n).map { _ in alphabet.randomElement(using: &rng)! })))
    }
    out.append(("all byte values", Data((0...255).map { UInt8($0) })))
    out.append(
      (
        "# Netscape header then binary",
        Data("# Netscape HTTP Cookie File\n".utf8) + Data((0...255).map { UInt8($0) })
      ))
    out.append(("a 1 MB line", Data(repeating: UInt8(ascii: "a"), count: 1 << 20)))
    out.append(("a 1 MB field run", Data(String(repeating: "\t", count: 1 << 20).utf8)))
    return out
  }

  @Test("no crash, no hang, errors only as CookieFormatError")
  func hostile() throws {
    let inputs = try Self.hostileInputs()
    #expect(inputs.count > 100)
    var readers = 0
    for reader in CookieFormats.readers {
      readers += 1
      for (label, data) in inputs {
        let start = DispatchTime.now()
        _ = reader.sniff(data.prefix(65536), fileName: "fuzz")
        do {
          let r = try reader.read(
            data, options: CookieReadOptions(sourceName: "fuzz", now: Instant(seconds: 1_790_000_000)))
          #expect(r.cookies.count <= data.count, "\(reader.format) on \(label)")
          for d in r.diagnostics { #expect(d.file == "fuzz", "\(reader.format) on \(label): \(d)") }
        } catch is CookieFormatError {
          // The one allowed failure: "not this format".
        } catch {
          Issue.record("\(reader.format) on \(label) threw \(error), not a CookieFormatError")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        #expect(seconds < 5, "\(reader.format) took \(seconds) s on \(label)")
      }
    }
    #expect(readers == CookieFormats.readers.count && readers >= 1)
  }
}
