import CrumbsTestSupport
import Foundation
import Testing

@testable import CookieCore

/// `Tests/Fixtures/values/<name>` as bytes.
func valueFixture(_ name: String) throws -> [UInt8] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/values/\(name)")
  return [UInt8](try Data(contentsOf: url))
}

/// Runs `script` with python3 and returns its standard output.
private func runPython(_ script: String) throws -> Data {
  let r = try runProcess(try #require(Tool.python3.url), ["-c", script])
  #expect(r.status == 0, "\(r.stderr)")
  return r.stdout
}

private func hexBytes(_ s: Substring) -> [UInt8] {
  var out: [UInt8] = []
  var it = s.makeIterator()
  while let a = it.next(), let b = it.next() {
    out.append(UInt8(String([a, b]), radix: 16) ?? 0)
  }
  return out
}

@Suite struct InflateTests {
  /// Live CPython zlib with every strategy (fixed, Huffman-only, RLE, filtered), levels,
  /// memory levels and window sizes, on text, repeats and noise: we must read what it writes.
  @Test(.requires(.python3))
  func inflatesWhatCPythonZlibWritesWithEveryStrategy() throws {
    let script = """
      import random, zlib
      r = random.Random(7)
      words = [b"cookie", b"session", b"=", b";", b"Path=/", b"\\x00", b" ", b"{\\"a\\":1}"]
      for i in range(120):
          kind = i % 3
          n = r.randrange(0, 5000)
          if kind == 0: data = b"".join(r.choice(words) for _ in range(n // 4))
          elif kind == 1: data = bytes([r.randrange(256)]) * n
          else: data = bytes(r.randrange(256) for _ in range(n))
          strategy = [zlib.Z_DEFAULT_STRATEGY, zlib.Z_FIXED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FILTERED][i % 5]
          c = zlib.compressobj(r.randrange(0, 10), zlib.DEFLATED, r.randrange(9, 16), r.randrange(1, 10), strategy)
          z = c.compress(data) + c.flush()
          print(data.hex(), z.hex())
      """
    let out = String(decoding: try runPython(script), as: UTF8.self)
    var checked = 0
    for line in out.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: false)
      guard fields.count == 2 else { continue }
      let plain = hexBytes(fields[0])
      #expect(try Inflate.zlib(hexBytes(fields[1])) == plain)
      checked += 1
    }
    #expect(checked == 120)
  }

  /// A Flask-shaped cookie whose compressed payload is a 2 MiB bomb: refused, with a reason.
  @Test func flaskBombIsRefusedInTheView() throws {
    let b64 = Data(try valueFixture("zlib-bomb-2mib.bin")).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
    let value = "." + b64 + ".aSSBAA.t-vXIWbP1jy912A03f0fZQKnKGg"
    let view = try #require(ValueDecoding.views(of: value, now: Instant(seconds: 0)).first)
    #expect(view.title == "Flask session")
    #expect(view.lines.contains("payload: compressed, but refused: inflates to more than 1048576 bytes"))
  }

  /// Streams written by CPython's `zlib.compress` at levels 0 (stored blocks), 1, 6, 9
  /// (fixed and dynamic Huffman blocks) inflate to the original bytes.
  @Test(arguments: ["zlib-level0.bin", "zlib-level1.bin", "zlib-level6.bin", "zlib-level9.bin"])
  func inflatesPythonZlib(file: String) throws {
    let plain = try valueFixture("zlib-plain.txt")
    let out = try Inflate.zlib(try valueFixture(file))
    #expect(out == plain)
  }

  @Test func inflatesIncompressibleData() throws {
    #expect(
      try Inflate.zlib(try valueFixture("zlib-noise.bin")) == (try valueFixture("zlib-noise-plain.bin")))
  }

  /// `zlib.compress(b"")` and `zlib.compress(b"a")` from CPython 3.11.
  @Test func inflatesTinyStreams() throws {
    #expect(try Inflate.zlib([0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) == [])
    #expect(try Inflate.zlib([0x78, 0x9C, 0x4B, 0x04, 0x00, 0x00, 0x62, 0x00, 0x62]) == Array("a".utf8))
  }

  @Test func refusesADecompressionBomb() throws {
    let bomb = try valueFixture("zlib-bomb-2mib.bin")
    #expect(throws: Inflate.Failure.outputTooLarge(limit: Inflate.defaultLimit)) { try Inflate.zlib(bomb) }
    // With a limit above the size it inflates fully: the refusal is the cap, not a bug.
    #expect(try Inflate.zlib(bomb, limit: 3 << 20).count == 2 << 20)
  }

  @Test func reportsCorruption() throws {
    var good = try valueFixture("zlib-level6.bin")
    #expect(throws: Inflate.Failure.truncated) { try Inflate.zlib(Array(good.prefix(good.count - 6))) }
    #expect(throws: Inflate.Failure.self) { try Inflate.zlib([0x78, 0x9D] + good.dropFirst(2)) }
    good[good.count - 1] ^= 0xFF
    #expect(throws: Inflate.Failure.checksumMismatch) { try Inflate.zlib(good) }
    #expect(throws: Inflate.Failure.self) { try Inflate.zlib([0x78, 0x9C, 0x07]) }  // block type 3
  }

  @Test func adler32MatchesKnownValue() {
    // RFC 1950 example value for "Wikipedia" (0x11E60398).
    #expect(Inflate.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
  }

  /// Random bytes and random corruptions of real streams: an error or bounded output,
  /// never a crash or a hang (the test finishing is the proof).
  @Test func fuzzNeverCrashes() throws {
    var rng = SplitMix(state: 0xC0FFEE)
    let seeds = try ["zlib-level1.bin", "zlib-level9.bin", "zlib-noise.bin", "zlib-level0.bin"].map(
      valueFixture)
    var inflated = 0
    for i in 0..<6000 {
      var input: [UInt8]
      if i % 2 == 0 {
        input = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        if i % 4 == 0 && input.count >= 2 { input[0] = 0x78; input[1] = 0x9C }
      } else {
        input = seeds[i % seeds.count]
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
          let at = Int.random(in: 0..<input.count, using: &rng)
          input[at] ^= UInt8.random(in: 1...255, using: &rng)
        }
        if i % 3 == 0 { input = Array(input.prefix(Int.random(in: 0...input.count, using: &rng))) }
      }
      if let out = try? Inflate.zlib(input, limit: 64 << 10) {
        #expect(out.count <= 64 << 10)
        inflated += 1
      }
      _ = try? Inflate.raw(input, limit: 64 << 10)
    }
    // Some corrupted streams still inflate (a flipped literal bit); the fuzz reached the decoder.
    #expect(inflated < 6000)
  }
}
