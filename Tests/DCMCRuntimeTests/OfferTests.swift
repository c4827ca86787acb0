import DCMCBundle
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Issue 16 item 4, the engine's part: a push task offered to one user, who accepts or
/// declines it before its offer times out, and the `offer_timeout` timer that withdraws an
/// unanswered offer. `finances_group` pushes with 45-second offers; fiona and gary are members.
@Suite struct OfferTests {
  static let financeForm = [
    "Customer_Name": "Els", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
    "Request_Type": "refund", "Invoice_Number": "INV-204311",
  ]

  /// A finance case created Thursday 09:00 (Brussels), its `assess` task offered to gary.
  static func offered() throws -> EngineFixture {
    var run = EngineFixture(at: "2026-03-05T09:00:00+01:00")
    try run.create("finance", financeForm, as: "fiona")
    try run.run(.offer(task: try run.task("assess").id, to: "gary"), as: "scheduler")
    return run
  }

  @Test func anOfferStandsForTheTimeOutAndTheOLAKeepsRunning() throws {
    let run = try Self.offered()
    let task = try run.task("assess")
    #expect(task.status == .offered && task.assignee == nil)
    #expect(task.offer == TaskOffer(to: "gary", expires: run.now.adding(seconds: 45)))
    #expect(
      run.history.last?.change == .taskOffered(task: task.number, to: "gary", expires: run.now.adding(seconds: 45)))
    #expect(run.history.last?.by == "scheduler")
    let kinds = try #require(run.state).timers.filter { $0.task == task.number }.map(\.kind)
    #expect(kinds == [.offerTimeout, .olaWarning, .olaBreach])
  }

  /// An offered task is not its user's yet: assigning it to them is a change (it is theirs
  /// without an answer); moving it to the workbin it is in is none, and the offer stands.
  @Test func anOfferedTaskMovedToItsWorkbinKeepsItsOfferAndAssignedToItsUserIsAssigned() throws {
    var run = try Self.offered()
    let task = try run.task("assess")
    let offered = run.history.count
    try run.run(.reassign(task: task.id, target: task.target), as: "tina")
    #expect(run.history.count == offered)
    #expect(try run.task("assess") == task)
    try run.run(.assign(task: task.id, to: "gary"), as: "tina")
    #expect(run.history.dropFirst(offered).first?.change == .taskAssigned(task: task.number, to: "gary"))
    let assigned = try run.task("assess")
    #expect(assigned.status == .assigned && assigned.assignee == "gary" && assigned.offer == nil)
  }

  @Test func acceptingAssignsTheTaskToTheUserItWasOfferedTo() throws {
    var run = try Self.offered()
    run.advance(44)
    try run.run(.acceptOffer(task: try run.task("assess").id), as: "gary")
    let task = try run.task("assess")
    #expect(task.status == .assigned && task.assignee == "gary" && task.handledBy == "gary" && task.offer == nil)
    // The customer hears the task is taken, and the case is in progress.
    #expect(
      run.history.suffix(4).map(\.change.kind) == [
        .offerAccepted, .notificationQueued, .statusChanged, .notificationQueued,
      ])
    #expect(run.notifications.suffix(2).map(\.event) == ["task_assigned", "case_status_changed"])
    #expect(try #require(run.state).timers.allSatisfy { $0.kind != .offerTimeout })
  }

  @Test func decliningQueuesTheTaskAndKeepsTheDeclinerOutForTheTimeOut() throws {
    var run = try Self.offered()
    run.advance(10)
    let id = try run.task("assess").id
    try run.run(.declineOffer(task: id, reason: "on_call"), as: "gary")
    let until = run.now.adding(seconds: 45)
    let task = try run.task("assess")
    #expect(task.status == .queued && task.offer == nil && task.declines == [TaskDecline(user: "gary", until: until)])
    #expect(run.history.last?.change == .offerDeclined(task: task.number, reason: "on_call", until: until))
    // Not offered to gary again within the time-out; to another member at once.
    run.advance(44)
    let declined = run.refusal(.offer(task: id, to: "gary"), as: "scheduler")
    #expect(declined?.kind == .forbidden && declined?.message == "'gary' declined task '\(id)' until \(until)")
    // The instant it quotes is kept, for a page to write in its zone.
    #expect(declined?.instants == [until])
    var other = run
    try other.run(.offer(task: id, to: "fiona"), as: "scheduler")
    #expect(try other.task("assess").offer?.to == "fiona")
    // At its end gary may be offered it again, and the past decline is dropped.
    run.advance(1)
    try run.run(.offer(task: id, to: "gary"), as: "scheduler")
    #expect(try run.task("assess").declines.isEmpty)
  }

  @Test func anUnansweredOfferIsWithdrawnAtItsTimeOutNamingTheUser() throws {
    var run = try Self.offered()
    let expires = try #require(try run.task("assess").offer?.expires)
    run.now = expires.adding(seconds: -1)
    try run.run(.tick, as: "scheduler")
    #expect(try run.task("assess").status == .offered)
    run.now = expires.adding(seconds: 5)
    try run.run(.tick, as: "scheduler")
    let task = try run.task("assess")
    #expect(task.status == .queued && task.offer == nil && task.declines.isEmpty)
    #expect(
      run.history.suffix(2).map(\.change) == [
        .timerFired(Timer(kind: .offerTimeout, task: task.number, due: expires)),
        .offerExpired(task: task.number, user: "gary"),
      ])
    #expect(run.history.last?.at == run.now)
  }

  /// Each answer that cannot be: refused with its kind, and the case unchanged.
  @Test(arguments: [
    // Not yours.
    (Command.acceptOffer(task: "FIN-2026-000001.1"), "fiona", 0, Refusal.Kind.forbidden),
    (.declineOffer(task: "FIN-2026-000001.1", reason: "busy"), "fiona", 0, .forbidden),
    // At or after the expiry.
    (.acceptOffer(task: "FIN-2026-000001.1"), "gary", 45, .wrongState),
    (.declineOffer(task: "FIN-2026-000001.1", reason: "busy"), "gary", 60, .wrongState),
    // Without a reason.
    (.declineOffer(task: "FIN-2026-000001.1", reason: ""), "gary", 0, .invalidInput),
    (.declineOffer(task: "FIN-2026-000001.1", reason: " \t"), "gary", 0, .invalidInput),
    // Never two open offers for one task; an offered task is no one's to claim or release.
    (.offer(task: "FIN-2026-000001.1", to: "fiona"), "scheduler", 0, .wrongState),
    (.claim(task: "FIN-2026-000001.1"), "fiona", 0, .wrongState),
    (.release(task: "FIN-2026-000001.1"), "gary", 0, .wrongState),
    (.open(task: "FIN-2026-000001.1"), "gary", 0, .wrongState),
  ])
  func anAnswerOrCommandThatCannotBeIsRefused(command: Command, user: String, after: Int, kind: Refusal.Kind) throws {
    var run = try Self.offered()
    #expect(try run.task("assess").id == "FIN-2026-000001.1")
    run.advance(after)
    let refusal = try #require(run.refusal(command, as: user))
    #expect(refusal.kind == kind)
  }

  @Test func anAnswerToATaskNotOfferedIsRefused() throws {
    var run = EngineFixture(at: "2026-03-05T09:00:00+01:00")
    try run.create("finance", Self.financeForm, as: "fiona")
    let id = try run.task("assess").id
    let accept = try #require(run.refusal(.acceptOffer(task: id), as: "gary"))
    #expect(accept.kind == .wrongState && accept.message == "task '\(id)' is queued, not offered")
    #expect(run.refusal(.declineOffer(task: id, reason: "busy"), as: "gary")?.kind == .wrongState)
    try run.run(.claim(task: id), as: "gary")
    #expect(run.refusal(.acceptOffer(task: id), as: "gary")?.message == "task '\(id)' is assigned, not offered")
  }

  @Test func anOfferIsRefusedForAPulledTaskANonMemberOrATaskInHand() throws {
    var technical = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try technical.create("technical", technicalForm)
    let handle = try technical.task("handle").id
    #expect(
      technical.refusal(.offer(task: handle, to: "bob"), as: "scheduler")?.message
        == "task '\(handle)' is pulled, not pushed")
    var run = EngineFixture(at: "2026-03-05T09:00:00+01:00")
    try run.create("finance", Self.financeForm, as: "fiona")
    let id = try run.task("assess").id
    #expect(run.refusal(.offer(task: id, to: "bob"), as: "scheduler")?.kind == .notFound)
    try run.run(.claim(task: id), as: "gary")
    #expect(run.refusal(.offer(task: id, to: "fiona"), as: "scheduler")?.kind == .wrongState)
  }

  @Test func aSupervisorsAssignmentRescheduleOrMoveEndsTheOffer() throws {
    var assigned = try Self.offered()
    let id = try assigned.task("assess").id
    try assigned.run(.assign(task: id, to: "fiona"), as: "tina")
    #expect(try assigned.task("assess").assignee == "fiona" && assigned.task("assess").offer == nil)
    var rescheduled = try Self.offered()
    try rescheduled.run(.reschedule(task: id, until: rescheduled.now.adding(seconds: 3600)), as: "tina")
    #expect(try rescheduled.task("assess").status == .scheduled && rescheduled.task("assess").offer == nil)
    #expect(!(try #require(rescheduled.state).timers.map(\.kind).contains(.offerTimeout)))
    var moved = try Self.offered()
    try moved.run(.reassign(task: id, target: "team_supervisor"), as: "tina")
    #expect(try moved.task("assess").status == .queued && moved.task("assess").offer == nil)
    var cancelled = try Self.offered()
    try cancelled.run(.cancel, as: "tina")
    #expect(try cancelled.task("assess").status == .cancelled && cancelled.task("assess").offer == nil)
  }

  @Test func theDecisionSeesAQueuedPushTaskWithItsWeightTierAndDeclines() throws {
    var run = try Self.offered()
    let engine = EngineFixture.engine
    #expect(engine.queuedTask(try run.task("assess"), of: try #require(run.state)) == nil)
    try run.run(.declineOffer(task: try run.task("assess").id, reason: "busy"), as: "gary")
    let task = try run.task("assess")
    let state = try #require(run.state)
    let queued = try #require(engine.queuedTask(task, of: state))
    #expect(queued.id == task.id && queued.urgency == task.urgency && queued.target == "finances_group")
    #expect(queued.weight == 1 && queued.skill == nil && queued.minimumProficiency == 0)
    #expect(queued.declines == task.declines)
    // A pulled task is not the decision's.
    var technical = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try technical.create("technical", technicalForm)
    #expect(engine.queuedTask(try technical.task("handle"), of: try #require(technical.state)) == nil)
  }

  @Test func aTieredPushTaskAsksTheProficiencyOfItsTierNow() throws {
    // Field service made to push: the replacement task's tiers are 80, 55, 40 every 4 hours.
    var bundle = EngineFixture.compiled.bundle
    let index = try #require(bundle.workgroups.firstIndex { $0.id == "field_service_group" })
    bundle.workgroups[index].mode = .push
    let engine = Engine(definitions: try RuntimeDefinitions(bundle: bundle, zone: TimeZoneDatabase.rules(named:)))
    var run = EngineFixture(at: "2026-03-06T09:00:00+01:00")
    try run.create("replacement", replacementForm, as: "hugo")
    let created = try #require(run.state)
    let first = try #require(engine.queuedTask(try run.task("arrange_replacement"), of: created))
    #expect(first.skill == "field_repair" && first.minimumProficiency == 80)
    run.now = try #require(try run.task("arrange_replacement").nextTierAt)
    try run.run(.tick, as: "scheduler")
    let widened = try #require(run.state)
    let second = try #require(engine.queuedTask(try run.task("arrange_replacement"), of: widened))
    #expect(second.minimumProficiency == 55)
  }
  /// An offer or a decline whose time-out would end past 9999-12-31T23:59:59Z (the system
  /// offering, or gary declining, at an `--at` late in 9999) is refused with the reason and
  /// records nothing; one that ends at that last second stands.
  @Test func anOfferOrDeclineEndingPastTheLastInstantIsRefused() throws {
    var run = EngineFixture(at: "2026-03-05T09:00:00+01:00")
    try run.create("finance", Self.financeForm, as: "fiona")
    let id = try run.task("assess").id
    run.now = Timestamp("9999-12-31T23:59:30Z")!.instant
    #expect(
      run.refusal(.offer(task: id, to: "gary"), as: "scheduler")?.message
        == "the offer of task '\(id)' would end 45 s after 9999-12-31T23:59:30Z, past 9999-12-31T23:59:59Z, the last instant dcmc keeps")
    run.now = Timestamp("9999-12-31T23:59:14Z")!.instant
    try run.run(.offer(task: id, to: "gary"), as: "scheduler")
    #expect(try run.task("assess").offer?.expires == Instant.supported.upperBound)
    let version = run.state?.version
    run.now = Timestamp("9999-12-31T23:59:20Z")!.instant
    #expect(
      run.refusal(.declineOffer(task: id, reason: "on_call"), as: "gary")?.message
        == "the decline of task '\(id)' would end 45 s after 9999-12-31T23:59:20Z, past 9999-12-31T23:59:59Z, the last instant dcmc keeps")
    // The instants it quotes are kept, for a page (the desk's decline) to write in its zone.
    #expect(
      run.refusal(.declineOffer(task: id, reason: "on_call"), as: "gary")?.instants
        == [run.now, Instant.supported.upperBound])
    #expect(run.state?.version == version)
  }
}
