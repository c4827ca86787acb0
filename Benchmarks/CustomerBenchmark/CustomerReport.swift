import BenchmarkSupport

/// The figures of a run, as a table with the targets of issue 15: through the binary, each
/// command on the small and the large store and what the large store adds (the difference of
/// the medians; "best" the difference of the best runs), with `dcmc --version` for scale;
/// peak memory on both; then the in-process figures.
struct CustomerReport {
  /// What the large store may add to a lookup or an identification, in seconds.
  static let addedLimit = 0.002
  /// The most `customer cases` may take on the customer with many cases, in seconds.
  static let casesLimit = 0.020
  /// How much more peak memory a command may take on the large store than on the small one
  /// and still be flat: 10%.
  static let memoryFactor = 1.10

  var small: Int
  var large: Int
  var cli: [[CLIMeasurement.Result]]
  var version: CLIMeasurement.Result
  var inProcess: [[Samples]]

  /// Which figures have a target: the lookups and the identification (what the large store
  /// adds), `customer cases` (the time on the large store).
  static let addedTargets: Set<String> = [
    "customer find EMAIL", "customer find PHONE", "case create, identified",
  ]

  var figures: [Figure] {
    var figures = [
      Figure(label: "dcmc --version", unit: .milliseconds, samples: version.wall, limit: nil)
    ]
    for (operation, results) in zip(CLIMeasurement.operations, cli) {
      let (small, large) = (results[0].wall, results[1].wall)
      figures.append(Figure(label: operation.label + " " + Self.count(self.small), unit: .milliseconds, samples: small))
      let casesLimit = operation.label == "customer cases BUSY" ? Self.casesLimit : nil
      figures.append(
        Figure(
          label: operation.label + " " + Self.count(self.large), unit: .milliseconds,
          samples: large, limit: casesLimit))
      // Each run measures both stores one after the other: the median of the runs' differences
      // cancels the load that changes from run to run.
      var added = Samples()
      for (small, large) in zip(small.values, large.values) { added.append(large - small) }
      figures.append(
        Figure(
          label: "  what " + Self.count(self.large).dropFirst().dropLast() + " add", unit: .milliseconds,
          best: large.best - small.best, median: added.median, judged: added.median,
          limit: Self.addedTargets.contains(operation.label) ? Self.addedLimit : nil))
    }
    for (operation, results) in zip(CLIMeasurement.operations, cli) {
      let (small, large) = (results[0].memory, results[1].memory)
      figures.append(
        Figure(
          label: operation.label + ": peak " + Self.count(self.small), unit: .megabytes,
          samples: small))
      figures.append(
        Figure(
          label: operation.label + ": peak " + Self.count(self.large), unit: .megabytes,
          best: large.best,
          median: large.median, judged: large.worst, limit: small.worst * Self.memoryFactor))
    }
    for (operation, samples) in zip(InProcessMeasurement.operations, inProcess) {
      let label = "in process: " + operation.label
      figures.append(
        Figure(label: label + " " + Self.count(small), unit: .microseconds, samples: samples[0]))
      figures.append(
        Figure(label: label + " " + Self.count(large), unit: .microseconds, samples: samples[1]))
    }
    return figures
  }

  /// The notes under the table.
  static let notes = [
    "(N): the store's customers; BUSY: the customer with many cases",
    "times are wall, median of the runs; 'what N add': best run against best run, and the median of the "
      + "runs' differences (both stores in each run)",
    "memory: GNU time's %M, judged on the worst run against the small store's worst + 10%",
  ]

  /// `(1,000,000)`: the customers in a store, after a figure's label.
  static func count(_ customers: Int) -> String {
    var digits = String(customers)
    var grouped = ""
    while digits.count > 3 {
      grouped = "," + digits.suffix(3) + grouped
      digits.removeLast(3)
    }
    return "(" + digits + grouped + ")"
  }
}

extension Figure {
  /// A time figure judged on its median.
  init(label: String, unit: Unit, samples: Samples, limit: Double? = nil) {
    self.init(
      label: label, unit: unit, best: samples.best, median: samples.median, judged: samples.median,
      limit: limit)
  }
}
