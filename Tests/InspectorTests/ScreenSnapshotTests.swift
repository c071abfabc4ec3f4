import CookieCore
import Inspector
import TerminalKit
import Testing

/// `update` driven by key sequences, then `render` compared with text snapshots, for
/// every mode. Fixed `now`, fixed sizes.
@Suite struct ScreenSnapshotTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var width: Int
    var height: Int
    var keys: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "table", width: 110, height: 16, keys: ""),
    Case(name: "table-narrow-40x10", width: 40, height: 10, keys: ""),
    Case(name: "table-moved-column", width: 110, height: 16, keys: "j j l l l"),
    Case(name: "filter-typing", width: 110, height: 16, keys: "/ 'exam'"),
    Case(name: "filter-field-terms", width: 110, height: 16, keys: "/ 'domain:example secure:yes'"),
    Case(name: "filter-expired-accepted", width: 110, height: 16, keys: "/ 'expired' enter"),
    Case(name: "filter-no-match", width: 110, height: 16, keys: "/ 'zzz'"),
    Case(name: "sort-name-descending", width: 110, height: 16, keys: "]"),
    Case(name: "sort-expires-ascending", width: 110, height: 16, keys: "l l l l ["),
    Case(name: "detail", width: 110, height: 30, keys: "j enter"),
    Case(name: "detail-flask-session", width: 110, height: 40, keys: "j j j j enter J J J J J J J J"),
    Case(name: "detail-narrow-40x10", width: 40, height: 10, keys: "j enter"),
    Case(name: "detail-control-chars", width: 110, height: 30, keys: "G k enter"),
    Case(name: "edit-form", width: 110, height: 24, keys: "j e"),
    Case(name: "edit-form-invalid", width: 110, height: 24, keys: "j e tab tab ctrl+u 'bad..host'"),
    Case(name: "edit-form-expiry", width: 110, height: 24, keys: "j e tab tab tab tab ctrl+u '+30d'"),
    Case(name: "edit-form-narrow-40x10", width: 40, height: 10, keys: "j e tab tab"),
    Case(name: "add-form", width: 110, height: 24, keys: "a"),
    Case(name: "confirm-delete-marked", width: 110, height: 16, keys: "space space d"),
    Case(name: "confirm-purge", width: 110, height: 16, keys: "P"),
    Case(name: "confirm-quit-unsaved", width: 110, height: 16, keys: "d y q"),
    Case(name: "after-delete", width: 110, height: 16, keys: "d y"),
    Case(name: "changes-view", width: 110, height: 16, keys: "d y j e tab ctrl+u 'new' enter c"),
    Case(name: "help", width: 110, height: 30, keys: "?"),
    Case(name: "help-narrow-40x10", width: 40, height: 10, keys: "? j j"),
    Case(name: "domains-focused", width: 110, height: 16, keys: "tab j j"),
    Case(name: "export-form", width: 110, height: 16, keys: "W"),
    Case(name: "hidden-columns", width: 110, height: 16, keys: "l - - t"),
    Case(name: "export-form-consumer", width: 110, height: 16, keys: "W tab right right"),
    Case(name: "url-prompt", width: 110, height: 16, keys: "j s"),
    Case(name: "url-view", width: 110, height: 30, keys: "s ctrl+u 'http://www.example.com/app' enter"),
    Case(
      name: "url-view-cross-site", width: 110, height: 30,
      keys: "s ctrl+u 'https://www.example.com/' tab 'https://other.test' enter"),
    Case(
      name: "url-view-narrow-40x10", width: 40, height: 10,
      keys: "s ctrl+u 'http://www.example.com/app' enter"),
    Case(name: "key-entry", width: 110, height: 16, keys: "S 'hunter2'"),
  ]

  @Test(arguments: cases)
  func screen(_ c: Case) {
    var s = Sample.state(
      width: c.width, height: c.height, writers: WriterSet([TestWriter.self, TestJSONWriter.self]))
    Sample.press(c.keys, &s)
    assertSnapshot(Sample.screen(s), named: c.name)
  }
}
