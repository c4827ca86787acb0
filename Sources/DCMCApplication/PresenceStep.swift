import DCMCCalendar

/// One presence change a tick or a command calls for, decided on the user's presence when it
/// is appended.
enum PresenceStep: Sendable {
  /// `RONA`, for an offer that expired at this instant.
  case notResponding(Instant)
  case wrapUp
  case endWrapUp
}
