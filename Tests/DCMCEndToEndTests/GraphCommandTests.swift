import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc graph` through the built binary: Mermaid against golden files reviewed by eye,
/// DOT rendered by Graphviz's `dot`.
@Suite struct GraphCommandTests {
  static let caseTypes = ["address_change", "complaint", "finance", "replacement", "technical"]
  static let golden = Fixtures.repository.appendingPathComponent("Tests/DCMCEndToEndTests/Golden/graph")

  @Test("the Mermaid flow of a case type matches its golden file", arguments: caseTypes)
  func mermaidGolden(caseType: String) throws {
    let result = try BinaryRunner.run(["graph", caseType])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let expected = try Golden.expected(at: Self.golden.appendingPathComponent("\(caseType).mmd"), actual: result.stdout)
    #expect(result.stdout == expected)
  }

  @Test func mermaidShowsStagesTasksOutcomesEscalationsAndCloses() throws {
    let text = try BinaryRunner.run(["graph", "technical", "--format", "mermaid"]).stdout
    #expect(text.contains("flowchart TD\n"))
    #expect(text.contains("  subgraph s_handling[\"Handling\"]\n"))
    #expect(
      text.contains("t_handle[\"Resolve the request<br/>target: employees_group<br/>OLA 12h (office_brussels)\"]"))
    #expect(text.contains("  t_handle -.->|\"escalate, OLA breached\"| t_expert_review\n"))
    #expect(text.contains("  t_handle -->|\"resolved\"| c_resolved\n"))
    #expect(text.contains("  t_expert_review -->|\"send_back (assign original)\"| t_verify\n"))
    #expect(text.contains("  c_resolved(((\"closed: resolved\")))\n"))
    #expect(text.contains("  s_handling ==>|\"stage done\"| c_completed\n"))
  }

  @Test("Graphviz renders the DOT flow of every case type without a warning", arguments: caseTypes)
  func dotRenders(caseType: String) throws {
    let graph = try BinaryRunner.run(["graph", caseType, "--format", "dot"])
    #expect(graph.status == 0)
    #expect(graph.stdout.hasPrefix("digraph \"\(caseType)\" {\n"))
    #expect(graph.stdout.contains("subgraph \"cluster_s_"))
    let dot = try #require(
      SearchPath.executable(named: "dot"), "Graphviz is not installed: apt-get install -y graphviz")
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let input = try directory.write("flow.dot", graph.stdout)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: dot)
    process.arguments = ["-Tsvg", input.path, "-o", directory.url.appendingPathComponent("flow.svg").path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(messages.isEmpty, "\(messages)")
    let svg = try String(contentsOf: directory.url.appendingPathComponent("flow.svg"), encoding: .utf8)
    let clusters = svg.components(separatedBy: "class=\"cluster\"").count - 1
    #expect(clusters == graph.stdout.components(separatedBy: "subgraph \"cluster_").count - 1)
    #expect(svg.contains("closed: "))
  }

  @Test func dotDrawsEscalationsDashedAndStageChangesFromTheCluster() throws {
    let text = try BinaryRunner.run(["graph", "complaint", "--format", "dot"]).stdout
    #expect(
      text.contains(
        "  \"t_complaint_expert_review\" -> \"t_supervisor_review\" [label=\"escalate, OLA breached\", style=dashed];\n"
      ))
    #expect(
      text.contains(
        "  \"t_supervisor_review\" -> \"t_reply_to_customer\" [label=\"stage done\", style=bold, ltail=\"cluster_s_investigation\"];\n"
      ))
    #expect(text.contains("  \"c_resolved\" [label=\"closed: resolved\", shape=doubleoctagon];\n"))
    #expect(
      text.contains(
        "label=\"Investigate the complaint\\ntarget: complaints_fr when Language == \\\"fr\\\", else complaints_group\\nOLA 2d (office_brussels)\""
      ))
  }

  @Test func anUnknownCaseTypeExitsOneWithASuggestion() throws {
    let close = try BinaryRunner.run(["graph", "technicl"])
    #expect(close.status == 1)
    #expect(close.stdout.isEmpty)
    #expect(close.stderr == "dcmc: unknown case type 'technicl'; a case type with a similar name exists: 'technical'\n")
    let far = try BinaryRunner.run(["graph", "zzz", "--format", "dot"])
    #expect(far.status == 1)
    #expect(far.stderr.contains("case types: 'address_change', 'complaint', 'connectivity', 'finance', 'replacement', 'technical'"))
  }

  @Test func usageErrorsAndInvalidDefinitions() throws {
    #expect(try BinaryRunner.run(["graph"]).status == 2)
    let format = try BinaryRunner.run(["graph", "technical", "--format", "svg"])
    #expect(format.status == 2)
    #expect(format.stderr.hasPrefix("dcmc: unknown format 'svg'; the formats are mermaid, dot\n"))
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("bad.yaml", "kind: CaseType\nid: bad\nstages: []\n")
    let invalid = try BinaryRunner.run(["graph", "bad", "bad.yaml"], in: directory.url)
    #expect(invalid.status == 1)
    #expect(invalid.stderr.hasSuffix("dcmc: no graph: the definitions have errors\n"))
  }
}
