/// A chart drawn from its section's rows, by column key; the HTML page draws it as SVG
/// followed by the section's table, and the data formats keep it as a description.
public enum ReportChart: Sendable {
  /// One horizontal bar (or group of bars) per row.
  case bars(BarChart)
  /// One vertical bar per row, each row a bin of durations, with vertical markers.
  case histogram(HistogramChart)
  /// One bar per row on a 0-100 % scale (adherence); a row without cases draws none.
  case percentBars(PercentBarChart)

  func checkColumns(of section: ReportSection) {
    func require(_ key: String, _ accepts: (ReportColumnKind) -> Bool) {
      precondition(
        section.columnIndex(key).map { accepts(section.columns[$0].kind) } ?? false,
        "chart column '\(key)' is missing or has the wrong kind")
    }
    switch self {
    case .bars(let chart):
      require(chart.labelColumn) { $0 == .text }
      precondition(!chart.valueColumns.isEmpty, "a bar chart has no value column")
      let kinds = chart.valueColumns.compactMap { key in section.columnIndex(key).map { section.columns[$0].kind } }
      precondition(kinds.count == chart.valueColumns.count, "a bar chart draws a column its section does not have")
      precondition(kinds.allSatisfy { $0 == kinds[0] }, "a bar chart mixes kinds of values")
      precondition(kinds[0] == .count || kinds[0].clock != nil, "a bar chart draws counts or durations")
    case .histogram(let chart):
      require(chart.lowerColumn) { $0.clock != nil }
      require(chart.upperColumn) { $0.clock != nil }
      require(chart.countColumn) { $0 == .count }
    case .percentBars(let chart):
      require(chart.labelColumn) { $0 == .text }
      require(chart.valueColumn) { $0 == .percentage }
    }
  }
}

public struct BarChart: Sendable {
  public enum Layout: String, Sendable, CaseIterable {
    /// A row's values end to end in one bar (parts of a whole).
    case stacked
    /// A row's values as bars side by side.
    case grouped
  }

  public var labelColumn: String
  /// Columns of one kind, count or duration; one series each.
  public var valueColumns: [String]
  public var layout: Layout

  public init(labelColumn: String, valueColumns: [String], layout: Layout = .grouped) {
    self.labelColumn = labelColumn
    self.valueColumns = valueColumns
    self.layout = layout
  }
}

public struct HistogramChart: Sendable {
  /// Duration columns: each row is the bin [lower, upper).
  public var lowerColumn: String
  public var upperColumn: String
  public var countColumn: String
  /// Vertical lines at figures of the same durations (median, p90).
  public var markers: [HistogramMarker]

  public init(lowerColumn: String, upperColumn: String, countColumn: String, markers: [HistogramMarker] = []) {
    self.lowerColumn = lowerColumn
    self.upperColumn = upperColumn
    self.countColumn = countColumn
    self.markers = markers
  }
}

/// A vertical line on a histogram, `median` at 11,100 s.
public struct HistogramMarker: Sendable {
  public var label: String
  public var seconds: Int64

  public init(label: String, seconds: Int64) {
    self.label = label
    self.seconds = seconds
  }
}

public struct PercentBarChart: Sendable {
  public var labelColumn: String
  public var valueColumn: String

  public init(labelColumn: String, valueColumn: String) {
    self.labelColumn = labelColumn
    self.valueColumn = valueColumn
  }
}
