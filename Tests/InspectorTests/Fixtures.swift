import CookieCore
import Foundation
import Inspector
import TerminalKit

/// A fixed clock and a small jar covering the cases the UI must get right: domain and
/// host-only cookies, session, expired, wide characters, control characters, a Flask
/// session value.
enum Sample {
  static let now = Instant(seconds: Instant.unixSeconds(year: 2026, month: 11, day: 25, hour: 12)!)

  static func at(_ days: Int64, hours: Int64 = 0) -> Instant {
    now.adding(seconds: days * 86400 + hours * 3600)
  }

  static var cookies: [Cookie] {
    var out: [Cookie] = []
    out.append(
      Cookie(
        name: "lang", value: "en-US", domain: "example.com", hostOnly: false, expires: at(196),
        sourceFile: "cookies.txt", sourceLine: 5))
    out.append(
      Cookie(
        name: "sid", value: "31d4d96e407aad42", domain: "www.example.com", expires: at(3), secure: true,
        httpOnly: true, sameSite: .lax, sourceFile: "cookies.txt", sourceLine: 6))
    out.append(
      Cookie(
        name: "theme", value: "dark", domain: "www.example.com", path: "/app", sourceFile: "cookies.txt",
        sourceLine: 7))
    out.append(
      Cookie(
        name: "__Secure-token", value: "abc%3D%3D", domain: "example.com", hostOnly: false,
        expires: at(0, hours: -2),
        secure: true, httpOnly: true, sourceFile: "cookies.txt", sourceLine: 8))
    out.append(
      Cookie(
        name: "session",
        value: "eyJyb2xlcyI6WyJhZG1pbiIsImRldiJdLCJ1c2VyIjoiYWxpY2UifQ.awdRWg.U66eZowTpMhAET-vm0rJ6gCvyUw",
        domain: "localhost",
        httpOnly: true,
        sourceFile: "cookies.txt", sourceLine: 9))
    out.append(
      Cookie(
        name: "中文", value: "值🍪é", domain: "shop.example.jp", expires: at(30), sourceFile: "cookies.txt",
        sourceLine: 10))
    out.append(
      Cookie(
        name: "evil", value: "\u{1b}[31mred\u{07}\u{9b}2J", domain: "evil.test", expires: at(10),
        sourceFile: "cookies.txt",
        sourceLine: 11))
    out.append(
      Cookie(
        name: "old", value: "1", domain: "tracker.test", hostOnly: false, expires: at(-400), sameSite: .none,
        sourceFile: "cookies.txt", sourceLine: 12))
    return out
  }

  static func state(width: Int = 100, height: Int = 24, writers: WriterSet = WriterSet([TestWriter.self]))
    -> AppState
  {
    AppState(
      store: CookieStore(loading: cookies), now: now,
      files: [OpenFile(name: "cookies.txt", format: .netscape)],
      width: width, height: height, writers: writers)
  }

  /// Parses `"j j enter ctrl+r"` into keys; `'text'` types each character.
  static func keys(_ s: String) -> [Key] {
    var out: [Key] = []
    var rest = Substring(s)
    while let c = rest.first {
      if c == " " {
        rest.removeFirst()
      } else if c == "'", let end = rest.dropFirst().firstIndex(of: "'") {
        for ch in rest[rest.index(after: rest.startIndex)..<end] { out.append(Key.char(ch)) }
        rest = rest[rest.index(after: end)...]
      } else {
        let word = rest.prefix { $0 != " " }
        out.append(Key(String(word)))
        rest = rest.dropFirst(word.count)
      }
    }
    return out
  }

  @discardableResult
  static func press(_ s: String, _ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    for k in keys(s) { effects += update(&state, .key(k)) }
    return effects
  }

  /// What the runner does first with each write `effects` start, on the save thread:
  /// work out what the format loses (`WriteJob.losses`) and, when something is, hand the
  /// job back as `Msg.lossy` without writing. Returns the jobs that would be written.
  @discardableResult
  static func runLossChecks(_ effects: [Effect], _ state: inout AppState) -> [WriteJob] {
    var written: [WriteJob] = []
    for e in effects {
      switch e {
      case .save(let job), .export(let job): check(job, &state, &written)
      default: continue
      }
    }
    return written
  }

  private static func check(_ job: WriteJob, _ state: inout AppState, _ written: inout [WriteJob]) {
    guard let writer = state.writers.writer(for: job.format) else { return }
    let all = job.cookies
    let losses =
      job.lossesAccepted
      ? [] : job.losses(of: job.fileCookies(all, now: state.now), from: all, with: writer, now: state.now)
    if losses.isEmpty {
      written.append(job)
    } else {
      _ = update(&state, .lossy(job, warnings: losses))
    }
  }

  static func screen(_ state: AppState) -> String {
    var buf = Buffer(width: state.width, height: state.height)
    render(state, into: &buf)
    return buf.text
  }
}

/// A writer for tests: one `name=value@domain` line per cookie; loses `partitioned`.
enum TestWriter: CookieWriter {
  static let format = CookieFormat.netscape
  static func write(_ cookies: [Cookie], options: CookieWriteOptions) -> CookieWriteResult {
    var s = ""
    var warnings: [Diagnostic] = []
    for c in cookies {
      s += "\(c.name)=\(c.value)@\(c.domain)\n"
      if c.partitioned {
        warnings.append(Diagnostic(.warning, file: "", "\(c.name): partition dropped"))
      }
    }
    return CookieWriteResult(data: Data(s.utf8), warnings: warnings)
  }
}

/// A second writer, for export choices.
enum TestJSONWriter: CookieWriter {
  static let format = CookieFormat.json
  static func write(_ cookies: [Cookie], options: CookieWriteOptions) -> CookieWriteResult {
    CookieWriteResult(
      data: Data("[\(cookies.count)]".utf8),
      warnings: [Diagnostic(.warning, file: "", "hostOnly is not kept")])
  }
}
