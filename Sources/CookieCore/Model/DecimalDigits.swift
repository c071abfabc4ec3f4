/// How many characters a number takes when written in decimal, for writers and tables that
/// size their output before filling it (the cookies.txt writer's first pass, `list`'s
/// column widths).
public enum DecimalDigits {
  /// Digits of `v` written in decimal; 1 for zero and for negative values (callers size
  /// non-negative numbers only).
  @inlinable
  public static func count(_ v: Int64) -> Int {
    var n = 1
    var x = v
    while x >= 10 {
      x /= 10
      n += 1
    }
    return n
  }
}
