import DCMCCalendar
import DCMCJSON
import DCMCRuntime
internal import DCMCText

/// The JSON of SPEC section 13 and the readable text of runtime commands.
enum RuntimeOutput {
  /// A JSON value as the CLI prints it: the canonical pretty form.
  static func text(_ json: JSONValue) -> String { json.prettyText() }

  static func list(_ values: [JSONValue]) -> String { text(.array(values)) }

  /// What a change that may record nothing prints (`case set`, `case update`, `task set`):
  /// with `json` (the view, under --json) that view with `"recorded"`; else `done` when it
  /// recorded something, or `already` (what the case or task has already) and "nothing
  /// recorded".
  static func recording(_ recorded: Bool, json: JSONValue?, done: () -> String, already: () -> String) -> String {
    if let json { return text(json.setting("recorded", to: .bool(recorded))) }
    return recorded ? done() : already() + "; nothing recorded"
  }

  /// An event of `case history --json`: its record as the store keeps it (`docs/store.md`,
  /// "Events"): `seq`, `at`, `type`, `by` and the event's own data.
  static func event(_ event: CaseEvent, of caseID: String) -> JSONValue { event.json(caseID: caseID) }

  /// The event's own data in a few words, for the human line: the keys of its record, without
  /// the rendered text of a notification and the times of a task's OLA and tier.
  private static func details(_ change: CaseChange, of caseID: String) -> [(String, String)] {
    func task(_ number: Int) -> String { TaskState.id(case: caseID, number: number) }
    return switch change {
    case .created(let created):
      [("case", created.id), ("case_type", created.type), ("priority", "\(created.priority)")]
    case .stageEntered(let stage): [("stage", stage)]
    case .taskCreated(let created):
      [("task", task(created.number)), ("definition", created.definition), ("target", created.target)]
    case .taskAssigned(let number, let user): [("task", task(number)), ("to", user)]
    case .taskOpened(let number), .taskReleased(let number), .taskCancelled(let number),
      .escalationDeferred(let number):
      [("task", task(number))]
    case .taskCompleted(let number, let outcome): [("task", task(number)), ("outcome", outcome)]
    case .taskEscalated(let number, let outcome, let byTimer):
      [("task", task(number))] + (outcome.map { [("outcome", $0)] } ?? []) + (byTimer ? [("by_timer", "true")] : [])
    case .taskReassigned(let number, let target): [("task", task(number)), ("target", target)]
    case .taskPriorityChanged(let number, let priority): [("task", task(number)), ("priority", "\(priority)")]
    case .taskOLAChanged(let number, let due, _): [("task", task(number)), ("ola_due", due?.description ?? "none")]
    case .taskRescheduled(let number, let until): [("task", task(number)), ("until", until.description)]
    case .taskReturned(let number, let due, _, _): [("task", task(number)), ("ola_due", due?.description ?? "none")]
    case .taskOffered(let number, let user, let expires):
      [("task", task(number)), ("to", user), ("expires", expires.description)]
    case .offerAccepted(let number): [("task", task(number))]
    case .offerDeclined(let number, let reason, _): [("task", task(number)), ("reason", reason)]
    case .offerExpired(let number, let user): [("task", task(number)), ("user", user)]
    case .offerWithdrawn(let number, let user, let reason): [("task", task(number)), ("user", user), ("reason", reason)]
    case .updated(let update): updateDetails(update, of: caseID)
    case .timerFired(let timer):
      [("timer", timer.kind.rawValue), ("due", timer.due.description)] + (timer.task.map { [("task", task($0))] } ?? [])
    case .tierExpanded(let number, let tier, _): [("task", task(number)), ("tier", "\(tier)")]
    case .priorityChanged(let priority): [("priority", "\(priority)")]
    case .fieldsSet(let values): values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    case .statusChanged(let status): [("status", status.rawValue)]
    case .pended(let pausesSLA): [("pauses_sla", "\(pausesSLA)")]
    case .cancelled: []
    case .resumed(let due, _): [("sla_due", due?.description ?? "none")]
    case .slaSet(let sla, let due, _): [("sla", sla.text), ("sla_due", due?.description ?? "none")]
    case .closed(let resolution): [("resolution", resolution)]
    case .notificationQueued(let note): [("notification", note.id), ("template", note.template), ("to", note.to)]
    case .notificationDelivered(let id): [("notification", id)]
    case .attachmentAdded(let attachment): [("name", attachment.name)]
    case .interactionLinked(let interaction): [("interaction", interaction)]
    case .customerLinked(let customer): [("customer", customer)]
    case .customerMoved(let from, let to): [("from", from), ("to", to)]
    }
  }

  /// `Segment=silver->gold priority=50->75 task=TEC-000001.1 target=front->experts`: each
  /// changed field, the case's classification, then each task reclassified (`-` for no value).
  private static func updateDetails(_ update: CaseUpdate, of caseID: String) -> [(String, String)] {
    func pair<Value>(_ change: CaseUpdate.Change<Value>, _ text: (Value) -> String) -> String {
      text(change.before) + "->" + text(change.after)
    }
    let text = { (value: String?) in value ?? "-" }
    var details = update.fields.sorted { $0.key < $1.key }.map { ($0.key, pair($0.value, text)) }
    if let change = update.priority { details.append(("priority", pair(change) { "\($0)" })) }
    if let change = update.skill { details.append(("skill", pair(change, text))) }
    for task in update.tasks {
      details.append(("task", TaskState.id(case: caseID, number: task.task)))
      if let change = task.priority { details.append(("priority", pair(change) { "\($0)" })) }
      if let change = task.target { details.append(("target", pair(change) { $0 })) }
      if let change = task.skill { details.append(("skill", pair(change, text))) }
    }
    return details
  }

  // MARK: Text

  /// A case (with its customer, or `customer ambiguous` while several records matched) and
  /// its tasks, due times read in the zone of the calendar that governs them
  /// (UTC when the case's bundle cannot be read); a pending case whose SLA stands still shows
  /// when it would be due if resumed `now`, and an SLA a supervisor set says so.
  static func caseText(_ state: CaseState, _ definitions: RuntimeDefinitions?, now: Instant) -> String {
    var text = "\(state.id)  \(state.type)  \(state.status.rawValue)"
    if let resolution = state.resolution { text += " (\(resolution))" }
    if let customer = state.customer {
      text += "  customer \(customer)"
    } else if state.identification == .ambiguous {
      text += "  customer ambiguous"
    }
    text += "  priority \(state.priority)"
    let due = definitions.map { $0.slaDue(of: state, at: now) } ?? state.slaDue
    if let due {
      let time = ZonedTime(due, in: definitions?.slaCalendar(of: state).zone ?? .utc)
      // A supervisor's SLA (`case set --sla`), not the case type's, said in the same parentheses.
      let set = state.sla.map { "SLA set to \($0.text)" }
      if state.slaStandsStill {
        text += "  SLA paused (due \(time) if resumed now" + (set.map { "; \($0)" } ?? "") + ")"
      } else {
        text += "  SLA due \(time)" + (set.map { " (\($0))" } ?? "")
      }
    }
    text += "\n"
    for task in state.tasks { text += "  " + taskText(task, of: state, definitions) + "\n" }
    return text
  }

  static func taskText(_ task: TaskState, of state: CaseState, _ definitions: RuntimeDefinitions?) -> String {
    var text = "\(task.id)  \(task.definition)  \(task.status.rawValue)  \(task.target)"
    if let assignee = task.assignee { text += "  \(assignee)" }
    let zone = definitions?.caseTypeCalendar(of: state).zone ?? .utc
    // An offer stands until its time-out, an advisor's clock time to the second: a time-out
    // lasts seconds.
    if let offer = task.offer {
      text += "  to \(offer.to) until \(ZonedTime(offer.expires, in: zone).descriptionToTheSecond)"
    }
    text += "  priority \(task.priority)"
    if let until = task.scheduledUntil {
      // Its OLA clock stands still until then.
      text += "  until \(ZonedTime(until, in: zone))" + (task.olaDue == nil ? "" : "  OLA stopped")
    } else if let due = olaDue(task, of: state, definitions) {
      text += "  OLA due \(due)"
    }
    return text
  }

  /// When `task`'s OLA is due, in the zone of its OLA's calendar (UTC when the case's bundle
  /// cannot be read); `nil` when it has none.
  static func olaDue(_ task: TaskState, of state: CaseState, _ definitions: RuntimeDefinitions?) -> ZonedTime? {
    task.olaDue.map { ZonedTime($0, in: definitions?.olaCalendar(of: task, in: state).zone ?? .utc) }
  }

  /// `7  2026-03-02T08:20:00Z  alice  task.assigned  task=TEC-000001.1 to=alice`: one line
  /// whatever the values hold (their control characters escaped, `String.escapingControls`).
  static func eventText(_ event: CaseEvent, of caseID: String) -> String {
    let details = details(event.change, of: caseID).map { "\($0.0)=\($0.1)" }.joined(separator: " ").escapingControls
    return "\(event.seq)  \(event.at)  \((event.by ?? "-").escapingControls)  \(event.change.kind.rawValue)"
      + (details.isEmpty ? "" : "  " + details)
  }
}
