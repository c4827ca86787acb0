import DCMCCalendar

/// Renders reports as aligned text for a terminal: a heading, the period and zone, then each
/// section's title, definition and table, numbers right-aligned, text left-aligned.
public enum TableRenderer {
  public static func render(_ report: Report) -> String {
    var output = heading(report.title, period: report.period, generatedAt: report.generatedAt)
    for section in report.sections { output += "\n" + render(section, zone: report.period.zone) }
    return output
  }

  /// The reports one after another, under the dashboard's heading.
  public static func render(_ dashboard: Dashboard) -> String {
    var output = heading(dashboard.title, period: dashboard.period, generatedAt: dashboard.generatedAt)
    for report in dashboard.reports { output += "\n" + render(report) }
    return output
  }

  private static func heading(_ title: String, period: ReportPeriod, generatedAt: Instant) -> String {
    "\(title)\n\(String(repeating: "=", count: title.count))\n"
      + "period: \(ReportFormat.period(period))\n"
      + "generated: \(ReportFormat.localTime(generatedAt, in: period.zone))\n"
  }

  /// The widest a text cell is shown; longer text ends in an ellipsis (CSV and JSON keep it whole).
  static let maximumTextWidth = 48

  /// `text` on one line (line breaks and other control characters as spaces), at most
  /// `maximumTextWidth` characters.
  static func oneLine(_ text: String) -> String {
    let flat = String(
      text.map { $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } ? " " : $0 })
    return flat.count <= maximumTextWidth ? flat : String(flat.prefix(maximumTextWidth - 1)) + "…"
  }

  static func render(_ section: ReportSection, zone: ZoneRules) -> String {
    var output = "\(section.title)\n\(String(repeating: "-", count: section.title.count))\n"
    if !section.definition.isEmpty { output += section.definition + "\n" }
    output += "\n"
    guard !section.rows.isEmpty else { return output + "(no rows)\n" }
    let cells = section.rows.map { row in
      zip(row, section.columns).map { oneLine(ReportFormat.text($0, kind: $1.kind, zone: zone)) }
    }
    let header = section.columns.map(\.label)
    let widths = section.columns.indices.map { column in
      ([header[column]] + cells.map { $0[column] }).map(\.count).max() ?? 0
    }
    func line(_ fields: [String]) -> String {
      let padded = fields.enumerated().map { column, field in
        let fill = String(repeating: " ", count: widths[column] - field.count)
        return section.columns[column].kind.isNumeric ? fill + field : field + fill
      }
      return String(padded.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed()) + "\n"
    }
    output += line(header)
    output += line(widths.map { String(repeating: "-", count: $0) })
    for row in cells { output += line(row) }
    if case .histogram(let chart) = section.chart, !chart.markers.isEmpty {
      let clock = section.columnIndex(chart.lowerColumn).flatMap { section.columns[$0].kind.clock } ?? .wallClock
      output +=
        "\n"
        + chart.markers.map { "\($0.label): \(ReportFormat.duration($0.seconds, clock: clock))" }
        .joined(separator: ", ") + "\n"
    }
    return output
  }
}
