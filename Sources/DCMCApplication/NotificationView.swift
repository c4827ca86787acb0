package import DCMCJSON
public import DCMCRuntime

/// A notification of the outbox as scripts and gateways see it (SPEC section 13).
public struct NotificationView: Sendable, Equatable {
  public var id: String
  public var caseID: String
  public var event: String
  public var channel: String
  public var to: String
  public var template: String
  public var subject: String
  public var body: String
  public var delivered: Bool
  /// How many delivery attempts failed, and why the last one did (a pending notification's).
  public var failures: Int
  public var lastFailure: String?

  /// The view of `entry`, with what the store keeps of its delivery (`record`), if anything.
  public init(_ entry: OutboxEntry, of state: CaseState, record: DeliveryRecord? = nil) {
    let note = entry.notification
    id = note.id
    caseID = state.id
    event = note.event
    channel = note.channel
    to = note.to
    template = note.template
    subject = note.subject
    body = note.body
    delivered = entry.delivered
    failures = record?.failures ?? 0
    lastFailure = record?.lastFailure
  }

  package var json: JSONValue { .object(members) }

  /// The members of `json`, for a document that adds its own to them.
  package var members: [(key: String, value: JSONValue)] {
    [
      ("body", .string(body)), ("case", .string(caseID)), ("channel", .string(channel)), ("event", .string(event)),
      ("failed_attempts", .int(failures)), ("id", .string(id)), ("last_failure", .string(lastFailure)),
      ("status", .string(delivered ? "delivered" : "pending")), ("subject", .string(subject)),
      ("template", .string(template)), ("to", .string(to)),
    ]
  }
}
