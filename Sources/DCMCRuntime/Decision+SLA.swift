import DCMCBundle
import DCMCCalendar

extension Decision {
  /// A new SLA for the case (`case set --sla`): `days` of the SLA calendar's day length and
  /// `seconds` of business time on the SLA's calendar, counted from the case's creation (the
  /// customer was promised an answer within so long of their request), the business time the
  /// SLA stood still while the case was pending not counted: the time the recorded due time
  /// lies beyond the SLA in force (each pause moved it by that much). The warning falls at the
  /// case type's `warn`% of the new SLA. A pending case's plan is moved by its pause when it
  /// resumes, as the old one would have been.
  ///
  /// The state keeps no list of pauses: a new due time already past is placed after all of
  /// them, later than the SLA clock reached it when the case was pending after it; it is past
  /// either way, and the breach fires at the next tick unless it fired already.
  mutating func setSLA(days: Int, seconds: Int) throws(Refusal) {
    try requireOpenCase()
    guard let sla = caseType.sla else {
      throw Refusal(.wrongState, "case type '\(caseType.id)' has no SLA, so case '\(state.id)' has none to change")
    }
    let duration = try span(days: days, seconds: seconds, on: sla.within.calendar, of: "an SLA", from: state.createdAt)
    guard let calendar = definitions.calendar(sla.within.calendar) else {
      throw Refusal(.notFound, "calendar '\(sla.within.calendar)' is not in the bundle")
    }
    let inForce = state.sla?.seconds ?? sla.within.totalSeconds
    let start: Instant
    do throws(CalendarError) {
      let paused = try state.slaDue.map { due throws(CalendarError) in
        try calendar.businessSeconds(from: state.createdAt, to: due) - inForce
      }
      start = try calendar.due(from: state.createdAt, adding: max(0, paused ?? 0))
    } catch {
      throw Self.uncomputable(duration.text, from: state.createdAt, error)
    }
    emit(
      .slaSet(
        CaseSLA(text: duration.text, seconds: duration.totalSeconds), due: try due(duration, from: start),
        warnAt: try warning(sla.warnPercent, of: duration, from: start)))
  }
}
