import DCMCApplication
import DCMCRuntime
import Foundation
import Synchronization
import Testing
import _DCMCTestSupport

/// A push offer and a claim of one user at once (stop 27's finding: an offer to gary made on
/// the load read before his `task next` claimed left him one over his capacity): an offer is
/// made under its user's claim lock (`CaseRepository.exclusively`), his load read again under
/// it, on every store.
///
/// The scene: gary (capacity 1 in the push workbin `finances_group`) is ready; a first finance
/// task, offered to him, he declined, so it waits in the queue for his `task next`; a second
/// finance case is then created, whose task the create's follow-up offers to him.
@Suite struct OfferClaimLockTests {
  /// The queued task gary declined, the store, and the case service over `queries`.
  static func scene(_ kind: RepositoryKind) throws -> (store: RepositoryUnderTest, declined: String) {
    let store = try kind.make()
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "gary")
    let first = try finance(store.at(10))
    let task = first.id + ".1"
    #expect(first.task(task)?.offer?.to == "gary")
    _ = try store.at(20).execute(.declineOffer(task: task, reason: "busy"), onCase: first.id, by: "gary")
    #expect(try store.queries.heldTasks(of: "gary").tasks.isEmpty)
    return (store, task)
  }

  static func finance(_ service: CaseService) throws -> CaseState {
    try service.create(
      type: "finance",
      fields: [
        "Customer_Name": "Els Janssens", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
        "Request_Type": "refund", "Invoice_Number": "INV-204311",
      ], request: nil, by: "fiona")
  }

  /// The use cases of `store` at `seconds` after Monday 09:00, on `repository` and `queries`.
  static func service(_ store: RepositoryUnderTest, _ repository: any CaseRepository, _ queries: any CaseQueries, at seconds: Int)
    -> CaseService
  {
    var service = CaseService(
      repository: repository, queries: queries, definitions: store.service.definitions,
      directory: store.service.directory, clock: FixedClock(RepositoryUnderTest.monday.adding(seconds: seconds)))
    service.presence = store.presenceRepository
    return service
  }

  /// The ids of the tasks gary holds (in hand or offered), sorted.
  static func held(_ store: RepositoryUnderTest) throws -> [String] {
    try store.queries.heldTasks(of: "gary").tasks.map(\.task.id).sorted()
  }

  /// The offer was decided on gary's load read before his `task next` claimed the declined
  /// task (the claim runs right after that read): the offer, made under his lock on his load
  /// read again there, is not made; the new task stays queued. (Before the fix the offer went
  /// out on the stale read: gary held two at capacity 1.)
  @Test(arguments: RepositoryKind.allCases)
  func anOfferDecidedBeforeAClaimIsNotMadeOverCapacity(kind: RepositoryKind) throws {
    let (store, declined) = try Self.scene(kind)
    defer { store.remove() }
    let queries = HeldTasksHook(store.queries)
    queries.after { user, read in
      guard user == "gary", read == 1 else { return }
      #expect((try? store.at(30).claimNext(by: "gary").task.id) == declined)
    }
    let second = try Self.finance(Self.service(store, store.repository, queries, at: 30))
    #expect(try Self.held(store) == [declined])
    #expect(try store.repository.load(second.id)?.task(second.id + ".1")?.status == .queued)
  }

  /// Without the claim lock (`CountingRepository.claimLockLeftOut`), a claim that runs between
  /// the offer's read of gary's load and its append (even the read made for the offer itself)
  /// leaves him with both tasks: the race the lock closes.
  @Test(arguments: RepositoryKind.allCases)
  func withoutTheClaimLockAnOfferAndAClaimBothTakeTheRoom(kind: RepositoryKind) throws {
    let (store, declined) = try Self.scene(kind)
    defer { store.remove() }
    let unlocked = Self.unlocked(store.repository)
    let queries = HeldTasksHook(store.queries)
    queries.after { user, read in
      guard user == "gary", read == 2 else { return }
      #expect((try? Self.service(store, unlocked, store.queries, at: 30).claimNext(by: "gary").task.id) == declined)
    }
    let second = try Self.finance(Self.service(store, unlocked, queries, at: 30))
    #expect(try Self.held(store) == [declined, second.id + ".1"].sorted())
  }

  /// With the lock, the same claim started at that moment (on a thread of its own) waits for
  /// the offer to be appended, then finds gary full: he holds the offer alone.
  @Test(arguments: RepositoryKind.allCases)
  func aClaimStartedDuringAnOfferWaitsForItsLock(kind: RepositoryKind) throws {
    let (store, _) = try Self.scene(kind)
    defer { store.remove() }
    let queries = HeldTasksHook(store.queries)
    let claim = Mutex<Result<String, ServiceError>?>(nil)
    let started = Mutex(false)
    let done = DispatchSemaphore(value: 0)
    queries.after { user, read in
      guard user == "gary", read == 2 else { return }
      started.withLock { $0 = true }
      Thread {
        let outcome: Result<String, ServiceError>
        do throws(ServiceError) {
          outcome = .success(try store.at(30).claimNext(by: "gary").task.id)
        } catch {
          outcome = .failure(error)
        }
        claim.withLock { $0 = outcome }
        done.signal()
      }.start()
    }
    let second = try Self.finance(Self.service(store, store.repository, queries, at: 30))
    // (Without the offer's read under the lock, the claim never started: nothing to wait for.)
    try #require(started.withLock { $0 }, "the offer did not read gary's load again")
    done.wait()
    #expect(try Self.held(store) == [second.id + ".1"])
    let refused = claim.withLock { $0 }
    guard case .failure(.refused(let refusal)) = refused else {
      Issue.record("the claim was not refused: \(String(describing: refused))")
      return
    }
    #expect(refusal == .overCapacity(user: "gary", holds: 1, capacity: 1, workgroup: "finances_group", weight: 1))
  }

  /// Threads: a create whose task is offered to gary and his `task next`, released together,
  /// round after round on a fresh store: whichever comes first, he ends holding one task.
  @Test(arguments: RepositoryKind.allCases)
  func concurrentOfferAndTaskNextStayWithinCapacity(kind: RepositoryKind) throws {
    for _ in 0..<4 {
      let (store, _) = try Self.scene(kind)
      defer { store.remove() }
      let (ready, go, done) = (DispatchGroup(), DispatchSemaphore(value: 0), DispatchGroup())
      let runs: [@Sendable () -> Void] = [
        { _ = try? Self.finance(store.at(30)) },
        { _ = try? store.at(30).claimNext(by: "gary") },
      ]
      for run in runs {
        ready.enter()
        done.enter()
        Thread {
          ready.leave()
          go.wait()
          run()
          done.leave()
        }.start()
      }
      ready.wait()
      for _ in runs { go.signal() }
      done.wait()
      #expect(try Self.held(store).count == 1)
    }
  }

  /// `repository` with its claims run without its claim lock (`CountingRepository`).
  static func unlocked(_ repository: any CaseRepository) -> any CaseRepository {
    func wrap<Inner: CaseRepository>(_ inner: Inner) -> any CaseRepository {
      let wrapped = CountingRepository(inner)
      wrapped.claimLockLeftOut.withLock { $0 = true }
      return wrapped
    }
    return wrap(repository)
  }
}

/// Queries that forward to `inner` and, after each read of a user's held tasks (the load an
/// offer or claim reads), call the hook with the user and the read's number for that user
/// (from 1), before answering what was read.
final class HeldTasksHook: CaseQueries {
  let inner: any CaseQueries
  private let hook = Mutex<(@Sendable (String, Int) -> Void)?>(nil)
  private let reads = Mutex<[String: Int]>([:])

  init(_ inner: any CaseQueries) { self.inner = inner }

  func after(_ body: @escaping @Sendable (String, Int) -> Void) { hook.withLock { $0 = body } }

  func cases(_ filter: CaseFilter) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage]) {
    try inner.cases(filter)
  }
  func activeTasks(in targets: [String]?) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  { try inner.activeTasks(in: targets) }
  func queuedTasks(in target: String, after position: Urgency?, limit: Int) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  { try inner.queuedTasks(in: target, after: position, limit: limit) }
  func heldTasks(of user: String) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    let found = try inner.heldTasks(of: user)
    let read = reads.withLock { counts in
      counts[user, default: 0] += 1
      return counts[user] ?? 0
    }
    hook.withLock { $0 }?(user, read)
    return found
  }
}
