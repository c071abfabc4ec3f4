/// The cookie-date algorithm of RFC 6265bis §5.1.1, which every browser uses for `Expires`:
/// lenient about order and delimiters, strict about ranges. Times are always UTC.
public enum CookieDate {
  /// Unix seconds of `text`, or nil when the algorithm fails (the caller then ignores only
  /// the `Expires` attribute, §5.6.1).
  public static func parse(_ text: some StringProtocol) -> Int64? {
    var time: (Int, Int, Int)?
    var dayOfMonth: Int?
    var month: Int?
    var year: Int?
    for token in tokens(Array(text.utf8)) {
      // §5.1.1 step 2: each token is tried against the productions in this order, and
      // only a production not yet found may take it.
      if time == nil, let t = parseTime(token) {
        time = t
      } else if dayOfMonth == nil, let d = parseDigits(token, min: 1, max: 2) {
        dayOfMonth = d
      } else if month == nil, let m = parseMonth(token) {
        month = m
      } else if year == nil, let y = parseDigits(token, min: 2, max: 4) {
        year = y
      }
    }
    guard var year, let month, let dayOfMonth, let (hour, minute, second) = time else { return nil }
    // §5.1.1 steps 3 and 4: two-digit years.
    if (70...99).contains(year) { year += 1900 } else if (0...69).contains(year) { year += 2000 }
    // §5.1.1 step 5: out-of-range fields abort; so does a date that does not exist.
    guard (1...31).contains(dayOfMonth), year >= 1601, hour <= 23, minute <= 59, second <= 59
    else { return nil }
    return Instant.unixSeconds(
      year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, second: second)
  }

  /// delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E (§5.1.1).
  static func isDelimiter(_ b: UInt8) -> Bool {
    b == 0x09 || (0x20...0x2F).contains(b) || (0x3B...0x40).contains(b)
      || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b)
  }

  private static func tokens(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var out: [ArraySlice<UInt8>] = []
    var start: Int? = nil
    for (i, b) in bytes.enumerated() {
      if isDelimiter(b) {
        if let s = start { out.append(bytes[s..<i]) }
        start = nil
      } else if start == nil {
        start = i
      }
    }
    if let s = start { out.append(bytes[s..<bytes.count]) }
    return out
  }

  private static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

  /// `min...max` digits, then nothing or a non-digit followed by anything
  /// (`day-of-month = 1*2DIGIT ( non-digit *OCTET )`, same shape for year).
  private static func parseDigits(_ token: ArraySlice<UInt8>, min: Int, max: Int) -> Int? {
    var value = 0
    var count = 0
    for b in token {
      guard isDigit(b) else { break }
      count += 1
      if count > max { return nil }
      value = value * 10 + Int(b - 0x30)
    }
    return count >= min ? value : nil
  }

  /// `hms-time ( non-digit *OCTET )`, hms-time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT.
  private static func parseTime(_ token: ArraySlice<UInt8>) -> (Int, Int, Int)? {
    var fields: [Int] = []
    var i = token.startIndex
    while fields.count < 3 {
      var value = 0
      var count = 0
      while i < token.endIndex, isDigit(token[i]) {
        count += 1
        if count > 2 { return nil }
        value = value * 10 + Int(token[i] - 0x30)
        i += 1
      }
      guard count >= 1 else { return nil }
      fields.append(value)
      if fields.count < 3 {
        guard i < token.endIndex, token[i] == UInt8(ascii: ":") else { return nil }
        i += 1
      }
    }
    // What follows the third field must start with a non-digit (guaranteed by the loop).
    return (fields[0], fields[1], fields[2])
  }

  private static let months = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  /// `month = ( "jan" / … / "dec" ) *OCTET`, case-insensitive.
  private static func parseMonth(_ token: ArraySlice<UInt8>) -> Int? {
    guard token.count >= 3 else { return nil }
    let first3 = String(decoding: token.prefix(3).map { $0 | 0x20 }, as: UTF8.self)
    guard let i = months.firstIndex(of: first3) else { return nil }
    return i + 1
  }
}
