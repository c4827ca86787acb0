public import DCMCCalendar

/// One entry of a user's presence history (`presence.changed`): the state they went into,
/// when, and who set it (`docs/store.md`, "Presence events"). The envelope is a case event's.
public struct PresenceEvent: Sendable, Hashable {
  /// 1, 2, 3... within the user's history, with no gap.
  public var seq: Int
  public var at: Instant
  /// The acting user: the user themselves or a supervisor; `nil` for the system.
  public var by: String?
  /// The user whose presence changed.
  public var user: String
  public var status: PresenceStatus
  /// The request a keyed `presence set` recorded on its event (`--request-id`, or the id an
  /// `Idempotency-Key` stands for), with the digest of what it asked; `nil` for an event that
  /// records none (every event before 8 December 2026).
  public var request: String? = nil
  public var requestDigest: String? = nil

  /// The one event type of a presence history.
  public static let type = "presence.changed"

  public init(seq: Int, at: Instant, by: String?, user: String, status: PresenceStatus) {
    self.seq = seq
    self.at = at
    self.by = by
    self.user = user
    self.status = status
  }
}
