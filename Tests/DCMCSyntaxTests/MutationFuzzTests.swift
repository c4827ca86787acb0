import DCMCDiagnostics
import DCMCSyntax
import Testing
import _DCMCTestSupport

/// Seeded random mutations of realistic definitions: the reader must return, never trap,
/// and every location it reports must lie inside the file.
@Suite struct MutationFuzzTests {
  static let seeds: [String] = [
    """
    kind: CaseType
    id: technical
    name: Technical
    reference: "TEC-{seq:6}"
    calendar: office_brussels
    priority: medium
    sla: { within: 16h, calendar: office_brussels, warn: 75%, pause_when_pending: true }
    fields:
      - { id: Customer_Name, type: string, required: true }
      - { id: Customer_Segment, type: enum, values: [gold, silver, bronze] }
      - { id: Membership_No, type: string, pattern: "^M[0-9]{8}$" }
    rules:
      - when: Customer_Segment == "gold"
        priority: high
    defaults: &task_defaults
      target: employees_group
      ola: 12h
    stages:
      - id: handling
        tasks:
          - id: handle
            <<: *task_defaults
            outcomes:
              resolved: { close: resolved }
              escalate: { escalate: true }
          - id: expert_review
            target: expert_group_x
            outcomes:
              send_back: { start: verify, assign: original }
    notifications:
      - { on: case_created, channel: email, to: "{{Customer_Email}}", template: case_created }

    """,
    """
    kind: Calendar
    id: office_brussels
    timezone: Europe/Brussels
    hours:
      mon-fri: "09:00-17:00"
      sat: '10:00-13:00'
    holidays:
      - 2026-12-25
      - 2027-01-01
    ---
    kind: Template
    id: case_created
    subject: "Your ACME ticket {{Case_Id}}"
    body: |
      Dear {{Customer_Name}},
      we confirm that ticket {{Case_Id}} was créé on {{Case_Creation_Date}}.
    footer: >-
      ACME — service client
      😀

    """,
    """
    kind: Workgroup
    id: expert_group_x
    name: Technical experts
    members:
      - eve
      - { user: frank, skills: { technical: 90, french: 60 } }
    supervisors: [sam]
    ...

    """,
  ]

  static let alphabet: [UInt8] = Array("[]{}&*!|>:-\t\n #'\"%@`,?<".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]

  @Test func thousandsOfMutatedDefinitionsNeverTrapAndStayInsideTheFile() {
    var generator = SeededGenerator(seed: 0x00DC_AC0D)
    let limits = ReaderLimits(maxFileBytes: 1 << 16, maxDepth: 32, maxExpandedNodes: 2000, maxScalarBytes: 1 << 12)
    var outcomes: Set<DiagnosticCode> = []
    for round in 0..<3000 {
      var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
      for _ in 0...Int.random(in: 0..<4, using: &generator) {
        mutate(&bytes, using: &generator)
      }
      let file = YAMLReader.parse(name: "fuzz.yaml", bytes: bytes, limits: limits)
      let scalarCount = file.source.text.unicodeScalars.count
      for diagnostic in file.diagnostics {
        outcomes.insert(diagnostic.code)
        #expect(diagnostic.range.start.line >= 1 && diagnostic.range.start.column >= 1, "round \(round)")
        #expect(diagnostic.range.start.offset <= scalarCount, "round \(round)")
      }
      for document in file.documents {
        if let root = document.root { #expect(isInside(root, scalarCount: scalarCount), "round \(round)") }
      }
    }
    #expect(outcomes.contains(.yamlSyntax))
    #expect(outcomes.contains(.invalidUTF8))
  }

  private func mutate(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
    let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
    let length = min(Int.random(in: 1...12, using: &generator), bytes.count - position)
    switch Int.random(in: 0..<5, using: &generator) {
    case 0:
      let inserted = (0..<length).map { _ in Self.alphabet.randomElement(using: &generator)! }
      bytes.insert(contentsOf: inserted, at: position)
    case 1:
      bytes.removeSubrange(position..<(position + length))
    case 2:
      for index in position..<(position + length) {
        bytes[index] = Self.alphabet.randomElement(using: &generator)!
      }
    case 3:
      let slice = bytes[position..<(position + length)]
      bytes.insert(contentsOf: slice, at: Int.random(in: 0...bytes.count, using: &generator))
    default:
      bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
    }
  }

  private func isInside(_ node: Node, scalarCount: Int) -> Bool {
    guard node.range.start.offset <= node.range.end.offset, node.range.end.offset <= scalarCount else { return false }
    switch node.content {
    case .scalar: return true
    case .sequence(let items): return items.allSatisfy { isInside($0, scalarCount: scalarCount) }
    case .mapping(let entries):
      return entries.allSatisfy {
        $0.keyRange.end.offset <= scalarCount && isInside($0.value, scalarCount: scalarCount)
      }
    }
  }
}
