import CookieCore
import Foundation
import Inspector
import TerminalKit

/// The edit form as typed: lines are name, value, domain, path and expiry; the first
/// byte's bits set the flags. Checks that every message is terminal-safe, that the form
/// only yields a cookie it accepts, and that reopening the form on that cookie gives it back.
enum EditFormFuzz {
  static let base = Cookie(name: "sid", value: "abc", domain: "example.com", hostOnly: false)

  static func run(_ data: Data) {
    let bits = data.first ?? 0
    let text = String(decoding: data.dropFirst(), as: UTF8.self)
    // The whole input as one expiry field too: the parser sees unsplit text.
    checkExpiry(text)
    var fields = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while fields.count < 5 { fields.append("") }

    var form = EditForm(editing: base, handle: nil)
    form.name = TextField(fields[0])
    form.value = TextField(fields[1])
    form.domain = TextField(fields[2])
    form.path = TextField(fields[3])
    form.expires = TextField(fields[4])
    form.secure = bits & 1 != 0
    form.httpOnly = bits & 2 != 0
    form.partitioned = bits & 4 != 0
    form.sameSite = [.unset, .lax, .strict, .none][Int(bits >> 3) & 3]
    checkExpiry(fields[4])

    let errors = form.errors(now: fuzzNow)
    for (field, message) in errors { Invariant.terminalSafe(message, "edit form error for \(field)") }
    for w in form.warnings() { Invariant.terminalSafe(w, "edit form warning") }
    guard let cookie = form.cookie(now: fuzzNow) else {
      Invariant.check(!errors.isEmpty, "the form has no errors but yields no cookie")
      return
    }
    Invariant.check(errors.isEmpty, "the form yields a cookie despite \(errors)")
    // Reopening the form on the cookie it made gives the same cookie back.
    let again = EditForm(editing: cookie, handle: nil)
    let reopened = again.errors(now: fuzzNow)
    Invariant.check(
      reopened.isEmpty,
      "the form rejects the cookie it made: \(reopened) for expires \(again.expires.text.debugDescription)")
    let back = again.cookie(now: fuzzNow)
    Invariant.check(back == cookie, "reopening the form changed \(cookie) into \(String(describing: back))")
  }

  static func checkExpiry(_ s: String) {
    switch ExpiryInput.parse(s, now: fuzzNow) {
    case .failure(let p): Invariant.terminalSafe(p.message, "ExpiryInput problem")
    case .success(let t?):
      // What the form shows for an expiry parses back to the same instant.
      if case .success(let u) = ExpiryInput.parse(t.iso8601, now: fuzzNow) {
        Invariant.check(
          u == t, "expiry \(s.debugDescription) → \(t.iso8601) reads back as \(String(describing: u))")
      } else {
        Invariant.fail("expiry \(s.debugDescription) → \(t.iso8601), which the field rejects")
      }
    case .success(nil): break
    }
  }
}
