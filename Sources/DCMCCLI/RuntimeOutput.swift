import DCMCCalendar
import DCMCJSON
import DCMCRuntime

/// The JSON of SPEC section 13 and the readable text of runtime commands.
enum RuntimeOutput {
  /// A JSON value as the CLI prints it: the canonical pretty form.
  static func text(_ json: JSONValue) -> String { json.prettyText() }

  static func list(_ values: [JSONValue]) -> String { text(.array(values)) }

  /// An event of `case history`: `seq`, `at`, `type`, `by` and the event's own data.
  static func event(_ event: CaseEvent) -> JSONValue {
    var entries: [(key: String, value: JSONValue)] = [
      ("seq", .number(String(event.seq))), ("at", .string(event.at.description)), ("type", .string(event.change.name)),
      ("by", event.by.map { .string($0) } ?? .null),
    ]
    entries += details(event.change).map { ($0.0, .string($0.1)) }
    return .object(entries)
  }

  /// The event's own data, as text.
  static func details(_ change: CaseChange) -> [(String, String)] {
    switch change {
    case .created(let created): [("case", created.id), ("case_type", created.type), ("priority", "\(created.priority)")]
    case .stageEntered(let stage): [("stage", stage)]
    case .taskCreated(let task): [("task", "\(task.number)"), ("definition", task.definition), ("target", task.target)]
    case .taskAssigned(let task, let user): [("task", "\(task)"), ("to", user)]
    case .taskOpened(let task), .taskReleased(let task), .taskCancelled(let task), .escalationDeferred(let task):
      [("task", "\(task)")]
    case .taskCompleted(let task, let outcome): [("task", "\(task)"), ("outcome", outcome)]
    case .taskEscalated(let task, let outcome): [("task", "\(task)")] + (outcome.map { [("outcome", $0)] } ?? [])
    case .taskReassigned(let task, let target): [("task", "\(task)"), ("target", target)]
    case .taskPriorityChanged(let task, let priority): [("task", "\(task)"), ("priority", "\(priority)")]
    case .taskOLAChanged(let task, let due, _): [("task", "\(task)"), ("ola_due", due?.description ?? "")]
    case .timerFired(let timer): [("timer", timer.kind.rawValue), ("due", timer.due.description)] + (timer.task.map { [("task", "\($0)")] } ?? [])
    case .tierExpanded(let task, let tier, _): [("task", "\(task)"), ("tier", "\(tier)")]
    case .priorityChanged(let priority): [("priority", "\(priority)")]
    case .fieldsSet(let values): values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    case .statusChanged(let status): [("status", status.rawValue)]
    case .pended, .cancelled: []
    case .resumed(let due, _): [("sla_due", due?.description ?? "")]
    case .closed(let resolution): [("resolution", resolution)]
    case .notificationQueued(let note): [("notification", note.id), ("template", note.template), ("to", note.to)]
    case .notificationDelivered(let id): [("notification", id)]
    case .attachmentAdded(let attachment): [("name", attachment.name)]
    case .interactionLinked(let interaction): [("interaction", interaction)]
    }
  }

  // MARK: Text

  static func caseText(_ state: CaseState) -> String {
    var text = "\(state.id)  \(state.type)  \(state.status.rawValue)"
    if let resolution = state.resolution { text += " (\(resolution))" }
    text += "  priority \(state.priority)"
    if let due = state.slaDue { text += "  SLA due \(due)" }
    text += "\n"
    for task in state.tasks { text += "  " + taskText(task) + "\n" }
    return text
  }

  static func taskText(_ task: TaskState) -> String {
    var text = "\(task.id)  \(task.definition)  \(task.status.rawValue)  \(task.target)"
    if let assignee = task.assignee { text += "  \(assignee)" }
    text += "  priority \(task.priority)"
    if let due = task.olaDue { text += "  OLA due \(due)" }
    return text
  }

  static func eventText(_ event: CaseEvent) -> String {
    let details = details(event.change).map { "\($0.0)=\($0.1)" }.joined(separator: " ")
    return "\(event.seq)  \(event.at)  \(event.by ?? "-")  \(event.change.name)" + (details.isEmpty ? "" : "  " + details)
  }
}
