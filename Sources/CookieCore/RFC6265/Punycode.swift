/// Punycode (RFC 3492) encoding of domain labels, so that public-suffix rules written in
/// Unicode match hosts that arrive in their ASCII `xn--` form (RFC 5890 A-labels).
enum Punycode {
  private static let base = 36
  private static let tMin = 1
  private static let tMax = 26
  private static let skew = 38
  private static let damp = 700
  private static let initialBias = 72
  private static let initialN = 128

  /// Each non-ASCII label as `xn--` + its punycode; nil when a label cannot be encoded.
  static func toASCII(domain: String) -> String? {
    var out: [String] = []
    for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
      if label.unicodeScalars.allSatisfy(\.isASCII) {
        out.append(String(label))
      } else {
        guard let encoded = encode(Array(label.unicodeScalars.map(\.value))) else { return nil }
        out.append("xn--" + encoded)
      }
    }
    return out.joined(separator: ".")
  }

  /// RFC 3492 §6.3 encoding procedure.
  static func encode(_ input: [UInt32]) -> String? {
    var output: [Character] = []
    for c in input where c < 0x80 {
      guard let s = Unicode.Scalar(c) else { return nil }
      output.append(Character(s))
    }
    let basicCount = output.count
    var handled = basicCount
    if basicCount > 0 { output.append("-") }
    var n = initialN
    var delta = 0
    var bias = initialBias
    while handled < input.count {
      guard let m = input.filter({ Int($0) >= n }).min().map(Int.init) else { return nil }
      let (step, o1) = (m - n).multipliedReportingOverflow(by: handled + 1)
      if o1 { return nil }
      delta += step
      n = m
      for c in input {
        if Int(c) < n { delta += 1 }
        if Int(c) == n {
          var q = delta
          var k = base
          while true {
            let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
            if q < t { break }
            output.append(digit(t + (q - t) % (base - t)))
            q = (q - t) / (base - t)
            k += base
          }
          output.append(digit(q))
          bias = adapt(delta, handled + 1, handled == basicCount)
          delta = 0
          handled += 1
        }
      }
      delta += 1
      n += 1
    }
    return String(output)
  }

  private static func digit(_ d: Int) -> Character {
    let v = d < 26 ? UInt8(97 + d) : UInt8(22 + d)
    return Character(Unicode.Scalar(v))
  }

  private static func adapt(_ delta: Int, _ numPoints: Int, _ firstTime: Bool) -> Int {
    var delta = firstTime ? delta / damp : delta / 2
    delta += delta / numPoints
    var k = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }
}
