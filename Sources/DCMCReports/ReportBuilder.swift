import DCMCApplication

/// One report's computation: an accumulator fed the period's facts once, as the groups of
/// their rollups (`FactsRollup`, in any order), then asked for its sections. Builders keep
/// counts and only the durations a quantile needs, never the facts.
protocol ReportBuilder: Sendable {
  static var name: String { get }
  static var title: String { get }
  /// Whether its sections show what stands now (`ReportNow`), which costs a read of the open
  /// cases; the other reports are given an empty one.
  static var readsNow: Bool { get }
  init(scope: ReportScope)
  /// Counts the facts of a rollup's group that passed the scope's filters.
  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures)
  /// Counts a rollup's tasks whose handling crosses its bounds (`FactsRollup.tasks`), after its groups.
  mutating func add(_ tasks: [FactsRollup.Handling])
  func sections(now: ReportNow) -> [ReportSection]
}

extension ReportBuilder {
  static var readsNow: Bool { false }

  mutating func add(_ tasks: [FactsRollup.Handling]) {}
}

/// Counts by key, for the tables' rows.
typealias Tally = [String: Int64]

extension Dictionary where Value == Int64 {
  subscript(count key: Key) -> ReportCell { .count(self[key] ?? 0) }
}

extension Optional where Wrapped == Int64 {
  /// A duration cell, empty for no value.
  var durationCell: ReportCell { map { .duration(seconds: $0) } ?? .empty }
}

extension ReportColumn {
  static func text(_ key: String, _ label: String) -> ReportColumn { ReportColumn(key: key, label: label, kind: .text) }
  static func count(_ key: String, _ label: String) -> ReportColumn {
    ReportColumn(key: key, label: label, kind: .count)
  }
  static func wall(_ key: String, _ label: String) -> ReportColumn {
    ReportColumn(key: key, label: label, kind: .duration(.wallClock))
  }
  static func business(_ key: String, _ label: String) -> ReportColumn {
    ReportColumn(key: key, label: label, kind: .duration(.business))
  }
  static func percent(_ key: String, _ label: String) -> ReportColumn {
    ReportColumn(key: key, label: label, kind: .percentage)
  }
}
