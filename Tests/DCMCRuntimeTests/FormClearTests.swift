import DCMCBundle
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// A form's data at `task complete` clears an optional field it gives empty, as `case update`
/// does: the case has no value after, and `case.updated` records the value it had; a value
/// given as the case has it records nothing; a field the case type requires is not cleared.
/// Before 7 December 2026 (stop 35) an empty value was dropped and the case kept its value.
@Suite struct FormClearTests {
  /// The replacement's delivery report sent back (`customer_absent`) with notes, then
  /// completed again with the notes emptied.
  static func secondDeliveryReport(_ run: inout EngineFixture) throws -> TaskState {
    try run.create("replacement", replacementForm, as: "hugo")
    try run.run(.claim(task: try run.task("arrange_replacement").id), as: "hugo")
    try run.run(.complete(task: try run.task("arrange_replacement").id, outcome: "shipped", data: [:]), as: "hugo")
    let first = try run.task("delivery_report")
    try run.run(.claim(task: first.id), as: "hugo")
    let absent = ["Visit_Date": "2026-03-04", "Device_Delivered": "false", "Technician_Notes": "Nobody home"]
    try run.run(.complete(task: first.id, outcome: "customer_absent", data: absent), as: "hugo")
    #expect(run.state?.fields["Technician_Notes"] == "Nobody home")
    try run.run(.claim(task: try run.task("arrange_replacement").id), as: "hugo")
    try run.run(.complete(task: try run.task("arrange_replacement").id, outcome: "shipped", data: [:]), as: "hugo")
    let second = try run.task("delivery_report")
    try run.run(.claim(task: second.id), as: "hugo")
    return second
  }

  @Test func anOptionalFieldGivenEmptyIsClearedWithItsValueBeforeRecorded() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    let report = try Self.secondDeliveryReport(&run)
    let seen = run.history.count
    let data = ["Visit_Date": "2026-03-05", "Device_Delivered": "false", "Technician_Notes": "", "New_Serial_Number": ""]
    try run.run(.complete(task: report.id, outcome: "customer_absent", data: data), as: "hugo")
    #expect(run.state?.fields["Technician_Notes"] == nil)
    #expect(run.state?.fields["New_Serial_Number"] == nil)
    let changes = run.history[seen...].map(\.change)
    // Only what changed: the visit's date set; `Device_Delivered`, given as it was, is not
    // set again; the notes cleared with the value they had; the serial number, which had no
    // value, records nothing.
    #expect(changes.contains(.fieldsSet(["Visit_Date": "2026-03-05"])))
    #expect(changes.contains(.updated(CaseUpdate(fields: ["Technician_Notes": .init("Nobody home", nil)]))))
    #expect(changes.filter { if case .updated = $0 { true } else { false } }.count == 1)
    #expect(CaseState.replay(run.history) == run.state)
  }

  @Test func aFieldTheCaseTypeRequiresIsNotClearedByAFormThatHasItOptional() throws {
    let variant = ReferenceBundle.variant { name, text in
      name == "replacement.yaml"
        ? text.replacing(
          "          - { id: Technician_Notes, name: Notes, type: text }\n",
          with: "          - { id: Technician_Notes, name: Notes, type: text }\n"
            + "          - { id: Delivery_Address, name: Delivery address, type: text }\n")
        : text
    }
    let engine = Engine(definitions: try RuntimeDefinitions(bundle: variant.bundle, zone: TimeZoneDatabase.rules(named:)))
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00", engine: engine)
    let report = try Self.secondDeliveryReport(&run)
    let data = ["Visit_Date": "2026-03-05", "Device_Delivered": "true", "Delivery_Address": "", "Technician_Notes": ""]
    let refusal = run.refusal(.complete(task: report.id, outcome: "delivered", data: data), as: "hugo")
    #expect(refusal?.kind == .invalidInput)
    #expect(refusal?.problems == ["'Delivery_Address' is required"])
    try run.run(
      .complete(task: report.id, outcome: "delivered", data: data.merging(["Delivery_Address": "Rue 2"]) { $1 }),
      as: "hugo")
    #expect(run.state?.fields["Delivery_Address"] == "Rue 2" && run.state?.fields["Technician_Notes"] == nil)
  }
}
