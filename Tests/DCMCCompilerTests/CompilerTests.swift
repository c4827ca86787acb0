import DCMCBundle
import DCMCCompiler
import Testing

@Suite struct CompilerTests {
  static let simple = CompileFixture.caseType(
    """
    escalation: { target: experts, task: review }
    stages:
      - id: work
        tasks:
          - id: handle
            target: agents
            ola: 1d 2h
            distribution: { skill: billing, tiers: [80, 50], expand_after: 30m }
            outcomes:
              resolved: { close: resolved }
              escalate: { escalate: true }
              bounce: { start: [review, handle], assign: original }
          - id: review
            target: experts
            ola: { within: 8h, calendar: 24x7 }
            outcomes: { done: {}, approve: { close: approved, set: { Segment: gold } } }
    notifications:
      - { on: case_created, channel: sms, to: "{{Name}}", template: note }
    """)

  @Test func theModelLoadedFromACompiledBundleEqualsTheModelCompiledFromTheYAML() throws {
    let (bundle, bytes) = CompileFixture.compile(try CompileFixture.referenceFiles())
    #expect(try BundleFile.load(bytes) == bundle)
    #expect(bundle.caseTypes.map(\.id) == ["address_change", "complaint", "connectivity", "finance", "replacement", "technical"])
    #expect(bundle.calendars.map(\.id).contains("24x7"))
    #expect(bundle.compiler == BundleCompiler(name: "dcmc", version: "1.2.3"))
    #expect(bundle.format == "dcm-bundle/1")
  }

  @Test func durationsAreMinutesOnTheirCalendarWithABusinessDayOfItsDayLength() throws {
    let (bundle, _) = CompileFixture.compile([("shared.yaml", CompileFixture.shared), Self.simple])
    let claims = try #require(bundle.caseType("claims"))
    #expect(claims.sla?.within == BundleDuration(minutes: 3 * 480, calendar: "office", text: "3d"))
    let handle = try #require(claims.task("handle"))
    #expect(handle.ola?.within == BundleDuration(minutes: 480 + 120, calendar: "office", text: "1d 2h"))
    #expect(handle.distribution?.expandAfter == BundleDuration(minutes: 30, calendar: "office", text: "30m"))
    let review = try #require(claims.task("review"))
    #expect(review.ola?.within == BundleDuration(minutes: 480, calendar: "24x7", text: "8h"))
    #expect(bundle.calendar("office")?.dayMinutes == 480)
    #expect(bundle.calendar("24x7") == BundleCalendar.alwaysOpen)
    #expect(BundleCalendar.alwaysOpen.dayMinutes == 1440)
  }

  @Test func aCalendarsDayKeyAndISOSecondsAreKept() throws {
    let calendar = """
      kind: Calendar
      id: desk
      timezone: Europe/Brussels
      hours: { mon-fri: "13:30-18:00, 08:00-12:30", sat: "22:00-02:00" }
      holidays: [2027-01-01, 2026-12-25]
      overrides: { 2026-12-31: "08:00-12:30", 2026-12-24: closed }
      day: 8h
      """
    let desk = CompileFixture.caseType(
      """
      calendar: desk
      stages:
        - id: work
          tasks:
            - { id: handle, target: agents, ola: P1DT90S, outcomes: { done: {} } }
      """, id: "desk_cases")
    let (bundle, _) = CompileFixture.compile([
      ("shared.yaml", CompileFixture.shared), ("desk.yaml", calendar),
      (desk.name, desk.text.replacingOccurrences(of: "calendar: office\n", with: "")),
    ])
    let compiled = try #require(bundle.calendar("desk"))
    #expect(compiled.dayMinutes == 480)
    #expect(compiled.week[0] == [BundleWindow(start: 480, end: 750), BundleWindow(start: 810, end: 1080)])
    #expect(compiled.week[5] == [BundleWindow(start: 1320, end: 120)])
    #expect(compiled.week[6] == [])
    #expect(compiled.holidays == ["2026-12-25", "2027-01-01"])
    #expect(compiled.overrides.map(\.date) == ["2026-12-24", "2026-12-31"])
    #expect(compiled.overrides[0].windows == [])
    #expect(compiled.timezone == "Europe/Brussels")
    let ola = try #require(bundle.caseType("desk_cases")?.task("handle")?.ola?.within)
    #expect(ola == BundleDuration(minutes: 481, seconds: 30, calendar: "desk", text: "1d 1m 30s"))
  }

  @Test func breachDefaultsEscalateOnlyWhereThereIsALevelToEscalateTo() throws {
    let (bundle, _) = CompileFixture.compile([("shared.yaml", CompileFixture.shared), Self.simple])
    let claims = try #require(bundle.caseType("claims"))
    #expect(claims.task("handle")?.ola?.onBreach == [BundleAction(.escalate)])
    #expect(claims.task("review")?.ola?.onBreach == [])
    #expect(claims.sla?.onBreach == [])
    #expect(claims.sla?.pauseWhenPending == true)
    #expect(claims.task("handle")?.ola?.pauseWhenPending == false)
    #expect(claims.escalation == [BundleEscalationLevel(target: "experts", task: "review")])
  }

  @Test func outcomesAreSortedByCodeAndKeepTheirActions() throws {
    let (bundle, _) = CompileFixture.compile([("shared.yaml", CompileFixture.shared), Self.simple])
    let claims = try #require(bundle.caseType("claims"))
    let handle = try #require(claims.task("handle"))
    #expect(handle.outcomes.map(\.code) == ["bounce", "escalate", "resolved"])
    #expect(handle.outcomes[0].start == ["review", "handle"])
    #expect(handle.outcomes[0].assign == "original")
    #expect(handle.outcomes[1].escalate && !handle.outcomes[2].escalate)
    #expect(handle.outcomes[2].close == "resolved")
    let review = try #require(claims.task("review"))
    #expect(review.outcomes.map(\.code) == ["approve", "done"])
    #expect(review.outcomes[0].set == [BundleAssignment(field: "Segment", value: "gold")])
    #expect(claims.stages[0].startTasks == ["handle"])
    #expect(handle.target == [BundleTargetChoice(when: nil, to: "agents")])
    #expect(bundle.workgroups.first { $0.id == "agents" }?.members[1].skills.map(\.skill) == ["billing", "french"])
  }

  @Test func templatesAndRecipientsArePreParsedIntoTextAndVariables() throws {
    let (bundle, _) = CompileFixture.compile([("shared.yaml", CompileFixture.shared), Self.simple])
    let note = try #require(bundle.templates.first { $0.id == "note" })
    #expect(note.subject == [.text("Case "), .variable("Case_Id")])
    #expect(note.body == [.text("Dear "), .variable("Name"), .text(", "), .variable("Case_Id"), .text(" is late.")])
    #expect(
      bundle.caseType("claims")?.notifications == [
        BundleNotification(on: .caseCreated, channel: .sms, to: [.variable("Name")], template: "note")
      ])
  }

  @Test func everyDefinitionKeepsItsFileAndLine() throws {
    let (bundle, _) = CompileFixture.compile([("shared.yaml", CompileFixture.shared), Self.simple])
    #expect(bundle.caseType("claims")?.source == BundleSource(file: "claims.yaml", line: 1))
    #expect(bundle.calendar("office")?.source == BundleSource(file: "shared.yaml", line: 1))
    #expect(
      bundle.workgroups.map(\.source) == [
        BundleSource(file: "shared.yaml", line: 7), BundleSource(file: "shared.yaml", line: 12),
      ])
    #expect(bundle.templates[0].source == BundleSource(file: "shared.yaml", line: 16))
    #expect(bundle.calendar("24x7")?.source == nil)
  }
}
