import DCMCDiagnostics
import Foundation
import Testing
import _DCMCTestSupport

@Suite struct ExplanationTests {
  @Test(arguments: DiagnosticCode.allCases)
  func everyCodeHasACompleteExplanation(code: DiagnosticCode) {
    let explanation = code.explanation
    #expect(!explanation.title.isEmpty && explanation.title != code.rawValue)
    #expect(!explanation.title.hasSuffix("."))
    let firstWord = explanation.title.split(separator: " ").first.map(String.init) ?? ""
    #expect(firstWord == firstWord.lowercased() || firstWord == firstWord.uppercased(), "lowercase but for acronyms")
    #expect(explanation.summary.hasSuffix("."))
    let sentences = explanation.summary.components(separatedBy: ". ").count
    #expect((1...3).contains(sentences), "a summary has 1 to 3 sentences")
    #expect(explanation.wrong.hasSuffix("\n") && explanation.right.hasSuffix("\n"))
    #expect(explanation.wrong != explanation.right)
    #expect(!explanation.right.contains("\t"))
  }

  @Test func titlesAreUnique() {
    let titles = DiagnosticCode.allCases.map(\.explanation.title)
    #expect(Set(titles).count == titles.count)
  }

  @Test func examplesThatCannotBeShownAreDescribedInComments() {
    for code in [DiagnosticCode.fileTooLarge, .invalidUTF8, .scalarTooLarge] {
      let lines = code.explanation.wrong.split(separator: "\n")
      #expect(lines.allSatisfy { $0.hasPrefix("#") }, "\(code.rawValue)")
    }
  }

  @Test func docsListEveryCodeWithItsTitleAndSeverity() throws {
    let docs = BinaryRunner.repositoryRoot.appendingPathComponent("docs/diagnostics.md")
    let text = try String(contentsOf: docs, encoding: .utf8)
    for code in DiagnosticCode.allCases {
      let row = "| \(code.rawValue) | \(code.explanation.title) | \(code.defaultSeverity.rawValue) |"
      #expect(text.contains(row), "docs/diagnostics.md lacks the row: \(row)")
    }
  }
}
