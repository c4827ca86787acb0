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

  public init(_ entry: OutboxEntry, of state: CaseState) {
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
  }

  package var json: JSONValue {
    .object([
      ("body", .string(body)), ("case", .string(caseID)), ("channel", .string(channel)), ("event", .string(event)),
      ("id", .string(id)), ("status", .string(delivered ? "delivered" : "pending")), ("subject", .string(subject)),
      ("template", .string(template)), ("to", .string(to)),
    ])
  }
}
