import BrowserProfiles
import Foundation
import Inspector

/// `y` / `Y` in the inspector: the text goes to the terminal's clipboard with OSC 52 (works
/// over ssh and in tmux with `set-clipboard on`), and to the desktop clipboard through
/// `wl-copy` (Wayland) or `xclip` / `xsel` (X11) when one is installed and its display is set.
enum Clipboard {
  /// OSC 52 payloads beyond this are refused by many terminals (xterm's default is 100,000
  /// bytes of Base64); larger text goes only to the desktop tools.
  static let osc52Limit = 74_994

  static func copy(_ text: String, what: String) -> Msg {
    let data = Data(text.utf8)
    let size = "\(data.count) byte\(data.count == 1 ? "" : "s")"
    var ways: [String] = []
    if data.count <= osc52Limit, CLIStreams.setTerminalClipboard(base64: data.base64EncodedString()) {
      ways.append("OSC 52")
    }
    let env = ProcessInfo.processInfo.environment
    if let tool = desktopTool(env), run(tool, input: data) { ways.append(tool[0]) }
    if ways.count == 1 && ways[0] == "OSC 52" {
      return .copied(
        "Sent \(what) (\(size)) to the terminal's clipboard (OSC 52); no wl-copy or xclip here, "
          + "so if nothing was copied, allow OSC 52 in the terminal (tmux: set-clipboard on)",
        ok: true)
    }
    if ways.isEmpty {
      return .copied(
        "Could not copy \(what): \(size) is over the terminal's OSC 52 limit and no wl-copy or xclip was found",
        ok: false)
    }
    return .copied("Copied \(what) (\(size)) to the clipboard (\(ways.joined(separator: ", ")))", ok: true)
  }

  /// The desktop clipboard command for this session, when one is installed.
  static func desktopTool(_ env: [String: String]) -> [String]? {
    let wayland = !(env["WAYLAND_DISPLAY"] ?? "").isEmpty
    let x11 = !(env["DISPLAY"] ?? "").isEmpty
    let candidates: [[String]] =
      (wayland ? [["wl-copy"]] : [])
      + (x11 ? [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]] : [])
    return candidates.first { ProgramSearch.find($0[0], environment: env) != nil }
  }

  /// Runs `tool` with `input` on its stdin; true when it exits 0. Its output is discarded.
  static func run(_ tool: [String], input: Data) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = tool
    let pipe = Pipe()
    p.standardInput = pipe
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do {
      try p.run()
      try pipe.fileHandleForWriting.write(contentsOf: input)
      try pipe.fileHandleForWriting.close()
      p.waitUntilExit()
      return p.terminationStatus == 0
    } catch {
      return false
    }
  }
}
