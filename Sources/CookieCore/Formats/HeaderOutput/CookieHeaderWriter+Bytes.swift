extension CookieHeaderWriter {
  /// Indices of `cookies` by descending path length (in bytes), in jar order among equal
  /// lengths: the stable sort of RFC 6265bis §5.8.3 step 2, counted out by length when the
  /// paths are not huge.
  static func requestOrder(_ cookies: UnsafeBufferPointer<Cookie>) -> [Int] {
    var lengths = [Int32](repeating: 0, count: cookies.count)
    for i in cookies.indices { lengths[i] = Int32(clamping: cookies[i].path.utf8.count) }
    let longest = Int(lengths.max() ?? 0)
    guard longest < 1 << 16 else {
      return Array(cookies.indices).sorted {
        lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1
      }
    }
    // starts[n]: where the first cookie with a path of n bytes goes (longer ones first).
    var starts = [Int](repeating: 0, count: longest + 2)
    for n in lengths { starts[Int(n)] += 1 }
    var next = 0
    for n in stride(from: longest, through: 0, by: -1) {
      let count = starts[n]
      starts[n] = next
      next += count
    }
    var order = [Int](repeating: 0, count: cookies.count)
    for (i, n) in lengths.enumerated() {
      order[starts[Int(n)]] = i
      starts[Int(n)] += 1
    }
    return order
  }

  /// Appends `c`'s pair to the header (after `Cookie: ` when `first`, else after `; `) with
  /// every note `write(_:options:)` makes for it; false (nothing appended) when it is left
  /// out. A plain pair (printable ASCII without `;`, a name without `=`) goes straight to
  /// bytes, any other through `pair(for:)`.
  static func append(
    _ c: borrowing Cookie, first: Bool, now: Instant, into out: inout ByteOutput,
    tally: inout FieldLossTally, seen: inout Set<String>
  ) -> Bool {
    let name = TextBytes.of(c.name)
    let value = TextBytes.ofValue(c)
    if !c.name.isEmpty && name.union(value).isDisjoint(with: [.control, .nonASCII, .semicolon])
      && !name.contains(.equals)
    {
      // For printable ASCII, a leading or trailing Character of space or TAB is a space.
      let spaced =
        c.name.utf8.first == 0x20 || c.name.utf8.last == 0x20
        || c.withValueBytes { $0.first == 0x20 || $0.last == 0x20 }
      notePairLosses(c, spaced: spaced, tally: &tally)
      out.append(first ? "Cookie: " : "; ")
      out.append(c.name)
      out.append(UInt8(ascii: "="))
      out.appendValue(of: c)
    } else {
      guard let p = pair(for: copy c, tally: &tally) else { return false }
      out.append(first ? "Cookie: " : "; ")
      out.append(p)
    }
    tally.lost(
      "domain, path, expiry and attributes", of: c,
      "a Cookie header carries only name=value; they are not written", severity: .note)
    if c.isExpired(at: now) {
      tally.lost("expired cookie", of: c, "written, but a browser would not send it")
    }
    if !seen.insert(c.name).inserted {
      tally.lost("repeated name", of: c, "sent twice; servers usually keep only the first", severity: .note)
    }
    return true
  }
}
