import CookieCore
import Foundation

/// One cookie record of a binarycookies page (REFERENCE §8.3): little-endian header, then
/// NUL-terminated strings at offsets relative to the record start.
struct SafariCookieRecord {
  struct Problem: Error {
    var reason: String
  }

  /// Header size up to and including the creation time.
  static let headerSize = 56

  var domain = ""
  var name = ""
  var path = ""
  var value = ""
  var comment: String?
  var commentURL: String?
  var flags: UInt32 = 0
  var port: UInt16?
  var expiry: Double = 0
  var creation: Double = 0
  var warnings: [String] = []

  static func parse(_ bytes: BinaryCookieBytes, at start: Int, end pageEnd: Int) -> Result<Self, Problem> {
    guard let declared = bytes.u32le(start) else {
      return .failure(Problem(reason: "record header is truncated"))
    }
    var record = SafariCookieRecord()
    var size = Int(declared)
    if size < headerSize {
      return .failure(Problem(reason: "record size \(size) is smaller than the \(headerSize)-byte header"))
    }
    if start + size > pageEnd {
      record.warnings.append("record size \(size) runs past the end of the page; cut at the page end")
      size = pageEnd - start
      if size < headerSize { return .failure(Problem(reason: "record header runs past the end of the page")) }
    }
    let end = start + size
    func field(_ at: Int) -> Int { Int(bytes.u32le(start + at) ?? 0) }
    record.flags = bytes.u32le(start + 8) ?? 0
    let hasPort = field(12) != 0
    record.expiry = bytes.f64le(start + 40) ?? 0
    record.creation = bytes.f64le(start + 48) ?? 0

    // Strings are found by seeking to each offset (as yt-dlp does), not by assuming order.
    func string(_ what: String, _ at: Int, required: Bool) -> Result<String?, Problem> {
      let rel = field(at)
      if rel == 0 && !required { return .success(nil) }
      guard rel >= headerSize, rel < size else {
        return .failure(Problem(reason: "\(what) offset \(rel) lies outside the \(size)-byte record"))
      }
      let from = start + rel
      var to = from
      while to < end, bytes.raw[to] != 0 { to += 1 }
      if to == end { record.warnings.append("\(what) is not NUL-terminated inside the record") }
      let slice = bytes.raw[from..<to]
      if let s = String(validating: slice, as: UTF8.self) { return .success(s) }
      record.warnings.append("\(what) is not valid UTF-8; shown with U+FFFD")
      return .success(String(decoding: slice, as: UTF8.self))
    }
    do {
      record.domain = try string("domain", 16, required: true).get() ?? ""
      record.name = try string("name", 20, required: true).get() ?? ""
      record.path = try string("path", 24, required: true).get() ?? ""
      record.value = try string("value", 28, required: true).get() ?? ""
      record.comment = try string("comment", 32, required: false).get()
      record.commentURL = try string("comment URL", 36, required: false).get()
    } catch {
      return .failure(error)
    }
    // §8.3 [unverified]: a 2-byte port right after the header when "has port" is set; only
    // trusted when every string starts after it.
    if hasPort {
      let firstString = [16, 20, 24, 28].map(field).min() ?? 0
      if firstString >= headerSize + 2 { record.port = bytes.u16le(start + headerSize) }
    }
    if !record.expiry.isFinite { record.warnings.append("expiry is not a finite number; read as session") }
    return .success(record)
  }

  func cookie(file: String) -> Cookie {
    let hostOnly = !domain.hasPrefix(".")
    var cookie = Cookie(
      name: name, value: value, domain: (hostOnly ? domain : String(domain.dropFirst())).lowercased(),
      hostOnly: hostOnly, path: path, sourceFile: file)
    // §0.1: float64 seconds since 2001-01-01Z.
    cookie.expires = expiry.isFinite ? StoreTime.mac(expiry) : nil
    if creation.isFinite, creation != 0 { cookie.created = StoreTime.mac(creation) }
    // §8.4: 0x1 Secure, 0x4 HttpOnly; other bits are not understood and kept as they were.
    cookie.secure = flags & 0x1 != 0
    cookie.httpOnly = flags & 0x4 != 0
    if flags & ~0x5 != 0 { cookie.unknownFields["flags"] = "0x" + String(flags, radix: 16) }
    cookie.comment = comment
    if let commentURL { cookie.unknownFields["commentURL"] = commentURL }
    if let port { cookie.port = String(port) }
    return cookie
  }
}
