extension RuntimeDefinitions {
  /// How much of a member's capacity `task` of `state` takes: its definition's `weight`, 1
  /// for a task the bundle does not define.
  public func weight(of task: TaskState, in state: CaseState) -> Int {
    caseType(state.type)?.task(task.definition)?.weight ?? 1
  }

  /// Whether members may claim `task` of `state` from the workbin (`allow_claim: true`), not
  /// only take what `task next` gives them.
  public func allowsClaim(_ task: TaskState, in state: CaseState) -> Bool {
    caseType(state.type)?.task(task.definition)?.allowClaim ?? false
  }
}
