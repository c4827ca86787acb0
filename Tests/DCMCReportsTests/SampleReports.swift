import DCMCCalendar
import DCMCReports

/// Hand-built reports with every cell kind, every chart and the edge cases renderers must
/// survive: an empty section, zero denominators, empty cells, long labels, markup
/// characters, and commas, quotes and line breaks for CSV.
enum SampleReports {
  static let zone = TimeZoneDatabase.rules(named: "Europe/Brussels")!
  /// 2026-03-01T00:00+01:00 to 2026-04-01T00:00+02:00.
  static let period = ReportPeriod(
    from: Instant(secondsSinceEpoch: 1_772_319_600), to: Instant(secondsSinceEpoch: 1_774_994_400), zone: zone)
  static let generatedAt = Instant(secondsSinceEpoch: 1_775_026_800)
  static let awkward = "Disputes <&\"'> \"urgent\", 'now'"
  static let long = "A very long case type name that goes on and on, past any chart label,\nover two lines"

  static let closures: [Int64] = [
    1_500, 4_200, 9_000, 11_100, 12_000, 15_300, 20_000, 26_000, 33_000, 41_000, 52_000, 86_400, 90_000, 172_800,
  ]

  static var cases: Report {
    let perType = ReportSection(
      key: "per-type", title: "Cases per type",
      definition: "Cases opened and closed in the period, and the share of closed cases that met their SLA.",
      columns: [
        ReportColumn(key: "type", label: "Case type", kind: .text),
        ReportColumn(key: "opened", label: "Opened", kind: .count),
        ReportColumn(key: "closed", label: "Closed", kind: .count),
        ReportColumn(key: "escalated", label: "Escalated", kind: .count),
        ReportColumn(key: "sla_met", label: "SLA met", kind: .percentage),
        ReportColumn(key: "mean_business", label: "Mean (business)", kind: .duration(.business)),
        ReportColumn(key: "p90_wall", label: "p90 (wall clock)", kind: .duration(.wallClock)),
        ReportColumn(key: "last_closed", label: "Last closed", kind: .instant),
      ],
      rows: [
        [
          .text("claims"), .count(120), .count(96), .count(7), .percentage(numerator: 84, denominator: 96),
          .duration(seconds: 11_100), .duration(seconds: 183_900), .instant(Instant(secondsSinceEpoch: 1_774_960_200)),
        ],
        [
          .text(awkward), .count(3), .count(0), .count(0), .percentage(numerator: 0, denominator: 0), .empty, .empty,
          .empty,
        ],
        [
          .text(long), .count(41), .count(40), .count(12), .percentage(numerator: 1, denominator: 3),
          .duration(seconds: 45), .duration(seconds: 3_599), .instant(Instant(secondsSinceEpoch: 1_772_352_000)),
        ],
      ],
      chart: .bars(BarChart(labelColumn: "type", valueColumns: ["opened", "closed", "escalated"])))
    let handle = ReportSection(
      key: "handle-time", title: "Handle time per advisor",
      definition: "Time tasks spent assigned and working, per advisor, on the wall clock.",
      columns: [
        ReportColumn(key: "advisor", label: "Advisor", kind: .text),
        ReportColumn(key: "assigned", label: "Assigned", kind: .duration(.wallClock)),
        ReportColumn(key: "working", label: "Working", kind: .duration(.wallClock)),
      ],
      rows: [
        [.text("ann"), .duration(seconds: 7_260), .duration(seconds: 190_000)],
        [.text("bob"), .duration(seconds: 0), .duration(seconds: 59)],
      ],
      chart: .bars(BarChart(labelColumn: "advisor", valueColumns: ["assigned", "working"], layout: .stacked)))
    let sample = DurationSample(closures)
    let histogram = ReportSection(
      key: "closure-times", title: "Closure times",
      definition: "Cases closed in the period by time from opening to closing, on the wall clock.",
      columns: [
        ReportColumn(key: "from", label: "From", kind: .duration(.wallClock)),
        ReportColumn(key: "to", label: "To", kind: .duration(.wallClock)),
        ReportColumn(key: "cases", label: "Cases", kind: .count),
      ],
      rows: DurationHistogram.bins(of: closures).map { [.duration(seconds: $0.lower), .duration(seconds: $0.upper), .count($0.count)] },
      chart: .histogram(
        HistogramChart(
          lowerColumn: "from", upperColumn: "to", countColumn: "cases",
          markers: [
            HistogramMarker(label: "median", seconds: sample.median!), HistogramMarker(label: "p90", seconds: sample.p90!),
          ])))
    let empty = ReportSection(
      key: "escalated-now", title: "Escalated tasks now", definition: "Escalated tasks still open.",
      columns: [
        ReportColumn(key: "task", label: "Task", kind: .text), ReportColumn(key: "age", label: "Age", kind: .duration(.business)),
      ],
      rows: [], chart: .bars(BarChart(labelColumn: "task", valueColumns: ["age"])))
    return Report(
      name: "cases", title: "Cases & closures", period: period, generatedAt: generatedAt,
      sections: [perType, handle, histogram, empty])
  }

  static var sla: Report {
    let adherence = ReportSection(
      key: "adherence", title: "SLA adherence per type",
      definition: "Cases closed in the period within their SLA, of all cases closed in the period.",
      columns: [
        ReportColumn(key: "type", label: "Case type", kind: .text),
        ReportColumn(key: "met", label: "Met", kind: .count),
        ReportColumn(key: "closed", label: "Closed", kind: .count),
        ReportColumn(key: "adherence", label: "Adherence", kind: .percentage),
      ],
      rows: [
        [.text("claims"), .count(84), .count(96), .percentage(numerator: 84, denominator: 96)],
        [.text(awkward), .count(0), .count(0), .percentage(numerator: 0, denominator: 0)],
        [.text("refunds"), .count(2), .count(2), .percentage(numerator: 2, denominator: 2)],
        [.text("returns"), .count(0), .count(5), .percentage(numerator: 0, denominator: 5)],
      ],
      chart: .percentBars(PercentBarChart(labelColumn: "type", valueColumn: "adherence")))
    return Report(name: "sla", title: "SLA", period: period, generatedAt: generatedAt, sections: [adherence])
  }

  static var dashboard: Dashboard {
    Dashboard(title: "Supervisor dashboard", period: period, generatedAt: generatedAt, reports: [cases, sla])
  }
}
