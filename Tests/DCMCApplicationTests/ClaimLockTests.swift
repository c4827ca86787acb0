import DCMCApplication
import DCMCRuntime
import Foundation
import Synchronization
import Testing
import _DCMCTestSupport

/// One claim per user at a time (`CaseRepository.exclusively`; stop 26's finding: ten
/// `task next` by one user at once gave bob ten tasks at capacity 1). On every store: the
/// load's read, the choice and the append of one user's claims are one step, and another
/// user's claim does not wait for it.
@Suite struct ClaimLockTests {
  /// Threads of one process, each its own `task next` by bob (capacity 1), released together:
  /// one takes a task, every other is refused with bob's load.
  @Test(arguments: RepositoryKind.allCases)
  func concurrentTaskNextByOneUserStaysWithinTheirCapacity(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    for second in 0..<4 { _ = try store.technical(second) }
    let service = store.at(60)
    let outcomes = Mutex<[Result<String, ServiceError>]>([])
    let threads = 8
    let (ready, go, done) = (DispatchGroup(), DispatchSemaphore(value: 0), DispatchGroup())
    for _ in 0..<threads {
      ready.enter()
      done.enter()
      Thread {
        ready.leave()
        go.wait()
        let outcome: Result<String, ServiceError>
        do throws(ServiceError) {
          outcome = .success(try service.claimNext(by: "bob").task.id)
        } catch {
          outcome = .failure(error)
        }
        outcomes.withLock { $0.append(outcome) }
        done.leave()
      }.start()
    }
    ready.wait()
    for _ in 0..<threads { go.signal() }
    done.wait()
    let results = outcomes.withLock { $0 }
    let taken = results.compactMap { try? $0.get() }
    #expect(taken.count == 1, "\(results)")
    for case .failure(let error) in results {
      guard case .refused(let refusal) = error else {
        Issue.record("not a refusal: \(error)")
        continue
      }
      #expect(refusal == .overCapacity(user: "bob", holds: 1, capacity: 1, workgroup: "employees_group", weight: 1))
    }
    #expect(try store.at(61).tasks(inWorkbin: nil, heldBy: "bob").map(\.task.id) == taken)
  }

  /// The lock is the user's, not the store's: while bob's is held, carol's `task claim ID`
  /// (which decides under her own) runs at once.
  @Test(arguments: RepositoryKind.allCases)
  func anotherUsersClaimDoesNotWaitForOneUsersLock(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let first = try store.technical(0)
    let second = try store.technical(1)
    let (bob, carol) = try store.repository.exclusively(claimingFor: "bob") {
      () throws(ServiceError) -> (String, CaseState) in
      let carol = try store.at(60).execute(.claim(task: first.id + ".1"), onCase: first.id, by: "carol")
      return ("held", carol)
    }
    #expect(bob == "held")
    #expect(carol.task(first.id + ".1")?.assignee == "carol")
    // Bob's lock was released with his claim: his own claim runs now.
    #expect(try store.at(61).claimNext(by: "bob").task.id == second.id + ".1")
  }
}
