import DCMCDiagnostics
import Testing

@Suite struct GoldenReportTests {
  static let extensions: [DiagnosticFormat: String] = [
    .human: "human.txt", .json: "json", .sarif: "sarif", .github: "github.txt",
  ]

  @Test(arguments: DiagnosticFormat.allCases)
  func sharedReportRendersAsItsGoldenFile(format: DiagnosticFormat) throws {
    let output = ReportFixture.report.render(format, colors: false, toolVersion: "0.1.0")
    Golden.check(output, against: "report.\(try #require(Self.extensions[format]))")
  }

  @Test func humanReportWithColorsRendersAsItsGoldenFile() {
    Golden.check(ReportFixture.report.render(.human, colors: true, toolVersion: "0.1.0"), against: "report.color.txt")
  }

  @Test func renderingTwiceGivesTheSameBytes() {
    for format in DiagnosticFormat.allCases {
      #expect(
        ReportFixture.report.render(format, toolVersion: "1") == ReportFixture.report.render(format, toolVersion: "1"))
    }
  }

  @Test func reportSortsDiagnosticsByFileLineAndColumn() {
    let report = DiagnosticReport(
      diagnostics: ReportFixture.diagnostics.reversed(), sources: [:], fileCount: 3)
    #expect(report.diagnostics == Diagnostic.sortedForOutput(ReportFixture.diagnostics))
    #expect(report.diagnostics.first?.range.file == ReportFixture.broken)
  }
}
