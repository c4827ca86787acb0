/// One table of a report, with the text that defines its figures and an optional chart
/// drawn from its own rows (so a chart and its data table cannot disagree).
public struct ReportSection: Sendable {
  /// Identifies the section within its report (CSV's `section` field, HTML anchors):
  /// lowercase letters, digits and hyphens.
  public var key: String
  public var title: String
  /// One or two sentences saying what the figures count.
  public var definition: String
  public var columns: [ReportColumn]
  /// Each row has one cell per column, of the column's kind or `.empty`.
  public var rows: [[ReportCell]]
  public var chart: ReportChart?

  public init(
    key: String, title: String, definition: String, columns: [ReportColumn], rows: [[ReportCell]],
    chart: ReportChart? = nil
  ) {
    precondition(Self.isKey(key), "section key '\(key)' is not lowercase letters, digits and hyphens")
    precondition(Set(columns.map(\.key)).count == columns.count, "section '\(key)' repeats a column key")
    for row in rows {
      precondition(row.count == columns.count, "a row of section '\(key)' has \(row.count) cells")
      for (cell, column) in zip(row, columns) {
        precondition(cell.fits(column.kind), "a cell of column '\(column.key)' is not of its kind")
      }
    }
    self.key = key
    self.title = title
    self.definition = definition
    self.columns = columns
    self.rows = rows
    self.chart = chart
    if let chart { chart.checkColumns(of: self) }
  }

  /// The index of the column `key`; `nil` when the section has none (a chart's columns are
  /// checked when the section is made).
  func columnIndex(_ key: String) -> Int? { columns.firstIndex { $0.key == key } }

  static func isKey(_ text: String) -> Bool {
    !text.isEmpty
      && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }
}

/// A column: its machine key (CSV header, JSON member), the label people read, and its kind.
public struct ReportColumn: Sendable {
  /// Lowercase letters, digits and underscores: `closed_late`.
  public var key: String
  public var label: String
  public var kind: ReportColumnKind

  public init(key: String, label: String, kind: ReportColumnKind) {
    precondition(
      !key.isEmpty
        && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" },
      "column key '\(key)' is not lowercase letters, digits and underscores")
    self.key = key
    self.label = label
    self.kind = kind
  }
}

public enum ReportColumnKind: Sendable, Equatable {
  case text
  case count
  /// Seconds, of business time (the governing calendar's working time) or wall-clock time.
  case duration(DurationClock)
  case percentage
  case instant

  var isNumeric: Bool { self != .text && self != .instant }

  /// The clock of a duration column.
  var clock: DurationClock? {
    if case .duration(let clock) = self { clock } else { nil }
  }

  /// `text`, `count`, `duration`, `percentage`, `instant`.
  var name: String {
    switch self {
    case .text: "text"
    case .count: "count"
    case .duration: "duration"
    case .percentage: "percentage"
    case .instant: "instant"
    }
  }
}

/// Which clock a duration was measured on.
public enum DurationClock: String, Sendable, CaseIterable {
  /// Working time of the governing business calendar; shown in hours, never days, since a
  /// business day's length depends on the calendar.
  case business
  case wallClock = "wall-clock"
}
