import DCMCBundle
import DCMCCalendar
import DCMCRuntime
import Testing

/// Issue 14 item 15: notification texts read times in the zone of the calendar that governs
/// them, in words, durations in the units the definition used, and the due time as it stands
/// when the text is rendered.
@Suite struct NotificationTextTests {
  func tick(_ run: inout EngineFixture, at time: String) throws {
    run.now = Timestamp(time)!.instant
    try run.run(.tick, as: "scheduler")
  }

  @Test func aBrusselsCaseReadsItsTimesInBrusselsAcrossTheClockChange() throws {
    // Friday 27 March 16:00 (CET); 16 office hours later is Tuesday 31 March 16:00, in summer time.
    var run = EngineFixture(at: "2026-03-27T16:00:00+01:00")
    try run.create("technical", technicalForm)
    let confirmation = try #require(run.notifications.first)
    #expect(
      confirmation.body.contains("registered on\nFriday 27 March 2026 at 16:00 CET under the reference TEC-000001"))
    #expect(confirmation.body.contains("within 16 Hours (Open office time)"))
    // The SLA's warning (75%: 12 hours) on Tuesday 12:00 CEST.
    try tick(&run, at: "2026-03-31T12:00:00+02:00")
    let risk = try #require(run.notifications.first { $0.event == "sla_at_risk" })
    #expect(risk.body.contains("is due on Tuesday 31 March 2026, 16:00 CEST and is at risk"))
    #expect(risk.body.contains("SLA: 16 Hours, Open office time."))
  }

  @Test func theDueTimeOfAPendingCaseIsWhenItWouldBeDueIfResumedNow() throws {
    // SLA 16 office hours from Monday 09:00: Tuesday 17:00. Pending from 10:00 with 15 hours
    // left; at 13:00, while still pending, the SLA would be due 15 office hours after now:
    // Wednesday 12:00.
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.escalate(task: try run.task("handle").id), as: "alice")
    run.now = Timestamp("2026-03-02T10:00:00+01:00")!.instant
    try run.run(.pend, as: "eve")
    try tick(&run, at: "2026-03-02T13:00:00+01:00")  // the expert review's OLA breaks
    let breach = try #require(run.notifications.first { $0.event == "ola_breached" })
    #expect(breach.body.contains("The case is due on Wednesday 4 March 2026, 12:00 CET."))
    #expect(run.local(run.state?.slaDue) == "2026-03-03T17:00:00+01:00")
  }

  /// audit33 finding 5: the reference OLA templates read right for a task nobody holds (a
  /// queued one, an escalation's new task) as for one someone holds. Until 7 December 2026
  /// they said `Assignee: {{Task_Assignee}}.`, which read "Assignee: ." for a queued task.
  @Test func theOLATemplatesReadRightWhetherOrNotSomeoneHoldsTheTask() throws {
    // handle's OLA, 12 office hours from Monday 09:00, warns at 75%: Tuesday 10:00.
    for holder in [nil, "alice"] as [String?] {
      var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
      try run.create("technical", technicalForm)
      if let holder { try run.run(.claim(task: try run.task("handle").id), as: holder) }
      try tick(&run, at: "2026-03-03T10:00:00+01:00")
      let risk = try #require(run.notifications.first { $0.event == "ola_at_risk" })
      #expect(
        risk.body == "Task Resolve the request of case TEC-000001 in workbin employees_group will soon miss its OLA.\n"
          + "Assignee, if any: \(holder ?? "")\n", "\(risk.body)")
    }
    // The expert review nobody has taken yet misses its 4-hour OLA at 13:00.
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.escalate(task: try run.task("handle").id), as: "alice")
    try tick(&run, at: "2026-03-02T13:00:00+01:00")
    let breach = try #require(run.notifications.first { $0.event == "ola_breached" })
    #expect(
      breach.body == "Task Expert review of case TEC-000001 in workbin expert_group_x missed its OLA.\n"
        + "The case is due on Tuesday 3 March 2026, 17:00 CET.\nAssignee, if any: \n", "\(breach.body)")
  }

  /// `{{Customer_Status}}` and `{{Customer_Next_Step}}` are the status page's words for the
  /// case as it stands when the notification is queued (a claim's `task_assigned` before its
  /// change of status); the next step's line is left out when
  /// the case type gives none. Until 7 December 2026 neither variable existed, and the reference
  /// `case_status` told a pending finance case's customer "changed to pending".
  @Test func theCustomerReadsTheStatusPagesWordsAndNextStep() throws {
    var bundle = EngineFixture.compiled.bundle
    for index in bundle.templates.indices {
      bundle.templates[index].body = [
        .text("status: "), .variable("Customer_Status"), .text("\nnext: "), .variable("Customer_Next_Step"),
        .text("\n("), .variable("Case_Status"), .text(")\n"),
      ]
    }
    let engine = Engine(definitions: try RuntimeDefinitions(bundle: bundle, zone: TimeZoneDatabase.rules(named:)))
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00", engine: engine)
    try run.create("finance", financeForm, as: "fiona")
    try run.run(.claim(task: try run.task("assess").id), as: "fiona")
    try run.run(.complete(task: try run.task("assess").id, outcome: "need_documents", data: [:]), as: "fiona")
    try run.run(.resume, as: "fiona")
    try run.run(.complete(task: try run.task("process_documents").id, outcome: "refunded", data: [:]), as: "fiona")
    let next = try #require(bundle.caseType("finance")?.customerNextStep?["pending"])
    #expect(
      run.notifications.map { "\($0.event): \($0.body)" } == [
        "case_created: status: We are working on it\n(open)\n",
        "task_assigned: status: We are working on it\n(open)\n",
        "case_status_changed: status: We are working on it\n(in_progress)\n",
        "case_status_changed: status: Waiting for your documents\nnext: \(next)\n(pending)\n",
        "case_status_changed: status: We are working on it\n(in_progress)\n",
        "case_closed: status: Your refund is granted\n(closed)\n",
      ])
  }

  /// The SLA in the unit its definition used, the creation in the case type's zone (`24x7`
  /// is in UTC): `16h` is 16 Hours although the office day is 8 hours.
  @Test(arguments: [
    ("technical", "16 Hours (Open office time)", "Monday 2 March 2026 at 09:00 CET"),
    ("finance", "3 Days (Open office time)", "Monday 2 March 2026 at 09:00 CET"),
    ("replacement", "10 Days (Calendar time)", "Monday 2 March 2026 at 08:00 UTC"),
  ])
  func theSLAReadsInTheUnitsItWasWrittenIn(type: String, sla: String, created: String) throws {
    let forms = [
      "technical": (technicalForm, "alice"), "finance": (financeForm, "fiona"),
      "replacement": (replacementForm, "hugo"),
    ]
    let (form, user) = try #require(forms[type])
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create(type, form, as: user)
    let confirmation = try #require(run.notifications.first { $0.event == "case_created" })
    #expect(confirmation.body.contains("within \(sla)"), "\(confirmation.body)")
    #expect(confirmation.body.contains(created), "\(confirmation.body)")
  }

  @Test func unitsFollowTheDefinition() {
    func amount(_ text: String, _ minutes: Int, day: Int = 8 * 3600) -> String {
      let (amount, unit) = BundleDuration(minutes: minutes, calendar: "x", text: text).inWrittenUnit(dayLength: day)
      return "\(amount) \(unit)"
    }
    #expect(amount("16h", 960) == "16 Hours")
    #expect(amount("2d", 960) == "2 Days")
    #expect(amount("1d", 480) == "1 Day")
    #expect(amount("2d 4h", 1200) == "20 Hours")
    #expect(amount("90m", 90) == "90 Minutes")
    #expect(amount("1d 2h", 570, day: 7 * 3600 + 1800) == "570 Minutes")
    #expect(amount("", 960) == "2 Days")
  }

  /// The units as `inWrittenUnit` found them before it read the text into bits: arrays of the
  /// units and of the words' last bytes.
  static func referenceUnit(_ duration: BundleDuration, dayLength: Int) -> (amount: Int, unit: String) {
    let units: [(letter: UInt8, seconds: Int, name: String)] = [
      (UInt8(ascii: "s"), 1, "Second"), (UInt8(ascii: "m"), 60, "Minute"), (UInt8(ascii: "h"), 3600, "Hour"),
      (UInt8(ascii: "d"), dayLength, "Day"),
    ]
    let bytes = Array(duration.text.utf8)
    let ends = bytes.indices.filter { $0 == bytes.count - 1 || bytes[$0 + 1] == UInt8(ascii: " ") }
    let written = units.filter { unit in ends.contains { bytes[$0] == unit.letter } }
    let unit =
      (written + units.reversed()).first { $0.seconds > 0 && duration.totalSeconds % $0.seconds == 0 } ?? units[0]
    let amount = duration.totalSeconds / unit.seconds
    return (amount, unit.name + (amount == 1 ? "" : "s"))
  }

  /// Seeded texts (units in any order, repeated, doubled spaces, other letters, non-ASCII),
  /// durations and day lengths (none, one of 7.5 hours): the same unit as the reference.
  @Test func unitsAreThoseTheReferenceFinds() {
    var state: UInt64 = 18
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let pieces = ["1", "2", "30", "s", "m", "h", "d", " ", "  ", "x", "é", "d ", " h", "ms"]
    let days = [0, 1, 60, 7 * 3600 + 1800, 8 * 3600, 24 * 3600]
    for _ in 0..<20_000 {
      let text = (0..<next(6)).map { _ in pieces[next(pieces.count)] }.joined()
      let duration = BundleDuration(
        minutes: [0, 1, 59, 60, 90, 480, 960, 1200, 1440, 4320][next(10)] * (1 + next(3)),
        seconds: next(4) == 0 ? next(60) : nil, calendar: "x", text: text)
      let day = days[next(days.count)]
      let (amount, unit) = duration.inWrittenUnit(dayLength: day)
      let reference = Self.referenceUnit(duration, dayLength: day)
      #expect(amount == reference.amount && unit == reference.unit, "\(text) \(duration.totalSeconds) \(day)")
    }
  }
}

let financeForm = [
  "Customer_Name": "Els", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
  "Request_Type": "refund", "Invoice_Number": "INV-204311",
]
