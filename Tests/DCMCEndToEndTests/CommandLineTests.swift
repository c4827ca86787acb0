import Foundation
import Testing
import _DCMCTestSupport

/// How the parser reads a command line, and the usage errors it gives: one line, exit 2,
/// then where the help is.
@Suite struct CommandLineTests {
  @Test(
    "a usage error is one line naming the mistake, then the help to read",
    arguments: [
      (
        ["case", "list", "--status", "opne"],
        "unknown status 'opne'; the statuses are open, in_progress, pending, escalated, closed, cancelled", "case list"
      ),
      (
        ["validate", "--format", "xml"], "unknown format 'xml'; the formats are human, json, sarif, github", "validate"
      ),
      (
        ["case", "list", "--stauts", "open"],
        "unknown option '--stauts'; an option with a similar name exists: '--status'",
        "case list"
      ),
      (["case", "list", "--type"], "option '--type' needs a value: --type TYPE", "case list"),
      (["case", "list", "--type", "--json"], "option '--type' needs a value: --type TYPE", "case list"),
      (["case", "list", "--json=yes"], "option '--json' takes no value", "case list"),
      (
        ["case", "list", "--type", "a", "--type", "b"], "option '--type' is given twice; it takes one value",
        "case list"
      ),
      (["case", "show"], "'case show' needs a case id, like TEC-000042 (ID)", "case show"),
      (
        ["case", "show", "TEC-000001", "TEC-000002"], "unexpected argument 'TEC-000002'; 'case show' takes ID",
        "case show"
      ),
      (["task", "assign", "TEC-000001.1", "--as", "ann"], "'task assign' needs --to USER", "task assign"),
      (["task", "set", "TEC-000001.1", "--as", "ann"], "'task set' needs --priority P or --ola DURATION", "task set"),
      (
        ["task", "set", "TEC-000001.1", "--priority", "urgent", "--as", "ann"],
        "invalid priority 'urgent'; give 0 to 100, low, medium, high or critical", "task set"
      ),
      (
        ["task", "frob"],
        "unknown task action 'frob'; the actions are list, next, offers, accept, decline, claim, open, release, "
          + "escalate, assign, reassign, complete, set, reschedule", "task"
      ),
      (
        ["task", "clam", "TEC-000001.1"], "unknown task action 'clam'; an action with a similar name exists: 'claim'",
        "task"
      ),
      (["outbox"], "'outbox' needs an action: list, ack, deliver", "outbox"),
      (["explain"], "'explain' needs a code, like DC1002, or --list", "explain"),
      (["run"], "'run' needs --every DURATION", "run"),
      (
        ["case", "create", "technical", "--field", "Product=mobile", "--field", "Product=internet", "--as", "ann"],
        "option '--field' gives 'Product' twice; give each key once", "case create"
      ),
      (
        ["customer", "update", "CUS-000001", "--as", "ann"],
        "'customer update' needs --name N, --email E, --phone P or --field K=V", "customer update"
      ),
      (
        ["calendar", "due", "--calendar", "24x7", "--from", "2026-03-02T09:00:00Z", "--add", "-2h"],
        "option '--add' needs a value: --add DURATION; a value that starts with '-' is written --add=-2h",
        "calendar due"
      ),
    ])
  func usageError(arguments: [String], message: String, help: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "dcmc: \(message)\nRun 'dcmc \(help) --help' for usage.\n")
  }

  @Test("--name=value and --name value are the same option")
  func bothValueForms() throws {
    let spaced = try BinaryRunner.run([
      "calendar", "due", "--calendar", "24x7", "--from", "2026-03-02T09:00:00Z", "--add", "1h", "--json",
    ])
    let joined = try BinaryRunner.run([
      "calendar", "due", "--calendar=24x7", "--from=2026-03-02T09:00:00Z", "--add=1h", "--json",
    ])
    #expect(spaced.status == 0, "\(spaced.stderr)")
    #expect(spaced.stdout.contains("\"due\": \"2026-03-02T10:00:00Z\""))
    #expect(joined.stdout == spaced.stdout)
    // A value that starts with '-' is given with '='.
    let dash = try BinaryRunner.run(["validate", "--format=--json"])
    #expect(dash.stderr.hasPrefix("dcmc: unknown format '--json'; "))
  }

  @Test("-- ends the options: what follows is a path, even when it starts with '-'")
  func doubleDashEndsOptions() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("--strict", "kind: Workgroup\nid: agents\nmembers: [bob]\n")
    let strict = try BinaryRunner.run(["validate", "--", "--strict"], in: directory.url)
    #expect(strict.status == 0, "\(strict.stdout)\(strict.stderr)")
    #expect(Fixtures.summary(of: strict.stdout) == "validated 1 file: no problems")
    // Without '--' it is the flag, and the default path (definitions/) is missing here.
    #expect(try BinaryRunner.run(["validate", "--strict"], in: directory.url).stderr.contains("'definitions'"))
  }

  @Test("an empty DCM_STORE is no store given, as an empty DCM_USER is no user: ./dcm-store is used")
  func anEmptyStoreVariableIsNone() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("dcm-store").path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    let listed = try BinaryRunner.run(["case", "list", "--json"], in: directory.url, environment: ["DCM_STORE": ""])
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(listed.stdout == "[]\n")
  }

  @Test("the action word may follow the options, and --help there shows the action's page")
  func actionAfterOptions() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    let listed = try BinaryRunner.run(["case", "--store", store, "--json", "list"])
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(listed.stdout == "[]\n")
    let help = try BinaryRunner.run(["task", "--as", "bob", "complete", "--help"])
    #expect(help.stdout.hasPrefix("Usage: dcmc task complete ID --outcome CODE [--data K=V]... [runtime options]\n"))
  }

  @Test("a filter value that the store does not know is a usage error listing the ones it does")
  func filtersListTheValidValues() throws {
    let session = try RuntimeCommandTests.Session()
    defer { session.directory.remove() }
    _ = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    let workbin = try session.run(["task", "list", "--workbin", "nosuch"], at: "2026-03-02T09:00:00Z")
    #expect(workbin.status == 2)
    #expect(
      workbin.stderr.hasPrefix(
        "dcmc: unknown workbin 'nosuch'; the workbins are back_office_fr, back_office_nl, complaint_experts, "
          + "complaints_fr, complaints_group, customer_care_managers, employees_group, expert_group_x, "
          + "express_delivery_team, field_service_group, finances_group, team_supervisor\n"), "\(workbin.stderr)")
    let type = try session.run(["case", "list", "--type", "tecnical"], at: "2026-03-02T09:00:00Z")
    #expect(type.status == 2)
    #expect(
      type.stderr.hasPrefix(
        "dcmc: unknown case type 'tecnical'; the case types are address_change, complaint, connectivity, finance, replacement, "
          + "technical\n"))
    // A customer no record has (or no id could name) is an unknown value, as a type is (it was 1).
    // A line break in the value is shown escaped: it cannot forge a line of the message.
    for (customer, shown) in [("CUS-999999", "CUS-999999"), ("../x", "../x"), ("CUS\n1", "CUS\\u{a}1")] {
      let unknown = try session.run(["case", "list", "--customer", customer], at: "2026-03-02T09:00:00Z")
      #expect(unknown.status == 2, "\(customer)")
      #expect(unknown.stderr == "dcmc: unknown customer '\(shown)'; no customer record has this id\n", "\(unknown.stderr)")
    }
    // Values that exist but match nothing are an empty answer, not an error.
    let empty = try session.run(["task", "list", "--workbin", "expert_group_x"], at: "2026-03-02T09:00:00Z")
    #expect(empty.status == 0 && empty.stdout.isEmpty, "\(empty.stderr)")
    let none = try session.run(["case", "list", "--type", "finance", "--status", "closed"], at: "2026-03-02T09:00:00Z")
    #expect(none.status == 0 && none.stdout.isEmpty, "\(none.stderr)")
  }
}
