import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Testing

/// The RONA crash window (docs/distribution.md, "Consistency"), run against every adapter: a
/// tick notes its RONAs before its case appends and clears the note after its presence
/// appends, so a tick that dies between the two leaves the RONAs to the next tick.
extension RepositoryConformance {
  /// A presence port that forwards everything to `base` but fails every presence append: a
  /// tick that dies after its case appends and before its RONAs.
  struct FailingPresenceAppends: PresenceRepository {
    struct Killed: Error {}
    let base: any PresenceRepository

    func loadPresence(_ user: String) throws(RepositoryError) -> PresenceState? { try base.loadPresence(user) }
    func presenceHistory(of user: String) throws(RepositoryError) -> [PresenceEvent]? {
      try base.presenceHistory(of: user)
    }
    func appendPresence(_ changes: [PresenceChangeSet]) throws(RepositoryError) -> [AppendOutcome] {
      throw .unavailable(Killed())
    }
    func wrapUpsEnded(by now: Instant) throws(RepositoryError) -> [PresenceState] { try base.wrapUpsEnded(by: now) }
    func readyUsers() throws(RepositoryError) -> Set<String> { try base.readyUsers() }
    func notePendingRONAs(_ ronas: [PendingRONA]) throws(RepositoryError) -> String {
      try base.notePendingRONAs(ronas)
    }
    func pendingRONAs() throws(RepositoryError) -> [(note: String, ronas: [PendingRONA])] { try base.pendingRONAs() }
    func clearPendingRONAs(_ note: String) throws(RepositoryError) { try base.clearPendingRONAs(note) }
  }

  /// A note holds its RONAs until it is cleared; clearing it twice is no error.
  public static func pendingRONANotesListAndClear(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = store.presenceRepository
    #expect(try repository.pendingRONAs().isEmpty)
    let ronas = [
      PendingRONA(caseID: "FIN-2026-000001", task: 1, user: "gary", expired: RepositoryUnderTest.monday),
      PendingRONA(caseID: "FIN-2026-000002", task: 3, user: "fiona", expired: RepositoryUnderTest.monday.adding(seconds: 5)),
    ]
    let note = try repository.notePendingRONAs(ronas)
    let listed = try repository.pendingRONAs()
    #expect(listed.map(\.note) == [note] && listed.first?.ronas == ronas)
    try repository.clearPendingRONAs(note)
    #expect(try repository.pendingRONAs().isEmpty)
    try repository.clearPendingRONAs(note)
  }

  /// A tick whose RONA is not appended (it died after the case's expiry) leaves its note; the
  /// next tick makes the RONA, dated at the offer's time-out, and clears the note.
  public static func aTickKilledBeforeItsRONAsLeavesThemToTheNextTick(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "gary")
    let created = try finance(store, 120)
    var killed = store.at(200)
    killed.presence = FailingPresenceAppends(base: store.presenceRepository)
    _ = try killed.tick(by: nil)
    let history = try #require(try store.repository.history(of: created.id))
    #expect(history.contains { if case .offerExpired(1, "gary") = $0.change { true } else { false } })
    #expect(try store.presenceRepository.loadPresence("gary")?.status == .ready)
    #expect(try store.presenceRepository.pendingRONAs().count == 1)

    _ = try store.at(210).tick(by: nil)
    let gary = try store.presenceRepository.loadPresence("gary")
    #expect(gary?.status == .notReady(reason: "RONA"))
    #expect(gary?.since == RepositoryUnderTest.monday.adding(seconds: 165))
    #expect(try store.presenceRepository.pendingRONAs().isEmpty)
    // Made once: a third tick changes nothing.
    _ = try store.at(220).tick(by: nil)
    #expect(try store.presenceRepository.presenceHistory(of: "gary")?.count == 2)
  }

  /// An owed RONA is not made for a user whose presence changed after the offer's expiry, nor
  /// for an expiry the case's history does not hold (its append never landed); both notes are
  /// cleared.
  public static func anOwedRONAIsMadeOnlyWhenItStillApplies(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "gary")
    _ = try store.at(60).setPresence(.ready, reason: nil, by: "fiona")
    let created = try finance(store, 120)
    var killed = store.at(200)
    killed.presence = FailingPresenceAppends(base: store.presenceRepository)
    _ = try killed.tick(by: nil)
    _ = try store.presenceAt(201).set(.notReady, reason: "break", by: "gary")
    _ = try store.presenceAt(202).set(.ready, reason: nil, by: "gary")
    _ = try store.presenceRepository.notePendingRONAs([
      PendingRONA(caseID: created.id, task: 1, user: "fiona", expired: RepositoryUnderTest.monday.adding(seconds: 100))
    ])
    _ = try store.at(210).tick(by: nil)
    #expect(try store.presenceRepository.loadPresence("gary")?.status == .ready)
    #expect(try store.presenceRepository.loadPresence("fiona")?.status == .ready)
    #expect(try store.presenceRepository.pendingRONAs().isEmpty)
  }
}

extension RepositoryConformance {
  /// gary ready from Monday 09:00 (and `alsoReady` from 09:01), offered a finance task created
  /// at 09:02 (the offer expires at 09:02:45), and a tick at 09:03:20 that expires the offer and
  /// dies before gary's RONA (the presence step left out).
  static func tickKilledBeforeGarysRONA(_ store: RepositoryUnderTest, alsoReady: String? = nil) throws {
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "gary")
    if let alsoReady { _ = try store.at(60).setPresence(.ready, reason: nil, by: alsoReady) }
    _ = try finance(store, 120)
    var killed = store.at(200)
    killed.presence = FailingPresenceAppends(base: store.presenceRepository)
    _ = try killed.tick(by: nil)
  }

  /// A tick killed before its RONA (the presence step left out): `presence list` makes the RONA
  /// the note owes before it lists, dated at the offer's time-out, and clears the note; a
  /// second list changes nothing.
  public static func presenceListMakesTheRONAsAKilledTickOwes(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    try tickKilledBeforeGarysRONA(store)
    #expect(try store.presenceRepository.loadPresence("gary")?.status == .ready)

    let listed = try store.at(205).listPresence(workgroup: "finances_group", by: "tina", on: store.presenceAt(205))
    let gary = try #require(listed.first { $0.user == "gary" })
    #expect(gary.status == .notReady(reason: "RONA") && gary.since == RepositoryUnderTest.monday.adding(seconds: 165))
    #expect(try store.presenceRepository.pendingRONAs().isEmpty)
    _ = try store.at(206).listPresence(workgroup: nil, by: "tina", on: store.presenceAt(206))
    #expect(try store.presenceRepository.presenceHistory(of: "gary")?.count == 2)
  }

  /// A tick killed before its RONA: `presence set` makes the RONA first, then the change asked
  /// for, so the history reads ready, RONA at the time-out, not ready (break); the next tick
  /// owes nothing more.
  public static func presenceSetMakesTheRONAsAKilledTickOwesFirst(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    try tickKilledBeforeGarysRONA(store)

    _ = try store.at(205).setPresence(.notReady, reason: "break", by: "gary")
    let history = try #require(try store.presenceRepository.presenceHistory(of: "gary"))
    #expect(history.map(\.status) == [.ready, .notReady(reason: "RONA"), .notReady(reason: "break")])
    #expect(history.map(\.at) == [0, 165, 205].map { RepositoryUnderTest.monday.adding(seconds: $0) })
    _ = try store.at(210).tick(by: nil)
    #expect(try store.presenceRepository.presenceHistory(of: "gary")?.count == 3)
  }

  /// A tick killed before its RONA: the next command that offers work (a create) makes the
  /// RONA first, so its task goes to the other ready user, not to the one owed the RONA.
  public static func offersPassOverAUserOwedARONA(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    try tickKilledBeforeGarysRONA(store, alsoReady: "fiona")

    let second = try finance(store, 205)
    #expect(try store.presenceRepository.loadPresence("gary")?.status == .notReady(reason: "RONA"))
    #expect(try financeBin(store).contains("\(second.id).1 offered fiona"))
  }
}
