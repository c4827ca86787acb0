import DCMCCalendar
public import DCMCRuntime

extension CaseService {
  /// The longest SLA or OLA a supervisor may set (`case set --sla`, `task set --ola`, the
  /// supervisor's forms, the API's PATCHes), each unit as written counted on a 24-hour day:
  /// 3650 days, or 87,600 hours. Ten years round the clock is longer than any promise to a
  /// customer, and a span the business-calendar arithmetic always takes: a calendar's day is at
  /// most 24 hours, so the business time is at most 315,360,000 seconds whatever the calendar,
  /// and the walk to its end skips each run of regular weeks at once (clock changes and
  /// holidays end a run: a few a year). A due time such a span still cannot reach before the
  /// end of 9999 (a calendar open an hour a week, a case dated late in 9999) the engine refuses
  /// as before.
  public static let longestDeadlineDays = 3650

  /// Refuses a new SLA or OLA longer than `longestDeadlineDays`, whoever gives it and
  /// whatever the case: the value is wrong, as a duration that does not read is.
  static func checkLength(of command: Command) throws(ServiceError) {
    let deadline: String
    let days: Int
    let seconds: Int
    switch command {
    case .setSLA(let given, let rest): (deadline, days, seconds) = ("SLA", given, rest)
    case .setOLA(_, let given, let rest): (deadline, days, seconds) = ("OLA", given, rest)
    default: return
    }
    // The days first: a product of any count of them could overflow. A span not positive is
    // the engine's to refuse.
    let longest = longestDeadlineDays * 86_400
    guard days <= longestDeadlineDays, days < 0 || seconds <= longest - days * 86_400 else {
      throw .refused(.deadlineTooLong(deadline, given: DurationText.compact(days: days, seconds: seconds)))
    }
  }

  /// The pauses of the SLA clock of case `state` that ended, from its history up to `state`
  /// (`SLAPause.ended(in:)`), for a command that places the SLA from the case's creation
  /// (`case set --sla`, rare enough to read the history); `nil` for any other command. A
  /// state from a cache behind the history is read with the history up to it (the append then
  /// finds the case changed and the command is decided again); a history shorter than the
  /// state is damage.
  func slaPauses(for command: Command, of state: CaseState) throws(ServiceError) -> [SLAPause]? {
    guard case .setSLA = command else { return nil }
    let history = try ServiceError.wrap { () throws(RepositoryError) in try repository.history(of: state.id) }
    guard let history else { throw .refused(.noSuchCase(state.id)) }
    let events = history.prefix { $0.seq <= state.version }
    guard events.count == state.version else {
      let problem = CaseDamage.lost(
        "the history of case '\(state.id)'", end: events.count, recorded: state.version, by: "its state")
      throw .repository(.damaged(CaseDamage(caseID: state.id, problem: problem)))
    }
    return SLAPause.ended(in: events)
  }
}
