import DCMCBundle
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// A notification's variables are made when a template names them (`Decision.variable`):
/// each renders what the dictionary of every variable, made before each notification, held.
@Suite struct NotificationVariablesTests {
  static let names = [
    "Case_Type", "Case_Description", "Case_Id", "Case_SLA", "Case_SLA_format", "Case_SLA_Type", "Case_Target",
    "Case_Creation_Date", "Case_Creation_Time", "Case_Status", "Case_Due", "Task_Name", "Task_Target",
    "Task_Assignee", "Status_Link", "Customer_Name", "Product", "No_Such_Field",
  ]

  /// Every variable of SPEC section 6 at once, as the runtime made them before: the reference.
  static func reference(_ state: CaseState, task number: Int?, _ definitions: RuntimeDefinitions, at now: Instant)
    -> [String: String]
  {
    let caseType = definitions.caseType(state.type)!
    var values = state.fields
    let created = ZonedTime(state.createdAt, in: definitions.caseTypeCalendar(of: state).zone)
    values["Case_Type"] = caseType.name
    values["Case_Description"] = caseType.description ?? ""
    values["Case_Id"] = state.id
    values["Case_Status"] = state.status.rawValue
    values["Case_Creation_Date"] = created.date
    values["Case_Creation_Time"] = created.time
    let slaZone = definitions.slaCalendar(of: state).zone
    values["Case_Due"] = definitions.slaDue(of: state, at: now).map { ZonedTime($0, in: slaZone).description } ?? ""
    if let sla = caseType.sla {
      let (amount, unit) = sla.within.inWrittenUnit(dayLength: definitions.slaCalendar(of: state).dayLength)
      values["Case_SLA"] = String(amount)
      values["Case_SLA_format"] = unit
      values["Case_SLA_Type"] =
        sla.within.calendar == BusinessCalendar.alwaysOpenID ? "Calendar time" : "Open office time"
    }
    let task = number.flatMap { number in state.tasks.first { $0.number == number } } ?? state.activeTasks.first
    values["Case_Target"] = state.activeTasks.first?.target ?? task?.target ?? ""
    values["Task_Name"] = task?.name ?? ""
    values["Task_Target"] = task?.target ?? ""
    values["Task_Assignee"] = task?.assignee ?? ""
    values["Status_Link"] = ""
    return values
  }

  /// The reference bundle with every template's subject and body naming every variable.
  static func definitions(withSLA: Bool) throws -> RuntimeDefinitions {
    var bundle = EngineFixture.compiled.bundle
    let parts = names.flatMap { [BundleTextPart.variable($0), .text("|")] }
    for index in bundle.templates.indices {
      bundle.templates[index].subject = [.text("S:")] + parts
      bundle.templates[index].body = parts
    }
    if !withSLA {
      for index in bundle.caseTypes.indices { bundle.caseTypes[index].sla = nil }
    }
    return try RuntimeDefinitions(bundle: bundle, zone: TimeZoneDatabase.rules(named:))
  }

  @Test(arguments: [true, false]) func eachVariableIsWhatTheDictionaryOfAllHeld(withSLA: Bool) throws {
    let definitions = try Self.definitions(withSLA: withSLA)
    let now = Timestamp("2026-03-02T09:00:00+01:00")!.instant
    let events = try Engine(definitions: definitions).decide(
      .create(type: "technical", fields: technicalForm, sequence: 7), on: nil, by: "alice", at: now
    ).get()
    // Each notification against the variables of the case as the events before it left it.
    var state: CaseState?
    var checked = 0
    for event in events {
      if case .notificationQueued(let notification) = event.change, let current = state {
        let values = Self.reference(current, task: notification.task, definitions, at: now)
        let expected = Self.names.map { (values[$0] ?? "") + "|" }.joined()
        #expect(notification.body == expected)
        #expect(notification.subject == "S:" + expected)
        #expect(expected.contains("|Jane Doe|internet||"))
        checked += 1
      }
      if state == nil { state = CaseState.replay([event]) } else { state!.evolve(event) }
    }
    #expect(checked >= 1)
  }
}
