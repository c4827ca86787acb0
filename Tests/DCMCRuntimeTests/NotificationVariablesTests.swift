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

  /// The reference bundle with every template's subject naming every variable, and its body
  /// every variable but `Status_Link` (whose line a body leaves out when it is empty, below).
  static func definitions(withSLA: Bool) throws -> RuntimeDefinitions {
    var bundle = EngineFixture.compiled.bundle
    let parts = names.flatMap { [BundleTextPart.variable($0), .text("|")] }
    for index in bundle.templates.indices {
      bundle.templates[index].subject = [.text("S:")] + parts
      bundle.templates[index].body = names.filter { $0 != "Status_Link" }.flatMap {
        [BundleTextPart.variable($0), .text("|")]
      }
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
        #expect(notification.body == Self.names.filter { $0 != "Status_Link" }.map { (values[$0] ?? "") + "|" }.joined())
        #expect(notification.subject == "S:" + expected)
        #expect(expected.contains("|Jane Doe|internet||"))
        checked += 1
      }
      if state == nil { state = CaseState.replay([event]) } else { state!.evolve(event) }
    }
    #expect(checked >= 1)
  }

  /// A body's line naming `{{Status_Link}}` is left out, line break and all, when the case has
  /// no status link (one not created by the public form); before 7 December 2026 it read
  /// "Follow it at " and an empty line's worth of nothing. With a link the line is there.
  @Test func aLineNamingTheStatusLinkIsLeftOutWhenTheCaseHasNone() throws {
    var bundle = EngineFixture.compiled.bundle
    let index = try #require(bundle.templates.firstIndex { $0.id == "case_created" })
    bundle.templates[index].subject = [.text("About "), .variable("Case_Id"), .text(" "), .variable("Status_Link")]
    bundle.templates[index].body = [
      .text("Dear "), .variable("Customer_Name"), .text(",\nFollow it at "), .variable("Status_Link"),
      .text("\n  ("), .variable("Case_Id"), .text(")\nKind regards,\n"), .variable("Status_Link"),
    ]
    let definitions = try RuntimeDefinitions(bundle: bundle, zone: TimeZoneDatabase.rules(named:))
    let now = Timestamp("2026-03-02T09:00:00+01:00")!.instant
    func acknowledgement(link: String?) throws -> Notification {
      var customer = CustomerContext(
        id: "CUS-000001", fields: [:], openCases: 0, pendingCases: 0, recentCases: [], isNew: true)
      customer.statusLink = link
      let events = try Engine(definitions: definitions).decide(
        .create(type: "technical", fields: technicalForm, sequence: 7), on: nil, by: "alice", at: now,
        customer: customer
      ).get()
      return try #require(
        events.lazy.compactMap { event -> Notification? in
          if case .notificationQueued(let notification) = event.change { notification } else { nil }
        }.first)
    }
    let without = try acknowledgement(link: nil)
    #expect(without.body == "Dear Jane Doe,\n  (TEC-000007)\nKind regards,\n")
    // The subject is one line and keeps its words: the rule is a body's.
    #expect(without.subject == "About TEC-000007 ")
    let with = try acknowledgement(link: "https://help.example.org/status/x")
    #expect(
      with.body
        == "Dear Jane Doe,\nFollow it at https://help.example.org/status/x\n  (TEC-000007)\nKind regards,\n"
        + "https://help.example.org/status/x")
  }
}
