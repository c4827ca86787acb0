public import DCMCRuntime

extension CaseService {
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
