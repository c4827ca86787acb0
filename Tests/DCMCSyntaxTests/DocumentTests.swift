import DCMCDiagnostics
import DCMCSyntax
import Testing
import _DCMCTestSupport

@Suite struct DocumentTests {
  @Test func documentsSeparatedByDashesAreReadInOrderAndAnEmptyOneHasNoRoot() throws {
    let file = parse("kind: Calendar\nid: a\n---\n---\nkind: Workgroup\n...\n")
    #expect(file.diagnostics.isEmpty)
    try #require(file.documents.count == 3)
    #expect(file.documents[0].root?.text("kind") == "Calendar")
    #expect(file.documents[0].range.start.line == 1)
    #expect(file.documents[1].root == nil)
    #expect(file.documents[1].range.start.line == 3)
    #expect(file.documents[2].root?.text("kind") == "Workgroup")
    #expect(file.documents[2].range.end.line == 6)
  }

  @Test func anExplicitNullDocumentKeepsItsScalar() throws {
    let file = parse("--- ~\n")
    let root = try #require(file.root)
    #expect(root.scalar?.isNull == true)
    #expect(root.kindDescription == "null")
  }

  @Test func scalarsAreNeverTypedAndKeepTheirStyle() throws {
    let file = parse("a: NO\nb: on\nc: 0755\nd: '1.0'\ne: \"true\"\nf: |\n  x\ng: >\n  y\n")
    let root = try #require(file.root)
    #expect(root["a"]?.scalar == Scalar(value: "NO", style: .plain))
    #expect(root["b"]?.scalar == Scalar(value: "on", style: .plain))
    #expect(root["c"]?.scalar == Scalar(value: "0755", style: .plain))
    #expect(root["d"]?.scalar == Scalar(value: "1.0", style: .singleQuoted))
    #expect(root["e"]?.scalar == Scalar(value: "true", style: .doubleQuoted))
    #expect(root["f"]?.scalar == Scalar(value: "x\n", style: .literal))
    #expect(root["g"]?.scalar == Scalar(value: "y\n", style: .folded))
  }

  @Test func mappingKeepsKeyOrder() throws {
    let file = parse("zeta: 1\nalpha: 2\nmid: 3\n")
    #expect(file.root?.entries?.map(\.key) == ["zeta", "alpha", "mid"])
  }

  @Test func aFileThatIsAListIsReadAsASequenceRoot() throws {
    let file = parse("- kind: Calendar\n- kind: Template\n")
    #expect(file.diagnostics.isEmpty)
    let items = try #require(file.root?.items)
    #expect(items.count == 2)
    #expect(file.root?.kindDescription == "a list")
    #expect(items[1].text("kind") == "Template")
  }

  @Test(arguments: ["", "# only a comment\n\n# and another\n", "\n\n   \n"])
  func aFileWithoutDocumentsGivesDC1010(text: String) {
    let file = parse(text)
    #expect(file.documents.isEmpty)
    #expect(file.codes == [.emptyFile])
    #expect(file.diagnostics.first?.message == "file holds no YAML document")
    #expect(file.diagnostics.first?.severity == .error)
    #expect(file.diagnostics.first?.range == .startOf("test.yaml"))
  }

  /// A file commented out under its `---` holds no definition either: before, only a file
  /// without any marker was DC1010, and this one validated clean.
  @Test(arguments: ["---\n", "---\n# kind: Workgroup\n# id: advisors\n", "---\n---\n...\n"])
  func aFileOfEmptyDocumentsGivesDC1010(text: String) {
    let file = parse(text)
    #expect(file.documents.allSatisfy { $0.root == nil })
    #expect(file.codes == [.emptyFile])
    #expect(file.diagnostics.first?.range == .startOf("test.yaml"))
  }

  @Test func anEmptyDocumentBesideADefinitionIsNoProblem() {
    #expect(parse("---\n---\nkind: Calendar\n---\n").diagnostics.isEmpty)
  }

  @Test func theCoreTagsThatNameTheKindOfNodeAreKeptInShortForm() throws {
    let file = parse(
      "a: !!str 12\nb: !<tag:yaml.org,2002:str> 3\nc: !!map { x: 1 }\nd: !!seq [x]\ne:\n  !!merge <<: {}\n")
    #expect(file.diagnostics.isEmpty)
    let root = try #require(file.root)
    #expect(root["a"]?.tag == "!!str")
    #expect(root["a"]?.scalar?.value == "12")
    #expect(root["b"]?.tag == "!!str")
    #expect(root["c"]?.tag == "!!map")
    #expect(root["d"]?.tag == "!!seq")
    #expect(root.tag == nil)
  }

  @Test(arguments: [
    ("a: 1️⃣!custom2️⃣ x\n", "unsupported tag '!custom'"),
    ("a: 1️⃣!!python/object2️⃣ x\n", "unsupported tag '!!python/object'"),
    ("a: 1️⃣!2️⃣ x\n", "unsupported tag '!'"),
    // Values are typed by their key, never by a tag: the core tags that type a value are refused too.
    ("a: 1️⃣!!int2️⃣ abc\n", "unsupported tag '!!int'"),
    ("a: [1️⃣!!bool2️⃣ true]\n", "unsupported tag '!!bool'"),
    ("a: &x 1️⃣!!null2️⃣ ~\n", "unsupported tag '!!null'"),
    ("a: 1️⃣!<tag:yaml.org,2002:int>2️⃣ 3\n", "unsupported tag '!!int'"),
    ("a: 1️⃣!!str2️⃣ [x]\n", "unsupported tag '!!str' on a list"),
    ("a: 1️⃣!!seq2️⃣ { x: 1 }\n", "unsupported tag '!!seq' on a mapping"),
    ("a: 1️⃣!!map2️⃣ x\n", "unsupported tag '!!map' on a scalar"),
    ("a: 1️⃣!!merge2️⃣ x\n", "unsupported tag '!!merge' on a value other than '<<'"),
  ])
  func anyOtherTagGivesDC1011OverTheTag(marked: String, message: String) throws {
    let text = MarkedText(marked)
    let file = text.parse()
    #expect(file.codes == [.unsupportedTag])
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == message)
    #expect(diagnostic.range.start == text[1])
    #expect(diagnostic.range.end == text[2])
    #expect(file.documents.isEmpty)
  }

  @Test func aDocumentWithAReadingErrorIsLeftOutButOthersAreKept() {
    let file = parse("a: !custom x\n---\nb: 2\n")
    #expect(file.codes == [.unsupportedTag])
    #expect(file.documents.count == 1)
    #expect(file.documents.first?.root?.text("b") == "2")
  }

  @Test func aKeyThatIsNotAScalarGivesDC1012() throws {
    let text = MarkedText("ok: 1\n? 1️⃣[a, b]\n: value\n")
    let file = text.parse()
    #expect(file.codes == [.complexKey])
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "mapping key must be a scalar, found a list")
    #expect(diagnostic.range.start == text[1])
  }

  @Test func aFlowMappingKeyGivesDC1012() {
    let file = parse("{ {x: 1}: y }\n")
    #expect(file.codes == [.complexKey])
    #expect(file.diagnostics.first?.message == "mapping key must be a scalar, found a mapping")
  }
}
