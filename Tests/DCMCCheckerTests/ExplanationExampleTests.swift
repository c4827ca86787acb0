import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Foundation
import Testing

/// Every `dcmc explain` example, run through the real reader and checker: the wrong example
/// reports its code and nothing else, the right one reports nothing at all.
@Suite struct ExplanationExampleTests {
  /// Reads and checks one file named `name`.
  static func diagnostics(of bytes: [UInt8], name: String) -> [Diagnostic] {
    Checker.check([YAMLReader.parse(name: name, bytes: bytes)]).diagnostics
  }

  static func describe(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { "\($0.range.start.line):\($0.range.start.column): \($0.code.rawValue) \($0.message)" }
      .joined(separator: "\n")
  }

  /// The input a wrong example stands for: its text, or for the examples that can only be
  /// described (too deep, too large, not UTF-8) the real input built as their comments say.
  static func builtInput(for code: DiagnosticCode) -> [UInt8] {
    switch code {
    case .nestingTooDeep:
      // The example shows 20 of the 300 levels around ' ... ann ... '; put the other 280 back.
      let inner = String(repeating: "[", count: 280) + "ann" + String(repeating: "]", count: 280)
      return Array(code.explanation.wrong.replacingOccurrences(of: " ... ann ... ", with: inner).utf8)
    case .fileTooLarge:
      // 5 MB of generated workgroups in one file, over the 4 MiB limit.
      var text = ""
      var index = 0
      while text.utf8.count < 5_000_000 {
        index += 1
        text += "kind: Workgroup\nid: advisors_\(index)\nmembers: [ann, bob]\n---\n"
      }
      return Array(text.utf8)
    case .invalidUTF8:
      // The right example saved as Latin-1, where 'É' is the single byte 0xC9.
      return Array(code.explanation.right.data(using: .isoLatin1) ?? Data())
    case .scalarTooLarge:
      // The right example with a 2 MB document pasted into its 'body'.
      let pasted = String(repeating: "Dear customer, thank you for your request. ", count: 2_000_000 / 43)
      return Array(code.explanation.right.replacingOccurrences(of: "body: \"", with: "body: \"\(pasted)").utf8)
    default:
      return Array(code.explanation.wrong.utf8)
    }
  }

  @Test("every explanation has a title, a summary and both examples", arguments: DiagnosticCode.allCases)
  func explanationIsComplete(code: DiagnosticCode) {
    let explanation = code.explanation
    #expect(!explanation.title.isEmpty)
    #expect(!explanation.summary.isEmpty)
    #expect(!explanation.wrong.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    #expect(!explanation.right.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
  }

  @Test("the wrong example reports its code and nothing unrelated", arguments: DiagnosticCode.allCases)
  func wrongExampleReportsItsCode(code: DiagnosticCode) {
    let diagnostics = Self.diagnostics(of: Self.builtInput(for: code), name: "wrong.yaml")
    let listing = Self.describe(diagnostics)
    #expect(diagnostics.contains { $0.code == code }, "\(code.rawValue) not reported:\n\(listing)")
    #expect(diagnostics.count { $0.code == code } == 1, "\(code.rawValue) reported more than once:\n\(listing)")
    let unrelated = diagnostics.filter { $0.code != code }
    #expect(unrelated.isEmpty, "\(code.rawValue) example also reports:\n\(Self.describe(unrelated))")
  }

  @Test("the right example checks clean", arguments: DiagnosticCode.allCases)
  func rightExampleIsClean(code: DiagnosticCode) {
    let diagnostics = Self.diagnostics(of: Array(code.explanation.right.utf8), name: "right.yaml")
    #expect(diagnostics.isEmpty, "\(code.rawValue) right example reports:\n\(Self.describe(diagnostics))")
  }
}
