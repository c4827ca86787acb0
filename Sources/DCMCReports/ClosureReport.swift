import DCMCApplication

/// `closure`: per case type, how long the cases closed in the period took from creation to
/// closure, in business time of the type's SLA calendar and in wall-clock time; then a
/// histogram of the wall-clock times with the median and p90 marked.
struct ClosureReport: ReportBuilder {
  static let name = "closure"
  static let title = "Closure time"

  let scope: ReportScope
  var wall: [String: [Int64]] = [:]
  var business: [String: [Int64]] = [:]
  /// The business clock of each type seen; `nil` for a type without a calendar.
  var clocks: [String: BusinessClock?] = [:]

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {
    guard group.kind == .closed, let type = group.type, !figures.spans.isEmpty else { return }
    wall[type, default: []].append(contentsOf: figures.durations)
    if clocks[type] == nil {
      clocks[type] = .some(scope.businessCalendar(type: type).map { BusinessClock($0, origin: scope.period.from) })
    }
    guard var clock = clocks[type] ?? nil else { return }
    for span in figures.spans {
      if let seconds = clock.seconds(from: span.since, to: span.at) { business[type, default: []].append(seconds) }
    }
    clocks[type] = clock
  }

  func sections(now: ReportNow) -> [ReportSection] {
    let types = scope.rowTypes(seen: wall.keys)
    let perType = ReportSection(
      key: "per-type", title: "Closure time per type",
      definition: """
        Cases closed in the period (not cancelled): time from creation to closure, in business time \
        of the type's SLA calendar and in wall-clock time. Quantiles are exact (nearest rank).
        """,
      columns: Self.columns,
      rows: types.map { type in
        let count = Int64(wall[type]?.count ?? 0)
        return [.text(type), .count(count)] + Self.figures(business[type] ?? []) + Self.figures(wall[type] ?? [])
      },
      chart: .bars(BarChart(labelColumn: "type", valueColumns: ["median_wall", "p90_wall"])))
    let all = DurationSample(wall.values.flatMap { $0 })
    let histogram = ReportSection(
      key: "histogram", title: "Closure times",
      definition: "Cases closed in the period, of the types shown, by wall-clock closure time.",
      columns: [.wall("from", "From"), .wall("to", "To"), .count("closed", "Closed")],
      rows: DurationHistogram.bins(of: all.sorted).map {
        [.duration(seconds: $0.lower), .duration(seconds: $0.upper), .count($0.count)]
      },
      chart: .histogram(
        HistogramChart(
          lowerColumn: "from", upperColumn: "to", countColumn: "closed",
          markers: [("median", all.median), ("p90", all.p90)].compactMap { label, value in
            value.map { HistogramMarker(label: label, seconds: $0) }
          })))
    return [perType, histogram]
  }

  /// Type, count, then mean, median, p90 and maximum in business time, then in wall-clock time.
  static let columns: [ReportColumn] = {
    let figures = [("mean", "Mean"), ("median", "Median"), ("p90", "P90"), ("max", "Max")]
    let business: [ReportColumn] = figures.map { .business("\($0.0)_business", "\($0.1) (business)") }
    let wall: [ReportColumn] = figures.map { .wall("\($0.0)_wall", "\($0.1) (wall clock)") }
    return [.text("type", "Type"), .count("closed", "Closed")] + business + wall
  }()

  /// Mean, median, p90 and maximum of `values`; empty cells for none.
  static func figures(_ values: [Int64]) -> [ReportCell] {
    let sample = DurationSample(values)
    return [sample.mean, sample.median, sample.p90, sample.maximum].map(\.durationCell)
  }
}
