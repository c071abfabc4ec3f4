import ArgumentParser

/// A size in bytes as given on the command line: `1048576`, `64K`, `512M`, `2G`, `1GiB`
/// (binary multiples, case-insensitive, an optional `iB` or `B`).
struct ByteSize: ExpressibleByArgument, Equatable {
  var bytes: Int

  init(bytes: Int) { self.bytes = bytes }

  init?(argument: String) {
    var text = Substring(argument.lowercased())
    if text.hasSuffix("ib") {
      text = text.dropLast(2)
    } else if text.hasSuffix("b") {
      text = text.dropLast()
    }
    var shift = 0
    switch text.last {
    case "k": shift = 10
    case "m": shift = 20
    case "g": shift = 30
    case "t": shift = 40
    default: break
    }
    if shift > 0 { text = text.dropLast() }
    guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let n = Int(text), n > 0
    else { return nil }
    let (value, overflow) = n.multipliedReportingOverflow(by: 1 << shift)
    guard !overflow else { return nil }
    bytes = value
  }

  /// The shortest form the parser reads back (`1G`), for `--help`.
  var defaultValueDescription: String {
    for (unit, shift) in [("T", 40), ("G", 30), ("M", 20), ("K", 10)]
    where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
      return "\(bytes >> shift)\(unit)"
    }
    return "\(bytes)"
  }

  /// `1 GiB`, `512 MiB`, `64 KiB`, or `N bytes` when not a whole multiple.
  static func describe(_ bytes: Int) -> String {
    for (unit, shift) in [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)]
    where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
      return "\(bytes >> shift) \(unit)"
    }
    return bytes == 1 ? "1 byte" : "\(bytes) bytes"
  }
}
