import CookieCore
import Foundation
import Testing

@testable import Inspector
@testable import TerminalKit

@Suite struct RobustnessTests {
  static let modes = ["", "/ 'ex'", "enter", "e", "a", "d", "P", "?", "c", "W", "tab", "enter J J J"]

  @Test(arguments: [(1, 1), (5, 2), (20, 5), (39, 9), (40, 10), (41, 11), (72, 14), (200, 60)])
  func everyModeRendersAtEverySize(_ w: Int, _ h: Int) {
    for keys in RobustnessTests.modes {
      var s = Sample.state(width: 100, height: 30)
      Sample.press(keys, &s)
      _ = update(&s, .resize(width: w, height: h))
      var buf = Buffer(width: w, height: h)
      render(s, into: &buf)
      #expect(buf.lines.allSatisfy { DisplayWidth.of($0) == w }, "mode \(keys) at \(w)x\(h)")
      for c in buf.cells {
        for sc in c.text.unicodeScalars {
          #expect(!TerminalText.needsEscape(sc), "raw control character in mode \(keys) at \(w)x\(h)")
        }
      }
    }
  }

  @Test func randomKeysAndResizesNeverBreakTheState() {
    var rng = SplitMix(seed: 42)
    let keys: [Key] = [
      "j", "k", "g", "G", "h", "l", "pgup", "pgdown", "/", "x", "e", "backspace", "esc", "enter", "[", "]",
      "space", "d", "y",
      "n", "P", "u", "ctrl+r", "tab", "shift+tab", "a", "?", "c", "W", "-", "+", "t", "J", "K", "*", "1", "中",
      "left", "right",
    ]
    var s = Sample.state(width: 60, height: 15)
    for step in 0..<3000 {
      if rng.next() % 40 == 0 {
        _ = update(&s, .resize(width: Int(rng.next() % 120) + 1, height: Int(rng.next() % 40) + 1))
      } else {
        _ = update(&s, .key(keys[Int(rng.next() % UInt64(keys.count))]))
      }
      var buf = Buffer(width: s.width, height: s.height)
      render(s, into: &buf)
      #expect(s.visible.isEmpty ? s.cursor == 0 : s.visible.indices.contains(s.cursor), "step \(step)")
      #expect(s.store.invariantViolations().isEmpty, "step \(step)")
      if s.visible.contains(where: { !s.store.contains($0) }) {
        Issue.record("a shown row is not in the store at step \(step)")
        break
      }
    }
  }
}

/// A tiny deterministic generator for the fuzz test.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
