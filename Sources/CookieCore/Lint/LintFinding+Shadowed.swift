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
      let partition = otherMayBePartitioned ? other.pointee.identityPartition : nil
      let longer = characterCount(other.pointee.path) > characterCount(cookie.pointee.path)
      let reason = longer ? "it is sent before this one (longer path)" : "servers often take the first"
      // Every piece's bytes, two line numbers and the words around them.
      let capacity =
        cookie.pointee.sourceFile.utf8.count + other.pointee.sourceFile.utf8.count + 2 * 20
        + 2 * cookie.pointee.name.utf8.count + other.pointee.name.utf8.count + other.pointee.domain.utf8.count
        + other.pointee.path.utf8.count + (partition?.utf8.count ?? 0) + cookie.pointee.domain.utf8.count
        + reason.utf8.count + 160
      bytes.appendInRoom(capacity: capacity) { line in
        putLocation(cookie, to: &line)
        line.put(": info: [shadowed] another \"")
        line.put(cookie.pointee.name)
        line.put("\" is sent with it: ")
        // `other.id.description`.
        line.put(other.pointee.name)
        line.put(" @ ")
        if !other.pointee.hostOnly { line.put(UInt8(ascii: ".")) }
        line.put(other.pointee.domain)
        line.put(other.pointee.path)
        if let partition {
          if partition.hasPrefix("oa:") {
            line.put(" [originAttributes ")
            for b in partition.utf8.dropFirst(3) { line.put(b) }
          } else {
            line.put(" [partition ")
            line.put(partition)
          }
          line.put(UInt8(ascii: "]"))
        }
        // `other.sourceDescription`, never empty with a line number.
        line.put(", ")
        putLocation(other, to: &line)
        line.put("; ")
        line.put(reason)
        putSubject(cookie, to: &line)
      }
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
