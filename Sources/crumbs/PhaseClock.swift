import Foundation

/// Wall-clock phase times for `--timings`.
struct PhaseClock {
  var enabled: Bool
  private var last = DispatchTime.now()
  private let start = DispatchTime.now()
  private var laps: [(String, Double, Int, Int, Int)] = []

  init(enabled: Bool) { self.enabled = enabled }

  mutating func lap(_ name: String) {
    guard enabled else { return }
    let t = DispatchTime.now()
    // Resident now, the peak so far and the mapped file pages, from one read.
    let m = PhaseClock.statusMegabytes(["VmRSS:", "VmHWM:", "RssFile:"])
    laps.append((name, Double(t.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, m[0], m[1], m[2]))
    last = t
  }

  /// kB figures of /proc/self/status (`VmRSS:`, `VmHWM:`, `RssFile:` for mapped file pages), in MiB,
  /// from one read of it; 0 for a key not found.
  static func statusMegabytes(_ keys: [String]) -> [Int] {
    var out = Array(repeating: 0, count: keys.count)
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return out }
    for line in text.split(separator: "\n") {
      guard let k = keys.firstIndex(where: { line.hasPrefix($0) }) else { continue }
      out[k] = (Int(line.filter(\.isNumber)) ?? 0) / 1024
    }
    return out
  }

  func report() {
    guard enabled else { return }
    let total = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    var parts: [String] = []
    for (n, s, rss, peak, file) in laps {
      parts.append("\(n) \(String(format: "%.3f", s)) s (RSS \(rss) MiB of which \(file) file, peak \(peak))")
    }
    CLIStreams.stderr(
      "timings: " + parts.joined(separator: ", ") + ", total \(String(format: "%.3f", total)) s")
  }
}
