import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Foundation
import Testing

/// `Linking` lets the CLI check case types on several threads; whatever order they are
/// checked in, the diagnostics must be `Checker.link`'s, in the same order.
@Suite struct LinkingTests {
  /// Every golden error fixture and the reference definitions, decoded as one set, so that
  /// many case types with problems of every block are linked together.
  static func decodedFiles() throws -> [FileDefinitions] {
    var files = try CheckerMutationFuzzTests.files().map { YAMLReader.parse(name: $0.name, bytes: Array($0.text.utf8)) }
    for name in GoldenTests.inputs("err") {
      let url = GoldenTests.root.appendingPathComponent("err/\(name)")
      files.append(YAMLReader.parse(name: "err/\(name)", bytes: try [UInt8](Data(contentsOf: url))))
    }
    return files.map(DocumentDecoder.decode)
  }

  @Test func caseTypesCheckedInAnyOrderGiveTheSameResultAsLink() throws {
    let files = try Self.decodedFiles()
    let environment = CheckerMutationFuzzTests.environment
    let expected = Checker.link(files, environment: environment).diagnostics
    let linking = Linking(files, environment: environment)
    #expect(linking.caseTypeCount > 50)
    var checked = [[Diagnostic]](repeating: [], count: linking.caseTypeCount)
    for index in (0..<linking.caseTypeCount).reversed() {
      checked[index] = linking.checkCaseType(at: index)
    }
    let actual = linking.finish(caseTypeDiagnostics: checked).diagnostics
    #expect(!expected.isEmpty)
    #expect(actual == expected)
  }
}
