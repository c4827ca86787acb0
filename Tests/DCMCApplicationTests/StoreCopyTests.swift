import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// `StoreCopy` from every kind of store to every kind: the copy holds what the source does,
/// aggregate by aggregate, reads as the source does, and a second run writes nothing.
@Suite struct StoreCopyTests {
  static let pairs: [(RepositoryKind, RepositoryKind)] = RepositoryKind.allCases.flatMap { source in
    RepositoryKind.allCases.map { (source, $0) }
  }

  @Test(arguments: pairs) func theCopyHoldsWhatTheSourceHolds(from: RepositoryKind, to: RepositoryKind) throws {
    let source = try from.make()
    let target = try to.make()
    defer { source.remove(); target.remove() }
    let cases = try source.fillForCopy()
    let report = try StoreCopy(from: source.copyable, to: target.copyable).run()
    #expect(report.differences == [])
    #expect(report.source == (try StoreTally(of: source.copyable)))
    for aggregate in report.target.aggregates where aggregate.name != "pending ronas" && aggregate.name != "tick" {
      #expect(aggregate.count > 0, "\(aggregate.name)")
    }
    #expect(report.written["cases"] == 2)
    for id in cases {
      #expect(try target.repository.history(of: id) == (try source.repository.history(of: id)))
      #expect(try target.repository.load(id) == (try source.repository.load(id)))
    }
    #expect(try target.repository.caseRecording(request: "web-1") == cases[0])
    #expect(try target.customerRepository?.customerAdded(byRequest: "add-1") != nil)
    #expect(try target.service.cases(CaseFilter()).map(\.id) == (try source.service.cases(CaseFilter()).map(\.id)))
    #expect(try target.repository.deliveryRecords() == (try source.repository.deliveryRecords()))
    let stored = try #require(try target.repository.load(cases[0])?.attachments.first?.stored)
    #expect(try target.copyable.attachment(at: stored) == Array("scanned".utf8))
  }

  /// A history recording several requests (its creation's and a pull's claim) is copied with
  /// each in the target's request index: the pull retried on the copy, its task completed,
  /// answers that task and claims no other.
  @Test(arguments: pairs) func theCopyCarriesAPullsRequest(from: RepositoryKind, to: RepositoryKind) throws {
    let source = try from.make()
    let target = try to.make()
    defer { source.remove(); target.remove() }
    let made = try source.technical(0, request: "web-1")
    _ = try source.technical(1)
    let request = CommandRequest(id: "idempotency-next", digest: "sha256:dd")
    let first = try source.at(60).claimNext(by: "alice", request: request)
    #expect(first.of.id == made.id)
    _ = try source.at(120).execute(
      .complete(task: first.task.id, outcome: "resolved", data: [:]), onCase: made.id, by: "alice")
    let report = try StoreCopy(from: source.copyable, to: target.copyable).run()
    #expect(report.differences == [])
    #expect(report.written["cases"] == 2)
    #expect(try target.repository.history(of: made.id) == (try source.repository.history(of: made.id)))
    #expect(try target.repository.caseRecording(request: "web-1") == made.id)
    #expect(try target.repository.caseRecording(request: request.id) == made.id)
    let again = try target.at(180).claimNext(by: "alice", request: request)
    #expect(again.task.id == first.task.id && again.task.status == .completed)
    #expect(try target.at(180).tasks(inWorkbin: nil, heldBy: "alice").isEmpty)
  }

  /// The records beside the histories are tallied by what they hold: a token revoked, a
  /// status link revoked, a delivery record whose failure count moved, another RONA owed:
  /// each changes its own aggregate's hash and no other.
  @Test(arguments: RepositoryKind.allCases) func theTallyTellsRecordsApartByContent(kind: RepositoryKind) throws {
    let source = try kind.make()
    defer { source.remove() }
    let cases = try source.fillForCopy()
    let store = source.copyable
    let instant = RepositoryUnderTest.monday.adding(seconds: 60)
    let changes: [(aggregate: String, make: () throws -> Void)] = [
      ("tokens", { _ = try store.revokeToken("0123456789abcdef", at: instant) }),
      (
        "status links",
        { _ = try store.revokeStatusLinks(of: [try #require(try store.statusLinks().first).customer], at: instant) }
      ),
      (
        "pending ronas",
        { _ = try store.notePendingRONAs([PendingRONA(caseID: cases[1], task: 1, user: "gary", expired: instant)]) }
      ),
      ("deliveries", {
        let id = try #require(try store.deliveryRecords().keys.first)
        let lease = NotificationLease(owner: "run-2", expires: instant.adding(seconds: 60))
        _ = try store.leaseNotifications([id], lease, at: instant)
        try store.releaseNotifications([(id, .failed(reason: "refused again"))], of: "run-2")
      }),
    ]
    // Pinned: SHA-256 of the token as the file store writes it (compact JSON, keys sorted),
    // then 0x1F (a part's end) and 0x1E (an item's end), as computed by Python's hashlib.
    let token = try #require(try StoreTally(of: store).aggregates.first { $0.name == "tokens" })
    #expect(token.hash == "sha256:48293fbc1ebed65f2758c754d93ee3b77a16be24e48afd52d157e912030060a1")
    for change in changes {
      let before = try StoreTally(of: store)
      try change.make()
      let after = try StoreTally(of: store)
      let moved = zip(before.aggregates, after.aggregates).filter { $0 != $1 }.map(\.0.name)
      #expect(moved == [change.aggregate])
    }
  }

  /// A last tick later than every event (the usual state: `run` ticks on when nothing is due)
  /// is the target's too. The file store's rebuild brings such a tick back to the latest
  /// event; run after the tick mark was copied, it made `dcmc store copy` of any such file
  /// store exit 1, 'the copy differs from the source in tick'.
  @Test(arguments: pairs) func aTickLaterThanEveryEventIsCopied(from: RepositoryKind, to: RepositoryKind) throws {
    let source = try from.make()
    let target = try to.make()
    defer { source.remove(); target.remove() }
    try source.fillForCopy()
    let quiet = try source.at(3 * 86_400 + 1).tick(by: nil)
    try #require(quiet.isEmpty, "a tick that changes no case")
    let report = try StoreCopy(from: source.copyable, to: target.copyable).run()
    #expect(report.differences == [])
    #expect(report.written["tick"] == 1)
    #expect(try target.copyable.lastTick() == (try source.copyable.lastTick()))
  }

  @Test(arguments: RepositoryKind.allCases) func aSecondRunWritesNothing(kind: RepositoryKind) throws {
    let source = try RepositoryKind.memory.make()
    let target = try kind.make()
    defer { source.remove(); target.remove() }
    try source.fillForCopy()
    let first = try StoreCopy(from: source.copyable, to: target.copyable).run()
    let again = try StoreCopy(from: source.copyable, to: target.copyable).run()
    #expect(again.written.values.allSatisfy { $0 == 0 }, "\(again.written)")
    #expect(again.target == first.target)
  }

  @Test(arguments: RepositoryKind.allCases)
  func aCopyOfASourceThatMovedOnTakesTheNewEvents(kind: RepositoryKind) throws {
    let source = try RepositoryKind.memory.make()
    let target = try kind.make()
    defer { source.remove(); target.remove() }
    let cases = try source.fillForCopy()
    _ = try StoreCopy(from: source.copyable, to: target.copyable).run()
    _ = try source.at(4 * 86_400).attach(name: "more.pdf", bytes: [1, 2, 3], toCase: cases[1], by: "alice")
    let again = try StoreCopy(from: source.copyable, to: target.copyable).run()
    #expect(again.differences == [])
    #expect(again.written["cases"] == 1)
    #expect(again.written["attachments"] == 1)
    #expect(try target.repository.history(of: cases[1]) == (try source.repository.history(of: cases[1])))
  }

  @Test(arguments: RepositoryKind.allCases) func aTargetHoldingAnotherStoresCaseIsRefusedUntouched(
    kind: RepositoryKind
  ) throws {
    let source = try RepositoryKind.memory.make()
    let target = try kind.make()
    defer { source.remove(); target.remove() }
    try source.fillForCopy()
    _ = try target.technical(0, email: "someone@example.com")
    let before = try StoreTally(of: target.copyable)
    #expect {
      try StoreCopy(from: source.copyable, to: target.copyable).run()
    } throws: { error in
      guard case .foreignTarget(let what) = error as? StoreCopyError else { return false }
      return what == "its case 'TEC-000001' is not the source's"
    }
    #expect(try StoreTally(of: target.copyable) == before)
  }
}
