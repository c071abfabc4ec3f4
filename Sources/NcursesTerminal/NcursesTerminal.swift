import CNcursesw
import TerminalKit

#if canImport(Glibc)
  import Glibc
#endif

/// An event from the terminal.
public enum TerminalEvent: Sendable, Equatable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(width: Int, height: Int)
  /// SIGINT, SIGTERM or SIGHUP arrived; the caller restores the terminal and exits.
  case signal(Int32)
  /// Nothing happened within the timeout.
  case idle
}

/// The signal that arrived, set by the handler and read by the loop (a flag is all a
/// signal handler may safely touch; htop does the same).
nonisolated(unsafe) private var pendingSignal: sig_atomic_t = 0
/// Whether curses is active, so the crash handler knows to restore the terminal.
nonisolated(unsafe) private var cursesActive: sig_atomic_t = 0

/// Owns curses: the only code that imports it (htop's `CRT.c`). Starts and stops the
/// terminal, paints a `Buffer`, turns `get_wch` into `TerminalEvent`s.
public final class NcursesTerminal {
  private var screen: OpaquePointer?
  private let colors: Bool
  private var pairs: [Role: Int16] = [:]

  /// Starts full-screen mode. `colors` false (NO_COLOR) paints with attributes only.
  public init(colors: Bool) throws(TerminalStartError) {
    setlocale(LC_ALL, "")
    // Our handlers before curses, so it keeps them (it only replaces default handlers).
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
      signal(sig) { s in pendingSignal = s }
    }
    // A crash must not leave the terminal in raw mode: restore it, then die as before.
    for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      signal(sig) { s in
        if cursesActive != 0 { endwin() }
        signal(s, SIG_DFL)
        raise(s)
      }
    }
    guard let scr = crumbs_newterm() else {
      throw TerminalStartError(description: "cannot start the terminal (is TERM set to a known terminal?)")
    }
    screen = scr
    cursesActive = 1
    self.colors = colors && has_colors()
    raw()
    noecho()
    nonl()
    keypad(crumbs_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    mousemask(crumbs_all_mouse_events(), nil)
    mouseinterval(0)
    if self.colors {
      start_color()
      use_default_colors()
      setUpColors()
    }
  }

  deinit { stop() }

  /// Restores the terminal (idempotent).
  public func stop() {
    guard cursesActive != 0 else { return }
    curs_set(1)
    endwin()
    cursesActive = 0
    if let screen { delscreen(screen) }
    screen = nil
  }

  /// Leaves curses for a child process (`$EDITOR`) or a suspend; `resume` comes back.
  public func pause() {
    endwin()
  }

  public func resume() {
    // Whatever ran meanwhile drew over the screen: repaint all of it.
    clearok(crumbs_stdscr(), true)
    refresh()
  }

  /// Stops the process for the shell (Ctrl-Z), restoring the terminal meanwhile.
  public func suspend() {
    endwin()
    raise(SIGSTOP)
    clearok(crumbs_stdscr(), true)
    refresh()
  }

  public var size: (width: Int, height: Int) {
    (Int(crumbs_cols()), Int(crumbs_lines()))
  }

  /// Role → colour pair (foreground, background; -1 is the terminal's default).
  private static let palette: [Role: (Int16, Int16)] = [
    .header: (Int16(COLOR_WHITE), Int16(COLOR_BLUE)),
    .headerActive: (Int16(COLOR_BLACK), Int16(COLOR_CYAN)),
    .selected: (Int16(COLOR_BLACK), Int16(COLOR_CYAN)),
    .selectedCell: (Int16(COLOR_BLACK), Int16(COLOR_WHITE)),
    .dim: (-1, -1),
    .marked: (Int16(COLOR_YELLOW), -1),
    .issue: (Int16(COLOR_YELLOW), -1),
    .status: (Int16(COLOR_BLACK), Int16(COLOR_WHITE)),
    .statusDirty: (Int16(COLOR_BLACK), Int16(COLOR_YELLOW)),
    .footer: (-1, -1),
    .footerKey: (Int16(COLOR_CYAN), -1),
    .title: (Int16(COLOR_CYAN), -1),
    .border: (Int16(COLOR_BLUE), -1),
    .error: (Int16(COLOR_RED), -1),
    .warning: (Int16(COLOR_YELLOW), -1),
    .ok: (Int16(COLOR_GREEN), -1),
    .input: (Int16(COLOR_WHITE), Int16(COLOR_BLACK)),
    .accent: (Int16(COLOR_MAGENTA), -1),
    .added: (Int16(COLOR_GREEN), -1),
    .modified: (Int16(COLOR_YELLOW), -1),
  ]

  private func setUpColors() {
    var n: Int16 = 1
    for role in Role.allCases {
      guard let (fg, bg) = NcursesTerminal.palette[role] else { continue }
      init_pair(n, fg, bg)
      pairs[role] = n
      n += 1
    }
  }

  /// Attributes when colours are off: roles still read as different (htop's monochrome).
  private func attributes(_ style: Style) -> attr_t {
    var a = crumbs_a_normal()
    if style.attributes.contains(.bold) { a |= crumbs_a_bold() }
    if style.attributes.contains(.dim) { a |= crumbs_a_dim() }
    if style.attributes.contains(.underline) { a |= crumbs_a_underline() }
    if style.attributes.contains(.reverse) { a |= crumbs_a_reverse() }
    if !colors {
      switch style.role {
      case .selected, .status, .statusDirty, .input: a |= crumbs_a_reverse()
      case .header, .title: a |= crumbs_a_bold()
      case .headerActive, .selectedCell: a |= crumbs_a_reverse() | crumbs_a_bold()
      case .error, .footerKey: a |= crumbs_a_bold()
      case .marked, .modified, .added: a |= crumbs_a_underline()
      default: break
      }
    }
    return a
  }

  /// Paints `buf` (cell by cell; curses sends only what changed) and places the cursor.
  public func draw(_ buf: Buffer, cursor: (x: Int, y: Int)?) {
    let (w, h) = size
    var wide: [wchar_t] = []
    for y in 0..<min(h, buf.height) {
      var x = 0
      while x < min(w, buf.width) {
        let cell = buf[x, y]
        if cell.isContinuation {
          x += 1
          continue
        }
        let ours = DisplayWidth.of(Character(cell.text.isEmpty ? " " : cell.text))
        wide.removeAll(keepingCapacity: true)
        for s in cell.text.unicodeScalars { wide.append(wchar_t(bitPattern: s.value)) }
        // Where the C library disagrees with our width table, draw a placeholder of our
        // width so the columns never shift.
        if let first = wide.first, ours > 0, crumbs_wcwidth(first) != ours {
          wide = Array(repeating: wchar_t(63), count: 1)
          if ours == 2 { wide.append(32) }
        }
        if x + ours > w { wide = [32] }
        let attrs = attributes(cell.style)
        let pair = colors ? (pairs[cell.style.role] ?? 0) : 0
        _ = crumbs_put(Int32(y), Int32(x), wide, Int32(wide.count), attrs, pair)
        x += max(1, ours)
      }
    }
    if let c = cursor, c.x >= 0, c.y >= 0, c.x < w, c.y < h {
      curs_set(1)
      move(Int32(c.y), Int32(c.x))
    } else {
      curs_set(0)
    }
    refresh()
  }

  /// Waits up to `timeoutMilliseconds` for input.
  public func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent {
    if pendingSignal != 0 { return .signal(pendingSignal) }
    timeout(timeoutMilliseconds)
    var ch: wint_t = 0
    let r = get_wch(&ch)
    if pendingSignal != 0 { return .signal(pendingSignal) }
    if r == ERR {
      // A resize can slip past curses (several in a row); ask the kernel and catch up.
      var rows: Int32 = 0
      var cols: Int32 = 0
      crumbs_winsize(&rows, &cols)
      if rows > 0, cols > 0, rows != crumbs_lines() || cols != crumbs_cols() {
        resize_term(rows, cols)
        return .resize(width: Int(cols), height: Int(rows))
      }
      return .idle
    }
    if r == KEY_CODE_YES { return functionKey(Int32(ch)) }
    return .key(NcursesTerminal.key(forCharacter: UInt32(ch)))
  }

  private func functionKey(_ code: Int32) -> TerminalEvent {
    switch code {
    case KEY_RESIZE: return .resize(width: size.width, height: size.height)
    case KEY_MOUSE:
      var ev = MEVENT()
      guard getmouse(&ev) == OK else { return .idle }
      let x = Int(ev.x)
      let y = Int(ev.y)
      if ev.bstate & crumbs_button4_pressed() != 0 { return .mouse(MouseEvent(.wheelUp, x: x, y: y)) }
      if ev.bstate & crumbs_button5_pressed() != 0 { return .mouse(MouseEvent(.wheelDown, x: x, y: y)) }
      if ev.bstate & (crumbs_button1_pressed() | crumbs_button1_clicked()) != 0 {
        return .mouse(MouseEvent(.press, x: x, y: y))
      }
      return .idle
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_HOME: return .key(.home)
    case KEY_END: return .key(.end)
    case KEY_PPAGE: return .key(.pageUp)
    case KEY_NPAGE: return .key(.pageDown)
    case KEY_BACKSPACE: return .key(.backspace)
    case KEY_DC: return .key(.delete)
    case KEY_BTAB: return .key(.shiftTab)
    case KEY_ENTER: return .key(.enter)
    default:
      if code >= KEY_F0 && code <= KEY_F0 + 12 { return .key(Key("f\(code - KEY_F0)")) }
      return .idle
    }
  }

  /// Names a typed character (bubbletea-style readable names).
  public static func key(forCharacter c: UInt32) -> Key {
    switch c {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .esc
    case 32: return .space
    case 8, 127: return .backspace
    case 0: return Key("ctrl+space")
    case 1...26: return Key("ctrl+" + String(UnicodeScalar(UInt8(c + 96))))
    default:
      guard let s = Unicode.Scalar(c) else { return Key("unknown") }
      return Key(String(Character(s)))
    }
  }
}

/// The terminal could not be started.
public struct TerminalStartError: Error, CustomStringConvertible {
  public var description: String
}
