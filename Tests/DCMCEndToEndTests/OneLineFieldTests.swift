import Foundation
import Testing
import _DCMCTestSupport

/// audit37 L5: a `string` field's value is one line of plain text, as a customer record's name
/// is (no control character, tab, line break nor bidirectional override), at every entry of the
/// CLI: `case create` (`--field` and `--fields`), `case update` and `task complete --data`. The
/// refusal names the field and the character, exits 1 and changes nothing; a `text` field
/// still takes a tab. Before 7 December 2026 ESC and U+202E were kept, and the customer
/// record made from the case dropped them.
@Suite struct OneLineFieldTests {
  static let definitions = """
    kind: Workgroup
    id: crew
    members: [alice]
    ---
    kind: CaseType
    id: contact
    reference: "CON-{seq:4}"
    calendar: 24x7
    fields:
      - { id: Customer_Name, type: string, required: true }
      - { id: Customer_Email, type: email }
      - { id: Notes, type: text }
    customer: { name: Customer_Name, email: Customer_Email }
    stages:
      - id: main
        tasks:
          - id: record
            kind: form
            target: crew
            fields:
              - { id: Reading, type: string, required: true }
            outcomes:
              done: { close: resolved }

    """

  static let rule = "a string field is one line of plain text"

  @Test func aControlOrBidirectionalCharacterInAStringFieldIsRefusedAtEveryEntry() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try directory.write("definitions/contact.yaml", Self.definitions)
    func run(_ arguments: [String], stdin: String? = nil, at time: String) throws -> BinaryRunner.Output {
      try BinaryRunner.run(
        arguments + ["--store", "store", "--as", "alice", "--at", time], in: directory.url,
        stdin: stdin.map { Data($0.utf8) })
    }
    #expect(try run(["deploy", "definitions"], at: "2026-03-02T08:00:00Z").status == 0)
    let escape = try run(["case", "create", "contact", "--field", "Customer_Name=A\u{1B}[31m B"], at: "2026-03-02T09:00:00Z")
    #expect(escape.status == 1)
    #expect(
      escape.stderr == "dcmc: the form of case type 'contact' is not valid: "
        + "'Customer_Name' holds U+001B (a control character); \(Self.rule)\n")
    let json = try run(
      ["case", "create", "contact", "--fields", "-"], stdin: #"{"Customer_Name": "P\u0000Q"}"#, at: "2026-03-02T09:00:00Z")
    #expect(json.status == 1)
    #expect(json.stderr.contains("'Customer_Name' holds U+0000 (a control character); \(Self.rule)"), "\(json.stderr)")
    let bidi = try run(
      [
        "case", "create", "contact", "--field", "Customer_Name=\u{202E}evil\u{202C} Zed",
        "--field", "Customer_Email=bidi@example.org",
      ], at: "2026-03-02T09:00:00Z")
    #expect(bidi.status == 1)
    #expect(bidi.stderr.contains("'Customer_Name' holds U+202E (a bidirectional embedding or override)"), "\(bidi.stderr)")
    #expect(try run(["case", "list", "--json"], at: "2026-03-02T09:00:00Z").stdout.contains("CON-") == false)
    #expect(try run(["customer", "find", "evil"], at: "2026-03-02T09:00:00Z").stdout.contains("CUS-") == false)
    let made = try run(
      ["case", "create", "contact", "--field", "Customer_Name=Zed", "--field", "Notes=a\tb\nc"], at: "2026-03-02T09:00:00Z")
    #expect(made.status == 0, "\(made.stderr)")
    _ = try run(["task", "claim", "CON-0001.1"], at: "2026-03-02T09:00:30Z")
    _ = try run(["task", "open", "CON-0001.1"], at: "2026-03-02T09:00:40Z")
    let update = try run(["case", "update", "CON-0001", "--field", "Customer_Name=Zed\tX"], at: "2026-03-02T09:01:00Z")
    #expect(update.status == 1)
    #expect(
      update.stderr == "dcmc: the update of case 'CON-0001' is not valid: "
        + "'Customer_Name' holds U+0009 (a tab); \(Self.rule)\n")
    let data = try run(
      ["task", "complete", "CON-0001.1", "--outcome", "done", "--data", "Reading=x\u{2066}y"], at: "2026-03-02T09:04:00Z")
    #expect(data.status == 1)
    #expect(
      data.stderr == "dcmc: the data of form 'record' is not valid: "
        + "'Reading' holds U+2066 (a bidirectional isolate); \(Self.rule)\n")
    let shown = try run(["case", "show", "CON-0001", "--json"], at: "2026-03-02T09:05:00Z").stdout
    #expect(shown.contains(#""Customer_Name":"Zed""#) || shown.contains(#""Customer_Name": "Zed""#), "\(shown)")
    // The refused data changed nothing: the task is still open and takes a line of plain text.
    let done = try run(
      ["task", "complete", "CON-0001.1", "--outcome", "done", "--data", "Reading=x y"], at: "2026-03-02T09:06:00Z")
    #expect(done.status == 0, "\(done.stderr)")
  }
}
