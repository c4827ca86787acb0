import Testing
import _DCMCTestSupport

/// audit33 finding 2 through the binary: the OLA breaks while bob has the task open, the tick
/// defers its escalation, and bob's `task release` carries it out. The escalation is the
/// breach's: no author in the history, counted under "Escalated on an OLA breach" and not as
/// bob's by hand; the task ends held by bob; the store verifies with the command's events of
/// two authors (none, bob's) in one append.
@Suite struct DeferredEscalationCommandTests {
  typealias Session = RuntimeCommandTests.Session

  /// The reports' period and form: March 2026 on, Brussels days, CSV.
  static let report = ["--from", "2026-03-01", "--zone", "Europe/Brussels", "--format", "csv"]

  /// `report escalations` has no row under "Escalated by hand" and one under the breach's
  /// (CSV lines end in CRLF).
  static func expectOneBreachEscalation(_ session: Session) throws {
    let escalations = try session.run(["report", "escalations"] + report, at: "2026-03-03T13:00:00Z")
    #expect(escalations.status == 0, "\(escalations.stderr)")
    let lines = escalations.stdout.split(whereSeparator: \.isNewline)
    #expect(
      Array(lines.prefix(3)) == [
        "section,type,advisor,escalations", "section,type,task,escalations", "breach,technical,handle,1",
      ],
      "\(escalations.stdout)")
  }

  @Test func theReleaseCarriesOutTheBreachsEscalation() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    for (verb, time) in [("claim", "2026-03-02T08:05:00Z"), ("open", "2026-03-02T08:06:00Z")] {
      let done = try session.run(["task", verb, "TEC-000001.1"], as: "bob", at: time)
      #expect(done.status == 0, "\(done.stderr)")
    }
    // Tuesday 13:30 CET, past the OLA's 13:00: deferred while bob works on it.
    let tick = try session.run(["tick"], at: "2026-03-03T12:30:00Z")
    #expect(tick.status == 0, "\(tick.stderr)")
    let release = try session.run(["task", "release", "TEC-000001.1"], as: "bob", at: "2026-03-03T12:40:00Z")
    #expect(release.status == 0, "\(release.stderr)")
    #expect(release.stdout.hasPrefix("TEC-000001.1  handle  escalated  employees_group  bob  "), "\(release.stdout)")
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-03T13:00:00Z").stdout
    let released = history.split(separator: "\n").filter { $0.contains("2026-03-03T12:40:00Z") }
    #expect(released.contains { $0.hasSuffix("  -  task.escalated  task=TEC-000001.1 by_timer=true") }, "\(history)")
    #expect(!released.contains { $0.contains("bob") || $0.contains("task.released") }, "\(history)")
    try Self.expectOneBreachEscalation(session)
    let advisors = try session.run(["report", "advisors"] + Self.report, at: "2026-03-03T13:00:00Z")
    #expect(advisors.status == 0, "\(advisors.stderr)")
    let bob = advisors.stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix("per-advisor,bob,") }
    let manual = bob.map { $0.split(separator: ",", omittingEmptySubsequences: false)[4] }
    #expect(manual == nil || manual == "0", "\(advisors.stdout)")
    try BinaryRunner.verify(store: session.store)
  }

  /// A tick run as a user (`tick --as ops`, as `serve --as` ticks) records that user on the
  /// events it writes, the breach's escalation too: it is still the breach's, not ops's by hand
  /// (`task.escalated` carries `by_timer`). Before 7 December 2026 the reports counted it as
  /// ops's escalation by hand.
  @Test func aTickRunAsAUserEscalatesForTheBreachNotByHand() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let tick = try session.run(["tick"], as: "ops", at: "2026-03-03T12:30:00Z")
    #expect(tick.status == 0, "\(tick.stderr)")
    let history = try session.run(["case", "history", "TEC-000001", "--json"], at: "2026-03-03T13:00:00Z").stdout
    let escalated = try #require(history.components(separatedBy: "{").first { $0.contains("\"task.escalated\"") })
    #expect(escalated.contains(#""by": "ops""#) && escalated.contains(#""by_timer": true"#), "\(escalated)")
    try Self.expectOneBreachEscalation(session)
    let advisors = try session.run(["report", "advisors"] + Self.report, at: "2026-03-03T13:00:00Z")
    #expect(!advisors.stdout.contains("per-advisor,ops,"), "\(advisors.stdout)")
    try BinaryRunner.verify(store: session.store)
  }
}
