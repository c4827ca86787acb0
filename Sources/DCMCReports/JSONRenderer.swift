import DCMCCalendar
import DCMCJSON

/// Renders reports as JSON data (the canonical pretty form of DCMCJSON): instants in ISO 8601
/// UTC, durations in seconds, percentages as numerator, denominator and `percent` (null when
/// the denominator is 0), each row an object keyed by column key, and each chart as the
/// columns it draws.
public enum JSONRenderer {
  public static func render(_ report: Report) -> [UInt8] { value(of: report).pretty() }

  public static func render(_ dashboard: Dashboard) -> [UInt8] {
    JSONValue.object([
      ("title", .string(dashboard.title)),
      ("period", value(of: dashboard.period)),
      ("generated_at", .string(dashboard.generatedAt.description)),
      ("reports", .array(dashboard.reports.map(value(of:)))),
    ]).pretty()
  }

  static func value(of report: Report) -> JSONValue {
    .object([
      ("report", .string(report.name)),
      ("title", .string(report.title)),
      ("period", value(of: report.period)),
      ("generated_at", .string(report.generatedAt.description)),
      ("sections", .array(report.sections.map(value(of:)))),
    ])
  }

  static func value(of period: ReportPeriod) -> JSONValue {
    .object([
      ("from", .string(period.from.description)), ("to", .string(period.to.description)),
      ("zone", .string(period.zone.name)),
    ])
  }

  static func value(of section: ReportSection) -> JSONValue {
    .members([
      "key": .string(section.key),
      "title": .string(section.title),
      "definition": .string(section.definition),
      "columns": .array(section.columns.map(value(of:))),
      "rows": .array(section.rows.map { row in .object(zip(section.columns, row).map { ($0.key, value(of: $1)) }) }),
      "chart": section.chart.map(value(of:)),
    ])
  }

  static func value(of column: ReportColumn) -> JSONValue {
    .members([
      "key": .string(column.key), "label": .string(column.label), "kind": .string(column.kind.name),
      "clock": column.kind.clock.map { .string($0.rawValue) },
    ])
  }

  static func value(of cell: ReportCell) -> JSONValue {
    switch cell {
    case .text(let text): .string(text)
    case .count(let count): .number(String(count))
    case .duration(let seconds): .number(String(seconds))
    case .percentage(let numerator, let denominator):
      .object([
        ("numerator", .number(String(numerator))), ("denominator", .number(String(denominator))),
        ("percent", ReportFormat.percentValue(numerator, of: denominator).map(number) ?? .null),
      ])
    case .instant(let instant): .string(instant.description)
    case .empty: .null
    }
  }

  static func value(of chart: ReportChart) -> JSONValue {
    switch chart {
    case .bars(let chart):
      .object([
        ("type", .string("bars")), ("label_column", .string(chart.labelColumn)),
        ("value_columns", .array(chart.valueColumns.map { .string($0) })), ("layout", .string(chart.layout.rawValue)),
      ])
    case .histogram(let chart):
      .object([
        ("type", .string("histogram")), ("lower_column", .string(chart.lowerColumn)),
        ("upper_column", .string(chart.upperColumn)), ("count_column", .string(chart.countColumn)),
        (
          "markers",
          .array(
            chart.markers.map { .object([("label", .string($0.label)), ("seconds", .number(String($0.seconds)))]) })
        ),
      ])
    case .percentBars(let chart):
      .object([
        ("type", .string("percent_bars")), ("label_column", .string(chart.labelColumn)),
        ("value_column", .string(chart.valueColumn)),
      ])
    }
  }

  private static func number(_ value: Double) -> JSONValue {
    .number(JSONValue.canonicalNumber(String(value)) ?? String(value))
  }
}
