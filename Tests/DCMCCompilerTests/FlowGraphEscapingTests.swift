import DCMCCompiler
import Testing

/// audit32 finding 11: every line break in a name (LF, CR, CRLF) is escaped in Mermaid and DOT
/// labels, and a quote stays escaped when a combining mark follows it (one `Character`).
@Suite struct FlowGraphEscapingTests {
  /// The first reference case type's graph, its title and start label set to `text`.
  static func graph(_ text: String) throws -> FlowGraph {
    let bundle = CompileFixture.compile(try CompileFixture.referenceFiles()).bundle
    var graph = FlowGraph(try #require(bundle.caseTypes.first))
    graph.title = text
    graph.start.lines = [text]
    return graph
  }

  static let name = "a\r\nb\rc\nd \"\u{301}e"

  @Test func mermaidWritesEveryLineBreakAsASpaceAndEscapesAQuoteWithAMark() throws {
    let text = try Self.graph(Self.name).mermaid()
    #expect(!text.unicodeScalars.contains("\r"))
    #expect(text.hasPrefix("---\ntitle: a b c d #quot;\u{301}e\n---\n"))
    #expect(text.contains("start([\"a b c d #quot;\u{301}e\"])\n"))
  }

  @Test func dotWritesEveryLineBreakAsBackslashNAndEscapesAQuoteWithAMark() throws {
    let text = try Self.graph(Self.name).dot()
    #expect(!text.unicodeScalars.contains("\r"))
    #expect(text.hasPrefix("digraph \"a\\nb\\nc\\nd \\\"\u{301}e\" {\n"))
    #expect(text.contains(" [label=\"a\\nb\\nc\\nd \\\"\u{301}e\", shape=oval];\n"))
  }
}
