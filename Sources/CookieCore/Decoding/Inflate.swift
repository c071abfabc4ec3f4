/// A small DEFLATE (RFC 1951) and zlib (RFC 1950) decompressor, after Mark Adler's `puff.c`.
///
/// It exists so that compressed Flask sessions (itsdangerous `.`-prefixed payloads, made by
/// Python's `zlib.compress`) can be shown without a C library in `CookieCore`. Every read is
/// bounds-checked and the output is capped, so hostile input ends in an error, never a crash,
/// a hang or unbounded memory.
public enum Inflate {
  public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
    case truncated
    case badHeader(String)
    case badBlock(String)
    case outputTooLarge(limit: Int)
    case checksumMismatch
    public var description: String {
      switch self {
      case .truncated: "compressed data ends too early"
      case .badHeader(let why): "not a zlib stream: \(why)"
      case .badBlock(let why): "corrupt DEFLATE data: \(why)"
      case .outputTooLarge(let limit): "refused: inflates to more than \(limit) bytes"
      case .checksumMismatch: "Adler-32 checksum does not match"
      }
    }
  }

  /// Refuse to produce more than this by default (1 MiB): a cookie is at most 4 KiB, so
  /// anything bigger is a decompression bomb.
  public static let defaultLimit = 1 << 20

  /// Inflates a zlib stream: 2-byte header, DEFLATE data, big-endian Adler-32 (RFC 1950 §2.2).
  public static func zlib(_ data: [UInt8], limit: Int = defaultLimit) throws(Failure) -> [UInt8] {
    guard data.count >= 2 else { throw .truncated }
    let cmf = data[0]
    let flg = data[1]
    guard cmf & 0x0F == 8 else { throw .badHeader("compression method \(cmf & 0x0F), not 8 (deflate)") }
    guard cmf >> 4 <= 7 else { throw .badHeader("window size exponent \(cmf >> 4) above 7") }
    guard (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else { throw .badHeader("header check bits wrong") }
    guard flg & 0x20 == 0 else { throw .badHeader("preset dictionary required") }
    var state = BitReader(data, start: 2)
    let out = try deflate(&state, limit: limit)
    // The Adler-32 starts at the next byte boundary (RFC 1950 §2.2).
    let at = state.bytePositionAfterAlign()
    guard at + 4 <= data.count else { throw .truncated }
    var expected: UInt32 = 0
    for i in 0..<4 { expected = expected << 8 | UInt32(data[at + i]) }
    guard adler32(out) == expected else { throw .checksumMismatch }
    return out
  }

  /// Inflates raw DEFLATE data (no header, no checksum).
  public static func raw(_ data: [UInt8], limit: Int = defaultLimit) throws(Failure) -> [UInt8] {
    var state = BitReader(data, start: 0)
    return try deflate(&state, limit: limit)
  }

  /// RFC 1950 §9 Adler-32.
  public static func adler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1
    var b: UInt32 = 0
    var i = 0
    while i < bytes.count {
      // 5552 is the largest run for which the sums cannot overflow 32 bits (zlib's NMAX).
      let end = min(i + 5552, bytes.count)
      while i < end {
        a += UInt32(bytes[i])
        b += a
        i += 1
      }
      a %= 65521
      b %= 65521
    }
    return b << 16 | a
  }

  // MARK: - DEFLATE

  struct BitReader {
    let bytes: [UInt8]
    var pos: Int
    var bitBuf: UInt32 = 0
    var bitCount: Int = 0
    init(_ bytes: [UInt8], start: Int) {
      self.bytes = bytes
      self.pos = start
    }
    /// `need` bits (≤ 16), least significant first (RFC 1951 §3.1.1).
    mutating func bits(_ need: Int) throws(Failure) -> Int {
      var val = bitBuf
      while bitCount < need {
        guard pos < bytes.count else { throw .truncated }
        val |= UInt32(bytes[pos]) << UInt32(bitCount)
        pos += 1
        bitCount += 8
      }
      bitBuf = val >> UInt32(need)
      bitCount -= need
      return Int(val & ((1 << UInt32(need)) - 1))
    }
    mutating func alignToByte() {
      bitBuf = 0
      bitCount = 0
    }
    func bytePositionAfterAlign() -> Int { pos }
  }

  /// Canonical Huffman code as counts per length and symbols in code order (puff.c).
  struct Huffman {
    var count = [Int](repeating: 0, count: 16)
    var symbol: [Int]
    /// Builds the code; throws when lengths over-subscribe it. Incomplete codes are allowed
    /// only where RFC 1951 permits them (a single distance code), as zlib does.
    init(lengths: ArraySlice<Int>, allowIncomplete: Bool) throws(Failure) {
      symbol = [Int](repeating: 0, count: lengths.count)
      for len in lengths { count[len] += 1 }
      if count[0] == lengths.count {
        // No codes at all: legal only for an unused distance tree.
        guard allowIncomplete else { throw .badBlock("empty code") }
        return
      }
      var left = 1
      for len in 1..<16 {
        left <<= 1
        left -= count[len]
        if left < 0 { throw .badBlock("over-subscribed code lengths") }
      }
      if left > 0 && !allowIncomplete && lengths.count - count[0] != 1 {
        throw .badBlock("incomplete code lengths")
      }
      var offs = [Int](repeating: 0, count: 16)
      for len in 1..<15 { offs[len + 1] = offs[len] + count[len] }
      for (i, len) in lengths.enumerated() where len != 0 {
        symbol[offs[len]] = i
        offs[len] += 1
      }
    }

    func decode(_ s: inout BitReader) throws(Failure) -> Int {
      var code = 0
      var first = 0
      var index = 0
      for len in 1..<16 {
        code |= try s.bits(1)
        let c = count[len]
        if code - c < first { return symbol[index + (code - first)] }
        index += c
        first += c
        first <<= 1
        code <<= 1
      }
      throw .badBlock("invalid Huffman code")
    }
  }

  // RFC 1951 §3.2.5 length and distance tables.
  static let lengthBase = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
  ]
  static let lengthExtra = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  static let distBase = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
    3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let distExtra = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
  ]

  static let fixedTables: (Huffman, Huffman) = {
    // RFC 1951 §3.2.6 fixed codes; these lengths always build.
    var lengths = [Int](repeating: 8, count: 288)
    for i in 144..<256 { lengths[i] = 9 }
    for i in 256..<280 { lengths[i] = 7 }
    let lit = try! Huffman(lengths: lengths[...], allowIncomplete: true)
    let dist = try! Huffman(lengths: [Int](repeating: 5, count: 30)[...], allowIncomplete: true)
    return (lit, dist)
  }()

  static func deflate(_ s: inout BitReader, limit: Int) throws(Failure) -> [UInt8] {
    var out: [UInt8] = []
    var last = 0
    repeat {
      last = try s.bits(1)
      switch try s.bits(2) {
      case 0: try stored(&s, &out, limit: limit)
      case 1:
        let (lit, dist) = fixedTables
        try codes(&s, &out, lit, dist, limit: limit)
      case 2:
        let (lit, dist) = try dynamicTables(&s)
        try codes(&s, &out, lit, dist, limit: limit)
      default: throw .badBlock("reserved block type 3")
      }
    } while last == 0
    return out
  }

  /// RFC 1951 §3.2.4 stored block.
  static func stored(_ s: inout BitReader, _ out: inout [UInt8], limit: Int) throws(Failure) {
    s.alignToByte()
    guard s.pos + 4 <= s.bytes.count else { throw .truncated }
    let len = Int(s.bytes[s.pos]) | Int(s.bytes[s.pos + 1]) << 8
    let nlen = Int(s.bytes[s.pos + 2]) | Int(s.bytes[s.pos + 3]) << 8
    guard len == (~nlen & 0xFFFF) else { throw .badBlock("stored length check failed") }
    s.pos += 4
    guard s.pos + len <= s.bytes.count else { throw .truncated }
    guard out.count + len <= limit else { throw .outputTooLarge(limit: limit) }
    out.append(contentsOf: s.bytes[s.pos..<(s.pos + len)])
    s.pos += len
  }

  /// RFC 1951 §3.2.7 dynamic Huffman tables.
  static func dynamicTables(_ s: inout BitReader) throws(Failure) -> (Huffman, Huffman) {
    let nlen = try s.bits(5) + 257
    let ndist = try s.bits(5) + 1
    let ncode = try s.bits(4) + 4
    guard nlen <= 286, ndist <= 30 else { throw .badBlock("too many length or distance codes") }
    let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    var codeLengths = [Int](repeating: 0, count: 19)
    for i in 0..<ncode { codeLengths[order[i]] = try s.bits(3) }
    let lencode = try Huffman(lengths: codeLengths[...], allowIncomplete: false)
    var lengths = [Int](repeating: 0, count: nlen + ndist)
    var index = 0
    while index < nlen + ndist {
      let sym = try lencode.decode(&s)
      if sym < 16 {
        lengths[index] = sym
        index += 1
        continue
      }
      var len = 0
      var rep: Int
      switch sym {
      case 16:
        guard index > 0 else { throw .badBlock("repeat with no previous length") }
        len = lengths[index - 1]
        rep = 3 + (try s.bits(2))
      case 17: rep = 3 + (try s.bits(3))
      default: rep = 11 + (try s.bits(7))
      }
      guard index + rep <= nlen + ndist else { throw .badBlock("too many lengths") }
      for _ in 0..<rep {
        lengths[index] = len
        index += 1
      }
    }
    guard lengths[256] != 0 else { throw .badBlock("no end-of-block code") }
    let lit = try Huffman(lengths: lengths[0..<nlen], allowIncomplete: false)
    let dist = try Huffman(lengths: lengths[nlen...], allowIncomplete: true)
    return (lit, dist)
  }

  /// RFC 1951 §3.2.5 literal/length and distance codes until end of block (256).
  static func codes(
    _ s: inout BitReader, _ out: inout [UInt8], _ lit: Huffman, _ dist: Huffman, limit: Int
  ) throws(Failure) {
    while true {
      var sym = try lit.decode(&s)
      if sym < 256 {
        guard out.count < limit else { throw .outputTooLarge(limit: limit) }
        out.append(UInt8(sym))
        continue
      }
      if sym == 256 { return }
      sym -= 257
      guard sym < 29 else { throw .badBlock("invalid length symbol") }
      let len = lengthBase[sym] + (try s.bits(lengthExtra[sym]))
      let dsym = try dist.decode(&s)
      guard dsym < 30 else { throw .badBlock("invalid distance symbol") }
      let d = distBase[dsym] + (try s.bits(distExtra[dsym]))
      guard d <= out.count else { throw .badBlock("distance \(d) reaches before the start") }
      guard out.count + len <= limit else { throw .outputTooLarge(limit: limit) }
      let from = out.count - d
      // Byte by byte: the copy may overlap what it writes (RFC 1951 §3.2.3).
      for i in 0..<len { out.append(out[from + i]) }
    }
  }
}
