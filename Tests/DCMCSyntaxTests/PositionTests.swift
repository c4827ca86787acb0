import DCMCDiagnostics
import DCMCSyntax
import Testing
import _DCMCTestSupport

@Suite struct PositionTests {
  @Test func scalarRangesCountUnicodeScalarsAfterMultibyteCharacters() throws {
    let marked = MarkedText("1️⃣é2️⃣: 3️⃣ü4️⃣\n5️⃣name6️⃣: 7️⃣\"日本😀\"8️⃣\n9️⃣z: x\n")
    let file = marked.parse()
    #expect(file.diagnostics.isEmpty)
    let entries = try #require(file.root?.entries)
    #expect(entries[0].keyRange.start == marked[1])
    #expect(entries[0].keyRange.end == marked[2])
    #expect(entries[0].value.range.start == marked[3])
    #expect(entries[0].value.range.end == marked[4])
    #expect(entries[1].keyRange.start == marked[5])
    #expect(entries[1].keyRange.end == marked[6])
    #expect(entries[1].value.range.start == marked[7])
    #expect(entries[1].value.range.end == marked[8])
    #expect(entries[1].value.scalar == Scalar(value: "日本😀", style: .doubleQuoted))
    #expect(entries[2].keyRange.start == marked[9])
    #expect(entries[2].keyRange.file == "test.yaml")
  }

  @Test func offsetsIndexTheUnicodeScalarsOfTheSourceText() throws {
    let file = parse("título: \"señor 😀\"\nnext: 'x'\n")
    let value = try #require(file.root?["título"])
    let scalars = Array(file.source.text.unicodeScalars)
    let written = String(String.UnicodeScalarView(scalars[value.range.start.offset..<value.range.end.offset]))
    #expect(written == "\"señor 😀\"")
  }

  @Test func literalAndFoldedScalarsEndAfterTheirLastCharacter() throws {
    let marked = MarkedText(
      """
      body: 1️⃣|
        Dear {{Name}},
        ça va?2️⃣

      folded: 3️⃣>-
        one
        two4️⃣
      # done
      empty: 5️⃣|6️⃣
      last: x
      """)
    let file = marked.parse()
    #expect(file.diagnostics.isEmpty)
    let root = try #require(file.root)
    #expect(root["body"]?.range.start == marked[1])
    #expect(root["body"]?.range.end == marked[2])
    #expect(root["body"]?.scalar == Scalar(value: "Dear {{Name}},\nça va?\n", style: .literal))
    #expect(root["folded"]?.range.start == marked[3])
    #expect(root["folded"]?.range.end == marked[4])
    #expect(root["folded"]?.scalar == Scalar(value: "one two", style: .folded))
    #expect(root["empty"]?.range.start == marked[5])
    #expect(root["empty"]?.range.end == marked[6])
  }

  @Test func quotedScalarRangesIncludeTheirQuotes() throws {
    let marked = MarkedText("a: 1️⃣'it''s'2️⃣\nb: 3️⃣\"line\\nbreak\"4️⃣\n")
    let root = try #require(marked.parse().root)
    #expect(root["a"]?.range.start == marked[1])
    #expect(root["a"]?.range.end == marked[2])
    #expect(root["a"]?.scalar == Scalar(value: "it's", style: .singleQuoted))
    #expect(root["b"]?.range.end == marked[4])
    #expect(root["b"]?.scalar?.value == "line\nbreak")
  }

  @Test func blockCollectionsEndAtTheirLastChildNotAtTheNextLine() throws {
    let marked = MarkedText(
      """
      1️⃣stages:
        - 2️⃣id: handling
          tasks: [a, b]3️⃣
        - id: closing4️⃣

      # trailing comment

      """)
    let root = try #require(marked.parse().root)
    #expect(root.range.start == marked[1])
    #expect(root.range.end == marked[4])
    let first = try #require(root["stages"]?.items?.first)
    #expect(first.range.start == marked[2])
    #expect(first.range.end == marked[3])
  }

  @Test func flowCollectionsEndAfterTheirClosingBracket() throws {
    let marked = MarkedText("a: 1️⃣{ x: [1, 2], y: z }2️⃣\n")
    let root = try #require(marked.parse().root)
    #expect(root["a"]?.range.start == marked[1])
    #expect(root["a"]?.range.end == marked[2])
  }

  @Test func byteOrderMarkIsSkippedAndColumnOneIsTheCharacterAfterIt() throws {
    let marked = MarkedText("1️⃣kind: 2️⃣Calendar\n")
    let file = YAMLReader.parse(name: "bom.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array(marked.text.utf8))
    #expect(file.diagnostics.isEmpty)
    #expect(file.source.text == marked.text)
    let entry = try #require(file.root?.entries?.first)
    #expect(entry.keyRange.start == marked[1])
    #expect(entry.value.range.start == marked[2])
  }

  @Test func windowsLineEndingsCountAsOneLineBreak() throws {
    let marked = MarkedText("a:\r\n  1️⃣b: 2️⃣1\r\n")
    let root = try #require(marked.parse().root)
    let inner = try #require(root["a"]?.entries?.first)
    #expect(inner.keyRange.start == marked[1])
    #expect(inner.keyRange.start.line == 2)
    #expect(inner.value.range.start == marked[2])
  }
}
