import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Synchronization
import Testing
import _DCMCTestSupport

/// Outbox delivery through a gateway port, and the filters of the lists.
@Suite struct OutboxAndListTests {
  /// A gateway that marks each notification delivered itself (as a gateway command running
  /// `dcmc outbox ack` would), then says it took it.
  struct AcknowledgingGateway: NotificationGateway {
    let service: CaseService
    var batchSize: Int { 1 }
    var timeLimit: Int { 10 }
    func deliver(_ notifications: [NotificationView]) -> GatewayAnswer {
      do throws(ServiceError) {
        for notification in notifications { try service.acknowledge(notification: notification.id, by: nil) }
        return GatewayAnswer(delivered: Set(notifications.map(\.id)), failure: "")
      } catch {
        return GatewayAnswer(delivered: [], failure: "\(error)")
      }
    }
  }

  /// A gateway that delivers what `takes` accepts, in batches of `batchSize`, and records
  /// every call; `unavailable` when it takes nothing.
  struct ListGateway: NotificationGateway {
    var batchSize = 1
    var timeLimit: Int { 10 }
    var takes: @Sendable (String) -> Bool = { _ in true }
    var unreachable = false
    var during: @Sendable () -> Void = {}
    let calls = Results()
    func deliver(_ notifications: [NotificationView]) -> GatewayAnswer {
      calls.add(notifications.map(\.id).joined(separator: " "))
      during()
      if unreachable { return GatewayAnswer(delivered: [], failure: "the relay cannot be reached", unavailable: true) }
      return GatewayAnswer(delivered: Set(notifications.map(\.id).filter(takes)), failure: "the relay is down")
    }
  }

  @Test func aNotificationMarkedDeliveredMeanwhileCountsAsDeliveredAndTheRunGoesOn() throws {
    let store = try RepositoryKind.memory.make()
    _ = try store.technical()
    _ = try store.technical(60)
    let delivery = try store.at(120).deliverOutbox(
      through: AcknowledgingGateway(service: store.at(120)), owner: "run", by: nil)
    #expect(delivery.delivered == ["TEC-000001/n1", "TEC-000002/n1"])
    #expect(delivery.failed.isEmpty)
    #expect(try store.service.outbox(by: nil).allSatisfy(\.delivered))
  }

  @Test func aNotificationTheGatewayDoesNotTakeStaysPendingWithItsFailureRecorded() throws {
    let store = try RepositoryKind.memory.make()
    _ = try store.technical()
    for minute in 1...2 {
      let delivery = try store.at(60 * minute).deliverOutbox(through: ListGateway(takes: { _ in false }), owner: "run \(minute)", by: nil)
      #expect(delivery.delivered.isEmpty)
      #expect(delivery.failed.map(\.id) == ["TEC-000001/n1"])
    }
    let listed = try store.service.outbox(by: nil)
    #expect(listed.map(\.delivered) == [false])
    #expect(listed.map(\.failures) == [2])
    #expect(listed.map(\.lastFailure) == ["the relay is down"])
    // Released: the next run takes it at once, without waiting for a lease to expire.
    let next = try store.at(180).deliverOutbox(through: ListGateway(), owner: "run 3", by: nil)
    #expect(next.delivered == ["TEC-000001/n1"])
    #expect(try store.service.outbox(by: nil).map(\.failures) == [0])
  }

  @Test func aBatchGatewayGetsEveryPendingNotificationInOneCallAndOnlyWhatItAnswersIsMarked() throws {
    let store = try RepositoryKind.memory.make()
    let ids = try (0..<3).map { try store.technical($0 * 60).outbox[0].notification.id }
    let gateway = ListGateway(batchSize: .max, takes: { $0 != ids[1] })
    let delivery = try store.at(300).deliverOutbox(through: gateway, owner: "run", by: nil)
    #expect(gateway.calls.values == [ids.joined(separator: " ")])
    #expect(delivery.delivered == [ids[0], ids[2]])
    #expect(delivery.failed.map(\.id) == [ids[1]])
    #expect(try store.service.outbox(by: nil).map(\.delivered) == [true, false, true])
  }

  @Test func aGatewayThatCannotBeReachedStopsTheRunAndLeavesTheRestUntried() throws {
    let store = try RepositoryKind.memory.make()
    let ids = try (0..<3).map { try store.technical($0 * 60).outbox[0].notification.id }
    let gateway = ListGateway(unreachable: true)
    let delivery = try store.at(300).deliverOutbox(through: gateway, owner: "run", by: nil)
    #expect(gateway.calls.values == [ids[0]])
    #expect(delivery.unavailable == "the relay cannot be reached")
    #expect(delivery.untried == [ids[1], ids[2]])
    #expect(try store.service.outbox(by: nil).map(\.failures) == [1, 0, 0])
    #expect(try store.repository.deliveryRecords().values.allSatisfy { $0.lease == nil })
  }

  /// The notifications of a run that died with its lease wait for it to expire, then the
  /// next run takes them over.
  @Test func anExpiredLeaseIsTakenOver() throws {
    let store = try RepositoryKind.memory.make()
    let ids = try (0..<2).map { try store.technical($0 * 60).outbox[0].notification.id }
    let crashed = RepositoryUnderTest.monday.adding(seconds: 300)
    let lease = NotificationLease(owner: "crashed", expires: crashed.adding(seconds: 300))
    #expect(try store.repository.leaseNotifications(ids, lease, at: crashed) == ids)
    let early = try store.at(540).deliverOutbox(through: ListGateway(), owner: "early", by: nil)
    #expect(early.delivered.isEmpty)
    #expect(early.held == ids)
    let late = try store.at(600).deliverOutbox(through: ListGateway(), owner: "late", by: nil)
    #expect(late.delivered == ids)
    #expect(try store.service.outbox(by: nil).allSatisfy(\.delivered))
  }

  /// A run whose clock runs on renews its leases before a call when less than the gateway's
  /// time limit is left, so another run never takes over what it is still delivering.
  @Test func aLongRunRenewsItsLeases() throws {
    let store = try RepositoryKind.memory.make()
    let ids = try (0..<3).map { try store.technical($0 * 60).outbox[0].notification.id }
    let clock = SteppingClock(start: RepositoryUnderTest.monday.adding(seconds: 300))
    let other = ListGateway(batchSize: .max)
    let gateway = ListGateway(during: {
      clock.advance(by: 250)
      guard clock.now() == RepositoryUnderTest.monday.adding(seconds: 1_050) else { return }
      // The third call, 750 s into a run whose first lease lasted 300 s.
      _ = try? store.service.with(clock: clock).deliverOutbox(through: other, owner: "other", by: nil)
    })
    let delivery = try store.service.with(clock: clock).deliverOutbox(through: gateway, owner: "slow", by: nil)
    #expect(gateway.calls.values == ids)
    #expect(other.calls.values.isEmpty, "another run took over a lease being renewed")
    #expect(delivery.delivered == ids)
  }

  @Test func aFilterValueThatDoesNotExistIsRefusedWithTheValuesThatDo() throws {
    let store = try RepositoryKind.memory.make()
    _ = try store.technical()
    #expect(try store.service.cases(CaseFilter(type: "finance")).isEmpty)
    #expect(try store.service.tasks(inWorkbin: "finances_group").isEmpty)
    guard case .unknownValue(.caseType, "tecnical", let types) = refusal({ () throws(ServiceError) in
      _ = try store.service.cases(CaseFilter(type: "tecnical"))
    }) else {
      Issue.record("an unknown case type is not refused")
      return
    }
    #expect(types.contains("technical") && types.contains("finance"))
    guard case .unknownValue(.workbin, "nosuch", let workbins) = refusal({ () throws(ServiceError) in
      _ = try store.service.tasks(inWorkbin: "nosuch")
    }) else {
      Issue.record("an unknown workbin is not refused")
      return
    }
    #expect(workbins.contains("employees_group"))
  }

  /// A delivery run late in 9999, whose 5-minute lease would end past 9999-12-31T23:59:59Z,
  /// is refused before it leases anything (stop 27: the file store wrote a lease dated year
  /// 10000 into `outbox.json`, which no command could read again); the outbox still reads,
  /// and a run whose lease ends in time delivers.
  @Test(arguments: RepositoryKind.allCases)
  func aDeliveryWhoseLeaseWouldEndPastTheLastInstantIsRefused(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    _ = try store.technical()
    let late = Timestamp("9999-12-31T23:58:00Z")!.instant
    let seconds = late.secondsSinceEpoch - RepositoryUnderTest.monday.secondsSinceEpoch
    let gateway = ListGateway()
    var refusal: ServiceRefusal?
    do throws(ServiceError) {
      _ = try store.at(seconds).deliverOutbox(through: gateway, owner: "late", by: nil)
    } catch {
      if case .refused(let refused) = error { refusal = refused }
    }
    #expect(refusal.map { "\($0)" } == "a delivery at 9999-12-31T23:58:00Z cannot lease the outbox: its lease of 300 s would end past 9999-12-31T23:59:59Z, the last instant dcmc keeps; nothing was delivered")
    #expect(gateway.calls.values.isEmpty)
    #expect(try store.service.outbox(by: nil).map(\.delivered) == [false])
    let delivery = try store.at(seconds - 300).deliverOutbox(through: gateway, owner: "in time", by: nil)
    #expect(delivery.delivered == ["TEC-000001/n1"])
  }
}

/// A clock that moves only when told.
final class SteppingClock: Clock {
  private let instant: Mutex<Instant>
  init(start: Instant) { instant = Mutex(start) }
  func now() -> Instant { instant.withLock { $0 } }
  func advance(by seconds: Int) { instant.withLock { $0 = $0.adding(seconds: seconds) } }
}
