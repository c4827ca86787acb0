import DCMCCalendar

/// Renders a report as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma,
/// a quote or a line break, quotes doubled). Each section is one CSV document: a header line
/// of `section` and the column keys, then one record per row whose first field is the section's
/// key. A report of several sections writes its documents in order, separated by one empty
/// line. Values are for programs: counts and durations (seconds) as integers, instants in ISO
/// 8601 at the zone's offset, percentages as a number to one decimal, and empty fields where
/// the table shows a dash.
public enum CSVRenderer {
  public static func render(_ report: Report) -> String {
    documents(report).map(\.text).joined(separator: "\r\n")
  }

  /// Every section of every report, the `section` field being `report/section`.
  public static func render(_ dashboard: Dashboard) -> String {
    dashboard.reports.flatMap { documents($0, naming: { "\($0.name)/\($1.key)" }).map(\.text) }
      .joined(separator: "\r\n")
  }

  /// One RFC 4180 document per section, by section key.
  public static func documents(_ report: Report) -> [(section: String, text: String)] {
    documents(report) { $1.key }
  }

  static func documents(
    _ report: Report, naming name: (Report, ReportSection) -> String
  ) -> [(section: String, text: String)] {
    report.sections.map { section in
      var text = line(["section"] + section.columns.map(\.key))
      for row in section.rows {
        text += line([name(report, section)] + row.map { field($0, report.period) })
      }
      return (section.key, text)
    }
  }

  static func field(_ cell: ReportCell, _ period: ReportPeriod) -> String {
    switch cell {
    case .text(let text): text
    case .count(let count): String(count)
    case .duration(let seconds): String(seconds)
    case .percentage(let numerator, let denominator):
      ReportFormat.permille(numerator, of: denominator).map(ReportFormat.tenths) ?? ""
    case .instant(let instant): ReportFormat.isoTime(instant, in: period.zone)
    case .empty: ""
    }
  }

  static func line(_ fields: [String]) -> String { fields.map(quoted).joined(separator: ",") + "\r\n" }

  static func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
      return field
    }
    return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
  }
}
