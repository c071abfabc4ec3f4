extension LintFinding {
  /// The `shadowed` finding of `cookie` (another cookie, `other`, is sent with it) as
  /// `appendText` writes it: `appendText(cookie:issue: CookieLint.shadowingIssue(cookie, other)…)`.
  /// A large jar has a shadowing finding for most cookies; when the line is printable ASCII
  /// throughout (so no piece needs escaping) it is written piece by piece, without the
  /// message, the other cookie's identity or its source as strings. Anything else (control
  /// characters, non-ASCII, no line number) goes the simple way. A test holds the two equal.
  public static func appendShadowed(
    cookie: borrowing Cookie, by other: borrowing Cookie, file: String, to bytes: inout [UInt8]
  ) {
    withUnsafePointer(to: copy cookie) { c in
      withUnsafePointer(to: copy other) { o in
        appendShadowed(c, by: o, otherMayBePartitioned: true, file: file, to: &bytes)
      }
    }
  }

  /// As above, the cookies read in place: passing a cookie on from a pointer copies it
  /// whole, retaining each of its strings (`LintReport` has the jar in a buffer). With
  /// `otherMayBePartitioned` false (the shadowing index knows) the other cookie's
  /// `identityPartition`, a computed property that copies it, is known to be nil and not read.
  static func appendShadowed(
    _ cookie: UnsafePointer<Cookie>, by other: UnsafePointer<Cookie>, otherMayBePartitioned: Bool,
    file: String,
    to bytes: inout [UInt8]
  ) {
    if cookie.pointee.sourceLine > 0 && !cookie.pointee.sourceFile.isEmpty && other.pointee.sourceLine > 0 {
      let start = bytes.count
      appendLocation(cookie, to: &bytes)
      bytes.appendUTF8(": info: [shadowed] another \"")
      bytes.appendUTF8(cookie.pointee.name)
      bytes.appendUTF8("\" is sent with it: ")
      // `other.id.description`.
      bytes.appendUTF8(other.pointee.name)
      bytes.appendUTF8(" @ ")
      if !other.pointee.hostOnly { bytes.append(UInt8(ascii: ".")) }
      bytes.appendUTF8(other.pointee.domain)
      bytes.appendUTF8(other.pointee.path)
      if otherMayBePartitioned, let partition = other.pointee.identityPartition {
        if partition.hasPrefix("oa:") {
          bytes.appendUTF8(" [originAttributes ")
          bytes.append(contentsOf: partition.utf8.dropFirst(3))
        } else {
          bytes.appendUTF8(" [partition ")
          bytes.appendUTF8(partition)
        }
        bytes.append(UInt8(ascii: "]"))
      }
      // `other.sourceDescription`, never empty with a line number.
      bytes.appendUTF8(", ")
      appendLocation(other, to: &bytes)
      bytes.appendUTF8("; ")
      let longer = characterCount(other.pointee.path) > characterCount(cookie.pointee.path)
      bytes.appendUTF8(longer ? "it is sent before this one (longer path)" : "servers often take the first")
      appendSubject(cookie, to: &bytes)
      if isPrintableASCII(bytes, from: start) {
        bytes.append(UInt8(ascii: "\n"))
        return
      }
      bytes.removeSubrange(start...)
    }
    appendText(
      cookie, issue: CookieLint.shadowingIssue(cookie.pointee, other.pointee), file: file, to: &bytes)
  }

  /// `s.count` (the characters `shadowingIssue` compares paths by): the byte count when
  /// every byte is printable ASCII, where each byte is one character.
  static func characterCount(_ s: String) -> Int {
    var s = s
    let ascii = s.withUTF8 { TerminalSafe.isPrintableASCII(UnsafeRawBufferPointer($0)) }
    return ascii ? s.utf8.count : s.count
  }

  /// True when `bytes[start..<end]` (to the end by default) is printable ASCII (0x20–0x7E),
  /// text `TerminalSafe.escape` leaves as it is; eight bytes at a time.
  static func isPrintableASCII(_ bytes: [UInt8], from start: Int, to end: Int? = nil) -> Bool {
    bytes.withUnsafeBytes { b in
      let n = min(b.count, end ?? b.count)
      return start >= n || TerminalSafe.isPrintableASCII(UnsafeRawBufferPointer(rebasing: b[start..<n]))
    }
  }
}
