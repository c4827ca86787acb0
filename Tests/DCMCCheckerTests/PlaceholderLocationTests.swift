import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Testing

/// DC6102 points at the placeholder in the source, found from the scalar's own range: in
/// ASCII files, after multibyte text, across lines and with CR LF breaks.
@Suite struct PlaceholderLocationTests {
  /// The text without its markers `1️⃣` (start) and `2️⃣` (end), and the marked range.
  static func unmark(_ marked: String) -> (
    text: String, start: DCMCDiagnostics.SourceLocation, end: DCMCDiagnostics.SourceLocation
  ) {
    var text = ""
    var marks: [Character: DCMCDiagnostics.SourceLocation] = [:]
    var here = DCMCDiagnostics.SourceLocation(line: 1, column: 1, offset: 0)
    for character in marked {
      if character == "1️⃣" || character == "2️⃣" {
        marks[character] = here
        continue
      }
      text.append(character)
      for scalar in character.unicodeScalars {
        here.offset += 1
        if scalar == "\n" {
          here.line += 1
          here.column = 1
        } else if scalar != "\r" {
          here.column += 1
        }
      }
    }
    return (text, marks["1️⃣"]!, marks["2️⃣"]!)
  }

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
    let (text, start, end) = Self.unmark(marked)
    let file = YAMLReader.parse(name: "t.yaml", bytes: Array(text.utf8))
    let diagnostics = Checker.check([file]).diagnostics
    #expect(diagnostics.map(\.code) == [.templateSyntax])
    let range = try #require(diagnostics.first?.range)
    #expect(range.start == start)
    #expect(range.end == end)
  }
}
