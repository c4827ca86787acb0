import Foundation
import Testing
import _DCMCTestSupport

/// Issue 14 item 17: `1e400` reads as infinity, and a number too large to keep is no number,
/// wherever a number comes from: `--field`, `--fields` in YAML or JSON, `task complete
/// --data`, and the values of a scenario or an outcome's `set` in definitions. So too one
/// that reads as 0 though it is not (`0.1e-400`), which was kept as 0 before 7 December 2026;
/// both are out of range, the others are no number.
@Suite struct NonFiniteNumberTests {
  static let definitions = """
    kind: Workgroup
    id: crew
    members: [alice]
    ---
    kind: CaseType
    id: measure
    reference: "MEA-{seq:4}"
    calendar: 24x7
    fields:
      - { id: Customer_Name, type: string, required: true }
      - { id: Amount, type: number }
    stages:
      - id: main
        tasks:
          - id: record
            kind: form
            target: crew
            fields:
              - { id: Reading, type: number, required: true }
            outcomes:
              done: { close: resolved }

    """

  static let outOfRange = "is out of range: a number other than 0 is from about 5e-324 to 1.7e308 in size"

  @Test(arguments: [
    ("1e400", outOfRange), ("-1e999", outOfRange), ("0.1e-400", outOfRange), ("-2e-324", outOfRange),
    ("NaN", "is not a number"), ("inf", "is not a number"),
  ])
  func item17ANonFiniteNumberIsRefusedFromEveryInput(value: String, problem: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try directory.write("definitions/measure.yaml", Self.definitions)
    func run(_ arguments: [String], stdin: String? = nil, at time: String) throws -> BinaryRunner.Output {
      try BinaryRunner.run(
        arguments + ["--store", "store", "--as", "alice", "--at", time], in: directory.url,
        stdin: stdin.map { Data($0.utf8) })
    }
    #expect(try run(["deploy", "definitions"], at: "2026-03-02T08:00:00Z").status == 0)
    let refusal = "dcmc: the form of case type 'measure' is not valid: 'Amount' \(problem)\n"
    let field = try run(
      ["case", "create", "measure", "--field", "Customer_Name=A", "--field", "Amount=\(value)"],
      at: "2026-03-02T09:00:00Z")
    #expect(field.status == 1)
    #expect(field.stderr == refusal)
    let yaml = try run(
      ["case", "create", "measure", "--fields", "-"], stdin: "Customer_Name: A\nAmount: \(value)\n",
      at: "2026-03-02T09:00:00Z")
    #expect(yaml.status == 1)
    #expect(yaml.stderr == refusal)
    // JSON has no NaN or infinity, and its parser keeps no number it cannot hold; the text is
    // then read as a YAML flow mapping, whose value the form check refuses.
    let json = try run(
      ["case", "create", "measure", "--fields", "-"], stdin: #"{"Customer_Name": "A", "Amount": \#(value)}"#,
      at: "2026-03-02T09:00:00Z")
    #expect(json.status == 1)
    #expect(json.stderr == refusal)
    #expect(
      try run(["case", "create", "measure", "--field", "Customer_Name=A"], at: "2026-03-02T09:00:00Z").status == 0)
    _ = try run(["task", "claim", "MEA-0001.1"], at: "2026-03-02T09:01:00Z")
    _ = try run(["task", "open", "MEA-0001.1"], at: "2026-03-02T09:02:00Z")
    let data = try run(
      ["task", "complete", "MEA-0001.1", "--outcome", "done", "--data", "Reading=\(value)"], at: "2026-03-02T09:03:00Z")
    #expect(data.status == 1)
    #expect(data.stderr == "dcmc: the data of form 'record' is not valid: 'Reading' \(problem)\n")
    let scenario = """
      kind: Scenario
      id: huge
      case_type: measure
      start: 2026-03-02T09:00:00+01:00
      steps:
        - create: { fields: { Customer_Name: A, Amount: "\(value)" } }

      """
    _ = try directory.write("definitions/huge.yaml", scenario)
    let validate = try BinaryRunner.run(["validate", "definitions"], in: directory.url)
    #expect(validate.status == 1)
    #expect(
      validate.stdout.contains("error[DC4013]: value '\(value)' for field 'Amount' \(problem)"),
      "\(validate.stdout)")
  }
}
