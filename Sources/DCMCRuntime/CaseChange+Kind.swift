extension CaseChange {
  /// An event's type, as its record names it (`docs/store.md`, "Events"): what it is about
  /// (the case, one of its tasks, one of its timers or one of its notifications), a dot, and
  /// what happened to it, in snake_case. Facts the case holds without an id of their own (its
  /// stage, fields, status, attachments, interactions) are `case.` events.
  ///
  /// Not the trigger names of notifications (`case_created`, `Notification.event`), which are
  /// the definition language's.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case caseCreated = "case.created"
    case stageEntered = "case.stage_entered"
    case priorityChanged = "case.priority_changed"
    case fieldsSet = "case.fields_set"
    case statusChanged = "case.status_changed"
    case pended = "case.pended"
    case resumed = "case.resumed"
    case slaSet = "case.sla_set"
    case closed = "case.closed"
    case cancelled = "case.cancelled"
    case attachmentAdded = "case.attachment_added"
    case interactionLinked = "case.interaction_linked"
    case customerLinked = "case.customer_linked"
    case customerMoved = "case.customer_moved"
    case updated = "case.updated"
    case taskCreated = "task.created"
    case taskAssigned = "task.assigned"
    case taskOpened = "task.opened"
    case taskReleased = "task.released"
    case taskCompleted = "task.completed"
    case taskEscalated = "task.escalated"
    case taskCancelled = "task.cancelled"
    case taskReassigned = "task.reassigned"
    case taskPriorityChanged = "task.priority_changed"
    case taskOLAChanged = "task.ola_changed"
    case taskRescheduled = "task.rescheduled"
    case taskReturned = "task.returned"
    case taskOffered = "task.offered"
    case offerAccepted = "task.offer_accepted"
    case offerDeclined = "task.offer_declined"
    case offerExpired = "task.offer_expired"
    case offerWithdrawn = "task.offer_withdrawn"
    case escalationDeferred = "task.escalation_deferred"
    case tierExpanded = "task.tier_expanded"
    case timerFired = "timer.fired"
    case notificationQueued = "notification.queued"
    case notificationDelivered = "notification.delivered"
  }

  /// The change's type: `task.completed`.
  public var kind: Kind {
    switch self {
    case .created: .caseCreated
    case .stageEntered: .stageEntered
    case .taskCreated: .taskCreated
    case .taskAssigned: .taskAssigned
    case .taskOpened: .taskOpened
    case .taskReleased: .taskReleased
    case .taskCompleted: .taskCompleted
    case .taskEscalated: .taskEscalated
    case .taskCancelled: .taskCancelled
    case .taskReassigned: .taskReassigned
    case .taskPriorityChanged: .taskPriorityChanged
    case .taskOLAChanged: .taskOLAChanged
    case .taskRescheduled: .taskRescheduled
    case .taskReturned: .taskReturned
    case .taskOffered: .taskOffered
    case .offerAccepted: .offerAccepted
    case .offerDeclined: .offerDeclined
    case .offerExpired: .offerExpired
    case .offerWithdrawn: .offerWithdrawn
    case .updated: .updated
    case .timerFired: .timerFired
    case .escalationDeferred: .escalationDeferred
    case .tierExpanded: .tierExpanded
    case .priorityChanged: .priorityChanged
    case .fieldsSet: .fieldsSet
    case .statusChanged: .statusChanged
    case .pended: .pended
    case .resumed: .resumed
    case .slaSet: .slaSet
    case .closed: .closed
    case .cancelled: .cancelled
    case .notificationQueued: .notificationQueued
    case .notificationDelivered: .notificationDelivered
    case .attachmentAdded: .attachmentAdded
    case .interactionLinked: .interactionLinked
    case .customerLinked: .customerLinked
    case .customerMoved: .customerMoved
    }
  }
}
