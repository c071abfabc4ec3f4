import TerminalKit

/// Something a key does.
public enum Action: String, Sendable, Hashable {
  case up, down, pageUp, pageDown, first, last, columnLeft, columnRight, focusDomains
  case filter, clearFilter, sortAscending, sortDescending, detail, detailUp, detailDown
  case edit, add, mark, markAll, delete, purge, undo, redo, changes, save, saveAs, quit, help
  case hideColumn, showColumns, timeDisplay, suspend
  // Text input and forms.
  case accept, cancel, nextField, previousField, toggle, choiceLeft, choiceRight, editor
  // Dialogs.
  case yes, no, saveAndQuit
}

/// Where a binding applies; also the sections of the help screen and of docs/KEYS.md.
public enum BindingContext: String, Sendable, CaseIterable {
  case table = "Table"
  case filter = "Filter"
  case form = "Edit form"
  case export = "Save as / export"
  case dialog = "Confirmation"
  case help = "Help and changes"
}

/// A key binding as data (lazygit's `Binding`): the footer, the `?` screen and
/// docs/KEYS.md are all generated from `Bindings.all`.
public struct Binding: Sendable {
  public var context: BindingContext
  public var keys: [Key]
  public var action: Action
  public var help: String
  /// Short label for the footer; nil keeps the binding out of the footer.
  public var footer: String?
}

public enum Bindings {
  static func b(
    _ c: BindingContext, _ keys: [Key], _ a: Action, _ help: String, footer: String? = nil
  ) -> Binding {
    Binding(context: c, keys: keys, action: a, help: help, footer: footer)
  }

  public static let all: [Binding] = [
    b(.table, ["up", "k"], .up, "Move up one row (or domain)"),
    b(.table, ["down", "j"], .down, "Move down one row (or domain)", footer: "move"),
    b(.table, ["pgup", "ctrl+b"], .pageUp, "Move up one page"),
    b(.table, ["pgdown", "ctrl+f"], .pageDown, "Move down one page"),
    b(.table, ["home", "g"], .first, "Go to the first row"),
    b(.table, ["end", "G"], .last, "Go to the last row"),
    b(.table, ["left", "h"], .columnLeft, "Select the column to the left"),
    b(.table, ["right", "l"], .columnRight, "Select the column to the right"),
    b(.table, ["tab"], .focusDomains, "Switch between the domain list and the table", footer: "domains"),
    b(
      .table, ["/"], .filter,
      "Filter as you type: words, domain:, name:, expired, session, secure:no, samesite:none …",
      footer: "filter"),
    b(.table, ["esc"], .clearFilter, "Clear the filter and the domain, close the detail pane"),
    b(.table, ["["], .sortAscending, "Sort by the selected column, ascending", footer: "sort"),
    b(.table, ["]"], .sortDescending, "Sort by the selected column, descending"),
    b(.table, ["enter"], .detail, "Open or close the detail pane", footer: "detail"),
    b(.table, ["J"], .detailDown, "Scroll the detail pane down"),
    b(.table, ["K"], .detailUp, "Scroll the detail pane up"),
    b(.table, ["e"], .edit, "Edit the selected cookie", footer: "edit"),
    b(.table, ["a"], .add, "Add a cookie", footer: "add"),
    b(.table, ["space"], .mark, "Mark or unmark the selected row", footer: "mark"),
    b(.table, ["*"], .markAll, "Mark every shown row, or unmark all when all are marked"),
    b(
      .table, ["d", "delete"], .delete, "Delete the marked rows, or the selected one (asks first)",
      footer: "delete"),
    b(.table, ["P"], .purge, "Purge expired cookies (asks first)", footer: "purge"),
    b(.table, ["u"], .undo, "Undo the last change (without limit)", footer: "undo"),
    b(.table, ["ctrl+r"], .redo, "Redo what was undone", footer: "redo"),
    b(.table, ["c"], .changes, "Show the pending (unsaved) changes"),
    b(.table, ["w"], .save, "Save to the files the cookies came from", footer: "save"),
    b(.table, ["W"], .saveAs, "Save as / export to a path and format", footer: "save as"),
    b(.table, ["-"], .hideColumn, "Hide the selected column"),
    b(.table, ["+"], .showColumns, "Show all hidden columns"),
    b(.table, ["t"], .timeDisplay, "Cycle the Expires column: date and relative, date, relative"),
    b(.table, ["?"], .help, "Show this help", footer: "help"),
    b(.table, ["ctrl+z"], .suspend, "Suspend to the shell (fg resumes)"),
    b(.table, ["q", "ctrl+c"], .quit, "Quit (asks first when there are unsaved changes)", footer: "quit"),

    b(.filter, ["enter"], .accept, "Keep the filter and go back to the table", footer: "keep"),
    b(.filter, ["esc"], .cancel, "Clear the filter", footer: "clear"),
    b(.filter, ["up", "down"], .down, "Move in the table while filtering"),
    b(.filter, ["ctrl+u"], .clearFilter, "Erase the query (other readline keys work too)"),

    b(.form, ["tab", "down"], .nextField, "Next field", footer: "next"),
    b(.form, ["shift+tab", "up"], .previousField, "Previous field"),
    b(.form, ["space"], .toggle, "Toggle a flag or cycle a choice", footer: "toggle"),
    b(.form, ["left", "right"], .choiceRight, "Cycle a choice (in text fields: move the cursor)"),
    b(.form, ["ctrl+e"], .editor, "Edit the value in $EDITOR", footer: "$EDITOR"),
    b(.form, ["enter", "ctrl+s"], .accept, "Save the cookie (when every field is valid)", footer: "save"),
    b(.form, ["esc"], .cancel, "Cancel", footer: "cancel"),

    b(.export, ["tab"], .nextField, "Switch between path and format"),
    b(.export, ["left", "right"], .choiceRight, "Choose the format", footer: "format"),
    b(.export, ["enter"], .accept, "Write the file (lists what the format loses first)", footer: "write"),
    b(.export, ["esc"], .cancel, "Cancel", footer: "cancel"),

    b(.dialog, ["y", "enter"], .yes, "Yes, do it", footer: "yes"),
    b(.dialog, ["n", "esc"], .no, "No, cancel", footer: "no"),
    b(.dialog, ["w"], .saveAndQuit, "When quitting: save, then quit"),

    b(.help, ["down", "j"], .down, "Scroll down", footer: "scroll"),
    b(.help, ["up", "k"], .up, "Scroll up"),
    b(.help, ["esc", "q", "?"], .cancel, "Close", footer: "close"),
  ]

  /// The action bound to `key` in `context`.
  public static func action(for key: Key, in context: BindingContext) -> Action? {
    for b in all where b.context == context && b.keys.contains(key) { return b.action }
    return nil
  }

  /// Footer hints for a context, in table order: the first key's label, or `j/k` style
  /// pairs for movement.
  public static func footer(
    for context: BindingContext, without: Set<Action> = []
  ) -> [(key: String, label: String)] {
    var out: [(key: String, label: String)] = []
    for b in all where b.context == context && !without.contains(b.action) {
      guard let f = b.footer else { continue }
      var key = b.keys[0].label
      if b.action == .down && b.keys.count > 1 && context == .table { key = "j/k" }
      out.append((key, f))
    }
    return out
  }

  /// What the mouse does (handled in `handleMouse`), for the help screen and the doc.
  static let mouseHelp: [(String, String)] = [
    ("Click a row", "Select it (and the column under the pointer)"),
    ("Click a header", "Sort by that column; again to reverse"),
    ("Click a domain", "Show only that domain's cookies"),
    ("Wheel", "Scroll the table or the domain list"),
  ]

  /// The help screen's lines: one section per context.
  public static func helpLines() -> [String] {
    var lines: [String] = []
    for c in BindingContext.allCases {
      if !lines.isEmpty { lines.append("") }
      lines.append(c.rawValue)
      for b in all where b.context == c {
        let keys = b.keys.map(\.label).joined(separator: " ")
        lines.append("  " + TerminalText.padded(keys, width: 16) + " " + b.help)
      }
    }
    lines += ["", "Mouse"] + mouseHelp.map { "  " + TerminalText.padded($0.0, width: 16) + " " + $0.1 }
    return lines
  }

  /// docs/KEYS.md, generated (a test fails when the committed file differs).
  public static func markdown() -> String {
    var s = "# Crumbs inspector keys\n\n"
    s += "Generated from the binding table in `Sources/Inspector/Bindings.swift` "
    s += "(`RECORD_SNAPSHOTS=1 swift test --filter KeysDoc` rewrites it). The footer and the `?` help "
    s += "screen come from the same table.\n"
    for c in BindingContext.allCases {
      s += "\n## \(c.rawValue)\n\n| Keys | Action |\n|---|---|\n"
      for b in all where b.context == c {
        let keys = b.keys.map { "`\($0.label)`" }.joined(separator: " ")
        s += "| \(keys.replacingOccurrences(of: "|", with: "\\|")) | \(b.help) |\n"
      }
    }
    s += "\n## Mouse\n\n| Action | Effect |\n|---|---|\n"
    for (what, effect) in mouseHelp { s += "| \(what) | \(effect) |\n" }
    return s
  }
}
