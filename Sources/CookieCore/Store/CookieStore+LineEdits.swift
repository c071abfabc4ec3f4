extension CookieStore {
  /// What saving `file` (a line-based jar this store loaded, named as in
  /// `Cookie.sourceFile`) in place must change: the lines of its cookies the user edited
  /// or deleted, and, when `withNew`, the cookies added here (they go at its end). Only
  /// touched cookies are looked at, so this costs nothing on a large untouched jar. Nil when
  /// a touched cookie of the file has no line to stand for (the file must be rewritten).
  ///
  /// Built for a purge of a large jar (100,000 touched lines): cookies are read in place,
  /// and the touched cookies of a file, taken in handle order, are already in line order
  /// (a file loads top to bottom), so they are grouped by line without a dictionary.
  /// `lineEditsByDictionary` is the simple twin a test holds it to.
  public func lineEdits(forFile file: String, withNew: Bool) -> LineEdits? {
    var touched: [(line: Int32, handle: Int32)] = []
    var inOrder = true
    for h in touchedLoadedHandles {
      guard changeSinceLoad(h) != nil else { continue }
      let (line, mine) = withOriginal(h.index) { c in (c.sourceLine, c.sourceFile == file) }
      guard mine else { continue }
      if line <= 0 { return nil }
      if let last = touched.last, last.line > line { inOrder = false }
      touched.append((line, h.index))
    }
    if !inOrder { touched.sort { ($0.line, $0.handle) < ($1.line, $1.handle) } }
    var lines: [LineEdits.Line] = []
    var k = 0
    while k < touched.count {
      // The first of a line's touched cookies is its smallest handle.
      let (line, seed) = touched[k]
      while k < touched.count && touched[k].line == line { k += 1 }
      var lo = seed
      while lo > 0, isOnLine(lo - 1, line, file) { lo -= 1 }
      var hi = seed
      while Int(hi) + 1 < loadedCount, isOnLine(hi + 1, line, file) { hi += 1 }
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

  /// `sameLine` reading the cookie in place.
  private func isOnLine(_ i: Int32, _ line: Int32, _ file: String) -> Bool {
    withOriginal(i) { c in c.sourceLine == line && c.sourceFile == file }
  }

  /// `lineEdits` the simple way (a dictionary of lines, cookies copied), for the test that
  /// holds the fast one to it.
  func lineEditsByDictionary(forFile file: String, withNew: Bool) -> LineEdits? {
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
