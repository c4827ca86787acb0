import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc schema`: a JSON Schema 2020-12 that every reference definition satisfies and that
/// rejects malformed documents, checked with Python's `jsonschema` (`.ci/validate-schema.py`).
@Suite struct SchemaCommandTests {
  static let install = "install python3 and run: pip install jsonschema pyyaml"

  /// Runs the validator on `files` with the schema `dcmc schema` prints.
  static func validate(_ files: [String], in directory: TemporaryDirectory) throws -> (status: Int32, output: String) {
    let schema = try BinaryRunner.run(["schema"])
    #expect(schema.status == 0)
    let schemaFile = try directory.write("dcm.schema.json", schema.stdout)
    let result = try #require(
      try PythonScript.run("validate-schema.py", [schemaFile.path] + files), "python3 is missing; \(install)")
    #expect(result.status != 3, "a dependency is missing (\(install)): \(result.output)")
    return result
  }

  @Test func theSchemaIsJSONSchema2020WithADefinitionForEveryKind() throws {
    let result = try BinaryRunner.run(["schema"])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    let definitions = try #require(schema["$defs"] as? [String: Any])
    for kind in ["CaseType", "Calendar", "Workgroup", "Template", "CustomerProfile", "Presence", "Scenario"] {
      let definition = try #require(definitions[kind] as? [String: Any], "\(kind)")
      #expect(definition["additionalProperties"] as? Bool == false)
      #expect(definition["description"] is String)
    }
    let kind = (schema["properties"] as? [String: Any])?["kind"] as? [String: Any]
    #expect((kind?["enum"] as? [String])?.count == 7)
    #expect((schema["allOf"] as? [Any])?.count == 7)
    let events =
      (((definitions["notification"] as? [String: Any])?["properties"] as? [String: Any])?["on"]
      as? [String: Any])?["enum"] as? [String]
    #expect(events?.contains("sla_breached") == true)
  }

  @Test func everyReferenceDefinitionValidatesAgainstTheSchema() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let files = Fixtures.definitionFiles().map { Fixtures.repository.appendingPathComponent("definitions/\($0)").path }
    #expect(files.count > 10)
    let result = try Self.validate(files, in: directory)
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.isEmpty)
  }

  /// The schema reads a timestamp as `Timestamp` does: an offset to the second is one
  /// (`dcmc calendar due` prints Monrovia's 1970 times at `-00:44:30`).
  @Test func aTimestampWhoseOffsetHasSecondsMatches() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = try directory.write(
      "liberia.yaml",
      "kind: Scenario\nid: liberia\ncase_type: technical\nstart: 1970-06-01T10:00:00-00:44:30\nsteps: [advance: 1h]\n")
    let result = try Self.validate([file.path], in: directory)
    #expect(result.status == 0, "\(result.output)")
  }

  static let invalid: [(name: String, yaml: String, problem: String)] = [
    ("unknown kind", "kind: Calendr\nid: office\n", "'Calendr' is not one of"),
    ("misspelt key", "kind: Workgroup\nid: agents\nmembers: [ann]\nsupervisor: [sam]\n", "'supervisor' was unexpected"),
    ("bad id", "kind: Workgroup\nid: 1agents\nmembers: [ann]\n", "id: '1agents' does not match"),
    ("missing body", "kind: Template\nid: note\nsubject: Hello\n", "'body' is a required property"),
    (
      "bad duration",
      "kind: CaseType\nid: c\nsla: 12 hours\nstages: [{ id: s, tasks: [{ id: t, target: g, outcomes: { done: } }] }]\n",
      "sla: '12 hours' is not valid"
    ),
    (
      "priority out of range",
      "kind: CaseType\nid: c\npriority: 120\nstages: [{ id: s, tasks: [{ id: t, target: g, outcomes: { done: } }] }]\n",
      "priority: 120 is not valid"
    ),
    (
      "unknown event",
      "kind: CaseType\nid: c\nstages: [{ id: s, tasks: [{ id: t, target: g, outcomes: { done: } }] }]\n"
        + "notifications: [{ on: case_opened, channel: sms, to: x, template: t }]\n",
      "'case_opened' is not one of"
    ),
    (
      "bad day key", "kind: Calendar\nid: c\ntimezone: UTC\nhours: { mon-fry: \"09:00-17:00\" }\n",
      "hours: 'mon-fry' does not match"
    ),
    (
      "unknown step", "kind: Scenario\nid: s\ncase_type: c\nstart: 2026-03-02T09:00:00Z\nsteps: [{ wait: 1h }]\n",
      "steps/0: {'wait': '1h'} is not valid"
    ),
    (
      "customer identified by nothing",
      "kind: CaseType\nid: c\nstages: [{ id: s, tasks: [{ id: t, target: g, outcomes: { done: } }] }]\n"
        + "customer: { name: Customer_Name }\n",
      "customer: {'name': 'Customer_Name'} is not valid"
    ),
    (
      "customer words for a resolution that are no text (which keys are resolutions only the checker knows)",
      "kind: CaseType\nid: c\nstages: [{ id: s, tasks: [{ id: t, target: g, outcomes: { done: } }] }]\n"
        + "customer_status: { waiting: 3 }\n",
      "3 is not of type 'string'"
    ),
    ("zero capacity", "kind: Workgroup\nid: agents\nmembers: [{ user: ann, capacity: 0 }]\n",
      "members/0: {'user': 'ann', 'capacity': 0} is not valid under any of the given schemas"),
    (
      "skill tiers without their companions",
      "kind: CaseType\nid: c\nstages: [{ id: s, tasks: [{ id: t, target: g, outcomes: { done: },\n"
        + "  distribution: { mode: push, skill: billing, tiers: [80] } }] }]\n",
      "'expand_after' is a dependency of 'skill'"
    ),
    ("unknown presence key", "kind: Presence\nid: presence\nwrapup: 2m\n", "'wrapup' was unexpected"),
    (
      "YAML 1.1 boolean",
      "kind: CaseType\nid: c\nstages: [{ id: s, tasks: [{ id: t, target: g, start: yes, outcomes: { done: } }] }]\n",
      "'yes' is not of type 'boolean'"
    ),
  ]

  /// audit32 finding 15: calendar values on which the schema and `dcmc validate` disagreed;
  /// `accepted`: what both say now.
  static let disputed: [(name: String, calendar: String, accepted: Bool)] = [
    ("spaces around a window's dash", "hours: { mon: \"09:00 - 17:00\" }", false),
    ("a range that wraps the week", "hours: { fri-mon: \"09:00-17:00\" }", false),
    ("a range ending on a later day, any case", "hours: { Tue-SUN: \"09:00-17:00\", mon-mon: \"10:00-11:00\" }", true),
    ("a tab after a duration", "hours: { mon-fri: \"09:00-17:00\" }\nday: \"8h\\t\"", true),
    ("a tab before a duration", "hours: { mon-fri: \"09:00-17:00\" }\nday: \"\\t8h\"", true),
  ]

  @Test("the schema and validate agree on a calendar value", arguments: disputed.indices)
  func schemaAndValidateAgree(index: Int) throws {
    let fixture = Self.disputed[index]
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = try directory.write("c.yaml", "kind: Calendar\nid: c\ntimezone: UTC\n\(fixture.calendar)\n")
    let validate = try BinaryRunner.run(["validate", file.path])
    #expect(validate.status == (fixture.accepted ? 0 : 1), "\(fixture.name): \(validate.stdout)\(validate.stderr)")
    let schema = try Self.validate([file.path], in: directory)
    #expect(schema.status == (fixture.accepted ? 0 : 1), "\(fixture.name): \(schema.output)")
  }

  @Test("a malformed document is rejected with its problem", arguments: invalid.indices)
  func malformedDocument(index: Int) throws {
    let fixture = Self.invalid[index]
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = try directory.write("bad.yaml", fixture.yaml)
    let result = try Self.validate([file.path], in: directory)
    #expect(result.status == 1, "\(fixture.name): \(result.output)")
    #expect(result.output.contains(fixture.problem), "\(fixture.name): \(result.output)")
    #expect(result.output.split(separator: "\n").count == 1, "\(fixture.name): one problem, one line: \(result.output)")
  }
}
