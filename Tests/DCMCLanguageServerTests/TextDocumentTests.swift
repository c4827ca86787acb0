import DCMCDiagnostics
import DCMCLanguageServer
import Testing

@Suite struct TextDocumentTests {
  typealias Position = TextDocument.Position

  static func edit(_ text: String, _ start: (Int, Int), _ end: (Int, Int), _ replacement: String) -> String {
    var document = TextDocument(text: text)
    document.apply(
      TextDocument.Change(
        range: TextDocument.Span(
          start: Position(line: start.0, character: start.1), end: Position(line: end.0, character: end.1)),
        text: replacement))
    return document.text
  }

  static func pair(_ location: (line: Int, column: Int)) -> [Int] { [location.line, location.column] }

  @Test func anEditCountsCharactersInUTF16CodeUnits() {
    // "😀" is two UTF-16 code units (one scalar), "é" one.
    let text = "id: a\nname: 😀é x\n"
    #expect(Self.edit(text, (1, 6), (1, 9), "") == "id: a\nname:  x\n")
    #expect(Self.edit(text, (1, 9), (1, 10), "y") == "id: a\nname: 😀éyx\n")
  }

  @Test func anEditAcrossLinesAndAnInsertion() {
    let text = "a: 1\nb: 2\nc: 3\n"
    #expect(Self.edit(text, (0, 3), (2, 3), "9") == "a: 93\n")
    #expect(Self.edit(text, (3, 0), (3, 0), "d: 4\n") == text + "d: 4\n")
  }

  @Test func positionsPastALineOrTheTextAreClampedToItsEnd() {
    let text = "a: 1\r\nb: 2"
    #expect(Self.edit(text, (0, 40), (0, 40), "0") == "a: 10\r\nb: 2")
    #expect(Self.edit(text, (9, 0), (9, 0), "!") == text + "!")
  }

  @Test func aWholeTextChangeReplacesTheText() {
    var document = TextDocument(text: "old")
    document.apply(TextDocument.Change(range: nil, text: "new"))
    #expect(document.text == "new")
  }

  @Test func scalarColumnsBecomeUTF16CharactersAndBack() {
    let lines = LineIndex("a: 1\nname: 😀é x\n")
    // Column 9 (scalars) is 'é', after the emoji: UTF-16 character 9 (0-based), one more than scalars.
    let location = SourceLocation(line: 2, column: 9, offset: 0)
    #expect(lines.position(of: location) == Position(line: 1, character: 9))
    #expect(Self.pair(lines.location(of: Position(line: 1, character: 9))) == [2, 9])
    #expect(Self.pair(lines.location(of: Position(line: 1, character: 50))) == [2, 11])
  }

  @Test func theByteOrderMarkIsACharacterForTheEditorButNotAColumnForTheChecker() {
    let lines = LineIndex("\u{FEFF}id: a\n")
    #expect(lines.position(of: SourceLocation(line: 1, column: 1, offset: 0)) == Position(line: 0, character: 1))
    #expect(Self.pair(lines.location(of: Position(line: 0, character: 5))) == [1, 5])
  }
}

extension TextDocumentTests {
  @Test func aLoneCarriageReturnEndsALineAsInLSPAndLibYAML() {
    #expect(Self.edit("a: 1\rb: 2\r\nc: 3", (1, 3), (1, 4), "9") == "a: 1\rb: 9\r\nc: 3")
    #expect(Self.edit("a: 1\rb: 2\r\nc: 3", (2, 0), (2, 1), "d") == "a: 1\rb: 2\r\nd: 3")
    let lines = LineIndex("a: 1\rb: 2\r\nc: 3")
    #expect(lines.position(of: SourceLocation(line: 3, column: 2, offset: 0)) == Position(line: 2, character: 1))
    #expect(Self.pair(lines.location(of: Position(line: 1, character: 30))) == [2, 5])
  }
}
