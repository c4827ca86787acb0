/// Durations (seconds) sorted once, for the exact figures reports give: nearest-rank
/// quantiles, the mean and the maximum. No estimate: every figure is a value that can be
/// recomputed from the histories.
public struct DurationSample: Sendable {
  /// Ascending.
  public let sorted: [Int64]

  public init(_ values: [Int64]) { sorted = values.sorted() }

  public var count: Int { sorted.count }

  /// The nearest-rank `percent` quantile (1-100): the smallest value with at least `percent` %
  /// of the values at or below it, the value of rank ceil(percent × n / 100), 1-based.
  /// `nil` for no values.
  public func quantile(percent: Int) -> Int64? {
    precondition((1...100).contains(percent), "a quantile's percent is 1 to 100")
    guard !sorted.isEmpty else { return nil }
    let rank = (percent * sorted.count + 99) / 100
    return sorted[rank - 1]
  }

  /// The median: the nearest-rank 50th percentile (the lower middle value of an even count).
  public var median: Int64? { quantile(percent: 50) }

  public var p90: Int64? { quantile(percent: 90) }

  /// The arithmetic mean rounded to the nearest second (halves away from zero); exact, since
  /// the sum is kept in 128 bits.
  public var mean: Int64? {
    guard !sorted.isEmpty else { return nil }
    return Self.roundedMean(sorted.reduce(Int128(0)) { $0 + Int128($1) }, Int128(sorted.count))
  }

  public var maximum: Int64? { sorted.last }
}

extension DurationSample {
  /// `total` / `count` rounded to the nearest second, halves away from zero, as `mean` rounds.
  static func roundedMean(_ sum: Int128, _ count: Int128) -> Int64 {
    precondition(count > 0, "a mean of no values")
    return Int64(sum >= 0 ? (2 * sum + count) / (2 * count) : -((-2 * sum + count) / (2 * count)))
  }
}
