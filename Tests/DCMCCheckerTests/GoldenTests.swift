import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Foundation
import Testing
import _DCMCTestSupport

/// `Golden/err/NAME.yaml` holds one problem and `NAME.expected` the human output;
/// `Golden/ok/*.yaml` must check clean. `DCMC_RECORD=1` rewrites the expected files.
struct GoldenTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static func inputs(_ folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
  }

  /// Checks one file as `dcmc validate` would, naming it relative to the Golden folder.
  static func check(_ folder: String, _ name: String) throws -> (String, CheckResult) {
    let path = "\(folder)/\(name)"
    let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(path)))
    let file = YAMLReader.parse(name: path, bytes: bytes)
    let result = Checker.check([file])
    let report = DiagnosticReport(
      diagnostics: result.diagnostics, sources: [path: file.source], fileCount: 1)
    return (report.render(.human, colors: false, toolVersion: "test"), result)
  }

  @Test("an invalid fixture reports exactly its expected diagnostics", arguments: inputs("err"))
  func invalidFixture(name: String) throws {
    let (output, result) = try Self.check("err", name)
    #expect(result.errorCount + result.warningCount > 0, "\(name) reported no problem")
    let expectedURL = Self.root.appendingPathComponent("err/\(name.dropLast(5)).expected")
    #expect(output == (try Golden.expected(at: expectedURL, actual: output)))
  }

  @Test("a valid fixture reports nothing", arguments: inputs("ok"))
  func validFixture(name: String) throws {
    let (output, result) = try Self.check("ok", name)
    #expect(result.diagnostics.isEmpty, "\(output)")
  }
}
