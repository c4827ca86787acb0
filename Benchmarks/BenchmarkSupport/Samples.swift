/// Repeated measurements of one quantity (seconds or bytes), summarised by their best and
/// median values.
package struct Samples {
  package private(set) var values: [Double] = []

  package init() {}

  package mutating func append(_ value: Double) { values.append(value) }

  /// The smallest value: the run least disturbed by other work on the machine.
  package var best: Double { values.min() ?? 0 }

  /// The largest value (for peak memory, the figure a limit must hold for).
  package var worst: Double { values.max() ?? 0 }

  /// The middle value; the mean of the two middle values for an even count.
  package var median: Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}

extension Duration {
  /// This duration in seconds.
  package var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
