import DCMCCalendar
import DCMCReports
import Testing

/// The documented text formats (docs/reports.md), seen through the table renderer.
@Suite struct ReportFormatTests {
  static func table(_ cells: [ReportCell], _ kinds: [ReportColumnKind]) -> [String] {
    let columns = kinds.enumerated().map { ReportColumn(key: "c\($0)", label: "c\($0)", kind: $1) }
    let section = ReportSection(key: "s", title: "s", definition: "", columns: columns, rows: [cells])
    let report = Report(
      name: "r", title: "r", period: ReportPeriod(from: Instant(secondsSinceEpoch: 0), to: Instant(secondsSinceEpoch: 0), zone: .utc),
      generatedAt: Instant(secondsSinceEpoch: 0), sections: [section])
    let lines = TableRenderer.render(report).split(separator: "\n")
    return lines.last!.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
  }

  @Test(
    arguments: [
      (0, "0s"), (59, "59s"), (60, "1m 00s"), (3_599, "59m 59s"), (3_600, "1h 00m"), (11_159, "3h 05m"),
      (86_399, "23h 59m"), (86_400, "1d 00h 00m"), (184_500, "2d 03h 15m"),
    ] as [(Int64, String)])
  func wallClockDurationsShowDaysFromOneDay(seconds: Int64, text: String) {
    #expect(Self.table([.duration(seconds: seconds)], [.duration(.wallClock)]).joined(separator: " ") == text)
  }

  @Test func businessDurationsStayInHours() {
    #expect(Self.table([.duration(seconds: 184_500)], [.duration(.business)]) == ["51h", "15m"])
  }

  @Test func percentagesRoundHalfUpToOneDecimalAndShowADashWithoutCases() {
    let kinds = [ReportColumnKind](repeating: .percentage, count: 5)
    let cells: [ReportCell] = [
      .percentage(numerator: 84, denominator: 96), .percentage(numerator: 1, denominator: 3),
      .percentage(numerator: 2, denominator: 3), .percentage(numerator: 1, denominator: 2_000),
      .percentage(numerator: 0, denominator: 0),
    ]
    #expect(Self.table(cells, kinds) == ["87.5%", "33.3%", "66.7%", "0.1%", "—"])
  }

  @Test func instantsShowInTheReportsZoneAndEmptyCellsAsADash() {
    #expect(Self.table([.instant(Instant(secondsSinceEpoch: 90_061)), .empty], [.instant, .count]) == ["1970-01-02", "01:01", "—"])
  }
}
