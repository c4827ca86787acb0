import DCMCCalendar
import DCMCRuntime
import Testing

/// Stages, conditional targets, forms and approvals on the reference case types.
@Suite struct FlowTests {
  let addressForm = [
    "Customer_Name": "Luc Peeters", "Customer_Email": "luc@example.com", "Membership_No": "M12345678",
    "Contract_Id": "C-1048576", "Language": "nl", "Moving_Date": "2026-04-01", "New_Address": "Kerkstraat 1, Gent",
  ]

  @Test func referencesUseTheYearAndMonthOfCreation() throws {
    var run = EngineFixture(at: "2026-03-31T23:30:00Z")  // 1 April 01:30 in Brussels
    try run.create("address_change", addressForm, as: "zoe", sequence: 7)
    #expect(run.state?.id == "ADR-202604-00007")
  }

  @Test func targetsAreChosenByConditionAndParallelStartTasksCompleteTheStage() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("address_change", addressForm, as: "zoe")
    let form = try run.task("update_address")
    let billing = try run.task("update_billing")
    #expect(form.target == "back_office_nl")
    #expect(billing.target == "finances_group")
    #expect(billing.priority == 25)
    try run.run(.claim(task: form.id), as: "zoe")
    // A form's data is checked against its fields, every problem listed, and nothing changes.
    let refusal = run.refusal(
      .complete(task: form.id, outcome: "updated", data: ["Postal_Code": "0123", "Address_Checked": "yes"]), as: "zoe")
    #expect(refusal?.kind == .invalidInput)
    #expect(
      refusal?.problems == [
        "'Municipality' is required", "'Transfer_Date' is required",
        "'Address_Checked' is not 'true' or 'false'", "'Postal_Code' does not match the pattern '^[1-9][0-9]{3}$'",
      ])
    try run.run(
      .complete(
        task: form.id, outcome: "updated",
        data: ["Postal_Code": "9000", "Municipality": "Gent", "Address_Checked": "true", "Transfer_Date": "2026-04-01"]),
      as: "zoe")
    #expect(run.state?.fields["Municipality"] == "Gent")
    // Billing is still active: the stage waits for it.
    #expect(run.state?.stage == "processing")
    try run.run(.claim(task: billing.id), as: "fiona")
    try run.run(.complete(task: billing.id, outcome: "updated", data: [:]), as: "fiona")
    #expect(run.state?.stage == "confirmation")
    let confirm = try run.task("confirm_move")
    #expect(confirm.target == "back_office_nl")
    try run.run(.claim(task: confirm.id), as: "bram")
    try run.run(.complete(task: confirm.id, outcome: "confirmed", data: [:]), as: "bram")
    #expect(run.state?.resolution == "resolved")
  }

  @Test func aRuleFillsAnEmptyFieldBeforeTargetsAreChosen() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    var form = addressForm
    form["Language"] = nil
    try run.create("address_change", form, as: "zoe")
    #expect(run.state?.fields["Language"] == "en")
    #expect(try run.task("update_address").target == "employees_group")
  }

  @Test func dataGivenToATaskThatIsNotAFormIsRefused() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("address_change", addressForm, as: "zoe")
    let billing = try run.task("update_billing")
    try run.run(.claim(task: billing.id), as: "fiona")
    #expect(run.refusal(.complete(task: billing.id, outcome: "updated", data: ["X": "1"]), as: "fiona")?.kind == .invalidInput)
    #expect(run.refusal(.complete(task: billing.id, outcome: "done", data: [:]), as: "fiona")?.kind == .notFound)
  }

  @Test func replacementDeadlinesAreCalendarTime() throws {
    var run = EngineFixture(at: "2026-03-06T16:00:00+01:00")  // a Friday afternoon
    try run.create(
      "replacement",
      [
        "Customer_Name": "Ann", "Customer_Email": "ann@example.com", "Customer_Phone": "+32470000000",
        "Device": "modem", "Serial_Number": "SN-4F7K22QX", "Purchase_Date": "2025-12-01",
        "Delivery_Address": "Rue 1, Bruxelles",
      ], as: "kim")
    // 10 days of calendar time: Monday 16 March 16:00, weekends included.
    #expect(run.local(run.state?.slaDue) == "2026-03-16T16:00:00+01:00")
  }
}

/// A required field's value of white space answers no more than an empty one, at every form
/// that checks required fields: the creation form, an update, a task's form.
@Suite struct BlankRequiredFieldTests {
  @Test func aRequiredValueOfWhiteSpaceIsRequiredAtCreateUpdateAndCompletion() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    let blank = " \t\n "
    let created = run.refusal(
      .create(type: "technical", fields: technicalForm.merging(["Problem_Description": blank]) { $1 }, sequence: 1),
      as: "alice")
    #expect(created?.problems == ["'Problem_Description' is required"])
    try run.create("address_change", FlowTests().addressForm, as: "zoe")
    let updated = run.refusal(.update(fields: ["Customer_Name": "  "]), as: "sam")
    #expect(updated?.problems == ["'Customer_Name' is required"])
    let form = try run.task("update_address")
    try run.run(.claim(task: form.id), as: "zoe")
    let completed = run.refusal(
      .complete(
        task: form.id, outcome: "updated",
        data: ["Postal_Code": "9000", "Municipality": "  ", "Address_Checked": "true", "Transfer_Date": "2026-04-01"]),
      as: "zoe")
    #expect(completed?.problems == ["'Municipality' is required"])
  }
}
