import DCMCJSON

extension DefinitionBundle {
  /// The checker's rule (DC4019) for a task with an offer time-out and no mode of its own: one
  /// of its targets pushes, or the time-out could never apply.
  func checkOfferTimeouts() throws(JSONShapeError) {
    let pushing = Set(workgroups.filter { $0.mode == .push }.map(\.id))
    for (typeIndex, caseType) in caseTypes.enumerated() {
      for (stageIndex, stage) in caseType.stages.enumerated() {
        for (taskIndex, task) in stage.tasks.enumerated()
        where task.offerTimeoutSeconds != nil && task.mode == nil && !task.target.contains(where: { pushing.contains($0.to) }) {
          throw JSONShapeError(
            .refused("task '\(task.id)' has an offer time-out but is pulled"),
            path: ["case_types", "\(typeIndex)", "stages", "\(stageIndex)", "tasks", "\(taskIndex)", "offer_timeout_seconds"])
        }
      }
    }
  }
}
