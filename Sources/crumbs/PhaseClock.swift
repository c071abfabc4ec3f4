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
    laps.append(
      (
        name, Double(t.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, PhaseClock.residentMegabytes(),
        PhaseClock.peakMegabytes(), PhaseClock.statusMegabytes("RssFile:")
      ))
    last = t
  }

  /// Peak resident set size so far (`VmHWM` in /proc/self/status), in MiB; 0 if unknown.
  static func peakMegabytes() -> Int { statusMegabytes("VmHWM:") }

  /// A kB figure of /proc/self/status (`VmHWM:`, `RssFile:` for mapped file pages), in MiB.
  static func statusMegabytes(_ key: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(key) {
      let digits = line.filter(\.isNumber)
      return (Int(digits) ?? 0) / 1024
    }
    return 0
  }

  /// Current resident set size from /proc/self/statm (Linux), in MiB; 0 if unknown.
  static func residentMegabytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1 << 20)
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
