extension Engine {
  /// `task` of `state` as the push decision sees it (`Distribution`): `nil` unless it is
  /// queued and pushed (`RuntimeDefinitions.dispatch(of:in:)` of its live workgroup). Its
  /// skill is the one a creation rule recorded on the case, else its distribution's; its
  /// minimum proficiency that of the tier offered now.
  public func queuedTask(_ task: TaskState, of state: CaseState) -> Distribution.QueuedTask? {
    guard task.status == .queued, let definition = definitions.caseType(state.type)?.task(task.definition),
      definitions.dispatch(of: definition, in: task.target).mode == .push
    else { return nil }
    let distribution = definition.distribution.flatMap { $0.tiers.indices.contains(task.tier) ? $0 : nil }
    return Distribution.QueuedTask(
      urgency: task.urgency, target: task.target, weight: definition.weight,
      skill: distribution.map { state.skill ?? $0.skill }, minimumProficiency: distribution?.tiers[task.tier] ?? 0,
      declines: task.declines)
  }
}
