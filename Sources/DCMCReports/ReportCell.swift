import DCMCCalendar

/// One value of a report's table.
public enum ReportCell: Sendable, Equatable {
  case text(String)
  case count(Int64)
  /// Seconds; the column says on which clock.
  case duration(seconds: Int64)
  /// `numerator` of `denominator`; a zero denominator ("no cases") shows as a dash, never as 0 %.
  case percentage(numerator: Int64, denominator: Int64)
  case instant(Instant)
  /// No value: a figure that does not apply (the median of no cases).
  case empty

  func fits(_ kind: ReportColumnKind) -> Bool {
    switch (self, kind) {
    case (.empty, _), (.text, .text), (.count, .count), (.duration, .duration), (.percentage, .percentage),
      (.instant, .instant):
      true
    default: false
    }
  }

  /// The number a chart draws: a count, seconds, or a percentage in tenths of a percent.
  var chartValue: Int64? {
    switch self {
    case .count(let value): value
    case .duration(let seconds): seconds
    case .percentage(let numerator, let denominator): ReportFormat.permille(numerator, of: denominator)
    case .text, .instant, .empty: nil
    }
  }
}
