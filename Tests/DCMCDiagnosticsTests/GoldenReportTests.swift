import DCMCDiagnostics
import Foundation
import Testing
import _DCMCTestSupport

/// The shared report in each format against its file in `Golden/`.
@Suite struct GoldenReportTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static let extensions: [DiagnosticFormat: String] = [
    .human: "human.txt", .json: "json", .sarif: "sarif", .github: "github.txt",
  ]

  @Test(arguments: DiagnosticFormat.allCases)
  func sharedReportRendersAsItsGoldenFile(format: DiagnosticFormat) throws {
    let output = ReportFixture.report.render(format, colors: false, toolVersion: "0.1.0")
    let url = Self.golden.appendingPathComponent("report.\(try #require(Self.extensions[format]))")
    #expect(output == (try Golden.expected(at: url, actual: output)))
  }

  @Test func humanReportWithColorsRendersAsItsGoldenFile() throws {
    let output = ReportFixture.report.render(.human, colors: true, toolVersion: "0.1.0")
    #expect(output == (try Golden.expected(at: Self.golden.appendingPathComponent("report.color.txt"), actual: output)))
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
