import CrumbsTestSupport
import Foundation
import Testing

/// `--now EPOCH` takes times before 1970 (negative), written `--now -86400` as well as
/// `--now=-86400`, on every command.
@Suite("--now with a negative epoch")
struct NowOptionTests {
  typealias R = CrumbsRunner

  /// One cookie expiring at 1970-01-01T00:16:40Z: expired today, alive the day before 1970.
  static let jar = Data("# Netscape HTTP Cookie File\nexample.com\tFALSE\t/\tFALSE\t1000\told\tv\n".utf8)

  @Test(
    "list: the clock is the day before 1970 in both spellings",
    arguments: [
      ["--now", "-86400"], ["--now=-86400"],
    ])
  func listBefore1970(_ now: [String]) throws {
    guard let r = try R.run(["list", "--json"] + now + ["-"], stdin: Self.jar) else { return }
    #expect(r.status == 0, "\(r.stderr)")
    let array = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
    #expect(array.first?["expired"] as? Bool == false)
  }

  @Test(
    "every command parses a negative --now",
    arguments: [
      ["list"], ["lint"], ["convert", "--to", "json"], ["header", "--url", "https://example.com/"],
      ["purge-expired", "-o", "-"], ["open"],
    ])
  func everyCommand(_ command: [String]) throws {
    // /dev/null fails to load (exit 1) after parsing; a parse error would be exit 64.
    guard let r = try R.run(command + ["--now", "-86400", "/dev/null"]) else { return }
    #expect(!r.stderr.contains("--now"), "\(command): \(r.stderr)")
    if command == ["open"] {
      // Without a terminal the inspector stops right after parsing, before loading.
      #expect(r.stderr.contains("the inspector needs a terminal"), "\(r.stderr)")
      return
    }
    #expect(r.status == 1, "\(command): \(r.stderr)")
    #expect(
      r.stderr.contains("/dev/null: error: not a cookie file: the file is empty"), "\(command): \(r.stderr)")
  }

  @Test("purge-expired keeps a cookie that is alive at a negative --now")
  func purgeBefore1970() throws {
    guard let r = try R.run(["purge-expired", "--now", "-86400", "-o", "-", "-"], stdin: Self.jar) else {
      return
    }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.text.contains("\told\tv"))
  }
}
