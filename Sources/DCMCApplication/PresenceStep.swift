import DCMCCalendar

/// One presence change a tick or a command calls for, decided on the user's presence when it
/// is appended.
enum PresenceStep: Sendable {
  /// `RONA`, for an offer that expired at this instant.
  case notResponding(Instant)
  /// `RONA` a killed tick owed for an offer that expired at this instant: only when the user's
  /// presence has not changed since (ready, and since no later), so making it twice makes it once.
  case owedRONA(Instant)
  case wrapUp
  case endWrapUp

  /// Whether the step takes a ready user out of `ready` (a RONA, `notResponding` or
  /// `owedRONA`, or `wrapUp`), so their standing offers are withdrawn with it.
  var leavesReady: Bool {
    switch self {
    case .notResponding, .owedRONA, .wrapUp: true
    case .endWrapUp: false
    }
  }
}
