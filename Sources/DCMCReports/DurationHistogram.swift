/// Bins durations (seconds) for a histogram, with edges people read at a glance: the bin
/// width is the smallest "nice" duration (1 min, 2, 5, 10, 15, 30 min, 1 h, 2, 3, 6, 12 h,
/// 1 day, 2, 7, 14, 30 days, then multiples of 30 days) that covers the values in at most
/// `maximumBins` bins, and every edge is a multiple of the width.
public enum DurationHistogram {
  /// One bin: durations in [lower, upper).
  public struct Bin: Sendable, Equatable {
    public var lower: Int64
    public var upper: Int64
    public var count: Int64

    public init(lower: Int64, upper: Int64, count: Int64) {
      self.lower = lower
      self.upper = upper
      self.count = count
    }
  }

  static let niceWidths: [Int64] = [
    60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 1_209_600, 2_592_000,
  ]

  /// Consecutive bins from the one holding the smallest value to the one holding the largest
  /// (empty bins between them included); none for no values. Negative values are not durations.
  public static func bins(of values: [Int64], maximumBins: Int = 12) -> [Bin] {
    precondition(maximumBins >= 1, "a histogram has at least one bin")
    guard let low = values.min(), let high = values.max() else { return [] }
    precondition(low >= 0, "a duration is not negative")
    let width = self.width(low: low, high: high, maximumBins: Int64(maximumBins))
    let first = low / width
    let binCount = Int(high / width - first + 1)
    var counts = [Int64](repeating: 0, count: binCount)
    for value in values { counts[Int(value / width - first)] += 1 }
    return counts.enumerated().map { index, count in
      let lower = (first + Int64(index)) * width
      return Bin(lower: lower, upper: lower + width, count: count)
    }
  }

  /// The smallest nice width that spans [low, high] in at most `maximumBins` aligned bins.
  static func width(low: Int64, high: Int64, maximumBins: Int64) -> Int64 {
    func fits(_ width: Int64) -> Bool { high / width - low / width + 1 <= maximumBins }
    if let width = niceWidths.first(where: fits) { return width }
    var months: Int64 = 2
    while !fits(months * 2_592_000) { months *= 2 }
    return months * 2_592_000
  }
}
