import DCMCApplication
import DCMCCalendar

/// One generated case's life, told event by event, and the report facts each event gives
/// (`ReportFact.facts(of:)`'s kinds, in its order: the event's own fact, the case's status
/// left, then each task's first take, status left and end).
struct CaseStory {
  struct Task {
    var number: Int
    var definition: String
    var target: String
    var created: Instant
    var status: String
    var since: Instant
    var user: String?
    var olaDue: Instant
  }

  let id: String
  let type: String
  let opened: Instant
  private(set) var facts: [ReportFact] = []
  private var now: Instant
  private var seq = 0
  private var status = "open"
  private var statusSince: Instant
  private var slaDue: Instant?
  private var tasks = 0

  init(id: String, type: String, opened: Instant) {
    self.id = id
    self.type = type
    self.opened = opened
    now = opened
    statusSince = opened
  }

  private func fact(_ kind: ReportFact.Kind, _ task: Task? = nil) -> ReportFact {
    ReportFact(
      kind, at: now, subject: id, seq: seq, type: type, task: task?.number,
      definition: task?.definition,
      target: task?.target)
  }

  /// `case.created`.
  mutating func open(slaSeconds: Int) {
    seq += 1
    slaDue = opened.adding(seconds: slaSeconds)
    var made = fact(.opened)
    made.due = slaDue
    facts.append(made)
  }

  /// A task created now (with the case, or by an escalation), queued in `target`.
  mutating func task(definition: String, target: String, olaSeconds: Int) -> Task {
    tasks += 1
    return Task(
      number: tasks, definition: definition, target: target, created: now, status: "queued",
      since: now, user: nil,
      olaDue: now.adding(seconds: olaSeconds))
  }

  /// The case leaves its status for `next`.
  private mutating func moveCase(to next: String) {
    guard next != status else { return }
    var left = fact(.caseStatus)
    left.state = status
    left.since = statusSince
    facts.append(left)
    (status, statusSince) = (next, now)
  }

  /// The task leaves its status for `next`.
  private mutating func move(_ task: inout Task, to next: String) {
    var left = fact(.taskStatus, task)
    left.state = task.status
    left.user = task.status == "queued" ? nil : task.user
    left.since = task.since
    facts.append(left)
    (task.status, task.since) = (next, now)
  }

  /// `user` takes the task `after` seconds in its queue.
  mutating func take(_ task: inout Task, by user: String, after seconds: Int) {
    now = now.adding(seconds: seconds)
    seq += 1
    if status == "open" { moveCase(to: "in_progress") }
    task.user = user
    var taken = fact(.taken, task)
    taken.user = user
    taken.since = task.created
    facts.append(taken)
    move(&task, to: "assigned")
  }

  private mutating func end(_ task: inout Task, _ state: String, outcome: String?) {
    move(&task, to: state)
    var ended = fact(.taskEnded, task)
    ended.state = state
    ended.reason = outcome
    ended.user = task.user
    ended.since = task.created
    ended.due = task.olaDue
    ended.met = now <= task.olaDue
    facts.append(ended)
  }

  /// The task's holder completes it with `outcome` after `seconds` of work.
  mutating func complete(_ task: inout Task, outcome: String, after seconds: Int) {
    now = now.adding(seconds: seconds)
    seq += 1
    end(&task, "completed", outcome: outcome)
  }

  /// The task's holder escalates it by hand after `seconds` of work.
  mutating func escalateByHand(_ task: inout Task, after seconds: Int) {
    now = now.adding(seconds: seconds)
    seq += 1
    var escalated = fact(.escalated, task)
    escalated.user = task.user
    facts.append(escalated)
    moveCase(to: "escalated")
    end(&task, "escalated", outcome: nil)
  }

  /// The system escalates the task, never taken, when its OLA is breached `seconds` after
  /// its creation.
  mutating func escalateUntaken(_ task: inout Task, after seconds: Int) {
    now = now.adding(seconds: seconds)
    seq += 1
    facts.append(fact(.escalated, task))
    moveCase(to: "escalated")
    end(&task, "escalated", outcome: nil)
  }

  /// The case waits for the customer `seconds`, then resumes.
  mutating func pend(for seconds: Int) {
    seq += 1
    moveCase(to: "pending")
    now = now.adding(seconds: seconds)
    seq += 1
    moveCase(to: "in_progress")
  }

  /// `user` closes the case now, with `resolution`.
  mutating func close(resolution: String, by user: String?) {
    seq += 1
    var closed = fact(.closed)
    closed.state = resolution
    closed.user = user
    closed.since = opened
    closed.due = slaDue
    closed.met = slaDue.map { now <= $0 }
    facts.append(closed)
    moveCase(to: "closed")
  }
}
