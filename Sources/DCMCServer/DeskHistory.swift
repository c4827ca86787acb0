import DCMCRuntime

/// A case's history in readable words for the desk's case page (`case history` without the
/// JSON): "Task 'Check the line' assigned to bob", "Case put on hold". Tasks are named by
/// their names, as the case knows them.
enum DeskHistory {
  /// What `change` did, as a sentence without a final period; `names` are the case's task
  /// names by number.
  static func words(_ change: CaseChange, names: [Int: String]) -> String {
    func task(_ number: Int) -> String { "Task '\(names[number] ?? "#\(number)")'" }
    switch change {
    case .created(let created): return "Case \(created.id) opened"
    case .stageEntered(let stage): return "Stage '\(stage)' entered"
    case .taskCreated(let created): return "Task '\(created.name)' created for \(created.target)"
    case .taskAssigned(let number, let user): return "\(task(number)) assigned to \(user)"
    case .taskOpened(let number): return "\(task(number)) opened"
    case .taskReleased(let number): return "\(task(number)) put back in its workbin"
    case .taskCompleted(let number, let outcome): return "\(task(number)) completed: \(outcome)"
    case .taskEscalated(let number, _, _): return "\(task(number)) escalated"
    case .taskCancelled(let number): return "\(task(number)) cancelled"
    case .taskReassigned(let number, let target): return "\(task(number)) moved to \(target)"
    case .taskPriorityChanged(let number, let priority): return "\(task(number)) priority set to \(priority)"
    case .taskOLAChanged(let number, _, _): return "\(task(number)) due time changed"
    case .taskRescheduled(let number, _): return "\(task(number)) rescheduled"
    case .taskReturned(let number, _, _, _): return "\(task(number)) back in its workbin"
    case .taskOffered(let number, let user, _): return "\(task(number)) offered to \(user)"
    case .offerAccepted(let number): return "\(task(number)) accepted"
    case .offerDeclined(let number, let reason, _): return "\(task(number)) declined (\(reason))"
    case .offerExpired(let number, let user): return "\(task(number)) not answered by \(user) in time"
    case .offerWithdrawn(let number, let user, let reason): return "\(task(number)) taken back from \(user), now \(reason)"
    case .updated(let update):
      let fields = update.fields.sorted { $0.key < $1.key }.map { $0.key + ($0.value.after == nil ? " (cleared)" : "") }
      return "Case data changed: \(fields.joined(separator: ", "))"
    case .timerFired(let timer): return "Timer: \(timer.kind.rawValue.replacing("_", with: " "))"
    case .escalationDeferred(let number): return "\(task(number)) escalation waits for its release"
    case .tierExpanded(let number, let tier, _): return "\(task(number)) offered more widely (tier \(tier))"
    case .priorityChanged(let priority): return "Case priority set to \(priority)"
    case .fieldsSet(let values): return "Case data set: \(values.keys.sorted().joined(separator: ", "))"
    case .statusChanged(let status): return "Case \(status.rawValue.replacing("_", with: " "))"
    case .pended: return "Case put on hold"
    case .resumed: return "Case taken up again"
    case .slaSet(let sla, _, _): return "Case SLA set to \(sla.text)"
    case .closed(let resolution): return "Case closed: \(resolution)"
    case .cancelled: return "Case cancelled"
    case .notificationQueued(let note): return "Notification '\(note.template)' queued for \(note.to)"
    case .notificationDelivered: return "Notification delivered"
    case .attachmentAdded(let attachment): return "File '\(attachment.name)' attached"
    case .interactionLinked(let interaction): return "Interaction \(interaction) linked"
    case .customerLinked(let customer): return "Linked to customer \(customer)"
    case .customerMoved(let from, let to): return "Customer \(from) merged into \(to)"
    }
  }
}
