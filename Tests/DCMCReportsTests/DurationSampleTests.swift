import DCMCReports
import Testing
import _DCMCTestSupport

/// The exact figures against oracles that compute them another way: quantiles by counting
/// over the sorted array, means in floating point on small values, bins by scanning.
@Suite struct DurationSampleTests {
  static func values(_ generator: inout SeededGenerator) -> [Int64] {
    let count = 1 + generator.below(60)
    let spread = [10, 3_600, 400_000, 40_000_000][generator.below(4)]
    return (0..<count).map { _ in Int64(generator.below(spread)) }
  }

  @Test(arguments: 0..<40) func quantilesAreTheSmallestValuesCoveringTheirShare(seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    let values = Self.values(&generator)
    let sample = DurationSample(values)
    let sorted = values.sorted()
    for percent in [1, 10, 25, 50, 75, 90, 95, 99, 100] {
      // The oracle: the smallest value v with at least percent % of the values at or below v.
      let oracle = sorted.first { value in sorted.filter { $0 <= value }.count * 100 >= percent * sorted.count }
      #expect(sample.quantile(percent: percent) == oracle, "p\(percent) of \(sorted)")
    }
    #expect(sample.median == sample.quantile(percent: 50) && sample.p90 == sample.quantile(percent: 90))
    #expect(sample.maximum == sorted.last)
    let mean = Double(values.reduce(0, +)) / Double(values.count)
    #expect(sample.mean == Int64(mean.rounded(.toNearestOrAwayFromZero)))
  }

  @Test func noValuesHaveNoFigures() {
    let sample = DurationSample([])
    #expect(sample.median == nil && sample.p90 == nil && sample.mean == nil && sample.maximum == nil)
  }

  @Test func medianOfAnEvenCountIsTheLowerMiddleValue() {
    #expect(DurationSample([40, 10, 30, 20]).median == 20)
    #expect(DurationSample([40, 10, 30, 20]).p90 == 40)
    #expect(DurationSample([1, 2]).mean == 2)
  }

  @Test func meanOfHugeDurationsDoesNotOverflow() {
    let huge = Int64.max / 2
    #expect(DurationSample([huge, huge, huge]).mean == huge)
  }

  @Test(arguments: 0..<40) func binsHoldEveryValueOnceWithNiceAlignedEdges(seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    let values = Self.values(&generator)
    let bins = DurationHistogram.bins(of: values, maximumBins: 12)
    #expect(!bins.isEmpty && bins.count <= 12)
    let width = bins[0].upper - bins[0].lower
    let nice: [Int64] = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800]
    #expect(nice.contains(width) || width % 2_592_000 == 0)
    for (bin, next) in zip(bins, bins.dropFirst()) { #expect(bin.upper == next.lower) }
    #expect(bins.allSatisfy { $0.upper - $0.lower == width && $0.lower % width == 0 })
    for bin in bins {
      #expect(bin.count == values.filter { bin.lower <= $0 && $0 < bin.upper }.count)
    }
    #expect(bins.first!.count > 0 && bins.last!.count > 0)
    // The next smaller nice width would need more bins.
    if let smaller = nice.last(where: { $0 < width }) {
      #expect(values.max()! / smaller - values.min()! / smaller + 1 > 12)
    }
  }

  @Test func noValuesHaveNoBins() {
    #expect(DurationHistogram.bins(of: []).isEmpty)
    #expect(DurationHistogram.bins(of: [0]) == [DurationHistogram.Bin(lower: 0, upper: 60, count: 1)])
  }
}
