import DCMCApplication
import DCMCJSON
import DCMCRuntime

extension TaskCommand {
  /// Runs a task request on the store and prints its result.
  static func run(_ request: Request, _ options: RuntimeOptions, _ terminal: Terminal) throws(UsageError) -> Int32 {
    switch request {
    case .list(let workbin, let mine):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        try runtime.service.reading(by: options.user)
        let shown = try runtime.service.tasks(inWorkbin: workbin, heldBy: mine ? options.user : nil)
        return options.json
          ? RuntimeOutput.list(shown.map { TaskView($0.task, of: $0.of).json })
          : shown.map { runtime.taskText($0.task, of: $0.of) }.joined(separator: "\n")
      }
    case .next(let requestID):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let request = try requestID.map { text throws(ServiceError) in try CommandRequest(id: text, asking: ["task next"]) }
        let runtime = try options.open()
        let (task, state) = try runtime.service.claimNext(by: options.user, request: request)
        return options.json
          ? RuntimeOutput.text(TaskView(task, of: state).json) : "claimed " + runtime.taskText(task, of: state)
      }
    case .offers:
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        let shown = try runtime.service.offers(to: options.user)
        return options.json
          ? RuntimeOutput.list(shown.map { TaskView($0.task, of: $0.of).json })
          : shown.map { runtime.taskText($0.task, of: $0.of) }.joined(separator: "\n")
      }
    case .change(let id, let caseID, let command):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        let state = try runtime.service.execute(command, onCase: caseID, by: options.user)
        guard let task = state.task(id) else { return runtime.caseText(state) }
        return options.json ? RuntimeOutput.text(TaskView(task, of: state).json) : runtime.taskText(task, of: state)
      }
    case .recording(let id, let caseID, let command):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let runtime = try options.open()
        let (state, recorded) = try runtime.service.executeRecording(command, onCase: caseID, by: options.user)
        guard let task = state.task(id) else { return runtime.caseText(state) }
        return RuntimeOutput.recording(
          recorded, json: options.json ? TaskView(task, of: state).json : nil,
          done: { runtime.taskText(task, of: state) }
        ) { "task \(task.id) \(unchanged(command, task, of: state, runtime))" }
      }
    }
  }

  /// What the task has already, that `command` gave it again and so recorded nothing.
  private static func unchanged(_ command: Command, _ task: TaskState, of state: CaseState, _ runtime: Runtime)
    -> String
  {
    switch command {
    case .setPriority: return "already has priority \(task.priority)"
    case .assign: return "is already \(task.inHand() ?? "held")"
    case .reassign: return "is already in workbin \(task.target)"
    default: return "already has this OLA" + (runtime.olaDue(task, of: state).map { " (due \($0))" } ?? "")
    }
  }
}
