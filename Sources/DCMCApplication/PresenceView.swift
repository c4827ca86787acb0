public import DCMCCalendar
package import DCMCJSON
public import DCMCRuntime

/// One user's line of `presence list` (SPEC section 15): their state, its reason or end,
/// since when, the weight of the tasks they hold and their capacity.
public struct PresenceView: Sendable, Equatable {
  public var user: String
  /// The state, with its reason or end (`state`, `reason` and `until` in JSON).
  public var status: PresenceStatus
  /// When the user went into the state; `nil` for a user who never set their presence.
  public var since: Instant?
  /// When the user last became ready.
  public var readySince: Instant?
  /// The summed weight of the tasks the user holds (assigned or in progress).
  public var load: Int
  /// The user's capacity in the workgroup listed, else the largest of their workgroups';
  /// `nil` for a user who is a member of none (a supervisor).
  public var capacity: Int?

  public init(_ presence: PresenceState, load: Int, capacity: Int?) {
    user = presence.user
    status = presence.status
    since = presence.since
    readySince = presence.readySince
    self.load = load
    self.capacity = capacity
  }

  package var json: JSONValue {
    .object([
      ("capacity", capacity.map { $0.json } ?? .null), ("load", load.json), ("ready_since", readySince?.json ?? .null),
      ("reason", .string(status.reason)), ("since", since?.json ?? .null),
      ("state", .string(status.name)), ("until", status.until?.json ?? .null), ("user", .string(user)),
    ])
  }
}
