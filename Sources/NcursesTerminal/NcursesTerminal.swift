import CNcursesw
import TerminalKit

/// Owns curses: the only code that imports it. Filled in by the UI work.
public enum NcursesTerminal {}
