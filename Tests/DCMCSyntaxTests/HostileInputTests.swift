import DCMCDiagnostics
import DCMCSyntax
import Foundation
import Testing
import _DCMCTestSupport

@Suite struct HostileInputTests {
  /// Nine anchors, each a list of nine aliases to the previous one: 9^9 nodes if expanded.
  static let billionLaughs: String = {
    var lines = ["lol0: &lol0 \"lol\""]
    for level in 1...9 {
      let aliases = Array(repeating: "*lol\(level - 1)", count: 9).joined(separator: ", ")
      lines.append("lol\(level): &lol\(level) [\(aliases)]")
    }
    return lines.joined(separator: "\n") + "\n"
  }()

  @Test func anAliasBombIsRefusedWithDC1004AtTheAliasThatCrossesTheBudget() throws {
    let file = parse(Self.billionLaughs)
    #expect(file.codes == [.aliasExpansionTooLarge])
    #expect(file.documents.isEmpty)
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "expanding alias 'lol5' exceeds the limit of 100000 nodes")
    #expect(diagnostic.range.start.line == 7)
  }

  @Test func theExpansionBudgetCountsEveryNodeOfEveryExpansion() {
    let text = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
    let tight = ReaderLimits(maxFileBytes: 1 << 20, maxDepth: 16, maxExpandedNodes: 11, maxScalarBytes: 1024)
    let enough = ReaderLimits(maxFileBytes: 1 << 20, maxDepth: 16, maxExpandedNodes: 12, maxScalarBytes: 1024)
    #expect(parse(text, limits: tight).codes == [.aliasExpansionTooLarge])
    #expect(parse(text, limits: enough).diagnostics.isEmpty)
  }

  @Test(arguments: [
    String(repeating: "[", count: 10_000),
    String(repeating: "- ", count: 10_000) + "x\n",
    String(repeating: "{a: ", count: 10_000),
    (0..<300).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " end\n",
  ])
  func deepNestingStopsWithDC1003AtTheLevelThatCrossesTheLimit(text: String) throws {
    let file = parse(text)
    #expect(file.codes == [.nestingTooDeep])
    #expect(file.documents.isEmpty)
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "nesting is deeper than the limit of 256 levels")
    #expect(diagnostic.range.start.offset < text.unicodeScalars.count)
  }

  @Test func nestingAtTheLimitIsAccepted() {
    let text = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
    let file = parse(text)
    #expect(file.diagnostics.isEmpty)
    #expect(file.root?.items != nil)
  }

  @Test func aliasesCountTheDepthOfTheirExpansion() {
    let limits = ReaderLimits(maxFileBytes: 1 << 20, maxDepth: 4, maxExpandedNodes: 1000, maxScalarBytes: 1024)
    let file = parse("a: &deep [[[x]]]\nb: [*deep]\n", limits: limits)
    #expect(file.codes == [.nestingTooDeep])
    #expect(file.diagnostics.first?.range.start.line == 2)
    #expect(file.diagnostics.first?.range.start.column == 5)
  }

  @Test func aScalarLongerThanTheLimitGivesDC1007() {
    let limits = ReaderLimits(maxFileBytes: 1 << 20, maxDepth: 16, maxExpandedNodes: 1000, maxScalarBytes: 1024)
    let file = parse("a: ok\nb: " + String(repeating: "x", count: 1025) + "\n", limits: limits)
    #expect(file.codes == [.scalarTooLarge])
    #expect(file.diagnostics.first?.message == "scalar is longer than the limit of 1 KiB")
    #expect(file.diagnostics.first?.range.start.line == 2)
  }

  @Test func bytesLargerThanTheFileLimitGiveDC1005BeforeParsing() {
    let limits = ReaderLimits(maxFileBytes: 16, maxDepth: 16, maxExpandedNodes: 1000, maxScalarBytes: 1024)
    let file = parse("key: a value that is long\n", limits: limits)
    #expect(file.codes == [.fileTooLarge])
    #expect(file.diagnostics.first?.message == "file is larger than the limit of 16 bytes")
    #expect(file.documents.isEmpty)
  }

  @Test func aFiftyMegabyteScalarIsRefusedBySizeWhenLoaded() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dcmc-syntax-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: url) }
    var content = Data("body: ".utf8)
    content.append(Data(repeating: UInt8(ascii: "x"), count: 50 << 20))
    try content.write(to: url)
    let file = try YAMLReader.load(path: url.path)
    #expect(file.codes == [.fileTooLarge])
    #expect(file.diagnostics.first?.message == "file is larger than the limit of 4 MiB")
    #expect(file.documents.isEmpty)
    #expect(file.source.text.isEmpty)
  }

  @Test func anEndlessDeviceIsRefusedUnread() {
    #expect(throws: ReadError.unreadable(path: "/dev/zero", reason: "not a regular file")) {
      try YAMLReader.load(path: "/dev/zero")
    }
  }

  @Test func invalidUTF8GivesDC1006AtTheFirstBadByte() throws {
    let text = MarkedText("id: café\nname: ok 1️⃣")
    var bytes = Array(text.text.utf8)
    bytes += [0xFF, 0x41, 0x0A, 0xC3]
    let file = YAMLReader.parse(name: "bad.yaml", bytes: bytes)
    #expect(file.codes == [.invalidUTF8])
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "invalid UTF-8 byte 0xFF")
    #expect(diagnostic.range.start == text[1])
    #expect(file.documents.isEmpty)
  }

  @Test(arguments: [
    ([0x61, 0x3A, 0x20, 0xC3, 0x28] as [UInt8], 3, "sequence 0xC3 0x28"),
    ([0x61, 0xE0, 0x80, 0x80] as [UInt8], 1, "sequence 0xE0 0x80"),
    ([0x61, 0xED, 0xA0, 0x80] as [UInt8], 1, "sequence 0xED 0xA0"),
    ([0x0A, 0x62, 0xF4, 0x90, 0x80, 0x80] as [UInt8], 1, "sequence 0xF4 0x90"),
    ([0x61, 0x62, 0xE2, 0x82] as [UInt8], 2, "sequence 0xE2 0x82"),
    ([0x61, 0x80] as [UInt8], 1, "byte 0x80"),
  ])
  func malformedSequencesPointAtTheCharacterTheyBreak(bytes: [UInt8], column: Int, shown: String) {
    let file = YAMLReader.parse(name: "bad.yaml", bytes: bytes)
    #expect(file.codes == [.invalidUTF8])
    #expect(file.diagnostics.first?.range.start.column == column + 1)
    #expect(file.diagnostics.first?.message == "invalid UTF-8 \(shown)")
  }

  @Test(arguments: ["a:\n1️⃣\t- b\n", "a:\n  b: 1\n 1️⃣\tc: 2\n", "list:\n  - x\n1️⃣\t- y\n"])
  func aTabInIndentationGivesAClearDC1001AtTheTab(marked: String) throws {
    let text = MarkedText(marked)
    let file = text.parse()
    #expect(file.codes == [.yamlSyntax])
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "tab character in indentation")
    #expect(diagnostic.range.start == text[1])
    #expect(diagnostic.help != nil)
  }

  @Test func aLibYAMLErrorGivesDC1001WithItsContextAsALocatedNote() throws {
    let text = MarkedText("a: 1️⃣[1, 2\nb: 3\n2️⃣")
    let file = text.parse()
    #expect(file.codes == [.yamlSyntax])
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "did not find expected ',' or ']'")
    #expect(diagnostic.notes.first?.message == "while parsing a flow sequence started here")
    #expect(diagnostic.notes.first?.range?.start == text[1])
    #expect(diagnostic.range.start.line == 2)
  }

  @Test func aControlCharacterGivesDC1001AtItsPosition() throws {
    let file = parse("a: ok\nb: x\u{1}y\n")
    #expect(file.codes == [.yamlSyntax])
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "control character U+0001 is not allowed")
    #expect(diagnostic.range.start == SourceLocation(line: 2, column: 5, offset: 10))
  }

  /// Issue 14 item 7: keeping the first of each key copied the kept entries at every entry
  /// after a duplicate, so this megabyte took minutes to read in a debug build (20,000 keys:
  /// 13 s; the copies grow with the square of the keys). Read in linear time, it takes a
  /// fraction of a second.
  @Test func item7AMegabyteMappingWithAnEarlyDuplicateKeyIsReadInLinearTime() throws {
    let keys = 62_000
    var text = "id: first\nid: again\n"
    for index in 0..<keys { text += "key_\(index): value\n" }
    #expect(text.utf8.count > 1_000_000)
    let file = parse(text)
    #expect(file.codes == [.duplicateKey])
    let entries = try #require(file.root?.entries)
    #expect(entries.count == keys + 1)
    #expect(entries.first.map { $0.key + "=" + ($0.value.scalar?.value ?? "") } == "id=first")
    #expect(entries.last?.key == "key_\(keys - 1)")
  }

  @Test func everyRepeatOfAKeyIsReportedWithANoteAtItsFirstOccurrence() {
    let text = MarkedText("1️⃣a: 1\n2️⃣b: 2\n3️⃣a: 3\nc: 4\n4️⃣b: 5\n5️⃣a: 6\nd: 7\n")
    let file = text.parse()
    #expect(file.codes == [.duplicateKey, .duplicateKey, .duplicateKey])
    #expect(file.diagnostics.map(\.range.start) == [text[3], text[4], text[5]])
    #expect(file.diagnostics.map { $0.notes.first?.range?.start } == [text[1], text[2], text[1]])
    #expect(file.root?.entries?.map { $0.key + ($0.value.scalar?.value ?? "") } == ["a1", "b2", "c4", "d7"])
  }

  @Test func documentsBeforeASyntaxErrorAreKept() {
    let file = parse("a: 1\n---\nb: [\n")
    #expect(file.codes == [.yamlSyntax])
    #expect(file.documents.count == 1)
  }
}
