import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Synchronization
import Testing
import _DCMCTestSupport

/// A case whose due timers the engine cannot decide stops only itself (stop 27's finding: a
/// task rescheduled to the last hour of 9999, before such a return was refused up front,
/// failed every tick of the store from its return on, and no other case's timer fired).
@Suite struct TickRefusedTimerTests {
  static let late = Timestamp("9999-12-31T23:30:00Z")!.instant

  /// The seconds from Monday 09:00 to `instant`, for `RepositoryUnderTest.at`.
  static func seconds(to instant: Instant) -> Int { instant.secondsSinceEpoch - RepositoryUnderTest.monday.secondsSinceEpoch }

  /// `stuck`'s task, claimed by bob, is rescheduled to 9999-12-31T23:00:00Z by an event
  /// written as the engine wrote it before the up-front check (its OLA cannot be moved there);
  /// `fired`'s task was escalated, whose expert review's breach and the case's SLA timers
  /// fire without a new deadline. The tick at 23:30 fires `fired`'s timers, leaves `stuck` as
  /// it is and reports it with the engine's refusal; the exit is the tick's own.
  @Test(arguments: RepositoryKind.allCases)
  func aCaseWhoseTimersCannotBeDecidedIsSkippedAndReported(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let stuck = try store.technical(0)
    let fired = try store.technical(60)
    _ = try store.at(120).execute(.escalate(task: fired.id + ".1"), onCase: fired.id, by: "sam")
    let claimed = try store.at(180).claimNext(by: "bob").of
    #expect(claimed.id == stuck.id)
    let rescheduled = CaseEvent(
      seq: claimed.version + 1, at: RepositoryUnderTest.monday.adding(seconds: 240), by: "bob",
      change: .taskRescheduled(task: 1, until: Timestamp("9999-12-31T23:00:00Z")!.instant))
    var before = claimed
    before.evolve(rescheduled)
    let change = CaseChangeSet(before: claimed, events: [rescheduled], after: before)
    #expect(try store.repository.append([change], tick: nil) == [.appended])

    var service = store.at(Self.seconds(to: Self.late))
    let refused = Mutex<[String]>([])
    service.timersRefused = { id, refusal in refused.withLock { $0.append("\(id): \(refusal.message)") } }
    let changed = try service.tick(by: nil)
    #expect(changed.map(\.id) == [fired.id])
    #expect(
      refused.withLock { $0 } == [
        "\(stuck.id): the task's deadlines cannot be moved: the result lies outside the years 1 to 9999"
      ])
    #expect(try store.repository.load(stuck.id)?.version == before.version)
    #expect(try store.repository.load(fired.id)?.version ?? 0 > fired.version + 1)
    // The next tick reports it again, and still fires what else falls due.
    refused.withLock { $0 = [] }
    #expect(try service.tick(by: nil).isEmpty)
    #expect(refused.withLock { $0.count } == 1)
  }
}
