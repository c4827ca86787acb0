import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// `task set --ola D` counts from the command: given again it is no change (nothing emitted)
/// only when it gives the task the due time and warning it has (docs/runtime.md). Across
/// Brussels' clock changes (29 March and 25 October 2026): the plan is compared as instants,
/// so a repeat while the office is closed on either side of the change records nothing,
/// and a repeat at the same wall-clock time an hour later (the hour October repeats) is a new
/// plan when the calendar is open then.
@Suite struct OLARepeatAcrossDSTTests {
  /// `command` as sam: whether the engine emitted anything; the case must be as it was when not.
  func recorded(_ command: Command, _ run: inout EngineFixture, at time: String) throws -> Bool {
    run.now = try #require(Timestamp(time)).instant
    let (before, count) = (run.state, run.history.count)
    try run.run(command, as: "sam")
    if run.history.count == count { #expect(run.state == before, "\(time)") }
    return run.history.count > count
  }

  func plan(_ run: EngineFixture) throws -> [String?] {
    let task = try run.task("handle")
    return [run.local(task.olaDue), run.local(task.olaWarnAt)]
  }

  /// Set on Friday evening, the office closed: the plan starts at Monday's opening, in the
  /// other offset; repeated before the change, after it and at the opening, it is that plan.
  @Test(arguments: [
    (
      "2026-03-27", ["2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", "2026-03-30T09:00:00+02:00"],
      ["2026-03-30T11:00:00+02:00", "2026-03-30T10:30:00+02:00"], "2026-03-30T09:01:00+02:00",
      ["2026-03-30T11:01:00+02:00", "2026-03-30T10:31:00+02:00"]
    ),
    (
      "2026-10-23", ["2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00", "2026-10-26T09:00:00+01:00"],
      ["2026-10-26T11:00:00+01:00", "2026-10-26T10:30:00+01:00"], "2026-10-26T09:01:00+01:00",
      ["2026-10-26T11:01:00+01:00", "2026-10-26T10:31:00+01:00"]
    ),
  ])
  func aRepeatWhileTheOfficeIsClosedAcrossTheChangeRecordsNothing(
    friday: String, repeats: [String], planned: [String], later: String, replanned: [String]
  ) throws {
    let offset = friday.hasPrefix("2026-03") ? "+01:00" : "+02:00"
    var run = EngineFixture(at: "\(friday)T09:00:00\(offset)")
    try run.create("technical", technicalForm)
    // The reference `handle` OLA is 12h warned at 75%: two office hours, warned at 90 minutes.
    let ola = Command.setOLA(task: try run.task("handle").id, days: 0, seconds: 2 * 3600)
    #expect(try recorded(ola, &run, at: "\(friday)T17:30:00\(offset)"))
    #expect(try plan(run) == planned)
    for time in repeats {
      #expect(try !recorded(ola, &run, at: time), "\(time)")
    }
    #expect(try plan(run) == planned)
    // A minute into the office day: a new plan from then.
    #expect(try recorded(ola, &run, at: later))
    #expect(try plan(run) == replanned)
  }

  /// The office open on Saturday night too (`22:00-06:00`, which lasts 9 real hours on the
  /// October night and 7 on the March one): the OLA's business time runs across the change.
  /// The same command at the same instant is the plan the task has; at 02:30 again, an hour
  /// later in October, it is a new plan, due an hour later.
  @Test func aRepeatAnHourLaterAcrossTheChangeIsANewPlanWhenTheOfficeIsOpen() throws {
    let night = ReferenceBundle.variant { name, text in
      name == "calendars.yaml"
        ? text.replacing(
          "hours:\n  mon-fri: \"09:00-17:00\"\n", with: "hours:\n  mon-fri: \"09:00-17:00\"\n  sat: \"22:00-06:00\"\n",
          maxReplacements: 1)
        : text
    }
    let engine = Engine(definitions: try RuntimeDefinitions(bundle: night.bundle, zone: TimeZoneDatabase.rules(named:)))
    for (friday, first, due, again, dueAgain) in [
      (
        "2026-10-23T09:00:00+02:00", "2026-10-25T02:30:00+02:00",
        ["2026-10-25T03:30:00+01:00", "2026-10-25T03:00:00+01:00"],
        "2026-10-25T02:30:00+01:00", ["2026-10-25T04:30:00+01:00", "2026-10-25T04:00:00+01:00"]
      ),
      (
        "2026-03-27T09:00:00+01:00", "2026-03-29T01:30:00+01:00",
        ["2026-03-29T04:30:00+02:00", "2026-03-29T04:00:00+02:00"],
        "2026-03-29T03:30:00+02:00", ["2026-03-29T05:30:00+02:00", "2026-03-29T05:00:00+02:00"]
      ),
    ] {
      var run = EngineFixture(at: friday, engine: engine)
      try run.create("technical", technicalForm)
      let ola = Command.setOLA(task: try run.task("handle").id, days: 0, seconds: 2 * 3600)
      #expect(try recorded(ola, &run, at: first))
      #expect(try plan(run) == due)
      #expect(try !recorded(ola, &run, at: first))
      #expect(try recorded(ola, &run, at: again))
      #expect(try plan(run) == dueAgain)
    }
  }
}
