import DCMCBundle
import DCMCChecker
import DCMCCompiler
import DCMCSyntax
import Foundation
import Testing
import _DCMCTestSupport

/// Checks and compiles YAML in process: inline files, or the reference definitions.
enum CompileFixture {
  static let repository = BinaryRunner.repositoryRoot

  /// The files of `definitions/` as (relative name, text), sorted by name.
  static func referenceFiles() throws -> [(name: String, text: String)] {
    let root = repository.appendingPathComponent("definitions")
    let walker = FileManager.default.enumerator(atPath: root.path)
    var files: [(String, String)] = []
    while let path = walker?.nextObject() as? String {
      guard path.hasSuffix(".yaml") else { continue }
      files.append(("definitions/" + path, try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)))
    }
    return files.sorted { $0.0 < $1.0 }
  }

  /// The bundle of `files`, which must check without errors.
  static func compile(
    _ files: [(name: String, text: String)], sourceLocation: SourceLocation = #_sourceLocation
  ) -> (bundle: DefinitionBundle, bytes: [UInt8]) {
    let parsed = files.map { YAMLReader.parse(name: $0.name, bytes: Array($0.text.utf8)) }
    let result = Checker.check(parsed)
    #expect(result.errorCount == 0, "\(result.diagnostics.map(\.message))", sourceLocation: sourceLocation)
    return try! Compiler.compile(result.definitions, compilerVersion: "1.2.3")
  }

  /// A calendar, two workgroups and a template that `caseType` texts may use.
  static let shared = """
    kind: Calendar
    id: office
    timezone: Europe/Brussels
    hours:
      mon-fri: "09:00-17:00"
    ---
    kind: Workgroup
    id: agents
    members: [ann, { user: bob, skills: { french: 60, billing: 80 } }]
    supervisors: [sue]
    ---
    kind: Workgroup
    id: experts
    members: [eve]
    ---
    kind: Template
    id: note
    subject: "Case {{Case_Id}}"
    body: "Dear {{Name}}, {{ Case_Id }} is late."

    """

  /// A case type with `body` after its header (on the `office` calendar, SLA 3d).
  static func caseType(_ body: String, id: String = "claims") -> (name: String, text: String) {
    (
      "\(id).yaml",
      """
      kind: CaseType
      id: \(id)
      calendar: office
      sla: 3d
      fields:
        - { id: Name, type: string, required: true }
        - { id: Segment, type: enum, values: [gold, silver] }
        - { id: Amount, type: number }

      """ + body
    )
  }
}
