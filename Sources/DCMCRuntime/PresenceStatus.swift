public import DCMCCalendar

/// Where an advisor stands for distribution (SPEC section 15): `logged_off` until they say
/// otherwise, `ready` for work, `not_ready` with a reason, or in `wrap_up` after a pushed task
/// until its end.
public enum PresenceStatus: Sendable, Hashable {
  case loggedOff
  case ready
  /// `reason` is one of the Presence kind's `not_ready` reasons or the built-in `RONA`;
  /// `nil` only when the bundle declares no reasons.
  case notReady(reason: String?)
  /// In wrap-up until `until`, then ready again.
  case wrapUp(until: Instant)

  /// The state as records and `presence list` name it.
  public var name: String {
    switch self {
    case .loggedOff: "logged_off"
    case .ready: "ready"
    case .notReady: "not_ready"
    case .wrapUp: "wrap_up"
    }
  }

  /// The state with its reason or end, as the CLI writes it: `ready`, `not_ready (break)`,
  /// `wrap_up until 2026-03-02T08:02:00Z`.
  public var label: String {
    if case .wrapUp(let end) = self { "\(reasonLabel) until \(end)" } else { reasonLabel }
  }

  /// The state with its reason, without a wrap-up's end (the presence's `until` keeps it), as
  /// an offer withdrawn from a user who left `ready` records where they went (since stop 37):
  /// `not_ready (break)`, `logged_off`, `wrap_up`.
  public var reasonLabel: String {
    if case .notReady(let reason?) = self { "not_ready (\(reason))" } else { name }
  }

  public var reason: String? {
    if case .notReady(let reason) = self { reason } else { nil }
  }

  public var until: Instant? {
    if case .wrapUp(let end) = self { end } else { nil }
  }

  /// The states a user may choose with `presence set`: wrap-up is the engine's to give.
  public enum Choice: String, Sendable, Hashable, CaseIterable {
    case ready
    case notReady = "not_ready"
    case loggedOff = "logged_off"
  }
}
