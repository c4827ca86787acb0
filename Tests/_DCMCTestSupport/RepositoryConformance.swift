import DCMCApplication
import DCMCRuntime
import Foundation
import Testing

/// The contract every store adapter keeps, written once against the ports and run against
/// each adapter (`RepositoryKind`): the in-memory store, the file store, and later PostgreSQL.
public enum RepositoryConformance {
  /// Appending at the version a case was loaded at extends its history; the case, its
  /// history and its version read back.
  public static func appendsExtendTheHistory(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    #expect(try store.repository.load(created.id) == created)
    #expect(try store.repository.history(of: created.id)?.count == created.version)
    let claimed = try store.at(60).execute(.claim(task: created.id + ".1"), onCase: created.id, by: "alice")
    #expect(claimed.version > created.version)
    let history = try #require(try store.repository.history(of: created.id))
    #expect(history.map { $0.seq } == Array(1...claimed.version))
    #expect(CaseState.replay(history) == claimed)
    #expect(try store.repository.load("TEC-999999") == nil)
    #expect(try store.repository.history(of: "TEC-999999") == nil)
  }

  /// An append decided on a version the case has left is refused and writes nothing; so is
  /// a new case under an id that exists.
  public static func aStaleExpectedVersionIsRefused(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let engine = Engine(definitions: try store.service.definitions.deployed())
    let now = RepositoryUnderTest.monday.adding(seconds: 60)
    let claim = try engine.decide(.claim(task: created.id + ".1"), on: created, by: "alice", at: now).get()
    let release = try engine.decide(.escalate(task: created.id + ".1"), on: created, by: "alice", at: now).get()
    let first = CaseChangeSet(before: created, events: claim, after: apply(claim, to: created))
    let second = CaseChangeSet(before: created, events: release, after: apply(release, to: created))
    #expect(try store.repository.append([first], tick: nil) == [.appended])
    #expect(try store.repository.append([second], tick: nil) == [.conflict(version: first.after.version)])
    #expect(try store.repository.load(created.id) == first.after)
    let again = CaseChangeSet(before: nil, events: try store.repository.history(of: created.id) ?? [], after: first.after)
    #expect(try store.repository.append([again], tick: nil) == [.conflict(version: first.after.version)])
    #expect(try store.repository.history(of: created.id)?.count == first.after.version)
  }

  /// A request id names the case it created, and a retry of it returns that case; the
  /// numbering of a case type follows its cases. An id no store could keep is refused alike
  /// by every store (the rule is the application's).
  public static func requestIDsAndNumbering(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    #expect(try store.repository.lastSequence(of: "technical") == 0)
    #expect(try store.repository.caseRecording(request: "crm-1") == nil)
    let first = try store.technical(request: "crm-1")
    let retried = try store.technical(60, request: "crm-1")
    #expect(retried == first)
    let second = try store.technical(120, request: "crm-2")
    #expect(second.id != first.id)
    #expect(try store.repository.caseRecording(request: "crm-1") == first.id)
    #expect(try store.repository.caseRecording(request: "crm-2") == second.id)
    #expect(try store.repository.lastSequence(of: "technical") == 2)
    #expect(try store.repository.lastSequence(of: "finance") == 0)
    #expect(throws: ServiceError.self) { try store.technical(180, request: "crm/3") }
    #expect(throws: ServiceError.self) { try store.at(180).load("../\(first.id)") }
    #expect(try store.repository.lastSequence(of: "technical") == 2)
  }

  /// The timers due are those whose time has come, earliest first; a tick fires each once;
  /// a tick before the last writes no case past it, and the tick mark only moves forward.
  public static func timersAndTicks(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let early = try store.technical()  // OLA warning Tuesday 10:00
    let late = try store.technical(6 * 3600)  // OLA warning Tuesday 16:00
    #expect(try store.repository.casesWithTimers(dueBy: RepositoryUnderTest.monday).isEmpty)
    let tuesday = 25 * 3600 + 1800  // Tuesday 10:30
    #expect(try store.repository.casesWithTimers(dueBy: RepositoryUnderTest.monday.adding(seconds: tuesday)) == [early.id])
    // Earliest first, whatever order the cases were made in.
    let evening = 32 * 3600  // Tuesday 17:00: both OLA warnings are due
    #expect(
      try store.repository.casesWithTimers(dueBy: RepositoryUnderTest.monday.adding(seconds: evening))
        == [early.id, late.id])
    #expect(try store.repository.lastTick() == nil)
    let changed = try store.at(tuesday).tick(by: nil)
    #expect(changed.map(\.id) == [early.id])
    #expect(try store.repository.lastTick() == RepositoryUnderTest.monday.adding(seconds: tuesday))
    #expect(try store.at(tuesday).tick(by: nil).isEmpty)
    #expect(try store.repository.load(late.id) == late)
    let before = try store.repository.load(early.id)
    #expect(try store.at(tuesday - 60).tick(by: nil).isEmpty)
    #expect(try store.repository.load(early.id) == before)
    #expect(try store.repository.lastTick() == RepositoryUnderTest.monday.adding(seconds: tuesday))
  }

  /// Workbins hold the active tasks of their target; lists filter by type and status,
  /// oldest case first.
  public static func workbinsAndLists(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let first = try store.technical()
    let second = try store.technical(60)
    #expect(try store.queries.activeTasks(in: ["employees_group"]).tasks.map(\.task.id).sorted() == [first.id + ".1", second.id + ".1"])
    #expect(try store.queries.activeTasks(in: ["expert_group_x"]).tasks.isEmpty)
    _ = try store.at(120).execute(.escalate(task: first.id + ".1"), onCase: first.id, by: "alice")
    #expect(try store.queries.activeTasks(in: ["employees_group"]).tasks.map(\.task.id) == [second.id + ".1"])
    #expect(try store.queries.activeTasks(in: ["expert_group_x"]).tasks.map(\.task.definition) == ["expert_review"])
    #expect(try store.queries.activeTasks(in: nil).tasks.count == 2)
    #expect(try store.queries.cases(CaseFilter()).cases.map(\.id) == [first.id, second.id])
    #expect(try store.queries.cases(CaseFilter(status: .escalated)).cases.map(\.id) == [first.id])
    #expect(try store.queries.cases(CaseFilter(type: "finance")).cases.isEmpty)
  }

  /// Two copies of attachments named alike and decided on one state (two `case attach` at
  /// once) are kept apart: the copy whose event is appended keeps its own bytes, whichever
  /// copy was written last (issue 14: a committed attachment held the other file's bytes).
  public static func attachmentCopiesNeverReplaceOneAnother(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let first = Array("the photo of the broken modem".utf8)
    let second = Array("another file".utf8)
    let one = AttachmentFile(number: 1, name: "modem.jpg", bytes: first)
    let other = AttachmentFile(number: 1, name: "modem.jpg", bytes: second)
    let kept = try store.repository.storeAttachment(first, as: one, case: created.id)
    let overwriting = try store.repository.storeAttachment(second, as: other, case: created.id)
    #expect(kept != overwriting)
    #expect(store.storedAttachment(at: kept) == first)
    #expect(store.storedAttachment(at: overwriting) == second)
    // Written again (a retry), a name holds the same bytes.
    #expect(try store.repository.storeAttachment(first, as: one, case: created.id) == kept)
    #expect(store.storedAttachment(at: kept) == first)
    // A place that names no kept copy reads nothing, whatever it points at.
    for place in ["attachments/\(created.id)/2-modem.jpg", "store.json", "attachments/../store.json", ""] {
      #expect(try store.repository.attachment(at: place) == nil)
    }
  }

  /// Deployments: the bundle new cases start on, and every bundle the store holds by hash;
  /// the history whole or a page of it, by number (PostgreSQL: `WHERE number > $1 ... LIMIT`).
  public static func deployments(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let hash = ReferenceBundle.compiled.bundle.hash
    #expect(try store.repository.deployedBundle() == hash)
    #expect(try store.repository.bundle(hash) == ReferenceBundle.compiled.bytes)
    #expect(try store.repository.bundle("sha256:" + String(repeating: "0", count: 64)) == nil)
    #expect(
      try store.service.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, by: nil) == false)

    // A, B, A: three entries, paged by number.
    let renamed = ReferenceBundle.renamed
    #expect(try store.repository.deploy(renamed.bundle, bytes: renamed.bytes, by: "ops", at: nil))
    #expect(try !store.repository.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes))
    let history = try store.repository.deployments()
    try #require(history.map(\.number) == [1, 2, 3])
    #expect(history.map(\.bundle) == [hash, renamed.bundle.hash, hash])
    #expect(try store.repository.deployments(after: nil, limit: nil) == history)
    #expect(try store.repository.deployments(after: nil, limit: 2) == Array(history.prefix(2)))
    #expect(try store.repository.deployments(after: 1, limit: 1) == [history[1]])
    #expect(try store.repository.deployments(after: 1, limit: nil) == Array(history.dropFirst()))
    #expect(try store.repository.deployments(after: 2, limit: 5) == [history[2]])
    #expect(try store.repository.deployments(after: 3, limit: nil).isEmpty)
    #expect(try store.repository.deployments(after: 0, limit: 0).isEmpty)
    #expect(try store.repository.deployments(after: Int.max, limit: 1).isEmpty)
  }

  /// Concurrent writers lose nothing: of many users claiming one task at once, exactly one
  /// gets it; concurrent ticks fire each timer once.
  public static func concurrentWritersLoseNothing(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let task = created.id + ".1"
    let users = ["alice", "bob", "carol", "sam"]
    let claims = Results()
    DispatchQueue.concurrentPerform(iterations: users.count) { index in
      do {
        _ = try store.at(60).execute(.claim(task: task), onCase: created.id, by: users[index])
        claims.add(users[index])
      } catch {}
    }
    #expect(claims.values.count == 1)
    #expect(try store.repository.load(created.id)?.task(task)?.assignee == claims.values.first)
    let ticks = Results()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      if let changed = try? store.at(3 * 86_400).tick(by: nil) { ticks.add(changed.map(\.id).joined()) }
    }
    let history = try #require(try store.repository.history(of: created.id))
    let fired = history.compactMap { event -> String? in
      if case .timerFired(let timer) = event.change { return "\(timer.kind) \(timer.task ?? 0) \(timer.due)" }
      return nil
    }
    #expect(fired.count == Set(fired).count, "a timer fired twice: \(fired)")
    #expect(!fired.isEmpty)
    #expect(history.map { $0.seq } == Array(1...history.count))
  }

  /// One damaged case never stops the others: lists, `claimNext`, `tick` and the outbox serve
  /// the other cases and pass the damaged one on (`damageFound`), once per use case; a command
  /// on the damaged case fails and changes nothing.
  public static func aDamagedCaseIsReportedAndTheRestServed(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let damaged = try store.technical()
    let healthy = try store.technical(60)
    let problem = try store.damage(damaged.id)
    let expected = "case '\(damaged.id)': \(problem)"
    let found = Results()
    var service = store.at(120)
    service.damageFound = { found.add("\($0)") }
    #expect(try service.cases(CaseFilter()).map(\.id) == [healthy.id])
    #expect(found.values == [expected])
    #expect(try service.tasks(inWorkbin: "employees_group").map(\.task.id) == [healthy.id + ".1"])
    #expect(try service.outbox(by: nil).map(\.caseID) == healthy.outbox.map { _ in healthy.id })
    #expect(found.values == [expected, expected, expected])
    let (task, _) = try service.claimNext(by: "alice")
    #expect(task.id == healthy.id + ".1")
    #expect(found.values.count == 4)
    #expect(throws: ServiceError.self) { try service.execute(.claim(task: damaged.id + ".1"), onCase: damaged.id, by: "bob") }
    // Two days on, both cases have timers due: the healthy one fires, the damaged one is named.
    var later = store.at(2 * 86_400)
    later.damageFound = { found.add("\($0)") }
    #expect(try later.tick(by: nil).map(\.id) == [healthy.id])
    #expect(found.values.count == 5)
    #expect(found.values.allSatisfy { $0 == expected })
  }

  static func apply(_ events: [CaseEvent], to state: CaseState) -> CaseState {
    var state = state
    for event in events { state.evolve(event) }
    return state
  }
}
