import CookieCore
import TerminalKit

/// Something a key does. Each binding names one; `update` dispatches on it (never on the
/// raw key), so a key does only what its binding says.
public enum Action: String, Sendable, Hashable {
  case up, down, pageUp, pageDown, first, last, columnLeft, columnRight, focusDomains
  case filter, clearFilter, sortAscending, sortDescending, detail, detailUp, detailDown
  case detailPageUp, detailPageDown, unfold, problems
  case edit, add, mark, markAll, delete, purge, undo, redo, changes, save, saveAs, quit, help
  case hideColumn, showColumns, timeDisplay, suspend, copyValue, copyCookie, request, sessionKey
  case narrowColumn, widenColumn, deleteSessions, redact, takeLeft, takeRight
  // Text input and forms.
  case typeText, accept, cancel, nextField, previousField, choiceLeft, choiceRight, editor
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
  case help = "Help"
  case changes = "Pending changes"
  case urlPrompt = "Request URL"
  case urlView = "URL view"
  case keyEntry = "Session key"
  case problems = "Problems reading"
  case domainJump = "Domain list jump (/ while the domain list has focus)"
}

/// Whether a binding applies right now (lazygit's `GetDisabledReason`).
public enum Availability: Sendable, Equatable {
  case available
  /// Not here: the key goes on to the next binding that takes it (an arrow key steps a
  /// choice, but moves the cursor when a text field has focus).
  case passes
  /// Not possible now: the reason goes to the status line.
  case disabled(String)
}

/// A key binding as data (lazygit's `Binding`): the footer, the `?` screen, docs/KEYS.md
/// and `update`'s dispatch all come from `Bindings.all`.
public struct Binding: Sendable {
  public var context: BindingContext
  /// The keys; empty for a text input binding, which takes what `takesText` says.
  public var keys: [Key]
  /// A text input binding: typed characters and the text field's editing keys
  /// (`TextField.takes`), after every binding with keys of its own.
  public var takesText: Bool
  public var action: Action
  public var help: String
  /// Short label for the footer; nil keeps the binding out of the footer.
  public var footer: String?
  /// The footer's key label when not the first key's (`j/k`).
  public var footerKey: String?
  /// When the binding applies (always, unless given).
  var availability: @Sendable (AppState) -> Availability

  /// True when `key` is one of this binding's keys.
  public func takes(_ key: Key) -> Bool { takesText ? TextField.takes(key) : keys.contains(key) }

  /// The keys as the help screen and the doc write them.
  public var keyLabels: [String] { takesText ? ["typed text"] : keys.map(\.label) }
}

/// What a key does in a state: the action of the first binding that takes it and applies,
/// else the reason the first one that takes it does not, else nothing.
public enum KeyResolution: Sendable, Equatable {
  case action(Action)
  case disabled(String)
  case unbound
}

public enum Bindings {
  static func b(
    _ c: BindingContext, _ keys: [Key], _ a: Action, _ help: String, footer: String? = nil,
    footerKey: String? = nil, when: @escaping @Sendable (AppState) -> Availability = { _ in .available }
  ) -> Binding {
    Binding(
      context: c, keys: keys, takesText: false, action: a, help: help, footer: footer, footerKey: footerKey,
      availability: when)
  }

  /// The text input binding of a context.
  static func text(
    _ c: BindingContext, _ help: String,
    when: @escaping @Sendable (AppState) -> Availability = { _ in .available }
  ) -> Binding {
    Binding(
      context: c, keys: [], takesText: true, action: .typeText, help: help, footer: nil, footerKey: nil,
      availability: when)
  }

  static let editingKeys = "Backspace, Del, ←/→, Home/End and Ctrl-A/E/B/F/D/H/U/K/W edit"

  public static let all: [Binding] = [
    b(.table, ["up", "k"], .up, "Move up one row (or domain)"),
    b(.table, ["down", "j"], .down, "Move down one row (or domain)", footer: "move", footerKey: "j/k"),
    b(.table, ["pgup", "ctrl+b"], .pageUp, "Move up one page"),
    b(.table, ["pgdown", "ctrl+f"], .pageDown, "Move down one page"),
    b(.table, ["home", "g"], .first, "Go to the first row"),
    b(.table, ["end", "G"], .last, "Go to the last row"),
    b(
      .table, ["left", "h"], .columnLeft,
      "Select the column to the left (in the domain list: hide the site's hosts; from a host, go to its site)"
    ),
    b(
      .table, ["right", "l"], .columnRight,
      "Select the column to the right (in the domain list: show the site's hosts, example.net ▸)"),
    b(.table, ["tab"], .focusDomains, "Switch between the domain list and the table", footer: "domains"),
    b(
      .table, ["/"], .filter,
      "Filter as you type: words, domain:, name:, expired, session, issue, size>100, expires<30d … (terms below)",
      footer: "filter"),
    b(
      .table, ["esc"], .clearFilter,
      "Close the detail pane, else clear the filter and the domain, else clear the marks"),
    b(.table, ["["], .sortAscending, "Sort by the selected column, ascending", footer: "sort"),
    b(.table, ["]"], .sortDescending, "Sort by the selected column, descending"),
    b(.table, ["enter"], .detail, "Open or close the detail pane", footer: "detail"),
    b(.table, ["J"], .detailDown, "Scroll the detail pane down"),
    b(.table, ["K"], .detailUp, "Scroll the detail pane up"),
    b(
      .table, ["ctrl+d"], .detailPageDown, "Scroll the detail pane down a page",
      when: { $0.showDetail ? .available : .disabled("The detail pane is closed (Enter opens it)") }),
    b(
      .table, ["ctrl+u"], .detailPageUp, "Scroll the detail pane up a page",
      when: { $0.showDetail ? .available : .disabled("The detail pane is closed (Enter opens it)") }),
    b(
      .table, ["z"], .unfold, "Unfold (or fold again) the long value and decoded views in the detail pane",
      when: { $0.showDetail ? .available : .disabled("The detail pane is closed (Enter opens it)") }),
    b(
      .table, ["e"], .edit, "Edit the selected cookie", footer: "edit",
      when: {
        $0.selected == nil
          ? .disabled("No cookie selected")
          : $0.redactsValues ? .disabled("Values are redacted on screen (m shows them)") : .available
      }),
    b(.table, ["a"], .add, "Add a cookie", footer: "add"),
    b(.table, ["space"], .mark, "Mark or unmark the selected row", footer: "mark"),
    b(.table, ["*"], .markAll, "Mark every shown row, or unmark all when all are marked"),
    b(
      .table, ["d", "delete"], .delete,
      "Delete the marked rows shown (hidden marks stay), else the selected one; in the domain list, the whole domain",
      footer: "delete", when: { $0.deleteAvailability }),
    b(
      .table, ["D"], .deleteSessions,
      "Delete every session cookie (asks first; the same as / session, then *, then d)",
      when: { $0.sessionCookies.isEmpty ? .disabled("No session cookies") : .available }),
    b(.table, ["P"], .purge, "Purge expired cookies (asks first)", footer: "purge"),
    b(
      .table, ["u"], .undo, "Undo the last change (without limit)", footer: "undo",
      when: { $0.store.canUndo ? .available : .disabled("Nothing to undo") }),
    b(
      .table, ["ctrl+r"], .redo, "Redo what was undone", footer: "redo",
      when: { $0.store.canRedo ? .available : .disabled("Nothing to redo") }),
    b(.table, ["c"], .changes, "Show the pending (unsaved) changes"),
    b(
      .table, ["y"], .copyValue, "Copy the selected cookie's value (OSC 52; wl-copy or xclip when present)",
      when: { $0.selected == nil ? .disabled("No cookie selected") : .available }),
    b(
      .table, ["Y"], .copyCookie, "Copy the selected cookie as a Set-Cookie line",
      when: { $0.selected == nil ? .disabled("No cookie selected") : .available }),
    b(
      .table, ["!"], .problems, "Show the problems found while reading the files (rejected lines and why)",
      when: { $0.problems.isEmpty ? .disabled("No problems reading the files") : .available }),
    b(
      .table, ["w"], .save, "Save to the files the cookies came from", footer: "save",
      when: {
        $0.compare != nil ? .disabled("The compare view saves the result with W (a new file)") : .available
      }),
    b(
      .table, ["L"], .takeLeft,
      "Compare view: take the left jar's version of the cookie (removes it if that jar lacks it)",
      when: {
        $0.compare == nil ? .disabled("L and R work in the compare view (crumbs --diff A B)") : .available
      }),
    b(
      .table, ["R"], .takeRight,
      "Compare view: take the right jar's version of the cookie (removes it if that jar lacks it)",
      when: {
        $0.compare == nil ? .disabled("L and R work in the compare view (crumbs --diff A B)") : .available
      }),
    b(.table, ["W"], .saveAs, "Save as / export to a path and format", footer: "save as"),
    b(.table, ["-"], .hideColumn, "Hide the selected column"),
    b(.table, ["+"], .showColumns, "Show all hidden columns"),
    b(.table, ["<"], .narrowColumn, "Narrow the selected column"),
    b(.table, [">"], .widenColumn, "Widen the selected column"),
    b(.table, ["t"], .timeDisplay, "Cycle the Expires column: date and relative, date, relative"),
    b(
      .table, ["s"], .request,
      "Which cookies a URL gets (and which not, and why): asks for a URL and a top-level site",
      footer: "url"),
    b(
      .table, ["m"], .redact,
      "Redact values on screen, for sharing it (length, kind and a hash instead of the text); m again shows them",
      when: { $0.redaction == nil ? .disabled("Redaction is not available here") : .available }),
    b(.table, ["S"], .sessionKey, "Enter the key of signed sessions (Flask, Django, Express; masked)"),
    b(.table, ["?"], .help, "Show this help", footer: "help"),
    b(.table, ["ctrl+z"], .suspend, "Suspend to the shell (fg resumes)"),
    b(.table, ["q", "ctrl+c"], .quit, "Quit (asks first when there are unsaved changes)", footer: "quit"),

    b(.filter, ["enter"], .accept, "Keep the filter and go back to the table", footer: "keep"),
    b(.filter, ["esc"], .cancel, "Clear the filter", footer: "clear"),
    b(.filter, ["up"], .up, "Move up in the table while filtering"),
    b(.filter, ["down"], .down, "Move down in the table while filtering"),
    text(.filter, "Type the query (\(editingKeys) it)"),

    b(.form, ["tab", "down"], .nextField, "Next field", footer: "next"),
    b(.form, ["shift+tab", "up"], .previousField, "Previous field"),
    b(
      .form, ["space", "right"], .choiceRight, "Toggle a flag or cycle a choice", footer: "toggle",
      when: { $0.editFocus?.isText == false ? .available : .passes }),
    b(
      .form, ["left"], .choiceLeft, "Cycle a choice backwards",
      when: { $0.editFocus?.isText == false ? .available : .passes }),
    b(.form, ["ctrl+e"], .editor, "Edit the value in $EDITOR", footer: "$EDITOR"),
    b(.form, ["enter", "ctrl+s"], .accept, "Save the cookie (when every field is valid)", footer: "save"),
    b(.form, ["esc"], .cancel, "Cancel", footer: "cancel"),
    text(
      .form, "Type in a text field (\(editingKeys) it; Space types a space)",
      when: { $0.editFocus?.isText == true ? .available : .passes }),

    b(.export, ["tab"], .nextField, "Switch between path and format"),
    b(
      .export, ["left"], .choiceLeft, "Choose the previous format or consumer", footer: "format",
      when: { $0.exportFocus == 1 ? .available : .passes }),
    b(
      .export, ["right", "space"], .choiceRight,
      "Choose the next format, or a consumer (curl, wget, yt-dlp, python, chrome, firefox)",
      when: { $0.exportFocus == 1 ? .available : .passes }),
    b(.export, ["enter"], .accept, "Write the file (lists what the format loses first)", footer: "write"),
    b(.export, ["esc"], .cancel, "Cancel", footer: "cancel"),
    text(.export, "Type the path (\(editingKeys) it)", when: { $0.exportFocus == 0 ? .available : .passes }),

    b(.dialog, ["y", "enter"], .yes, "Yes, do it", footer: "yes"),
    b(.dialog, ["n", "esc"], .no, "No, cancel", footer: "no"),
    b(
      .dialog, ["w"], .saveAndQuit, "When quitting: save, then quit",
      when: { s in
        if case .confirm(.quit) = s.mode { return .available }
        return .passes
      }),

    b(.help, ["down", "j"], .down, "Scroll down", footer: "scroll"),
    b(.help, ["up", "k"], .up, "Scroll up"),
    b(
      .help, ["pgdown", "space", "ctrl+f"], .pageDown, "Scroll down one page", footer: "page",
      footerKey: "space"),
    b(.help, ["pgup", "ctrl+b", "b"], .pageUp, "Scroll up one page"),
    b(.help, ["home", "g"], .first, "Go to the top"),
    b(.help, ["end", "G"], .last, "Go to the end"),
    b(.help, ["esc", "q", "?"], .cancel, "Close", footer: "close"),

    b(.changes, ["down", "j"], .down, "Scroll down", footer: "scroll"),
    b(.changes, ["up", "k"], .up, "Scroll up"),
    b(.changes, ["esc", "q", "c", "?"], .cancel, "Close", footer: "close"),

    b(.urlPrompt, ["tab", "down"], .nextField, "Next field", footer: "next"),
    b(.urlPrompt, ["shift+tab", "up"], .previousField, "Previous field"),
    b(
      .urlPrompt, ["space"], .choiceRight, "Toggle top-level navigation (SameSite=Lax cookies go along)",
      footer: "toggle", when: { $0.urlPromptFocus == .navigation ? .available : .passes }),
    b(.urlPrompt, ["enter"], .accept, "Show the cookies this request gets", footer: "show"),
    b(.urlPrompt, ["esc"], .cancel, "Cancel", footer: "cancel"),
    text(
      .urlPrompt, "Type the URL, or the top-level site for a cross-site request (\(editingKeys) it)",
      when: { $0.urlPromptFocus == .navigation ? .passes : .available }),

    b(.urlView, ["down", "j"], .down, "Scroll down", footer: "scroll"),
    b(.urlView, ["up", "k"], .up, "Scroll up"),
    b(.urlView, ["pgdown", "ctrl+f"], .pageDown, "Scroll down one page"),
    b(.urlView, ["pgup", "ctrl+b"], .pageUp, "Scroll up one page"),
    b(.urlView, ["s"], .request, "Ask about another URL", footer: "url"),
    b(.urlView, ["esc", "q"], .cancel, "Back to the table", footer: "back"),

    b(.keyEntry, ["enter"], .accept, "Keep the key in memory (empty: forget the key)", footer: "keep"),
    b(.keyEntry, ["esc"], .cancel, "Cancel", footer: "cancel"),
    text(.keyEntry, "Type the key; it shows as • (\(editingKeys) it)"),
    b(.problems, ["down", "j"], .down, "Scroll down", footer: "scroll"),
    b(.problems, ["up", "k"], .up, "Scroll up"),
    b(.problems, ["pgdown", "ctrl+f", "space"], .pageDown, "Scroll down a page"),
    b(.problems, ["pgup", "ctrl+b"], .pageUp, "Scroll up a page"),
    b(.problems, ["esc", "q", "!"], .cancel, "Back to the table", footer: "back"),
    b(.domainJump, ["enter"], .accept, "Keep the domain the cursor jumped to", footer: "keep"),
    b(.domainJump, ["esc"], .cancel, "Go back to the domain chosen before", footer: "back"),
    b(.domainJump, ["down"], .down, "Next matching domain", footer: "next"),
    b(.domainJump, ["up"], .up, "Previous matching domain"),
    text(.domainJump, "Type part of a domain (\(editingKeys) it); a domain starting with it comes first"),
  ]

  /// The action of the first binding in `context` that takes `key`, whether or not it
  /// applies now.
  public static func action(for key: Key, in context: BindingContext) -> Action? {
    for b in all where b.context == context && b.takes(key) { return b.action }
    return nil
  }

  /// What `key` does in `state`: `update`'s only way from a key to an action.
  public static func resolve(_ key: Key, in state: AppState) -> KeyResolution {
    let context = state.bindingContext
    var reason: String?
    // Bindings with keys of their own first, then the context's text input.
    for textPass in [false, true] {
      for b in all where b.context == context && b.takesText == textPass && b.takes(key) {
        switch b.availability(state) {
        case .available: return .action(b.action)
        case .passes: continue
        case .disabled(let r): reason = reason ?? r
        }
      }
    }
    return reason.map(KeyResolution.disabled) ?? .unbound
  }

  /// Footer hints for a context, in table order: the first key's label (or the binding's
  /// own footer key, `j/k` for movement).
  public static func footer(
    for context: BindingContext, without: Set<Action> = []
  ) -> [(key: String, label: String)] {
    footerWithPriorities(for: context, without: without).map { ($0.key, $0.label) }
  }

  /// Footer hints with their priorities: help and quit must always fit, then saving and
  /// the filter; the rest as room allows (`HintBar.fitting`).
  public static func footerWithPriorities(
    for context: BindingContext, without: Set<Action> = []
  ) -> [(key: String, label: String, priority: Int)] {
    var out: [(key: String, label: String, priority: Int)] = []
    for b in all where b.context == context && !without.contains(b.action) {
      guard let f = b.footer else { continue }
      out.append((b.footerKey ?? b.keyLabels[0], f, footerPriority(b.action)))
    }
    return out
  }

  static func footerPriority(_ a: Action) -> Int {
    switch a {
    case .help, .quit, .cancel, .accept, .yes, .no: 3
    case .save, .filter: 2
    case .saveAs, .detail, .edit, .delete, .undo, .focusDomains: 1
    default: 0
    }
  }

  /// What the mouse does (handled in `handleMouse`), for the help screen and the doc.
  static let mouseHelp: [(String, String)] = [
    ("Click a row", "Select it (and the column under the pointer)"),
    ("Click a header", "Sort by that column; again to reverse"),
    ("Click a domain", "Show only that site's or host's cookies; again on a site shows or hides its hosts"),
    ("Wheel", "Scroll the table or the domain list"),
  ]

  /// The help screen's lines: one section per context, then the filter terms and the
  /// mouse; an entry longer than `width` wraps under its text, never cutting a word.
  public static func helpLines(width: Int = 100) -> [String] {
    var lines: [String] = []
    func entry(_ keys: String, _ text: String) {
      let keyWidth = width >= 60 ? 16 : 10
      let textWidth = max(10, width - keyWidth - 3)
      let padded = TerminalText.padded(keys, width: keyWidth)
      // Keys wider than their column get a line of their own.
      var first = "  " + padded + " "
      if DisplayWidth.of(keys) > keyWidth {
        lines.append("  " + keys)
        first = "  " + String(repeating: " ", count: keyWidth) + " "
      }
      for (i, l) in TerminalText.wrapped(text, width: textWidth).enumerated() {
        lines.append((i == 0 ? first : "  " + String(repeating: " ", count: keyWidth) + " ") + l)
      }
    }
    for c in BindingContext.allCases {
      if !lines.isEmpty { lines.append("") }
      lines.append(c.rawValue)
      for b in all where b.context == c { entry(b.keyLabels.joined(separator: " "), b.help) }
    }
    lines += ["", "Filter terms (combine with spaces: all must match)"]
    for t in CookieFilter.help { entry(t.term, t.meaning) }
    lines += ["", "Mouse"]
    for m in mouseHelp { entry(m.0, m.1) }
    return lines
  }

  /// docs/KEYS.md, generated (a test fails when the committed file differs).
  public static func markdown() -> String {
    var s = "# Crumbs inspector keys\n\n"
    s += "Generated from the binding table in `Sources/Inspector/Bindings.swift` "
    s += "(`RECORD_SNAPSHOTS=1 swift test --filter KeysDoc` rewrites it). The footer, the `?` help "
    s += "screen and the keys the inspector reacts to come from the same table.\n"
    for c in BindingContext.allCases {
      s += "\n## \(c.rawValue)\n\n| Keys | Action |\n|---|---|\n"
      for b in all where b.context == c {
        let keys = b.takesText ? "typed text" : b.keys.map { "`\($0.label)`" }.joined(separator: " ")
        s += "| \(keys.replacingOccurrences(of: "|", with: "\\|")) | \(b.help) |\n"
      }
    }
    s += "\n## Filter terms\n\nTyped after `/`; terms separated by spaces must all match.\n\n"
    s += "| Term | Matches |\n|---|---|\n"
    for t in CookieFilter.help {
      let terms = t.term.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
      s +=
        "| \(terms.replacingOccurrences(of: "|", with: "\\|")) | \(t.meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
    }
    s += "\n## Mouse\n\n| Action | Effect |\n|---|---|\n"
    for (what, effect) in mouseHelp { s += "| \(what) | \(effect) |\n" }
    return s
  }
}

extension AppState {
  /// The binding context of the current mode.
  public var bindingContext: BindingContext {
    switch mode {
    case .table: .table
    case .filter: .filter
    case .help: .help
    case .changes: .changes
    case .problems: .problems
    case .confirm: .dialog
    case .edit: .form
    case .export: .export
    case .urlPrompt: .urlPrompt
    case .urlView: .urlView
    case .keyEntry: .keyEntry
    case .domainJump: .domainJump
    }
  }

  /// The URL prompt's focused field, nil outside it.
  var urlPromptFocus: URLPrompt.Field? {
    if case .urlPrompt(let p) = mode { return p.focus }
    return nil
  }

  /// The edit form's focused field, nil outside the form.
  var editFocus: EditForm.Field? {
    if case .edit(let f) = mode { return f.focus }
    return nil
  }

  /// The export form's focus (0 path, 1 format), nil outside it.
  var exportFocus: Int? {
    if case .export(let f) = mode { return f.focus }
    return nil
  }

  /// What `d` deletes: the marked rows that are shown, else the selected one. Marked rows
  /// the filter hides are left alone (the confirmation says how many).
  var deleteTargets: [CookieHandle] {
    let shown = shownMarks
    return shown.isEmpty ? (selected.map { [$0] } ?? []) : shown
  }
}
