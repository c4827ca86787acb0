import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Outbox delivery through a gateway port, and the filters of the lists.
@Suite struct OutboxAndListTests {
  /// A gateway that marks each notification delivered itself (as a gateway command running
  /// `dcmc outbox ack` would), then says it took it.
  struct AcknowledgingGateway: NotificationGateway {
    let service: CaseService
    func deliver(_ notification: NotificationView) -> DeliveryOutcome {
      do throws(ServiceError) {
        try service.acknowledge(notification: notification.id, by: nil)
        return .delivered
      } catch {
        return .failed(reason: "\(error)")
      }
    }
  }

  struct RefusingGateway: NotificationGateway {
    func deliver(_ notification: NotificationView) -> DeliveryOutcome { .failed(reason: "the relay is down") }
  }

  @Test func aNotificationMarkedDeliveredMeanwhileCountsAsDeliveredAndTheRunGoesOn() throws {
    let store = try RepositoryKind.memory.make()
    _ = try store.technical()
    _ = try store.technical(60)
    let delivery = try store.at(120).deliverOutbox(through: AcknowledgingGateway(service: store.at(120)), by: nil)
    #expect(delivery.delivered == ["TEC-000001/n1", "TEC-000002/n1"])
    #expect(delivery.failed.isEmpty)
    #expect(try store.service.outbox().allSatisfy(\.delivered))
  }

  @Test func aNotificationTheGatewayDoesNotTakeStaysPending() throws {
    let store = try RepositoryKind.memory.make()
    _ = try store.technical()
    let delivery = try store.at(60).deliverOutbox(through: RefusingGateway(), by: nil)
    #expect(delivery.delivered.isEmpty)
    #expect(delivery.failed.map(\.id) == ["TEC-000001/n1"])
    #expect(try store.service.outbox().map(\.delivered) == [false])
  }

  @Test func aFilterValueThatDoesNotExistIsRefusedWithTheValuesThatDo() throws {
    let store = try RepositoryKind.memory.make()
    _ = try store.technical()
    #expect(try store.service.cases(CaseFilter(type: "finance")).isEmpty)
    #expect(try store.service.tasks(inWorkbin: "finances_group").isEmpty)
    func refusal(_ body: () throws(ServiceError) -> Void) -> ServiceRefusal? {
      do throws(ServiceError) {
        try body()
        return nil
      } catch {
        guard case .refused(let refusal) = error else { return nil }
        return refusal
      }
    }
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
}
