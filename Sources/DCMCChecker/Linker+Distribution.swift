import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// DC4019 for a workgroup's `offer_timeout` when the workgroup does not push: its tasks are
  /// pulled unless they say `mode: push`, and those that do keep the time-out they give or
  /// the default.
  mutating func checkWorkgroupDistributions() {
    for workgroup in definitions.workgroups {
      guard let timeout = workgroup.dispatch.offerTimeout, workgroup.dispatch.mode?.value != .push else { continue }
      report(
        Diagnostic(
          .offerTimeoutOnPullTask, "workgroup '\(workgroup.header.id.value)' has an offer time-out but does not push",
          at: timeout.range, help: "add 'mode: push' beside it, or leave 'offer_timeout' out"))
    }
  }

  /// DC4019 for a task's `offer_timeout` when the task is never pushed: it says `mode: pull`,
  /// or says no mode and none of its targets pushes (when every target is known). DC4021 for a
  /// `weight` more than every member of a target can hold.
  mutating func checkDistribution(of task: TaskDefinition) {
    if let distribution = task.distribution { checkSkill(distribution.skill, of: task, setBy: nil) }
    let targets = task.target.workgroups.map { workgroups[$0.value] }
    if let timeout = task.dispatch.offerTimeout {
      if let mode = task.dispatch.mode, mode.value == .pull {
        report(
          Diagnostic(
            .offerTimeoutOnPullTask, "task '\(task.id.value)' has an offer time-out but is pulled", at: timeout.range,
            notes: [Note("the task says 'mode: pull' here", at: mode.range)],
            help: "make it 'mode: push', or leave 'offer_timeout' out"))
      } else if task.dispatch.mode == nil, case let known = targets.compactMap({ $0 }), known.count == targets.count,
        known.allSatisfy({ $0.dispatch.mode?.value != .push })
      {
        report(
          Diagnostic(
            .offerTimeoutOnPullTask, "task '\(task.id.value)' has an offer time-out but is pulled", at: timeout.range,
            notes: known.compactMap { group in
              group.dispatch.mode.map { Note("workgroup '\(group.header.id.value)' pulls here", at: $0.range) }
            }, help: "add 'mode: push' to the task's distribution, or leave 'offer_timeout' out"))
      }
    }
    if let weight = task.weight {
      for case let group? in targets
      where !group.members.isEmpty
        && group.members.allSatisfy({ ($0.capacity?.value ?? Workgroup.Member.defaultCapacity) < weight.value })
      {
        report(
          Diagnostic(
            .weightAboveCapacity,
            "task '\(task.id.value)' weighs \(weight.value), more than any member of '\(group.header.id.value)' can hold",
            at: weight.range, notes: [Note("the workgroup is defined here", at: group.header.id.range)],
            help: "raise a member's 'capacity', or lower the task's 'weight'"))
      }
    }
  }
}
