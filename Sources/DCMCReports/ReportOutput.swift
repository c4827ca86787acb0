/// A report or dashboard in one of the four formats, as the bytes written out: the CLI's
/// `--format` and the API's `format` or `Accept`.
public enum ReportOutput {
  public enum Format: String, CaseIterable, Sendable {
    case table, json, csv, html

    /// The media type the API answers the format with.
    public var mediaType: String {
      switch self {
      case .table: "text/plain; charset=utf-8"
      case .json: "application/json"
      case .csv: "text/csv; charset=utf-8"
      case .html: "text/html; charset=utf-8"
      }
    }
  }

  public static func bytes(_ computed: ReportCatalog.Computed, _ format: Format) -> [UInt8] {
    switch computed {
    case .report(let report): bytes(report, format)
    case .dashboard(let dashboard): bytes(dashboard, format)
    }
  }

  static func bytes(_ report: Report, _ format: Format) -> [UInt8] {
    switch format {
    case .table: Array(TableRenderer.render(report).utf8)
    case .csv: Array(CSVRenderer.render(report).utf8)
    case .json: JSONRenderer.render(report) + [10]
    case .html: Array(HTMLRenderer.render(report).utf8)
    }
  }

  static func bytes(_ dashboard: Dashboard, _ format: Format) -> [UInt8] {
    switch format {
    case .table: Array(TableRenderer.render(dashboard).utf8)
    case .csv: Array(CSVRenderer.render(dashboard).utf8)
    case .json: JSONRenderer.render(dashboard) + [10]
    case .html: Array(HTMLRenderer.render(dashboard).utf8)
    }
  }
}
