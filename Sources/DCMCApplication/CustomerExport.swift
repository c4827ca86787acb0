public import DCMCCalendar
package import DCMCJSON
public import DCMCRuntime

/// Everything the store holds about a customer (SPEC section 14, `customer export`): the data a
/// back office answering a data-subject access request starts from. The record and its
/// history, the records merged into it with theirs, each of its cases in full (the staff view,
/// the customer's view and the history, whose past form values are data held about them too),
/// and every notification of those cases, pending or delivered.
///
/// It is for the back office, not for the customer as it is: case histories name the staff who
/// worked on the cases, and the notifications include those sent to staff about the cases. The
/// back office decides what to disclose (`docs/customers.md`).
public struct CustomerExport: Sendable, Equatable {
  /// A customer record and its events, in order.
  public struct Record: Sendable, Equatable {
    public var customer: CustomerView
    public var history: [CustomerEvent]
  }

  /// One case of the customer: as staff see it, as the customer sees it, and its events.
  public struct Case: Sendable, Equatable {
    public var view: CaseView
    public var customerView: CustomerCaseView
    public var history: [CaseEvent]
  }

  /// A notification of one of the cases, with when it was queued and, once it was, delivered.
  public struct SentNotification: Sendable, Equatable {
    public var notification: NotificationView
    public var queuedAt: Instant
    public var deliveredAt: Instant?
  }

  /// The record the exported id stands for (the kept record, after a merge).
  public var record: Record
  /// The records merged into it, directly or through another merged record, by id.
  public var merged: [Record]
  /// Oldest first, by opening and then reference.
  public var cases: [Case]
  /// Case by case as `cases`, each case's in the order they were queued.
  public var notifications: [SentNotification]
  /// When and by whom the export was made.
  public var exportedAt: Instant
  public var exportedBy: String

  package var json: JSONValue {
    .object([
      (
        "cases",
        .array(
          cases.map { exported in
            .object([
              ("case", exported.view.json), ("customer_view", exported.customerView.json),
              ("history", .array(exported.history.map { $0.json(caseID: exported.view.id) })),
            ])
          })
      ),
      ("customer", record.customer.json), ("exported_at", exportedAt.json), ("exported_by", .string(exportedBy)),
      ("history", .array(record.history.map(\.json))),
      (
        "merged",
        .array(
          merged.map { .object([("customer", $0.customer.json), ("history", .array($0.history.map(\.json)))]) })
      ),
      (
        "notifications",
        .array(
          notifications.map { sent in
            .object(
              sent.notification.members + [
                ("delivered_at", .time(sent.deliveredAt)), ("queued_at", sent.queuedAt.json),
              ])
          })
      ),
    ])
  }
}
