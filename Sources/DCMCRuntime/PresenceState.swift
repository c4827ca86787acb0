public import DCMCCalendar

/// A user's presence as their history leaves it (SPEC section 15).
public struct PresenceState: Sendable, Hashable {
  public var user: String
  public var status: PresenceStatus
  /// When the user went into `status`; `nil` while they never changed (logged off).
  public var since: Instant?
  /// When the user last became ready: who has waited longest for push offers. Kept when
  /// they leave ready, so it always says when they last became ready.
  public var readySince: Instant?
  /// The sequence number of the last event; 0 for a user without a history.
  public var version: Int

  /// A user who never set their presence: logged off.
  public init(user: String) {
    self.init(user: user, status: .loggedOff, since: nil, readySince: nil, version: 0)
  }

  public init(user: String, status: PresenceStatus, since: Instant?, readySince: Instant?, version: Int) {
    self.user = user
    self.status = status
    self.since = since
    self.readySince = readySince
    self.version = version
  }

  /// The presence a history leaves: `nil` when it is empty or names more than one user.
  public static func replay(_ events: [PresenceEvent]) -> PresenceState? {
    guard let user = events.first?.user, events.allSatisfy({ $0.user == user }) else { return nil }
    var state = PresenceState(user: user)
    for event in events { state.evolve(event) }
    return state
  }

  /// Applies an event decided before; decides nothing.
  public mutating func evolve(_ event: PresenceEvent) {
    if event.status == .ready, status != .ready { readySince = event.at }
    status = event.status
    since = event.at
    version = event.seq
  }
}
