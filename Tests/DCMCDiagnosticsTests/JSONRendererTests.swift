import DCMCDiagnostics
import Foundation
import Testing

@Suite struct JSONRendererTests {
  static let awkward = "say \"hi\" \\ back\nslash\ttab \u{01}\u{1F} é ✓ 🙂"

  func render(_ diagnostics: [Diagnostic]) -> String {
    DiagnosticReport(diagnostics: diagnostics, sources: [:], fileCount: 1).render(.json, toolVersion: "1")
  }

  @Test func stringsAreEscapedSoTheDocumentParsesBackToTheSameText() throws {
    let place = ReportFixture.place("dir/é \"x\".yaml", line: 2, column: 3)
    let output = render([
      Diagnostic(
        .wrongType, Self.awkward, at: place, notes: [Note(Self.awkward)], help: Self.awkward,
        fixIts: [FixIt(replacing: place, with: Self.awkward)])
    ])
    let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let diagnostic = try #require((document["diagnostics"] as? [[String: Any]])?.first)
    #expect(diagnostic["message"] as? String == Self.awkward)
    #expect(diagnostic["file"] as? String == "dir/é \"x\".yaml")
    #expect(diagnostic["help"] as? String == Self.awkward)
    #expect((diagnostic["notes"] as? [[String: Any]])?.first?["message"] as? String == Self.awkward)
    #expect((diagnostic["fixes"] as? [[String: Any]])?.first?["replacement"] as? String == Self.awkward)
    #expect(output.contains(#""say \"hi\" \\ back\nslash\ttab \u0001\u001f é ✓ 🙂""#))
  }

  @Test func unlocatedNoteHasNullLocationAndMissingHelpIsNull() {
    let output = render([
      Diagnostic(.wrongType, "bad", at: ReportFixture.place("a.yaml", line: 1, column: 1), notes: [Note("n")])
    ])
    #expect(output.contains(#"{"column": null, "file": null, "line": null, "message": "n"}"#))
    #expect(output.contains(#""help": null,"#))
  }

  @Test func keysAreSortedAtEveryLevel() {
    let output = render([Diagnostic(.wrongType, "bad", at: ReportFixture.place("a.yaml", line: 1, column: 1))])
    let keys = [
      "diagnostics", "code", "column", "end_column", "end_line", "file", "fixes", "help", "line", "message",
      "notes", "severity", "summary", "errors", "files", "warnings", "version",
    ]
    let positions = keys.map { output.range(of: "\"\($0)\":")?.lowerBound }
    #expect(!positions.contains(nil))
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
  }

  @Test func cleanReportHasEmptyDiagnosticsAndZeroCounts() {
    #expect(
      render([]) == """
        {
          "diagnostics": [],
          "summary": {"errors": 0, "files": 1, "warnings": 0},
          "version": 1
        }

        """)
  }
}
