import Foundation
import Testing
import _DCMCTestSupport

/// `task complete --data K=` and `case update --field K=` clear an optional field the case
/// has, the history recording the value it had; a field the case type requires is refused,
/// exit 1, naming it, nothing recorded. Before 7 December 2026 (stop 35) `task complete`
/// dropped the empty value: exit 0, the value kept, nothing recorded.
@Suite struct FormClearCommandTests {
  static let definitions = """
    kind: Workgroup
    id: crew
    members: [alice]
    supervisors: [alice]
    ---
    kind: CaseType
    id: measure
    reference: "MEA-{seq:4}"
    calendar: 24x7
    fields:
      - { id: Customer_Name, type: string, required: true }
      - { id: Note, type: string }
    stages:
      - id: main
        tasks:
          - id: record
            kind: form
            target: crew
            fields:
              - { id: Customer_Name, type: string }
              - { id: Note, type: string }
            outcomes:
              done: { close: resolved }

    """

  @Test func anEmptyValueClearsAnOptionalFieldAndARequiredOneIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try directory.write("definitions/measure.yaml", Self.definitions)
    func run(_ arguments: [String], at minute: Int) throws -> BinaryRunner.Output {
      try BinaryRunner.run(
        arguments + ["--store", "store", "--as", "alice", "--at", "2026-03-02T09:\(minute + 10):00Z"],
        in: directory.url)
    }
    func history(_ id: String) throws -> String { try run(["case", "history", id], at: 40).stdout }
    #expect(try run(["deploy", "definitions"], at: 0).status == 0)
    for minute in [1, 2] {
      let created = try run(["case", "create", "measure", "--field", "Customer_Name=A", "--field", "Note=hi"], at: minute)
      #expect(created.status == 0, "\(created.stderr)")
    }
    #expect(try run(["task", "claim", "MEA-0001.1"], at: 3).status == 0)
    let before = try history("MEA-0001")
    let required = try run(["task", "complete", "MEA-0001.1", "--outcome", "done", "--data", "Customer_Name="], at: 4)
    #expect(required.status == 1)
    #expect(required.stderr == "dcmc: the data of form 'record' is not valid: 'Customer_Name' is required\n")
    #expect(try history("MEA-0001") == before)
    let completed = try run(
      ["task", "complete", "MEA-0001.1", "--outcome", "done", "--data", "Note=", "--data", "Customer_Name=A"], at: 5)
    #expect(completed.status == 0, "\(completed.stderr)")
    let shown = try run(["case", "show", "MEA-0001", "--json"], at: 6)
    #expect(shown.stdout.contains(#""fields": {"Customer_Name": "A"},"#), "\(shown.stdout)")
    // The name given as the case has it records nothing; the note cleared records its value.
    let after = try history("MEA-0001")
    #expect(after.contains("2026-03-02T09:15:00Z  alice  case.updated  Note=hi->-\n"), "\(after)")
    #expect(!after.contains("case.fields_set"))
    // `case update` the same: the required field refused, the optional one cleared.
    let refused = try run(["case", "update", "MEA-0002", "--field", "Customer_Name="], at: 7)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("'Customer_Name' is required"), "\(refused.stderr)")
    let updated = try run(["case", "update", "MEA-0002", "--field", "Note=", "--json"], at: 8)
    #expect(updated.status == 0 && updated.stdout.contains(#""fields": {"Customer_Name": "A"},"#), "\(updated.stdout)")
  }
}
