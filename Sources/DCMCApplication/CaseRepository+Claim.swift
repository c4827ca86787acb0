public import DCMCCalendar

/// What one claim of due timers (`CaseRepository.claimTimers`) did.
public struct TimerClaim: Sendable, Equatable {
  /// The cases claimed, earliest due first; none when no due case was left to the claim.
  public var claimed: [String]
  /// The outcome of each change the claim's decision returned, in order.
  public var outcomes: [AppendOutcome]

  public init(claimed: [String], outcomes: [AppendOutcome]) {
    self.claimed = claimed
    self.outcomes = outcomes
  }
}

extension CaseRepository {
  /// The claim of a store whose appends check each change's version under the store's lock
  /// (the file and memory stores): every due case not excluded is decided, and a change whose
  /// case another writer moved meanwhile is not written but answered `.conflict`, for the
  /// tick to decide again. One machine's processes share that lock, so nothing waits long.
  public func claimTimers(
    dueBy now: Instant, limit: Int, excluding: Set<String>, tick: Instant?,
    _ decide: ([String]) throws(ServiceError) -> [CaseChangeSet]
  ) throws(ServiceError) -> TimerClaim {
    let due = try ServiceError.wrap { () throws(RepositoryError) in try casesWithTimers(dueBy: now) }
    let claimed = Array(due.lazy.filter { !excluding.contains($0) }.prefix(limit))
    let changes = try decide(claimed)
    let outcomes = try ServiceError.wrap { () throws(RepositoryError) in try append(changes, tick: tick) }
    return TimerClaim(claimed: claimed, outcomes: outcomes)
  }
}
