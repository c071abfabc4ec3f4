import CookieCore
import TerminalKit
import Testing

@testable import Inspector

/// The binding table is the dispatcher: in every mode, a key `update` reacts to is one the
/// table lists for that mode (a typed character counts when the mode has a text input
/// binding that applies).
@Suite struct BindingDispatchTests {
  /// One state per mode and focus that changes what keys do, reached by keys.
  static func states() -> [(String, AppState)] {
    var out: [(String, AppState)] = []
    func at(_ name: String, _ keys: String, width: Int = 100) {
      var s = Sample.state(width: width)
      Sample.press(keys, &s)
      out.append((name, s))
    }
    at("table", "")
    at("table, domain list focused", "tab")
    at("table, detail open", "enter")
    at("table, nothing shown", "/ 'zzzz' enter")
    at("table, narrow", "", width: 40)
    at("table, a row marked", "space")
    at("filter", "/")
    at("filter with a query", "/ 'ex' left")
    at("help", "?")
    at("changes", "d y c")
    at("confirm delete", "d")
    at("confirm purge", "P")
    at("confirm quit", "d y q")
    at("edit, text field", "e")
    at("edit, choice field", "e tab tab tab tab tab")
    at("edit, flag field", "e tab tab tab tab tab tab")
    at("add", "a")
    at("export, path", "W")
    at("export, format", "W tab")
    var problems = Sample.state(width: 100)
    problems.problems = (1...30).map { (i: Int) in
      Diagnostic(.warning, file: "cookies.txt", line: i, "bad line \(i)")
    }
    Sample.press("!", &problems)
    out.append(("problems", problems))
    at("domain jump", "tab /")
    at("domain jump with text", "tab / 'ex'")
    at("domain list focused at 80 columns", "tab", width: 80)
    at("marked rows hidden by the filter", "space space / 'sid' enter")
    return out
  }

  /// Every key the table names, every printable ASCII character, some others, and named
  /// keys no binding uses.
  static let universe: [Key] = {
    var keys: [Key] = []
    var seen: Set<Key> = []
    func add(_ k: Key) { if seen.insert(k).inserted { keys.append(k) } }
    for b in Bindings.all { b.keys.forEach(add) }
    for v in UInt8(33)...UInt8(126) { add(Key(String(UnicodeScalar(v)))) }
    for c in ["é", "中", "🍪"] { add(Key(c)) }
    for n in [
      "space", "up", "down", "left", "right", "enter", "esc", "tab", "shift+tab", "backspace", "delete",
      "home",
      "end", "pgup", "pgdown", "insert", "f1", "f5", "f10", "shift+up",
    ] { add(Key(n)) }
    for c in "abcdefghijklmnopqrstuvwxyz" { add(Key.ctrl(c)) }
    return keys
  }()

  /// What a key may change, as text: the screen and the state behind it.
  static func fingerprint(_ s: AppState, _ effects: [Effect] = []) -> String {
    var parts = [Sample.screen(s)]
    parts.append(String(describing: s.mode))
    parts.append(
      "\(s.cursor) \(s.top) \(s.column) \(s.focus) \(s.showDetail) \(s.detailScroll) \(s.helpScroll) \(s.changesScroll)"
    )
    parts.append("\(s.filter) \(String(describing: s.domain)) \(s.domainCursor) \(s.marks.sorted())")
    parts.append(
      "\(String(describing: s.sort)) \(s.hidden.sorted { $0.rawValue < $1.rawValue }) \(s.timeDisplay) \(s.columnWidths.sorted { $0.key.rawValue < $1.key.rawValue })"
    )
    parts.append("\(String(describing: s.message)) \(s.store.revision) \(s.store.isDirty) \(s.quitAfterSave)")
    parts.append("\(effects)")
    return parts.joined(separator: "\n")
  }

  @Test func everyKeyUpdateReactsToIsInTheTable() {
    var checked = 0
    for (name, state) in BindingDispatchTests.states() {
      let before = BindingDispatchTests.fingerprint(state)
      for key in BindingDispatchTests.universe {
        var s = state
        let effects = update(&s, .key(key))
        if Bindings.resolve(key, in: state) == .unbound {
          // An unbound key only clears the last message or says it is not a key here.
          let said = s.message
          #expect(
            said == nil || said?.text == "\(key.label): not a key here, ? for help",
            "\(name): \(key) said \(String(describing: said))")
          var quiet = s
          quiet.message = state.message
          let reacted = BindingDispatchTests.fingerprint(quiet, effects) != before
          #expect(
            !reacted,
            "\(name): \(key) is not in the binding table for \(state.bindingContext) but changed the state")
        }
        checked += 1
      }
    }
    #expect(checked > 1000)
  }

  /// Keys that meant one thing under one binding now have one binding each.
  @Test func oppositeKeysHaveOppositeActions() {
    for c: BindingContext in [.table, .filter, .help, .changes, .problems] {
      #expect(Bindings.action(for: .up, in: c) == .up, "\(c)")
      #expect(Bindings.action(for: .down, in: c) == .down, "\(c)")
    }
    for c: BindingContext in [.form, .export] {
      var s = Sample.state()
      Sample.press(c == .form ? "e tab tab tab tab tab" : "W tab", &s)
      #expect(s.bindingContext == c)
      #expect(Bindings.resolve(.left, in: s) == .action(.choiceLeft), "\(c)")
      #expect(Bindings.resolve(.right, in: s) == .action(.choiceRight), "\(c)")
    }
  }

  /// In a text field the arrows and Space go to the text, not the choice bindings.
  @Test func textFieldsTakeTypedKeys() {
    var s = Sample.state()
    Sample.press("e", &s)
    for k: Key in [.left, .right, .space, "x", "é", .backspace, "ctrl+w"] {
      #expect(Bindings.resolve(k, in: s) == .action(.typeText), "\(k)")
    }
    // Bound keys come before text input: Ctrl-E opens $EDITOR, ↓ goes to the next field.
    #expect(Bindings.resolve("ctrl+e", in: s) == .action(.editor))
    #expect(Bindings.resolve(.down, in: s) == .action(.nextField))
    Sample.press("/", &s)
    #expect(s.bindingContext == .form)
  }

  /// A key whose binding cannot act now says why in the status line.
  @Test func disabledBindingsGiveTheirReason() {
    var s = Sample.state()
    Sample.press("/ 'zzzz' enter", &s)
    #expect(Bindings.resolve("e", in: s) == .disabled("No cookie selected"))
    Sample.press("e", &s)
    #expect(s.message == StatusMessage("No cookie selected", .warning))
    guard case .table = s.mode else {
      Issue.record("e opened a form with nothing selected")
      return
    }
    #expect(Bindings.resolve("u", in: s) == .disabled("Nothing to undo"))
  }

  /// A context takes typed text through one binding at most.
  @Test func oneTextInputPerContext() {
    for c in BindingContext.allCases {
      let inContext = Bindings.all.filter { $0.context == c }
      let text = inContext.filter(\.takesText)
      #expect(text.count <= 1, "\(c) has more than one text input binding")
    }
  }
}
