import ArgumentParser
import CookieCore

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the cookies of one or more jars as a table or as JSON.",
    discussion: """
      The table has the columns of the browser devtools cookie pane: Name, Value, Domain \
      (a leading dot marks a domain cookie), Path, Expires (UTC; `Session` for session \
      cookies; `expired` after the date when it is past --now), Size (bytes of name and \
      value), HttpOnly, Secure, SameSite. Long cells are cut with `…`; control characters are \
      shown escaped (`\\x1b`), never raw.

      --json writes one JSON array with one object per cookie and these keys: name, value, \
      domain (no leading dot), hostOnly, path, expires (Unix seconds, a fraction only when \
      the source had one; null for a session cookie), expired (bool, as of --now), secure, \
      httpOnly, sameSite ("unset", "none", "lax", "strict"), partitioned (bool), \
      partitionKey (top-level site or null), priority ("low", "medium", "high" or null), \
      size, port (only when the source restricted the port, e.g. wget's host:port), source \
      ("file:line", or the record for formats without lines).

      Several FILEs load in order into one jar; a cookie with the same name, domain, \
      host-only flag, path and partition as an earlier one replaces it (a note says so). \
      Loading problems go to standard error as `file:line: warning: reason`.

      Exit codes: 0 success; 1 an input could not be read (the others are still listed); \
      64 bad usage.
      """)

  @Flag(name: .long, help: "Write a JSON array instead of the table.") var json = false
  @OptionGroup var redaction: RedactOptions
  @Flag(
    name: .long,
    help:
      "List the browser profiles found (browser, profile, path, cookie file) instead of cookies; with --json as an array of {browser, profile, path, cookieFile, default}."
  )
  var browsers = false
  @OptionGroup var input: InputOptions
  @OptionGroup var browser: BrowserInputOptions
  @Argument(help: ArgumentHelp("Cookie files to read; `-` reads standard input.", valueName: "FILE"))
  var files: [String] = []

  func validate() throws {
    if !browsers && files.isEmpty && browser.isEmpty {
      throw ValidationError("give at least one FILE (or - for standard input, or --from-browser BROWSER)")
    }
  }

  func run() throws {
    if browsers {
      BrowserProfileList.print(json: json)
      return
    }
    let inputs = JarInputs.load(files, options: input, browsers: browser.specs)
    // Nothing loaded at all: the errors on stderr say why; an empty table would not.
    if inputs.failed && inputs.jars.isEmpty { throw ExitCode(1) }
    var cookies = inputs.store.cookies
    if let r = redaction.makeRedaction() { cookies = r.redact(cookies) }
    if json {
      CookieListJSON.print(cookies, now: input.clock)
    } else {
      CookieTable.print(cookies, now: input.clock)
    }
    if inputs.failed { throw ExitCode(1) }
  }
}
