import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import DCMCRuntime
import DCMCStore
import Testing
import _DCMCTestSupport

/// `case set --sla` through the use cases on every store (`docs/runtime.md`, "Case set
/// --sla"): a supervisor of one of the case's targets sets it, anyone else is refused and
/// nothing changes; the event is kept and replayed by each store, which verifies clean.
@Suite struct CaseSLATests {
  @Test(arguments: RepositoryKind.allCases)
  func aSupervisorSetsTheSLAAndNobodyElseMay(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    // Monday 09:00: Technical's 16 office hours are due Tuesday 17:00.
    let created = try store.technical()
    #expect(created.slaDue == Timestamp("2026-03-03T17:00:00+01:00")?.instant)
    for (user, reason) in [
      ("alice", "'alice' supervises none of the case's targets and may not change the case's SLA"),
      ("tina", "'tina' supervises none of the case's targets and may not change the case's SLA"),
    ] {
      let refused = refusal { () throws(ServiceError) in
        _ = try store.at(60).execute(.setSLA(days: 3, seconds: 0), onCase: created.id, by: user)
      }
      #expect(refused == .forbidden(user: user, reason: "\(reason)"))
    }
    #expect(try store.repository.load(created.id) == created)
    #expect(try store.repository.history(of: created.id)?.count == created.version)
    let set = try store.at(120).execute(.setSLA(days: 3, seconds: 0), onCase: created.id, by: "sam")
    // Three office days from the creation, not from the command: Wednesday 17:00.
    #expect(set.slaDue == Timestamp("2026-03-04T17:00:00+01:00")?.instant)
    #expect(set.sla == CaseSLA(text: "3d", seconds: 86_400))
    let history = try #require(try store.repository.history(of: created.id))
    #expect(history.last?.change.kind == .slaSet && history.last?.by == "sam")
    #expect(CaseState.replay(history) == set)
    #expect(try store.service.load(created.id) == set)
    #expect(try store.service.view(set).slaDue == set.slaDue)
    // The store's own check replays every history against what it derived.
    if let files = store.repository as? FileCaseRepository {
      let verified = try files.verify()
      #expect(verified.problems.isEmpty && verified.behind.isEmpty, "\(verified.problems)")
    }
    if let postgres = store.repository as? PostgresCaseRepository {
      #expect(try postgres.verify().problems.isEmpty)
    }
  }

  /// The service reads the pauses from the case's history: pending from Tuesday 09:00 to
  /// Thursday 09:00, a new SLA of 8 hours set on Friday was reached on Monday at 17:00, before
  /// the pause (warned at 6 hours, 15:00); one of 3 days is moved by the pause's 16 office
  /// hours from Wednesday 17:00 to Friday 17:00 (warned at 18 hours: Friday 11:00). Every
  /// store replays the same plan.
  @Test(arguments: RepositoryKind.allCases)
  func aNewSLAIsPlacedByThePausesOfTheHistory(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let day = 86_400
    _ = try store.at(day).execute(.pend, onCase: created.id, by: "sam")
    _ = try store.at(3 * day).execute(.resume, onCase: created.id, by: "sam")
    let set = try store.at(4 * day + 3600).execute(.setSLA(days: 0, seconds: 8 * 3600), onCase: created.id, by: "sam")
    #expect(set.slaDue == Timestamp("2026-03-02T17:00:00+01:00")?.instant)
    #expect(set.slaWarnAt == Timestamp("2026-03-02T15:00:00+01:00")?.instant)
    let longer = try store.at(4 * day + 7200).execute(.setSLA(days: 3, seconds: 0), onCase: created.id, by: "sam")
    #expect(longer.slaDue == Timestamp("2026-03-06T17:00:00+01:00")?.instant)
    #expect(longer.slaWarnAt == Timestamp("2026-03-06T11:00:00+01:00")?.instant)
    let history = try #require(try store.repository.history(of: created.id))
    #expect(CaseState.replay(history) == longer)
    #expect(try store.service.load(created.id) == longer)
  }

  /// A history shorter than the case's state is damage: the new SLA is not placed without
  /// the pauses it lost, and nothing changes.
  @Test func aHistoryShorterThanTheStateIsDamage() throws {
    let repository = CountingRepository()
    let service = try repository.referenceService()
    let form = [
      "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
      "Problem_Description": "no signal",
    ]
    let created = try service.create(type: "technical", fields: form, request: nil, by: "alice")
    repository.historyShortBy.withLock { $0 = 2 }
    let version = created.version
    let problem =
      "the history of case '\(created.id)' ends at event \(version - 2), its state recorded \(version): "
      + "events \(version - 1)-\(version) are missing"
    do throws(ServiceError) {
      _ = try service.execute(.setSLA(days: 3, seconds: 0), onCase: created.id, by: "sam")
      Issue.record("a new SLA was set on a damaged case")
    } catch {
      guard case .repository(.damaged(let damage)) = error else {
        Issue.record("expected damage, got \(error)")
        return
      }
      #expect(damage == CaseDamage(caseID: created.id, problem: problem))
    }
    #expect(try repository.inner.load(created.id) == created)
  }

  /// A closed or cancelled case is the engine's to refuse, whoever asks: its state, not the user.
  @Test func aCancelledCaseKeepsItsSLA() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    let cancelled = try store.at(60).execute(.cancel, onCase: created.id, by: "sam")
    for user in ["sam", "alice"] {
      let refused = refusal { () throws(ServiceError) in
        _ = try store.at(120).execute(.setSLA(days: 3, seconds: 0), onCase: created.id, by: user)
      }
      #expect(refused == .rule(Refusal(.wrongState, "case '\(created.id)' is cancelled")))
    }
    #expect(try store.repository.load(created.id) == cancelled)
  }
}
