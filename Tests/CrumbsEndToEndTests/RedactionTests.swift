import CrumbsTestSupport
import Foundation
import Testing

/// `--redact` on `list`, `convert` and `diff`: nothing of a value (or, with
/// `--redact-names`, a name) can be recovered from the output, over real Flask and JWT
/// values and the example jar's tokens.
@Suite("--redact")
struct RedactionTests {
  typealias R = CrumbsRunner

  /// Values Flask and joserfc wrote (Fixtures/values) and every value of the bundled jar
  /// of 8 bytes or more (shorter ones, `uk` or `1`, are shorter than any useful secret).
  static func secrets() throws -> [String] {
    var values = try ["jwt-hs256.txt", "flask-session-small.txt", "flask-session-compressed.txt"].map {
      try String(contentsOfFile: R.fixture("values/" + $0), encoding: .utf8).trimmingCharacters(
        in: .whitespacesAndNewlines)
    }
    let example = try String(
      contentsOfFile: R.root.appendingPathComponent("Examples/cookies.txt").path, encoding: .utf8)
    for line in example.split(separator: "\n") where !line.hasPrefix("# ") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false)
      if f.count == 7 && f[6].utf8.count >= 8 { values.append(String(f[6])) }
    }
    return values
  }

  /// A jar holding `values` under neutral names (`c0`, `c1`, …) on one neutral domain, so
  /// that nothing but the values could repeat their text.
  static func jar(_ values: [String]) -> Data {
    var s = "# Netscape HTTP Cookie File\n"
    for (i, v) in values.enumerated() { s += "a.test\tFALSE\t/\tTRUE\t1876543219\tc\(i)\t\(v)\n" }
    return Data(s.utf8)
  }

  /// The output without the keyed hashes (`#1a2b3c4d`, `redacted-1a2b3c4d`): 8 hex digits
  /// of an HMAC under a random key are noise that may match a hex value by chance.
  static func withoutHashes(_ text: String) -> String {
    text.replacingOccurrences(of: "#[0-9a-f]{8}", with: "#", options: .regularExpression)
      .replacingOccurrences(of: "redacted-[0-9a-f]{8}", with: "redacted-", options: .regularExpression)
  }

  /// Runs of 4 characters of a value that occur in `output` but not in `baseline`, the
  /// output of the same command for the same jar with every value empty: a value such as
  /// `expired-trial` shares `expi` with the JSON key `expired`, which is not a leak.
  static func leaks(_ values: [String], in output: String, baseline: String = "") -> [String] {
    let out = withoutHashes(output)
    var found: [String] = []
    for v in values {
      let c = Array(v)
      guard c.count >= 4 else { continue }
      for i in 0...(c.count - 4)
      where out.contains(String(c[i..<(i + 4)])) && !baseline.contains(String(c[i..<(i + 4)])) {
        found.append("\(String(c[i..<(i + 4)])) of \(v)")
      }
    }
    return found
  }

  @Test("list, list --json and convert --redact: no 4-character run of any value in stdout or stderr")
  func noRunOfAnyValueSurvives() throws {
    let values = try Self.secrets()
    #expect(values.count >= 20)
    let input = Self.jar(values)
    for args in [
      ["list", "--redact", "-"], ["list", "--json", "--redact", "-"],
      ["convert", "--redact", "--to", "json", "-"],
      ["convert", "--redact", "--to", "netscape", "-"], ["list", "--json", "--redact-names", "-"],
    ] {
      guard let r = try R.run(args, stdin: input),
        let base = try R.run(args, stdin: Self.jar(values.map { _ in "" }))
      else { return }
      #expect(r.status == 0, "\(args): \(r.stderr)")
      let leaks = Self.leaks(values, in: r.text + r.stderr, baseline: base.text + base.stderr)
      #expect(leaks.isEmpty, "\(args): \(leaks)")
      #expect(r.text.contains("[redacted|len="), "\(args)")
    }
  }

  @Test("the placeholder keeps length, kind and a hash that is equal for equal values within one output")
  func placeholderKeepsWhatHelps() throws {
    let jwt = try String(contentsOfFile: R.fixture("values/jwt-hs256.txt"), encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let flask = try String(contentsOfFile: R.fixture("values/flask-session-compressed.txt"), encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard let r = try R.run(["list", "--json", "--redact", "-"], stdin: Self.jar([jwt, flask, jwt])),
      let again = try R.run(["list", "--json", "--redact", "-"], stdin: Self.jar([jwt]))
    else { return }
    let rows = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
    let v = rows.compactMap { $0["value"] as? String }
    #expect(v.count == 3)
    #expect(v[0].hasPrefix("[redacted|len=\(jwt.utf8.count)|jwt:alg=HS256:claims=sub+name+iat+nbf+exp|#"))
    #expect(v[1].hasPrefix("[redacted|len=\(flask.utf8.count)|flask-session:zlib|#"))
    #expect(v[0] == v[2] && v[0] != v[1])
    // A new run has a new key: the same value hashes differently.
    let other = try #require(try JSONSerialization.jsonObject(with: again.stdout) as? [[String: Any]])
    #expect(other.first?["value"] as? String != v[0])
    #expect(rows.map { $0["name"] as? String } == ["c0", "c1", "c2"])
  }

  @Test("--redact-names masks names (keeping a __Host- prefix)")
  func namesMasked() throws {
    let input = Data(
      "# Netscape HTTP Cookie File\na.test\tFALSE\t/\tTRUE\t0\t__Host-sessionid\tabcdefgh12345678\na.test\tFALSE\t/\tFALSE\t0\tcsrftoken\tzyxwvuts98765432\n"
        .utf8)
    guard let r = try R.run(["list", "--json", "--redact-names", "-"], stdin: input) else { return }
    #expect(r.status == 0)
    let rows = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
    let names = rows.compactMap { $0["name"] as? String }
    #expect(names.count == 2)
    #expect(names[0].wholeMatch(of: /__Host-redacted-[0-9a-f]{8}/) != nil, "\(names)")
    #expect(names[1].wholeMatch(of: /redacted-[0-9a-f]{8}/) != nil, "\(names)")
    #expect(!r.text.contains("sessionid") && !r.text.contains("csrf") && !r.stderr.contains("csrf"))
    #expect(Self.leaks(["abcdefgh12345678", "zyxwvuts98765432"], in: r.text).isEmpty)
  }

  @Test("diff --redact: compared on the real values, shown redacted, in text and JSON")
  func diffRedacted() throws {
    let values = try Self.secrets()
    let dir = try R.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let new = dir.appendingPathComponent("new.txt")
    let newEmpty = dir.appendingPathComponent("empty.txt")
    // The new jar: the first value changed to the second, the last one gone, one added.
    func newJar(_ values: [String]) -> Data {
      var changed = values
      changed[0] = values[1]
      changed.removeLast()
      return Self.jar(changed) + Data("a.test\tFALSE\t/\tTRUE\t1876543219\tadded\t\(values[1])\n".utf8)
    }
    try newJar(values).write(to: new)
    try newJar(values.map { _ in "" }).write(to: newEmpty)
    for json in [false, true] {
      let args = ["diff"] + (json ? ["--json"] : []) + ["--redact", "-"]
      guard let r = try R.run(args + [new.path], stdin: Self.jar(values)),
        let base = try R.run(args + [newEmpty.path], stdin: Self.jar(values.map { _ in "" }))
      else { return }
      #expect(r.status == 1, "\(r.stderr)")
      // The file's path (with a random UUID in it) is named in the output; it is not a value.
      let output = (r.text + r.stderr).replacingOccurrences(of: new.path, with: "NEW")
      let baseline = (base.text + base.stderr).replacingOccurrences(of: newEmpty.path, with: "NEW")
      let leaks = Self.leaks(values, in: output, baseline: baseline)
      #expect(leaks.isEmpty, "\(leaks)")
      if json {
        let o = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let change = try #require((o["changed"] as? [[String: Any]])?.first)
        let value = try #require((change["fields"] as? [String: [String: String]])?["value"])
        #expect(value["old"]?.hasPrefix("[redacted|len=\(values[0].utf8.count)|jwt:alg=HS256") == true)
        // The added cookie holds the value c0 now has: one key, one placeholder.
        let added = try #require((o["added"] as? [[String: Any]])?.first?["value"] as? String)
        #expect(added == value["new"])
        #expect(o["same"] as? Int == values.count - 2)
      } else {
        #expect(r.text.contains("~ c0 @ a.test/\n    value: \"[redacted|len="))
        #expect(r.text.contains("- c\(values.count - 1) @ a.test/  value \"[redacted|len="))
      }
    }
  }
}
