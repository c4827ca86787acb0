import DCMCDiagnostics
import DCMCSyntax
import Testing
import _DCMCTestSupport

@Suite struct AliasMergeTests {
  /// A node's range starts at its properties (anchor, tag), as libyaml marks it.
  @Test func anAliasIsExpandedIntoACopyThatKeepsTheAnchorsRange() throws {
    let text = MarkedText("base: 1️⃣&b { x: 1, y: [a, b] }\ncopy: *b\n")
    let file = text.parse()
    #expect(file.diagnostics.isEmpty)
    let root = try #require(file.root)
    #expect(root["copy"]?.text("x") == "1")
    #expect(root["copy"]?.text("y", 1) == "b")
    #expect(root["copy"]?.range.start == text[1])
  }

  @Test func anAliasUsedAsAKeyKeepsTheAliasAsTheKeyRange() throws {
    let text = MarkedText("k: &name title\nm: { 1️⃣*name : v }\n")
    let file = text.parse()
    let entry = try #require(file.root?["m"]?.entries?.first)
    #expect(entry.key == "title")
    #expect(entry.keyRange.start == text[1])
  }

  @Test func anAliasToAnUnknownAnchorGivesDC1008WithASimilarAnchor() throws {
    let text = MarkedText("a: 1️⃣&defaults { x: 1 }\nb: 2️⃣*defualts\n")
    let file = text.parse()
    #expect(file.codes == [.unknownAnchor])
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "unknown anchor 'defualts'")
    #expect(diagnostic.range.start == text[2])
    #expect(diagnostic.notes.first?.message == "an anchor with a similar name exists: 'defaults'")
    #expect(diagnostic.notes.first?.range?.start == text[1])
  }

  /// A merge of an alias to an unknown anchor was reported twice: DC1008, then DC1009 ("is
  /// null, not a mapping") at the same place, for the one mistake.
  @Test(arguments: ["a: &defaults { x: 1 }\nb:\n  <<: 1️⃣*defualts\n", "a: &defaults { x: 1 }\nb:\n  <<: [*defaults, 1️⃣*defualts]\n"])
  func aMergeOfAnUnknownAnchorIsDC1008Alone(marked: String) throws {
    let text = MarkedText(marked)
    let file = text.parse()
    #expect(file.codes == [.unknownAnchor])
    #expect(file.diagnostics.first?.range.start == text[1])
  }

  @Test func anAliasInsideItsOwnAnchoredNodeGivesDC1008() {
    let file = parse("a: &loop [1, *loop]\n")
    #expect(file.codes == [.unknownAnchor])
    #expect(file.diagnostics.first?.message == "alias 'loop' refers to the node that contains it")
  }

  @Test func anchorsDoNotCrossDocuments() {
    let file = parse("a: &x 1\n---\nb: *x\n")
    #expect(file.codes == [.unknownAnchor])
    #expect(file.documents.count == 1)
  }

  @Test func mergedEntriesComeAfterOwnEntriesAndTheMappingsOwnValuesWin() throws {
    let file = parse(
      """
      base: &base { ola: 4h, target: experts, warn: 75% }
      task:
        id: review
        <<: *base
        target: employees
      """)
    #expect(file.diagnostics.isEmpty)
    let task = try #require(file.root?["task"])
    #expect(task.entries?.map(\.key) == ["id", "target", "ola", "warn"])
    #expect(task.text("target") == "employees")
    #expect(task.text("ola") == "4h")
  }

  @Test func earlierMergedMappingsWinOverLaterOnes() throws {
    let file = parse(
      """
      a: &a { x: from_a, y: from_a }
      b: &b { y: from_b, z: from_b }
      c:
        <<: [*a, *b]
        w: own
      """)
    #expect(file.diagnostics.isEmpty)
    let merged = try #require(file.root?["c"])
    #expect(merged.entries?.map(\.key) == ["w", "x", "y", "z"])
    #expect(merged.text("y") == "from_a")
    #expect(merged.text("z") == "from_b")
  }

  @Test func aMergedMappingKeepsTheKeyRangesOfTheSharedText() throws {
    let text = MarkedText("base: &b { 1️⃣ola: 4h }\ntask: { <<: *b }\n")
    let entry = try #require(text.parse().root?["task"]?.entries?.first)
    #expect(entry.key == "ola")
    #expect(entry.keyRange.start == text[1])
  }

  @Test(arguments: [
    ("a: &s text\nb:\n  <<: 1️⃣*s\n", "value of merge key '<<' is a scalar, not a mapping"),
    ("b:\n  <<: 1️⃣[{ x: 1 }, 2]\n", "list merged by '<<' holds a scalar, not a mapping"),
    ("b:\n  <<: 1️⃣[[x]]\n", "list merged by '<<' holds a list, not a mapping"),
  ])
  func aMergeOfSomethingOtherThanMappingsGivesDC1009(marked: String, message: String) throws {
    let text = MarkedText(marked)
    let file = text.parse()
    #expect(file.codes == [.invalidMerge])
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == message)
    #expect(diagnostic.range.start == text[1])
  }

  @Test func aDuplicateKeyGivesDC1002AtTheSecondWithANoteAtTheFirstAndKeepsTheFirstValue() throws {
    let text = MarkedText("1️⃣tasks: first\nname: x\n2️⃣tasks: second\n")
    let file = text.parse()
    #expect(file.codes == [.duplicateKey])
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "duplicate key 'tasks'")
    #expect(diagnostic.range.start == text[2])
    #expect(diagnostic.notes == [Note("first occurrence is here", at: file.root?.entries?.first?.keyRange)])
    #expect(diagnostic.notes.first?.range?.start == text[1])
    #expect(file.root?.text("tasks") == "first")
    #expect(file.root?.entries?.count == 2)
  }

  @Test func aDuplicateKeyDeepInsideAListIsFound() throws {
    let text = MarkedText(
      """
      stages:
        - id: handling
          tasks:
            - id: handle
              outcomes:
                resolved: { close: resolved }
                2️⃣resolved: { close: other }
      """)
    let file = text.parse()
    #expect(file.codes == [.duplicateKey])
    #expect(file.diagnostics.first?.range.start == text[2])
    #expect(file.root?.text("stages", 0, "tasks", 0, "outcomes", "resolved", "close") == "resolved")
  }

  @Test func duplicatesAreFoundInLargeMappings() {
    let keys = (0..<40).map { "key\($0): \($0)" } + ["key7: again"]
    let file = parse(keys.joined(separator: "\n"))
    #expect(file.codes == [.duplicateKey])
    #expect(file.diagnostics.first?.range.start.line == 41)
    #expect(file.root?.text("key7") == "7")
  }

  @Test func aMergedKeyThatTheMappingAlsoHasIsNotADuplicate() {
    let file = parse("base: &b { x: 1 }\nc: { x: 2, <<: *b }\n")
    #expect(file.diagnostics.isEmpty)
    #expect(file.root?.text("c", "x") == "2")
  }

  @Test func aSecondMergeKeyIsADuplicate() {
    let file = parse("a: &a { x: 1 }\nb: &b { y: 1 }\nc:\n  <<: *a\n  <<: *b\n")
    #expect(file.codes == [.duplicateKey])
    #expect(file.diagnostics.first?.message == "duplicate key '<<'")
    #expect(file.root?["c"]?.entries?.map(\.key) == ["x"])
  }

  @Test func aQuotedMergeKeyIsAnOrdinaryKey() {
    let file = parse("c: { '<<': value }\n")
    #expect(file.diagnostics.isEmpty)
    #expect(file.root?.text("c", "<<") == "value")
  }
}
