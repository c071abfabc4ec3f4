/// LWP `expires="YYYY-MM-DD hh:mm:ssZ"` (REFERENCE §2): written like CPython's `time2isoz`,
/// read as leniently as CPython's `iso2time` (`ISO_DATE_RE`: `-`/`/` or no date separators,
/// `T` or spaces before the clock, optional seconds and fraction, `Z` or a `±hh[:mm]` zone).
enum LWPTime {
  /// `time2isoz`: UTC, whole seconds (Python's `gmtime` drops the fraction).
  static func format(_ t: Instant) -> String {
    let (y, mo, d, h, mi, s) = Instant.civil(fromUnixSeconds: t.seconds)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    var year = String(y)
    if y >= 0 && y < 1000 { year = String(repeating: "0", count: 4 - year.count) + year }
    return "\(year)-\(two(mo))-\(two(d)) \(two(h)):\(two(mi)):\(two(s))Z"
  }

  /// nil when CPython's `iso2time` would return None (the cookie then counts as a session one).
  static func parse(_ text: String) -> Instant? {
    let s = Array(text.utf8)
    var i = 0
    func isDigit(_ k: Int) -> Bool { k < s.count && s[k] >= 0x30 && s[k] <= 0x39 }
    func isBlank(_ k: Int) -> Bool { k < s.count && (s[k] == 0x20 || s[k] == 0x09) }
    func number(maxDigits: Int, minDigits: Int = 1) -> Int? {
      var n = 0
      var count = 0
      while count < maxDigits && isDigit(i) {
        n = n * 10 + Int(s[i] - 0x30)
        i += 1
        count += 1
      }
      return count >= minDigits ? n : nil
    }
    func skip(_ chars: [UInt8]) { if i < s.count && chars.contains(s[i]) { i += 1 } }
    while isBlank(i) { i += 1 }
    guard let year = number(maxDigits: 4, minDigits: 4) else { return nil }
    skip([0x2D, 0x2F])
    guard let month = number(maxDigits: 2) else { return nil }
    skip([0x2D, 0x2F])
    guard let day = number(maxDigits: 2) else { return nil }
    var hour = 0
    var minute = 0
    var second = 0
    var micro: Int64 = 0
    // Optional clock after blanks or one of `-:Tt`.
    let save = i
    var sawSeparator = false
    while isBlank(i) {
      i += 1
      sawSeparator = true
    }
    if !sawSeparator, i < s.count, [0x2D, 0x3A, 0x54, 0x74].contains(s[i]) {
      i += 1
      sawSeparator = true
    }
    if sawSeparator, isDigit(i), let h = number(maxDigits: 2) {
      skip([0x3A])
      guard let m = number(maxDigits: 2, minDigits: 2) else { return nil }
      hour = h
      minute = m
      let beforeSeconds = i
      skip([0x3A])
      if let sec = number(maxDigits: 2, minDigits: 2) {
        second = sec
        if i < s.count && s[i] == 0x2E {
          i += 1
          var scale: Int64 = 100_000
          while isDigit(i) {
            micro += Int64(s[i] - 0x30) * scale
            scale /= 10
            i += 1
          }
        }
      } else {
        i = beforeSeconds
      }
    } else {
      i = save
    }
    while isBlank(i) { i += 1 }
    var offset: Int64 = 0
    if i < s.count {
      if s[i] == 0x5A || s[i] == 0x7A {
        i += 1
      } else {
        var sign: Int64 = 1
        if s[i] == 0x2B || s[i] == 0x2D {
          sign = s[i] == 0x2D ? -1 : 1
          i += 1
        }
        guard let hh = number(maxDigits: 2) else { return nil }
        skip([0x3A])
        let mm = number(maxDigits: 2, minDigits: 2) ?? 0
        offset = sign * Int64(hh * 3600 + mm * 60)
      }
      while isBlank(i) { i += 1 }
    }
    guard i == s.count,
      let t = Instant.unixSeconds(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else { return nil }
    return Instant(microseconds: (t - offset) * 1_000_000 + micro)
  }
}
