import CookieCore
import Foundation

/// Safari / WebKit / CFNetwork `Cookies.binarycookies` (REFERENCE §8).
///
/// Reverse-engineered layout: a big-endian page table, little-endian pages and records,
/// strings found by seeking to their offsets. Damage never stops the whole file: a bad
/// page or record is reported and skipped, a wrong checksum is a warning.
public enum SafariBinaryCookiesReader: CookieReader {
  public static let format = CookieFormat.safari
  static let magic: [UInt8] = Array("cook".utf8)
  static let pageTag: [UInt8] = [0, 0, 1, 0]
  static let footer: [UInt8] = [0x07, 0x17, 0x20, 0x05, 0, 0, 0, 0x4B]

  public static func sniff(_ prefix: Data, fileName: String) -> Int {
    let b = [UInt8](prefix.prefix(12))
    guard b.count >= 8, Array(b[0..<4]) == magic else { return 0 }
    // A text file starting with "cook…" has a printable byte next; the page count's high
    // byte is zero in any real file.
    guard b[4] == 0 else { return 0 }
    if b.count >= 12, b[4...7] == [0, 0, 0, 0] { return 90 }
    return 100
  }

  public static func read(_ data: Data, options: CookieReadOptions) throws -> CookieReadResult {
    let file = options.sourceName
    let bytes = BinaryCookieBytes([UInt8](data))
    guard bytes.count >= 4, Array(bytes.raw[0..<4]) == magic else {
      throw CookieFormatError(file: file, "not a Safari Cookies.binarycookies file (no \"cook\" magic)")
    }
    var result = CookieReadResult(format: .safari)
    func report(_ s: Diagnostic.Severity, _ m: String) {
      result.diagnostics.append(Diagnostic(s, file: file, m))
    }
    guard let declared = bytes.u32be(4) else {
      report(.error, "file is truncated after the magic: no page count")
      return result
    }
    // Each page needs 4 bytes of table; never trust a count the file cannot hold (no hang).
    var pageCount = Int(declared)
    let room = (bytes.count - 8) / 4
    if pageCount > room {
      report(
        .error, "header declares \(pageCount) pages but the file has room for at most \(room); truncated")
      pageCount = room
    }
    var offset = 8 + 4 * pageCount
    var checksum: UInt32 = 0
    var complete = true
    for p in 0..<pageCount {
      let size = Int(bytes.u32be(8 + 4 * p) ?? 0)
      let available = bytes.count - offset
      if size > available {
        report(
          .error,
          "page \(p + 1) of \(pageCount) is truncated: \(size) bytes declared at offset \(offset), "
            + "\(max(available, 0)) present; reading what is there")
        complete = false
      }
      let page = offset..<(offset + min(size, max(available, 0)))
      if complete {
        // §8.5: the sum of the bytes at offsets 0, 4, 8, … of every page.
        for i in stride(from: page.lowerBound, to: page.upperBound, by: 4) {
          checksum &+= UInt32(bytes.raw[i])
        }
      }
      readPage(bytes, page, number: p + 1, file: file, into: &result)
      offset += size
      if !complete { break }
    }
    guard complete else { return result }
    if let stored = bytes.u32be(offset) {
      if stored != checksum {
        report(
          .warning,
          "checksum mismatch: file says \(hex(stored)), pages sum to \(hex(checksum)); the file may be "
            + "damaged or edited (Safari's reaction to this is unknown)")
      }
      if bytes.count >= offset + 12, Array(bytes.raw[(offset + 4)..<(offset + 12)]) != footer {
        report(.note, "unexpected footer after the checksum (expected 07 17 20 05 00 00 00 4B)")
      }
    } else {
      report(.warning, "file ends after the last page: no checksum")
    }
    return result
  }

  static func hex(_ v: UInt32) -> String { "0x" + String(v, radix: 16, uppercase: true) }

  /// §8.2: tag, LE cookie count, LE record offsets from the page start.
  static func readPage(
    _ bytes: BinaryCookieBytes, _ page: Range<Int>, number: Int, file: String,
    into result: inout CookieReadResult
  ) {
    func report(_ s: Diagnostic.Severity, _ m: String) {
      result.diagnostics.append(Diagnostic(s, file: file, "page \(number): \(m)"))
    }
    guard page.count >= 8, Array(bytes.raw[page.lowerBound..<(page.lowerBound + 4)]) == pageTag else {
      report(.error, "no page tag 00 00 01 00 at offset \(page.lowerBound); page skipped")
      return
    }
    var count = Int(bytes.u32le(page.lowerBound + 4) ?? 0)
    let room = (page.count - 8) / 4
    if count > room {
      report(.error, "declares \(count) cookies but has room for \(room) offsets")
      count = room
    }
    for c in 0..<count {
      let rel = Int(bytes.u32le(page.lowerBound + 8 + 4 * c) ?? 0)
      let label = "page \(number) cookie \(c + 1)"
      guard rel >= 8, rel < page.count else {
        result.diagnostics.append(
          Diagnostic(.error, file: file, "\(label): record offset \(rel) lies outside the page; skipped"))
        continue
      }
      switch SafariCookieRecord.parse(bytes, at: page.lowerBound + rel, end: page.upperBound) {
      case .success(let record):
        var cookie = record.cookie(file: file)
        cookie.sourceRecord = label
        result.cookies.append(cookie)
        for w in record.warnings {
          result.diagnostics.append(Diagnostic(.warning, file: file, "\(label): \(w)"))
        }
      case .failure(let problem):
        result.diagnostics.append(Diagnostic(.error, file: file, "\(label): \(problem.reason); skipped"))
      }
    }
  }
}

/// Bounds-checked little/big-endian reads over the whole file; every read past the end is nil.
struct BinaryCookieBytes {
  let raw: [UInt8]
  init(_ raw: [UInt8]) { self.raw = raw }
  var count: Int { raw.count }

  func u32be(_ at: Int) -> UInt32? {
    guard at >= 0, at <= raw.count - 4 else { return nil }
    return raw[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
  }
  func u32le(_ at: Int) -> UInt32? {
    guard at >= 0, at <= raw.count - 4 else { return nil }
    return raw[at..<(at + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) }
  }
  func u16le(_ at: Int) -> UInt16? {
    guard at >= 0, at <= raw.count - 2 else { return nil }
    return UInt16(raw[at]) | UInt16(raw[at + 1]) << 8
  }
  func f64le(_ at: Int) -> Double? {
    guard at >= 0, at <= raw.count - 8 else { return nil }
    let bits = raw[at..<(at + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return Double(bitPattern: bits)
  }
}
