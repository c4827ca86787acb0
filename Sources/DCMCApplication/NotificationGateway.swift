/// Where the outbox's notifications go: a command run once per notification, one command for
/// a batch, a mail relay, a test's list.
public protocol NotificationGateway: Sendable {
  /// The most notifications one `deliver` call takes (1: one at a time).
  var batchSize: Int { get }
  /// The longest one `deliver` call may take, in seconds: a delivery run renews its leases
  /// before a call when less than this is left of them.
  var timeLimit: Int { get }
  /// Hands `notifications` over (at most `batchSize`); only those the answer names as
  /// delivered are marked so.
  func deliver(_ notifications: [NotificationView]) -> GatewayAnswer
}

/// What a gateway did with the notifications of one `deliver` call.
public struct GatewayAnswer: Sendable, Equatable {
  /// The ids it delivered.
  public var delivered: Set<String>
  /// Why the others were not delivered (lowercase, one clause); they stay pending.
  public var failure: String
  /// The gateway cannot be reached at all (its command cannot be started): the run stops,
  /// and what it has not tried is left for a later run.
  public var unavailable: Bool
  /// What was wrong with the answer itself (a malformed line, an id that was not sent), in
  /// words; it changed nothing.
  public var problems: [String]

  public init(delivered: Set<String>, failure: String, unavailable: Bool = false, problems: [String] = []) {
    self.delivered = delivered
    self.failure = failure
    self.unavailable = unavailable
    self.problems = problems
  }
}
