import ArgumentParser
import CookieCore
import Foundation
import SessionSigning

struct SessionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "session",
    abstract: "Decode, verify and sign Flask, Django and Express session cookies.",
    discussion: """
      Kinds: flask (itsdangerous URLSafeTimedSerializer, salt cookie-session, HMAC-SHA1), \
      django (django.core.signing, the signed_cookies session backend's salt, HMAC-SHA256), \
      express (cookie-signature `s:VALUE.SIGNATURE`, HMAC-SHA256).

      The key comes from --key, --key-file (its first line) or the CRUMBS_SECRET_KEY \
      environment variable. Crumbs never writes a key to disk and never prints it.
      """,
    subcommands: [SessionDecodeCommand.self, SessionVerifyCommand.self, SessionSignCommand.self])
}

/// Where the secret comes from: `--key`, `--key-file`, or `CRUMBS_SECRET_KEY`.
struct SessionKeyOptions: ParsableArguments {
  @Option(
    name: .long, help: ArgumentHelp("The secret key (visible in `ps`; prefer --key-file).", valueName: "KEY"))
  var key: String?
  @Option(
    name: .long, help: ArgumentHelp("Read the secret key from the first line of FILE.", valueName: "FILE"))
  var keyFile: String?

  /// The key's bytes, or nil when none was given.
  func resolve() throws -> Data? {
    if let key { return Data(key.utf8) }
    if let keyFile {
      guard let data = FileManager.default.contents(atPath: keyFile) else {
        throw ValidationError("cannot read the key file \(keyFile)")
      }
      var line = data.prefix { $0 != 0x0A }
      if line.last == 0x0D { line = line.dropLast() }
      return Data(line)
    }
    if let env = ProcessInfo.processInfo.environment["CRUMBS_SECRET_KEY"], !env.isEmpty {
      return Data(env.utf8)
    }
    return nil
  }
}

extension SessionKind: ExpressibleByArgument {}

struct SessionDecodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decode",
    abstract: "Print a session cookie's kind, payload and signing time (no key needed).")

  @Option(name: .long, help: "Read the value as this kind only: flask, django or express.") var kind:
    SessionKind?
  @Argument(help: ArgumentHelp("The cookie value (URL-encoded is fine).", valueName: "VALUE")) var value:
    String

  func run() throws {
    guard let s = SignedSession.parse(value, as: kind.map { [$0] }) else {
      CLIStreams.stderr("error: \(SessionSigner.Failure.notASession)")
      throw ExitCode(1)
    }
    CLIStreams.stdoutLine("kind: \(s.kind.rawValue)")
    if let t = s.signedAt { CLIStreams.stdoutLine("signed: \(t.iso8601)") }
    if s.compressed { CLIStreams.stdoutLine("compressed: zlib") }
    CLIStreams.stdoutLine("payload: \(s.payload)")
    CLIStreams.stdoutLine("signature: not verified (give a key to `crumbs session verify`)")
  }
}

struct SessionVerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check session cookies' signatures with a key, or find the key in a wordlist.",
    discussion: """
      Prints `valid` or `invalid: reason` for each value, or for each cookie named NAME in \
      the FILEs. With --wordlist, each line of FILE is tried as the key and the one that \
      verifies is named (to test your own app for a weak secret); the speed is reported on \
      standard error.

      Exit codes: 0 every value verified; 1 one did not, or an input could not be read; \
      64 bad usage.
      """)

  @OptionGroup var keys: SessionKeyOptions
  @Option(name: .long, help: ArgumentHelp("Try each line of FILE as the key.", valueName: "FILE"))
  var wordlist: String?
  @Option(name: .long, help: "Read the values as this kind only: flask, django or express.") var kind:
    SessionKind?
  @Option(
    name: .long, help: ArgumentHelp("Verify the cookies with this name in the FILEs.", valueName: "NAME"))
  var name: String?
  @OptionGroup var input: InputOptions
  @Argument(help: ArgumentHelp("A cookie value, or with --name the cookie files.", valueName: "VALUE|FILE"))
  var arguments: [String]

  func validate() throws {
    if arguments.isEmpty { throw ValidationError("give a VALUE, or --name NAME and cookie FILEs") }
    if name == nil && arguments.count > 1 {
      throw ValidationError("give one VALUE (or use --name NAME FILE…)")
    }
  }

  func run() throws {
    // (label, value) pairs to check.
    var values: [(String, String)] = []
    var failed = false
    if let name {
      let inputs = JarInputs.load(arguments, options: input)
      failed = inputs.failed
      for c in inputs.store.cookies where c.name == name {
        values.append(("\(c.id) (\(c.sourceDescription))", c.value))
      }
      if values.isEmpty {
        CLIStreams.stderr("error: no cookie named \(name) in \(arguments.joined(separator: ", "))")
        throw ExitCode(1)
      }
    } else {
      values = [("value", arguments[0])]
    }
    let key = try keys.resolve()
    let candidates: [Data]
    var lines: [Int] = []
    if let wordlist {
      guard let data = FileManager.default.contents(atPath: wordlist) else {
        CLIStreams.stderr("\(wordlist): error: cannot read the wordlist")
        throw ExitCode(1)
      }
      var list: [Data] = []
      var n = 0
      for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
        n += 1
        var line = raw
        if line.last == 0x0D { line = line.dropLast() }
        if line.isEmpty { continue }
        list.append(Data(line))
        lines.append(n)
      }
      candidates = list
    } else if let key {
      candidates = [key]
    } else {
      throw ValidationError("give a key: --key, --key-file, --wordlist or CRUMBS_SECRET_KEY")
    }
    var allValid = !failed
    var tried = 0
    let start = DispatchTime.now()
    for (label, value) in values {
      guard let session = SignedSession.parse(value, as: kind.map { [$0] }) else {
        CLIStreams.stdoutLine("\(label): invalid: \(SessionSigner.Failure.notASession)")
        allValid = false
        continue
      }
      let (index, count) = SessionKeySearch.first(in: candidates, verifying: session)
      tried += count
      if let index {
        if wordlist != nil {
          let found = String(decoding: candidates[index], as: UTF8.self)
          CLIStreams.stdoutLine(
            "\(label): valid (\(session.kind.rawValue)); key at line \(lines[index]) of \(wordlist!): \(TerminalSafe.quoted(found))"
          )
        } else {
          CLIStreams.stdoutLine("\(label): valid (\(session.kind.rawValue))")
        }
      } else {
        let why =
          wordlist != nil
          ? "no key in \(wordlist!) verifies it" : SessionSigner.Failure.badSignature.description
        CLIStreams.stdoutLine("\(label): invalid: \(why) (\(session.kind.rawValue))")
        allValid = false
      }
    }
    if wordlist != nil {
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
      let rate = seconds > 0 ? Int(Double(tried) / seconds) : tried
      CLIStreams.stderr("tried \(tried) keys in \(String(format: "%.2f", seconds)) s (\(rate) keys/s)")
    }
    if !allValid { throw ExitCode(1) }
  }
}

/// Tries keys on every core; the first (lowest index) that verifies wins.
enum SessionKeySearch {
  static func first(in keys: [Data], verifying session: SignedSession) -> (Int?, Int) {
    guard let verifier = SessionSigner.Verifier(session) else { return (nil, 0) }
    if keys.count < 256 {
      for (i, k) in keys.enumerated() where verifier.matches(key: k) { return (i, i + 1) }
      return (nil, keys.count)
    }
    let parts = max(1, ProcessInfo.processInfo.activeProcessorCount) * 4
    let found = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
    found.initialize(repeating: Int.max)
    defer { found.deallocate() }
    let box = FoundBox(found)
    DispatchQueue.concurrentPerform(iterations: parts) { p in
      let lo = keys.count * p / parts
      let hi = keys.count * (p + 1) / parts
      for i in lo..<hi where verifier.matches(key: keys[i]) {
        box.slots[p] = i
        return
      }
    }
    let best = found.min() ?? Int.max
    return best == Int.max ? (nil, keys.count) : (best, keys.count)
  }

  /// Each part writes only its own slot.
  struct FoundBox: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<Int>
    init(_ s: UnsafeMutableBufferPointer<Int>) { slots = s }
  }
}

struct SessionSignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sign",
    abstract: "Print a session cookie value signed with a key, that the framework accepts.",
    discussion: """
      The payload is JSON for flask and django (written compactly, keys in the order given) \
      and the plain value for express. The signing time is now (or --now).
      """)

  @OptionGroup var keys: SessionKeyOptions
  @Option(name: .long, help: "flask, django or express.") var kind: SessionKind
  @Option(
    name: .long,
    help: ArgumentHelp("The session data: JSON (flask, django) or the value (express).", valueName: "JSON"))
  var payload: String
  @Flag(name: .long, help: "zlib-compress the payload when that makes it shorter, as the frameworks do.")
  var compress = false
  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Sign as of this Unix time (default: now).", valueName: "EPOCH"))
  var now: Int64?

  func run() throws {
    guard let key = try keys.resolve() else {
      throw ValidationError("give a key: --key, --key-file or CRUMBS_SECRET_KEY")
    }
    var text = payload
    if kind != .express {
      guard let compact = CompactJSON.compact(payload) else {
        CLIStreams.stderr("error: --payload is not valid JSON")
        throw ExitCode(64)
      }
      text = compact
    }
    let at = now.map { Instant(seconds: $0) } ?? Instant(Date())
    CLIStreams.stdoutLine(SessionSigner.sign(kind, payload: text, key: key, now: at, compress: compress))
  }
}

/// JSON with the whitespace between tokens removed, keys and numbers as written (the
/// frameworks serialize compactly); nil when the text is not JSON.
enum CompactJSON {
  static func compact(_ s: String) -> String? {
    guard (try? JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed])) != nil else {
      return nil
    }
    var out = ""
    var inString = false
    var escaped = false
    for ch in s {
      if inString {
        out.append(ch)
        if escaped {
          escaped = false
        } else if ch == "\\" {
          escaped = true
        } else if ch == "\"" {
          inString = false
        }
      } else if ch == "\"" {
        inString = true
        out.append(ch)
      } else if !ch.isWhitespace {
        out.append(ch)
      }
    }
    return out
  }
}
