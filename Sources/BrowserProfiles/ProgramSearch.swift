import Foundation

/// A program found on the `PATH`, as a shell finds it: the keyring's `secret-tool` and the
/// inspector's clipboard tools (`wl-copy`, `xclip`, `xsel`).
public enum ProgramSearch {
  /// `name` on the `PATH` of `environment` (a default one when it has none).
  public static func find(_ name: String, environment: [String: String]) -> URL? {
    let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for dir in path.split(separator: ":") where !dir.isEmpty {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
    }
    return nil
  }
}
