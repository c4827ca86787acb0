import DCMCBundle
import DCMCCalendar

extension Decision {
  /// A new SLA for the case (`case set --sla`): `days` of the SLA calendar's day length and
  /// `seconds` of business time on the SLA's calendar, counted from the case's creation (the
  /// customer was promised an answer within so long of their request). The new due time is
  /// where the SLA clock, started at the creation and standing still during each pause of the
  /// case's history (`pauses`, pending with `pause_when_pending` until the resume), has run
  /// the new SLA: the pauses are walked in order on the SLA's calendar, and each moves the due
  /// time by the business time it still lay ahead when the pause began (one that began after
  /// the clock got there moves nothing), so a due time never falls inside a pause but at its
  /// resume plus what was left. The warning is placed the same way at the case type's `warn`%
  /// of the new SLA. A pending case's plan stands still with it and is moved by the current
  /// pause when it resumes, as the old one would have been. The SLA a supervisor gave the case
  /// already, given again (the same duration as recorded, `2d` and `16h` being two, placed
  /// the same), is no change: nothing is emitted.
  mutating func setSLA(days: Int, seconds: Int) throws(Refusal) {
    try requireOpenCase()
    guard let sla = caseType.sla else {
      throw Refusal(.wrongState, "case type '\(caseType.id)' has no SLA, so case '\(state.id)' has none to change")
    }
    guard let pauses else {
      throw Refusal(.invalidInput, "a new SLA of case '\(state.id)' needs the pauses of its history")
    }
    let duration = try span(days: days, seconds: seconds, on: sla.within.calendar, of: "an SLA", from: state.createdAt)
    guard let calendar = definitions.calendar(sla.within.calendar) else {
      throw Refusal(.notFound, "calendar '\(sla.within.calendar)' is not in the bundle")
    }
    let due: Instant
    let warnAt: Instant?
    do throws(CalendarError) {
      due = try calendar.reached(duration.totalSeconds, from: state.createdAt, pausedBy: pauses)
      warnAt = try Self.part(sla.warnPercent, of: duration).map { part throws(CalendarError) in
        try calendar.reached(part.totalSeconds, from: state.createdAt, pausedBy: pauses)
      }
    } catch {
      throw Self.uncomputable(duration.text, from: state.createdAt, error)
    }
    let set = CaseSLA(text: duration.text, seconds: duration.totalSeconds)
    guard set != state.sla || due != state.slaDue || warnAt != state.slaWarnAt else { return }
    emit(.slaSet(set, due: due, warnAt: warnAt))
  }
}
