import DCMCCalendar
import DCMCRuntime

extension CaseService {
  /// Everything held about the record `customer` stands for (following merges): `customer
  /// export`, the answer to a data-subject access request. Any user of the directory exports,
  /// as they read the record; the export is for the back office that answers the request.
  public func export(customer: String, by user: String?) throws(ServiceError) -> CustomerExport {
    let service = try customerService(for: customer)
    let actor = try service.acting(user)
    let kept = try service.resolved(customer)
    let deliveries = try ServiceError.wrap { () throws(RepositoryError) in try repository.deliveryRecords() }
    var cases: [CustomerExport.Case] = []
    var notifications: [CustomerExport.SentNotification] = []
    let states = try customerCaseStates(of: kept.id)
    let now = clock.now()
    for state in states {
      let runtime = try definitions.definitions(state.bundle)
      let history = try history(of: state.id)
      cases.append(
        CustomerExport.Case(
          view: CaseView(state, definitions: runtime),
          customerView: CustomerCaseView(state, definitions: runtime, at: now),
          history: history))
      notifications += Self.notifications(of: state, history: history, deliveries: deliveries)
    }
    var merged: [CustomerExport.Record] = []
    for id in try records(mergedInto: kept.id).dropFirst().sorted() {
      merged.append(
        CustomerExport.Record(customer: CustomerView(try service.load(id)), history: try service.history(of: id, by: actor)))
    }
    return CustomerExport(
      record: CustomerExport.Record(customer: CustomerView(kept), history: try service.history(of: kept.id, by: actor)),
      merged: merged, cases: cases, notifications: notifications, exportedAt: now, exportedBy: actor)
  }

  /// The notifications of case `state`, in the order they were queued, with when its `history`
  /// (read after the state, so as long or longer) queued and delivered each, and what the store
  /// keeps of a pending one's failed attempts. The outbox's n-th entry is the one the history's
  /// n-th `notification.queued` put there.
  static func notifications(of state: CaseState, history: [CaseEvent], deliveries: [String: DeliveryRecord])
    -> [CustomerExport.SentNotification]
  {
    var queued: [Instant] = []
    var delivered: [String: Instant] = [:]
    for event in history {
      switch event.change {
      case .notificationQueued: queued.append(event.at)
      case .notificationDelivered(let id): delivered[id] = delivered[id] ?? event.at
      default: break
      }
    }
    return zip(state.outbox, queued).map { entry, queuedAt in
      let id = entry.notification.id
      return CustomerExport.SentNotification(
        notification: NotificationView(entry, of: state, record: entry.delivered ? nil : deliveries[id]),
        queuedAt: queuedAt, deliveredAt: entry.delivered ? delivered[id] : nil)
    }
  }
}
