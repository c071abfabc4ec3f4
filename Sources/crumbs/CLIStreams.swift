import CookieCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The only code in Crumbs that writes to standard output and standard error (a test,
/// `OutputOwnershipTests`, fails when another file does). The ncurses screen is the
/// inspector's own business (`NcursesTerminal`).
///
/// The rules:
/// - Data on stdout (the `list` table, `convert` and `purge-expired -o -` output, `header`,
///   `lint`, `--help`) goes out byte for byte when stdout is not a terminal. When it is one,
///   the text passes through `TerminalSafe.escapeLines`: newlines and TABs stay, an ESC, CR,
///   C1, bidi or invisible character shows as an escape (`\x1b`), so a hostile cookie cannot
///   retitle the terminal or write the clipboard (OSC 0, OSC 52).
/// - Everything on stderr is escaped, terminal or not: `stderr(_:)` for a one-line message
///   (a newline inside shows as `\x0a`), `stderrText(_:)` for multi-line text (usage).
/// - A failed write (ENOSPC, EIO, EBADF) is remembered; `finish(status:)` then says so on
///   stderr and exits 1.
/// - A closed pipe on stdout (EPIPE: `crumbs list big.txt | head`) ends the process at once,
///   quietly, with status 0, as the reader asked for no more. SIGPIPE is ignored so the
///   write reports EPIPE instead of killing the process with status 141. A closed pipe on
///   stderr only stops the diagnostics; the command carries on.
///
/// Writes are raw `write(2)` calls, so a million-line table streams out without Foundation
/// buffering it twice.
enum CLIStreams {
  private struct State {
    var started = false
    var stdoutIsTerminal = false
    /// Standard output's escaping when it is a terminal.
    var escaper = TerminalEscaper()
    var stdoutError: Int32?
    var stderrError: Int32?
    var stderrClosed = false
  }

  private static let lock = NSLock()
  // Guarded by `lock`.
  nonisolated(unsafe) private static var state = State()

  /// Call once before anything is written: SIGPIPE is ignored (see above) and stdout is
  /// checked for a terminal.
  static func start() {
    signal(SIGPIPE, SIG_IGN)
    lock.lock()
    state.started = true
    state.stdoutIsTerminal = isatty(1) != 0
    lock.unlock()
  }

  /// Whether standard output is a terminal (escaped) or not (byte-exact).
  static var stdoutIsTerminal: Bool {
    lock.lock()
    defer { lock.unlock() }
    if !state.started { state.stdoutIsTerminal = isatty(1) != 0 }
    return state.stdoutIsTerminal
  }

  // MARK: Standard output

  static func stdout(_ data: Data) {
    data.withUnsafeBytes { stdout(bytes: $0) }
  }

  static func stdout(_ s: String) {
    var s = s
    s.withUTF8 { stdout(bytes: UnsafeRawBufferPointer($0)) }
  }

  /// One line of data (a newline is added).
  static func stdoutLine(_ s: String) { stdout(s + "\n") }

  /// Data bytes: as they are off a terminal, escaped on one.
  static func stdout(bytes: UnsafeRawBufferPointer) {
    let terminal = stdoutIsTerminal
    lock.lock()
    defer { lock.unlock() }
    guard state.stdoutError == nil else { return }
    guard terminal else {
      writeStdout(bytes)
      return
    }
    var safe = state.escaper.escape(bytes)
    if !safe.isEmpty { safe.withUTF8 { writeStdout(UnsafeRawBufferPointer($0)) } }
  }

  /// Kept for callers that name the descriptor: 1 is data output, anything else stderr text.
  static func write(fd: Int32, _ bytes: UnsafeRawBufferPointer) {
    if fd == 1 {
      stdout(bytes: bytes)
    } else {
      stderrText(String(decoding: bytes, as: UTF8.self))
    }
  }

  /// Length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence.
  static func completeUTF8Prefix(_ bytes: UnsafeRawBufferPointer) -> Int {
    let n = bytes.count
    var i = n - 1
    while i >= 0 && i >= n - 4 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
    guard i >= 0, i >= n - 4, bytes[i] >= 0xC0 else { return n }
    let lead = bytes[i]
    let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    return n - i < needed ? i : n
  }

  /// Caller holds `lock`.
  private static func writeStdout(_ bytes: UnsafeRawBufferPointer) {
    guard let e = rawWrite(1, bytes) else { return }
    if e == EPIPE { exit(0) }
    state.stdoutError = e
  }

  // MARK: Standard error

  /// One message on standard error, escaped whole (a newline is added).
  static func stderr(_ message: String) {
    writeStderr(TerminalSafe.escape(message) + "\n")
  }

  /// Multi-line text on standard error (usage, help): line breaks and TABs kept, everything
  /// else escaped; a final newline is added when missing.
  static func stderrText(_ text: String) {
    let safe = TerminalSafe.escapeLines(text)
    writeStderr(safe.hasSuffix("\n") ? safe : safe + "\n")
  }

  private static func writeStderr(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    guard !state.stderrClosed, state.stderrError == nil else { return }
    var text = text
    let e = text.withUTF8 { rawWrite(2, UnsafeRawBufferPointer($0)) }
    guard let e else { return }
    if e == EPIPE {
      state.stderrClosed = true
    } else {
      state.stderrError = e
    }
  }

  // MARK: Ending

  /// Writes what a terminal still waits for, reports a failed write, and exits: with
  /// `status`, or 1 when a write failed and the command had otherwise succeeded.
  static func finish(status: Int32) -> Never {
    lock.lock()
    if state.stdoutError == nil {
      var rest = state.escaper.finish()
      if !rest.isEmpty { rest.withUTF8 { writeStdout(UnsafeRawBufferPointer($0)) } }
    }
    let out = state.stdoutError
    let err = state.stderrError
    lock.unlock()
    var status = status
    if let out {
      stderr("crumbs: error: cannot write to standard output: \(String(cString: strerror(out)))")
      if status == 0 { status = 1 }
    }
    if err != nil && status == 0 { status = 1 }
    exit(status)
  }

  /// OSC 52 to the terminal (the inspector's `y`/`Y`): sets its clipboard to `base64`. Only
  /// Base64 characters are let through, so nothing of the copied text reaches the terminal
  /// as it is; false when the text is not Base64 or the write failed.
  static func setTerminalClipboard(base64: String) -> Bool {
    guard
      base64.utf8.allSatisfy({ b in
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2B
          || b == 0x2F || b == 0x3D
      })
    else { return false }
    var sequence = "\u{1B}]52;c;" + base64 + "\u{07}"
    return sequence.withUTF8 { rawWrite(1, UnsafeRawBufferPointer($0)) } == nil
  }

  /// `write(2)` until done; the errno of a failure, nil on success.
  private static func rawWrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, base + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += n
    }
    return nil
  }
}

/// Text bound for a terminal, written in pieces: each piece comes out escaped
/// (`TerminalSafe.escapeLines`), and a UTF-8 sequence split between two pieces waits for
/// its end, so it is neither escaped as broken bytes nor sent raw. Standard output on a
/// terminal and a terminal named as an output file (`-o /dev/tty`) both go through it.
struct TerminalEscaper {
  /// The incomplete UTF-8 sequence the last piece ended with.
  private var pending: [UInt8] = []

  /// The escaped text of `bytes`, less an unfinished sequence at its end.
  mutating func escape(_ bytes: UnsafeRawBufferPointer) -> String {
    if pending.isEmpty {
      let cut = CLIStreams.completeUTF8Prefix(bytes)
      pending = Array(bytes[cut...])
      return cut == 0 ? "" : TerminalSafe.escapeLines(String(decoding: bytes[..<cut], as: UTF8.self))
    }
    let all = pending + Array(bytes)
    let cut = all.withUnsafeBytes { CLIStreams.completeUTF8Prefix($0) }
    pending = Array(all[cut...])
    return cut == 0 ? "" : TerminalSafe.escapeLines(String(decoding: all[..<cut], as: UTF8.self))
  }

  /// What is left at the end (an unfinished sequence, escaped as the broken bytes it is).
  mutating func finish() -> String {
    defer { pending = [] }
    return pending.isEmpty ? "" : TerminalSafe.escapeLines(String(decoding: pending, as: UTF8.self))
  }
}
