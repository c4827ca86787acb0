import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// DC7015 when a task's OLA, counted on `24x7`, is no longer than the `answer_within` of a
  /// workgroup it is routed to: the task breaches its OLA before it misses the service level.
  /// An OLA on a business calendar is not compared: its length in wall-clock time varies.
  mutating func checkServiceLevels(of task: TaskDefinition, in caseType: CaseType) {
    guard let ola = task.ola,
      (ola.calendar ?? caseType.calendar).value == CalendarDefinition.alwaysOpenID
    else {
      return
    }
    let olaSeconds = ola.within.value.totalSeconds(dayLength: 86_400)
    for reference in task.target.workgroups {
      guard let group = workgroups[reference.value], let level = group.serviceLevel,
        level.answerWithin.value.totalSeconds(dayLength: 86_400) >= olaSeconds
      else { continue }
      report(
        Diagnostic(
          .answerWithinBeyondOLA,
          "task '\(task.id.value)' breaches its \(ola.within.value) OLA before the "
            + "\(level.answerWithin.value) service level of '\(group.header.id.value)' counts it late",
          at: ola.within.range,
          notes: [Note("the service level is set here", at: level.answerWithin.range)],
          help: "shorten 'answer_within', or lengthen the OLA"))
    }
  }
}
