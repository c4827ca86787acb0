import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Synchronization
import Testing
import _DCMCTestSupport

/// One offer whose withdrawal the store refuses does not stop the rest (stop 37): when a user
/// leaves `ready` and one of their offers' cases has an event dated after the tick's or
/// command's instant (`tick --at` in the past, a command dated later), that withdrawal is
/// refused (`beforeLastEvent`) and reported (`offerNotWithdrawn`), its offer stands, and the
/// follow-up goes on: the other offers are withdrawn and everything is offered to the next
/// ready members. Before, the refusal stopped the whole follow-up, silently in a tick.
///
/// The scene is `RONAWithdrawalTests.scene`: fiona (capacity 2) holds an offer of a first case
/// (until +55 s) and of a gold customer's second (until +65 s); gary (capacity 1) is ready at
/// +30 s. The second case gets an event at +60 s (an interaction linked), before a tick or
/// command dated earlier.
@Suite struct RefusedWithdrawalTests {
  static func scene(_ kind: RepositoryKind) throws -> (
    store: RepositoryUnderTest, first: String, second: String, secondCase: String
  ) {
    let (store, first, second) = try RONAWithdrawalTests.scene(kind)
    let secondCase = String(second[..<second.lastIndex(of: ".")!])
    _ = try store.at(60).execute(.link(interaction: "phone:call-1"), onCase: secondCase, by: "fiona")
    #expect(try store.at(60).offers(to: "fiona").map(\.task.id).contains(second))
    return (store, first, second, secondCase)
  }

  /// What a service reported: its refused withdrawals and follow-up failures, in order.
  final class Said: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
  }

  /// The service at `seconds`, its refused withdrawals (and follow-up failures) told to `said`.
  static func reporting(_ store: RepositoryUnderTest, at seconds: Int, into said: Said) -> CaseService {
    var service = store.at(seconds)
    service.offerNotWithdrawn = { offer in said.add("\(offer)") }
    service.followUpFailed = { error in said.add("follow-up failed: \(error)") }
    return service
  }

  static func refusal(_ second: String, _ secondCase: String, now reason: String) -> String {
    let last = RepositoryUnderTest.monday.adding(seconds: 60)
    return "the offer of task '\(second)' to 'fiona' (now \(reason)) was not withdrawn: "
      + "time does not run backwards: case '\(secondCase)' last changed at \(last)"
  }

  /// The tick at +56 s (dated before the second case's event) finds the first offer timed
  /// out: fiona goes `not_ready (RONA)`, the second offer's withdrawal is refused and
  /// reported, and the first case's task, queued again by its expiry, is still offered to
  /// gary in the same tick; the tick's RONA note is cleared.
  @Test(arguments: RepositoryKind.allCases)
  func aTickWhoseWithdrawalIsRefusedStillOffersTheExpiredTaskAndReportsTheRefusal(kind: RepositoryKind) throws {
    let (store, first, second, secondCase) = try Self.scene(kind)
    defer { store.remove() }
    let said = Said()
    let changed = try Self.reporting(store, at: 56, into: said).tick(by: nil)
    #expect(said.all == [Self.refusal(second, secondCase, now: "not_ready (RONA)")])
    #expect(changed.map(\.id) == [String(first[..<first.lastIndex(of: ".")!])])
    #expect(try store.presenceRepository.loadPresence("fiona")?.status == .notReady(reason: "RONA"))
    #expect(try store.at(60).offers(to: "gary").map(\.task.id) == [first])
    #expect(try store.at(60).load(secondCase).task(second)?.offer?.to == "fiona")
    #expect(try store.presenceRepository.pendingRONAs().isEmpty)
  }

  /// `presence set not_ready` at +40 s (before the second case's event): the first offer is
  /// withdrawn and offered to gary, the second's withdrawal is refused and reported, and the
  /// presence is set.
  @Test(arguments: RepositoryKind.allCases)
  func aBreakWhoseWithdrawalIsRefusedStillWithdrawsTheOtherOffer(kind: RepositoryKind) throws {
    let (store, first, second, secondCase) = try Self.scene(kind)
    defer { store.remove() }
    let said = Said()
    let after = try Self.reporting(store, at: 40, into: said).setPresence(.notReady, reason: "break", by: "fiona")
    #expect(after.status == .notReady(reason: "break"))
    #expect(said.all == [Self.refusal(second, secondCase, now: "not_ready (break)")])
    let firstCase = String(first[..<first.lastIndex(of: ".")!])
    let withdrawn = try #require(try store.repository.history(of: firstCase)).suffix(2).map(\.change)
    #expect(withdrawn.first == .offerWithdrawn(task: 1, user: "fiona", reason: "not_ready (break)"))
    #expect(try store.at(60).offers(to: "gary").map(\.task.id) == [first])
    #expect(try store.at(60).offers(to: "fiona").map(\.task.id) == [second])
  }
}
