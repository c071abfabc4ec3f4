import CrumbsTestSupport
import Foundation
import Testing

/// Hostile cookie text (ESC sequences, OSC 0 / OSC 52, C1 controls, bidi overrides,
/// zero-width characters) through the real binary: nothing of it reaches stderr raw, stdout
/// is byte-exact into a pipe and escaped on a terminal, and output errors are handled like
/// other Unix tools handle them.
@Suite struct HostileOutputTests {
  static let osc0 = "\u{1B}]0;PWNED\u{07}"
  static let osc52 = "\u{1B}]52;c;cHduZWQ=\u{07}"

  /// Scalars that must never reach stderr (or a terminal) raw: C0 except newline, DEL, C1,
  /// U+202E and the zero-width characters.
  static func rawScalars(_ text: String, allowing allowed: Set<UInt32> = [0x0A]) -> [String] {
    var found: [String] = []
    for s in text.unicodeScalars where !allowed.contains(s.value) {
      let v = s.value
      if v < 0x20 || (0x7F...0x9F).contains(v)
        || [0x202E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF].contains(v)
      {
        found.append("U+" + String(v, radix: 16, uppercase: true))
      }
    }
    return found
  }

  static func expectClean(
    _ stderr: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let raw = rawScalars(stderr)
    #expect(raw.isEmpty, "raw \(raw) on stderr of \(what):\n\(stderr)", sourceLocation: sourceLocation)
  }

  static func write(_ bytes: String, _ name: String, in dir: URL) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try Data(bytes.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// A Netscape jar: hostile name, value, domain and path, each cookie twice (the later
  /// one replaces the earlier, with a note).
  static var netscapeJar: String {
    var s = "# Netscape HTTP Cookie File\n"
    for value in ["one" + osc0, "two" + osc52] {
      s +=
        ".ex\u{200B}ample.com\tTRUE\t/p\u{9B}2J\u{202E}\tFALSE\t0\tn\u{200D}ame\u{1B}[31m\t\(value)\u{FEFF}\n"
      s += "plain.test\tFALSE\t/\tFALSE\t0\tsid\u{2060}\t\(value)\u{200C}\n"
    }
    return s
  }

  static var jsonJar: String {
    let c = """
      {"domain": ".ex\u{200B}ample.com", "path": "/p\\u001b]0;T\\u0007\u{202E}", "name": "n\\u009b\u{200D}", \
      "value": "\\u001b]52;c;cHduZWQ=\\u0007", "hostOnly": false, "session": true, "sameSite": "\\u001b[31mx\u{FEFF}"}
      """
    return "[\(c), \(c)]"
  }

  static var lwpJar: String {
    let line =
      "Set-Cookie3: a\u{2060}b=\"v\u{1B}]52;c;aGk=\u{07}\"; path=\"/\u{9B}p\u{202E}\"; domain=\".ex\u{FEFF}ample.com\"; path_spec; discard; version=0\n"
    return "#LWP-Cookies-2.0\n" + line + line
  }

  static var headerDump: String {
    [
      "HTTP/1.1 200 OK",
      "Set-Cookie: n\u{9B}31m\u{202E}=1; Domain=ev\u{202E}il.test",
      "Set-Cookie: a=b; SameSite=We\u{9B}ird\u{200D}; Max-Age=\u{9B}1\u{200B}",
      "Set-Cookie: c\u{200C}=d; Path=p\u{2060}ath; Domain=\u{FEFF}example.com",
      "Set-Cookie: __Host-x\u{200B}=1; Path=/z\u{9B}",
      "", "",
    ].joined(separator: "\r\n")
  }

  @Test(arguments: [
    ("cookies.txt", HostileOutputTests.netscapeJar, "replaces the one from"),
    ("cookies.json", HostileOutputTests.jsonJar, "replaces the one from"),
    ("cookies.lwp", HostileOutputTests.lwpJar, "replaces the one from"),
    ("capture.headers", HostileOutputTests.headerDump, "Set-Cookie rejected"),
  ])
  func diagnosticsOnStderrAreEscaped(_ name: String, _ content: String, _ expected: String) throws {
    let dir = try CrumbsRunner.tempDir()
    let file = try Self.write(content, name, in: dir)
    let origin = ["--origin", "https://example.com/"]
    for args in [["list"] + origin + [file], ["convert", "--to", "json"] + origin + [file]] {
      guard let r = try CrumbsRunner.run(args) else { return }
      #expect(r.stderr.contains(expected), "\(args): \(r.stderr)")
      Self.expectClean(r.stderr, "crumbs \(args)")
    }
    guard let h = try CrumbsRunner.run(["header", "--url", "https://example.com/"] + origin + [file]) else {
      return
    }
    Self.expectClean(h.stderr, "crumbs header on \(name)")
    guard let l = try CrumbsRunner.run(["lint", file]) else { return }
    Self.expectClean(l.stderr, "crumbs lint on \(name)")
  }

  /// File names are echoed in errors: one that does not exist, one that is no cookie file.
  @Test func hostileFileNamesAreEscaped() throws {
    let dir = try CrumbsRunner.tempDir()
    let missing = dir.appendingPathComponent("no\u{1B}]0;T\u{07}\u{202E}such\u{200B}.txt").path
    let junk = try Self.write("just some text\n", "junk\u{1B}[2J\u{9B}\u{FEFF}.txt", in: dir)
    for file in [missing, junk] {
      for command in [
        "list", "lint", "convert --to json", "purge-expired -o -", "header --url https://a.test/",
      ] {
        let args = command.split(separator: " ").map(String.init) + [file]
        guard let r = try CrumbsRunner.run(args) else { return }
        #expect(r.status != 0)
        #expect(r.stderr.contains("error:"), "\(args): \(r.stderr)")
        Self.expectClean(r.stderr, "crumbs \(command) on a hostile file name")
      }
    }
  }

  /// The schema of an SQLite file that is no cookie store is quoted in the error.
  @Test(.requires(.sqlite3)) func hostileSQLiteSchemaIsEscaped() throws {
    let sqlite3 = try #require(Tool.sqlite3.url)
    let dir = try CrumbsRunner.tempDir()
    let db = dir.appendingPathComponent("Cookies").path
    let sql =
      "CREATE TABLE \"t\u{200B}\u{1B}]0;X\u{07}\" (a); CREATE TABLE \"moz_cookies\u{202E}\u{9B}\" (b);"
    let made = try runProcess(sqlite3, [db, sql])
    #expect(made.status == 0, "\(made.stderr)")
    guard let r = try CrumbsRunner.run(["list", db]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("its tables"), "\(r.stderr)")
    Self.expectClean(r.stderr, "crumbs list on a hostile SQLite schema")
  }

  /// swift-argument-parser echoes bad option values; they come out escaped too.
  @Test(arguments: [
    ["list", "--now", "\u{1B}]0;X\u{07}", "x.txt"],
    ["convert", "--to", "\u{1B}[31m\u{202E}", "x.txt"],
    ["lint", "--min-severity", "\u{9B}\u{200B}", "x.txt"],
    ["header", "--url", "\u{1B}]52;c;aGk=\u{07}", "x.txt"],
    ["--frobnicate\u{1B}[2J\u{FEFF}"],
  ])
  func badOptionValuesAreEscaped(_ args: [String]) throws {
    guard let r = try CrumbsRunner.run(args) else { return }
    #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
    #expect(r.stderr.contains("Error"), "\(args): \(r.stderr)")
    Self.expectClean(r.stderr, "crumbs \(args)")
  }

  /// Off a terminal, data output is the writer's bytes, hostile ones included.
  @Test func convertIntoAPipeIsByteExact() throws {
    let dir = try CrumbsRunner.tempDir()
    let file = try Self.write(Self.netscapeJar, "cookies.txt", in: dir)
    guard let r = try CrumbsRunner.run(["convert", "--to", "netscape", file]) else { return }
    #expect(r.status == 0)
    // The value, as the input held it, raw.
    let raw = "\tsid\u{2060}\ttwo\(Self.osc52)\u{200C}\n"
    #expect(r.text.contains(raw), "\(r.text.debugDescription)")
    guard let p = try CrumbsRunner.run(["purge-expired", "-o", "-", file]) else { return }
    #expect(p.text.contains(raw), "\(p.text.debugDescription)")
  }

  /// On a terminal (a pseudo-terminal from util-linux `script`), data output shows hostile
  /// bytes as escapes; line breaks and TABs stay.
  @Test(
    .requires(.script),
    arguments: [
      "convert --to netscape", "convert --to json", "convert --to lwp", "purge-expired -o -", "list",
    ])
  func dataOnATerminalIsEscaped(_ command: String) throws {
    let script = try #require(Tool.script.url)
    let dir = try CrumbsRunner.tempDir()
    let file = try Self.write(Self.netscapeJar, "cookies.txt", in: dir)
    let line = "\(shellQuote(CrumbsRunner.binary.path)) \(command) \(shellQuote(file)) 2>/dev/null"
    let r = try runProcess(script, ["-qec", line, "/dev/null"], stdin: Data())
    let screen = String(decoding: r.stdout, as: UTF8.self)
    #expect(r.status == 0, "\(screen)")
    // The terminal turns "\n" into "\r\n"; TAB is kept.
    let raw = Self.rawScalars(screen, allowing: [0x0A, 0x0D, 0x09])
    #expect(raw.isEmpty, "raw \(raw) on the terminal for crumbs \(command):\n\(screen.debugDescription)")
    #expect(screen.contains("]52;c;cHduZWQ="), "\(screen)")
    #expect(screen.contains("sid\\u{2060}"), "\(screen)")
  }

  /// A full disk (`> /dev/full`) is an error: exit status 1 and a message on stderr.
  @Test(arguments: ["list", "convert --to json", "lint", "purge-expired -o -"])
  func writeErrorsOnStdoutExitOne(_ command: String) throws {
    let dir = try CrumbsRunner.tempDir()
    let file = try Self.write(Self.netscapeJar, "cookies.txt", in: dir)
    let r = try runProcess(
      URL(fileURLWithPath: "/bin/sh"),
      ["-c", "\(shellQuote(CrumbsRunner.binary.path)) \(command) \(shellQuote(file)) > /dev/full"])
    #expect(r.status == 1, "\(command) > /dev/full: \(r.status) \(r.stderr)")
    #expect(r.stderr.contains("cannot write to standard output"), "\(r.stderr)")
  }

  /// A reader that goes away (`| head -1`) ends crumbs quietly with status 0.
  @Test(.requires(.bash), arguments: ["list", "convert --to netscape", "list --json"])
  func closedPipeEndsQuietly(_ command: String) throws {
    let bash = try #require(Tool.bash.url)
    let dir = try CrumbsRunner.tempDir()
    var big = "# Netscape HTTP Cookie File\n"
    for i in 0..<40000 { big += ".e\(i).test\tTRUE\t/\tFALSE\t0\tname\(i)\tvalue-\(i)-0123456789abcdef\n" }
    let file = try Self.write(big, "big.txt", in: dir)
    let err = dir.appendingPathComponent("stderr.txt").path
    let line =
      "\(shellQuote(CrumbsRunner.binary.path)) \(command) \(shellQuote(file)) 2>\(shellQuote(err)) | head -1 >/dev/null; echo ${PIPESTATUS[0]}"
    let r = try runProcess(bash, ["-c", line])
    #expect(r.text.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "status \(r.text)")
    let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? "?"
    #expect(stderr.isEmpty, "\(stderr)")
  }
}

/// POSIX shell single quotes.
func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
