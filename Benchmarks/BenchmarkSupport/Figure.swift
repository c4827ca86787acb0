/// One printed line of the report: a measured value, and the limit it must stay under when
/// it has one.
package struct Figure {
  package enum Unit {
    /// Printed in seconds with three decimals.
    case seconds
    /// Printed in milliseconds with one decimal.
    case milliseconds
    /// Printed in microseconds with no decimal.
    case microseconds
    /// Printed in megabytes (10^6 bytes) with one decimal.
    case megabytes
  }

  package var label: String
  package var unit: Unit
  /// The best and median of the runs, in seconds or bytes.
  package var best: Double
  package var median: Double
  /// The value compared with `limit` (the median for times, the worst run for memory).
  package var judged: Double
  /// The value `judged` must stay strictly under, in seconds or bytes; `nil` for a figure
  /// printed for information only.
  package var limit: Double?

  package init(label: String, unit: Unit, best: Double, median: Double, judged: Double, limit: Double?) {
    self.label = label
    self.unit = unit
    self.best = best
    self.median = median
    self.judged = judged
    self.limit = limit
  }

  package var passes: Bool { limit.map { judged < $0 } ?? true }

  /// Prints `figures` as a table, then `notes`, then how many targets were met; returns
  /// whether every target was.
  package static func printTable(_ figures: [Figure], notes: [String] = []) -> Bool {
    print(header)
    for figure in figures { print(figure.line) }
    for note in notes { print("  note: " + note) }
    let missed = figures.filter { !$0.passes }
    let targets = figures.filter { $0.limit != nil }.count
    print("")
    print(missed.isEmpty ? "all \(targets) targets met" : "\(missed.count) of \(targets) targets missed")
    return missed.isEmpty
  }

  package static let header =
    "  " + pad("", 46) + pad("best", 12, right: true) + pad("median", 12, right: true) + "   target"

  package var line: String {
    var text =
      "  " + Figure.pad(label, 46) + Figure.pad(format(best), 12, right: true)
      + Figure.pad(format(median), 12, right: true)
    if let limit {
      text += "   < " + format(limit) + (passes ? "  PASS" : "  FAIL")
    }
    return text
  }

  private func format(_ value: Double) -> String {
    switch unit {
    case .seconds: Figure.decimal(value, digits: 3) + " s"
    case .milliseconds: Figure.decimal(value * 1_000, digits: 1) + " ms"
    case .microseconds: Figure.decimal(value * 1_000_000, digits: 0) + " us"
    case .megabytes: Figure.decimal(value / 1_000_000, digits: 1) + " MB"
    }
  }

  /// `value` rounded to `digits` decimals, without Foundation's locale-dependent formatting.
  package static func decimal(_ value: Double, digits: Int) -> String {
    if value < 0 { return "-" + decimal(-value, digits: digits) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = String(scaled / Int(scale))
    guard digits > 0 else { return whole }
    let fraction = String(scaled % Int(scale))
    return whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
  }

  package static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
  }
}
