import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Testing
import _DCMCTestSupport

/// DC6102 points at the placeholder in the source, found from the scalar's own range: in
/// ASCII files, after multibyte text, across lines and with CR LF breaks; `1️⃣` marks where
/// the range starts, `2️⃣` where it ends.
@Suite struct PlaceholderLocationTests {
  @Test(
    "the placeholder is underlined where it is written",
    arguments: [
      "kind: Template\nid: t\nsubject: \"Case 1️⃣{{bad name}}2️⃣\"\nbody: x\n",
      "kind: Template\nid: t\nsubject: \"Café — 日本 😀 1️⃣{{bad name}}2️⃣\"\nbody: x\n",
      "kind: Template\nid: t\nbody: |\n  Dear {{Customer_Name}},\n  héllo 1️⃣{{ bad name }}2️⃣ and {{Case_Id}}\n",
      "kind: Template\r\nid: t\r\nbody: |\r\n  Dear {{Customer_Name}},\r\n  ticket 1️⃣{{bad name}}2️⃣\r\n",
      "kind: Template\nid: t\nsubject: \"Ça {{Case_Id}} 1️⃣{{2️⃣Case_Type\"\nbody: x\n",
    ])
  func placeholderIsLocated(marked: String) throws {
    let text = MarkedText(marked)
    let file = YAMLReader.parse(name: "t.yaml", bytes: Array(text.text.utf8))
    let diagnostics = Checker.check([file]).diagnostics
    #expect(diagnostics.map(\.code) == [.templateSyntax])
    let range = try #require(diagnostics.first?.range)
    #expect(range.start == text[1])
    #expect(range.end == text[2])
  }
}
