import DCMCCalendar

/// One report as data: what a report computes from the report facts, and what every renderer
/// (table, CSV, JSON, HTML) prints. Reports build it; renderers never compute a figure.
public struct Report: Sendable {
  /// The report's command name, `closure`; lowercase letters, digits and hyphens.
  public var name: String
  /// The heading people read, `Closure time`.
  public var title: String
  public var period: ReportPeriod
  /// When the report was computed (the instant the shell read once).
  public var generatedAt: Instant
  public var sections: [ReportSection]

  public init(name: String, title: String, period: ReportPeriod, generatedAt: Instant, sections: [ReportSection]) {
    precondition(ReportSection.isKey(name), "report name '\(name)' is not lowercase letters, digits and hyphens")
    precondition(Set(sections.map(\.key)).count == sections.count, "report '\(name)' repeats a section key")
    self.name = name
    self.title = title
    self.period = period
    self.generatedAt = generatedAt
    self.sections = sections
  }
}

/// The period a report covers: events in [from, to), instants shown in `zone`.
public struct ReportPeriod: Sendable {
  public var from: Instant
  /// Exclusive.
  public var to: Instant
  /// The zone dates and times are shown in (`--zone`).
  public var zone: ZoneRules

  public init(from: Instant, to: Instant, zone: ZoneRules) {
    precondition(from <= to, "a report period ends before it starts")
    self.from = from
    self.to = to
    self.zone = zone
  }
}

/// Several reports on one page: `dcmc report dashboard`.
public struct Dashboard: Sendable {
  public var title: String
  public var period: ReportPeriod
  public var generatedAt: Instant
  public var reports: [Report]

  public init(title: String, period: ReportPeriod, generatedAt: Instant, reports: [Report]) {
    precondition(Set(reports.map(\.name)).count == reports.count, "a dashboard repeats a report")
    self.title = title
    self.period = period
    self.generatedAt = generatedAt
    self.reports = reports
  }
}
