extension CookieStore {
  /// What saving `file` (a line-based jar this store loaded, named as in
  /// `Cookie.sourceFile`) in place must change: the lines of its cookies the user edited
  /// or deleted, and, when `withNew`, the cookies added here (they go at its end). Only
  /// touched cookies are looked at, so this costs nothing on a large untouched jar. Nil when
  /// a touched cookie of the file has no line to stand for (the file must be rewritten).
  public func lineEdits(forFile file: String, withNew: Bool) -> LineEdits? {
    // The loaded line of every touched cookie of this file.
    var touched: [Int32: [Int32]] = [:]  // line → handles on it
    for h in touchedLoadedHandles {
      let original = originalCookie(h) ?? self[h]
      guard original.sourceFile == file, changeSinceLoad(h) != nil else { continue }
      if original.sourceLine <= 0 { return nil }
      touched[original.sourceLine, default: []].append(h.index)
    }
    var lines: [LineEdits.Line] = []
    for line in touched.keys.sorted() {
      // A line may hold several cookies (LWP): the untouched ones on it are written back
      // with it. They are loaded next to each other, so look at the neighbours only.
      let seed = touched[line]!.min()!
      var lo = seed
      while lo > 0, sameLine(lo - 1, line, file) { lo -= 1 }
      var hi = seed
      while Int(hi) + 1 < loadedCount, sameLine(hi + 1, line, file) { hi += 1 }
      var cookies: [Cookie] = []
      for i in lo...hi where contains(CookieHandle(i)) { cookies.append(self[CookieHandle(i)]) }
      lines.append(LineEdits.Line(number: line, cookies: cookies))
    }
    var appended: [Cookie] = []
    if withNew {
      for h in addedHandles { appended.append(self[h]) }
    }
    return LineEdits(lines: lines, appended: appended)
  }

  /// True when handle `i` was loaded from `file` at `line`.
  private func sameLine(_ i: Int32, _ line: Int32, _ file: String) -> Bool {
    let c = originalCookie(CookieHandle(i)) ?? self[CookieHandle(i)]
    return c.sourceLine == line && c.sourceFile == file
  }
}
