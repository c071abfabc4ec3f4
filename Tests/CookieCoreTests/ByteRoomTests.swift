import Testing

@testable import CookieCore

/// `appendInRoom` writes what the array appends would, and gives back the unused room.
@Suite struct ByteRoomTests {
  @Test(arguments: [0, 7, -5, 10, 99, 100, 1_234_567, Int64.max, Int64.min, -1] as [Int64])
  func decimalsAsAppendDecimal(_ v: Int64) {
    var fast: [UInt8] = [0x41]
    fast.appendInRoom(capacity: 20) { $0.putDecimal(v) }
    var simple: [UInt8] = [0x41]
    simple.appendDecimal(v)
    #expect(fast == simple)
    #expect(String(decoding: fast.dropFirst(), as: UTF8.self) == String(v))
  }

  @Test func piecesAndTheRestGivenBack() {
    let long = String(repeating: "domain.example.", count: 5) + "é"
    var bytes = Array("x".utf8)
    bytes.appendInRoom(capacity: 200) { line in
      line.put("small")
      line.put(UInt8(ascii: ":"))
      line.put(long)
      line.put("")
      #expect(line.count == 5 + 1 + long.utf8.count)
    }
    #expect(bytes == Array(("x" + "small:" + long).utf8))
    #expect(bytes.count == 1 + 6 + long.utf8.count, "the unused room is not kept")
  }
}
