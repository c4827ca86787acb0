import DCMCReports

/// A report or dashboard in one of the four formats, as the bytes written out.
enum ReportOutput {
  enum Format: String, CaseIterable {
    case table, json, csv, html
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
