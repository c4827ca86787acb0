import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// An offer that times out takes its user out of `ready` (`not_ready (RONA)`), and with them
/// their other standing offers (stop 36): each is withdrawn at that tick
/// (`task.offer_withdrawn`, reason `not_ready (RONA)`, no RONA counted for it) and offered to
/// the next ready member with room, as when a user leaves `ready` by `presence set`. Before,
/// a user of capacity 2 kept their second offer while not ready, until its own time-out
/// counted a second RONA, and nobody else was offered it meanwhile.
///
/// The scene, on every store: fiona (capacity 2) is ready at 09:00 and is offered a first
/// finance case's task at +10 s (until +55 s) and a gold customer's, more urgent, at +20 s
/// (until +65 s); gary (capacity 1) is ready at +30 s, with nothing left to offer him.
@Suite struct RONAWithdrawalTests {
  static func scene(_ kind: RepositoryKind) throws -> (store: RepositoryUnderTest, first: String, second: String) {
    let store = try kind.make()
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "fiona")
    let first = try OfferClaimLockTests.finance(store.at(10)).id + ".1"
    let second = try store.at(20).create(
      type: "finance",
      fields: [
        "Customer_Name": "Jan Peeters", "Customer_Email": "jan@example.com", "Customer_Phone": "+32470112233",
        "Request_Type": "refund", "Invoice_Number": "INV-204312", "Customer_Segment": "gold",
      ], request: nil, by: "fiona"
    ).id + ".1"
    _ = try store.at(30).setPresence(.ready, reason: nil, by: "gary")
    #expect(try store.at(30).offers(to: "fiona").map(\.task.id) == [second, first])
    #expect(try store.at(30).offers(to: "gary").isEmpty)
    return (store, first, second)
  }

  static func history(_ store: RepositoryUnderTest, _ task: String) throws -> [CaseEvent] {
    try #require(try store.repository.history(of: String(task[..<task.lastIndex(of: ".")!])))
  }

  static func ronas(_ store: RepositoryUnderTest, _ task: String) throws -> Int {
    ReportFact.facts(of: try history(store, task), after: nil).filter { $0.kind == .rona }.count
  }

  @Test(arguments: RepositoryKind.allCases)
  func aTimeOutWithdrawsTheUsersOtherOfferAndOffersItToTheNextReadyUser(kind: RepositoryKind) throws {
    let (store, first, second) = try Self.scene(kind)
    defer { store.remove() }
    let changed = try store.at(56).tick(by: nil)
    #expect(Set(changed.map(\.id)) == Set([first, second].map { String($0[..<$0.lastIndex(of: ".")!]) }))
    let presence = try store.at(56).presenceService().history(of: "fiona", by: "fiona")
    #expect(presence.map(\.status) == [.ready, .notReady(reason: "RONA")])
    #expect(try Self.history(store, first).last?.change == .offerExpired(task: 1, user: "fiona"))
    let withdrawn = try Self.history(store, second).suffix(2).map(\.change)
    #expect(withdrawn.first == .offerWithdrawn(task: 1, user: "fiona", reason: "not_ready (RONA)"))
    #expect(withdrawn.last?.kind == .taskOffered)
    // Not to fiona, who is not ready: to gary, the ready member with room (one, for the more
    // urgent task); the first waits in the queue.
    #expect(try store.at(56).offers(to: "fiona").isEmpty)
    #expect(try store.at(56).offers(to: "gary").map(\.task.id) == [second])
    // One RONA, the time-out's; past the second offer's own time-out (+65 s) nothing more.
    _ = try store.at(70).tick(by: nil)
    #expect(try Self.ronas(store, first) == 1)
    #expect(try Self.ronas(store, second) == 0)
    #expect(try store.at(70).presenceService().history(of: "fiona", by: "fiona").count == 2)
  }

  /// Two offers past their time-outs when one tick comes were both left unanswered for their
  /// whole time-out: two RONAs in the report (one per offer timed out), one presence change.
  /// Neither is withdrawn: the engine refuses to withdraw an offer past its time-out.
  @Test(arguments: RepositoryKind.allCases)
  func twoOffersPastTheirTimeOutsAtOneTickAreTwoRONAsAndOneNotReady(kind: RepositoryKind) throws {
    let (store, first, second) = try Self.scene(kind)
    defer { store.remove() }
    _ = try store.at(66).tick(by: nil)
    for task in [first, second] {
      let kinds = try Self.history(store, task).map(\.change.kind)
      #expect(kinds.contains(.offerExpired) && !kinds.contains(.offerWithdrawn))
      #expect(try Self.ronas(store, task) == 1)
    }
    let presence = try store.at(66).presenceService().history(of: "fiona", by: "fiona")
    #expect(presence.map(\.status) == [.ready, .notReady(reason: "RONA")])
    #expect(try store.at(66).offers(to: "gary").map(\.task.id) == [second])
  }

  /// A presence store whose appends fail, as a tick killed after its case appends and before
  /// its RONAs: every other call is `base`'s.
  struct PresenceAppendsFail: PresenceRepository {
    let base: any PresenceRepository
    func loadPresence(_ user: String) throws(RepositoryError) -> PresenceState? { try base.loadPresence(user) }
    func presenceHistory(of user: String) throws(RepositoryError) -> [PresenceEvent]? {
      try base.presenceHistory(of: user)
    }
    func appendPresence(_ changes: [PresenceChangeSet]) throws(RepositoryError) -> [AppendOutcome] {
      throw .unavailable(PushFollowUpTests.Broken())
    }
    func wrapUpsEnded(by now: Instant) throws(RepositoryError) -> [PresenceState] { try base.wrapUpsEnded(by: now) }
    func readyUsers() throws(RepositoryError) -> Set<String> { try base.readyUsers() }
    func notePendingRONAs(_ ronas: [PendingRONA]) throws(RepositoryError) -> String { try base.notePendingRONAs(ronas) }
    func pendingRONAs() throws(RepositoryError) -> [(note: String, ronas: [PendingRONA])] { try base.pendingRONAs() }
    func clearPendingRONAs(_ note: String) throws(RepositoryError) { try base.clearPendingRONAs(note) }
  }

  /// The RONA a killed tick owed, made by the next command that reads presences
  /// (`settlePendingRONAs`, here `presence list`), withdraws the user's other offers too, as
  /// the tick would have.
  @Test(arguments: RepositoryKind.allCases)
  func aRONAOwedByAKilledTickAndMadeByACommandWithdrawsTheOtherOffers(kind: RepositoryKind) throws {
    let (store, first, second) = try Self.scene(kind)
    defer { store.remove() }
    var killed = store.at(56)
    killed.presence = PresenceAppendsFail(base: store.presenceRepository)
    _ = try killed.tick(by: nil)
    #expect(try Self.history(store, first).last?.change == .offerExpired(task: 1, user: "fiona"))
    #expect(try store.presenceRepository.loadPresence("fiona")?.status == .ready)
    #expect(try store.presenceRepository.pendingRONAs().count == 1)
    _ = try store.at(57).listPresence(workgroup: "finances_group", by: "tina", on: store.at(57).presenceService())
    #expect(try store.presenceRepository.loadPresence("fiona")?.status == .notReady(reason: "RONA"))
    #expect(try Self.history(store, second).suffix(2).first?.change == .offerWithdrawn(task: 1, user: "fiona", reason: "not_ready (RONA)"))
    #expect(try store.at(57).offers(to: "gary").map(\.task.id) == [second])
    #expect(try store.presenceRepository.pendingRONAs().isEmpty)
  }
}
