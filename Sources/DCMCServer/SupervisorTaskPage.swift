import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCModel
import DCMCRuntime

/// `/supervisor/tasks/ID`: one task and the supervisor's changes to it, each a form that
/// POSTs to `/supervisor/tasks/ID/ACTION` with the CSRF token: assign to a member, move to
/// another workbin, set the priority, set the OLA (business days and hours from now, as `task
/// set --ola`), set the case's SLA (business days and hours from the case's creation, as `case
/// set --sla`), reschedule until a time in the viewer's zone. Each runs as the CLI's command
/// through the use cases, whose permission checks decide; a change made leads back to the
/// page (303, `?done=ACTION`, or `?unchanged=ACTION` when it recorded nothing: a repeated
/// priority, OLA or SLA), a refusal shows the page again with the reason, unchanged.
struct SupervisorTaskPage {
  let context: SupervisorPages
  let id: String

  static let actions = ["assign", "reassign", "priority", "ola", "sla", "reschedule"]

  /// The page, saying what the change of `outcome` did, if it names one of the page's.
  func show(_ outcome: SupervisorForms.Outcome?) -> HTTPResponse {
    page(notices: [], told: outcome.flatMap { Self.actions.contains($0.action) ? $0 : nil })
  }

  func change(_ action: String) -> HTTPResponse {
    guard Self.actions.contains(action), let caseID = Self.caseID(of: id) else { return Pages.notFound }
    return context.change(action, on: path, ofCase: caseID, { command(action, $0) }) { page(status: $0, notices: $1) }
  }

  /// The page's path, which its forms POST under.
  private var path: String { "\(SupervisorPages.root)/tasks/\(id)" }

  /// The command `action` asks for with `fields`.
  private func command(_ action: String, _ fields: [String: String]) -> Result<Command, SupervisorForms.Invalid> {
    if let deadline = SupervisorForms.Deadline(action, task: id) { return deadline.command(fields) }
    let value = { (name: String) in String((fields[name] ?? "").trimmingSpaces) }
    switch action {
    case "assign":
      if let problem = Pages.formIDProblem(value("to"), "the user to assign the task to") {
        return .failure(.init(text: problem))
      }
      return .success(.assign(task: id, to: value("to")))
    case "reassign":
      if let problem = Pages.formIDProblem(value("target"), "the workbin to move the task to") {
        return .failure(.init(text: problem))
      }
      return .success(.reassign(task: id, target: value("target")))
    case "priority":
      guard let priority = Int(value("priority")), (0...100).contains(priority) else {
        return .failure(.init(text: "the priority is a whole number from 0 to 100"))
      }
      return .success(.setPriority(task: id, priority: priority))
    default:
      guard let until = Self.instant(local: value("until"), in: context.zone) else {
        return .failure(.init(text: "the time to reschedule until is a date and time, like 2026-03-02T09:00"))
      }
      return .success(.reschedule(task: id, until: until))
    }
  }

  /// `2026-03-02T09:00` (a `datetime-local` input's value, seconds optional) in `zone`.
  static func instant(local text: String, in zone: ZoneRules) -> Instant? {
    let parts = text.split(separator: "T", maxSplits: 1)
    guard parts.count == 2, let date = LocalDate(parts[0]), LocalDate.supportedDays.contains(date.dayNumber) else {
      return nil
    }
    let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
    guard (2...3).contains(clock.count), let hour = clock[0], let minute = clock[1], (0..<24).contains(hour),
      (0..<60).contains(minute)
    else { return nil }
    let second = clock.count == 3 ? clock[2] : 0
    guard let second, (0..<60).contains(second) else { return nil }
    return zone.instant(local: date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second)
  }

  static func caseID(of task: String) -> String? {
    guard let dot = task.lastIndex(of: "."), dot != task.startIndex else { return nil }
    return String(task[..<dot])
  }

  private func saved(_ action: String) -> String {
    if let deadline = SupervisorForms.Deadline(action, task: id) { return deadline.saved }
    return switch action {
    case "assign": "The task is assigned."
    case "reassign": "The task is in its new workbin."
    case "priority": "The priority is set."
    default: "The task is rescheduled."
    }
  }

  /// What the change `action` that recorded nothing says, from the case as it is now: the
  /// priority, OLA or SLA the task or its case has already, the user who has it in hand, the
  /// workbin it is in, by its name as the page names it (a reschedule always records).
  private func unchanged(_ action: String, _ task: TaskState, of state: CaseState, _ workgroups: [BundleWorkgroup])
    -> [HTML]
  {
    if let deadline = SupervisorForms.Deadline(action, task: id) { return deadline.unchanged(in: state, context) }
    let already: String? =
      switch action {
      case "priority": "already has priority \(task.priority)"
      case "assign": task.inHand().map { "is already \($0)" }
      case "reassign": "is already in workbin \(Self.name(of: task.target, in: workgroups))"
      default: nil
      }
    return [.text("Nothing changed: the task " + (already ?? "is as it was") + ".")]
  }

  /// The task's page, with `notices` above it, and what the change of `told` did.
  private func page(status given: Int = 200, notices: [HTML], told: SupervisorForms.Outcome? = nil) -> HTTPResponse {
    let state: CaseState
    let workgroups: [BundleWorkgroup]
    do {
      guard context.isSupervisor else { return context.notSupervisor }
      guard let caseID = Self.caseID(of: id) else { return Pages.notFound }
      state = try context.cases.load(caseID)
      workgroups = try context.cases.directory.workgroups()
    } catch .refused(let refusal) where refusal.kind == .notFound {
      return Pages.notFound
    } catch {
      return Pages.unavailable(error)
    }
    guard let task = state.task(id) else { return Pages.notFound }
    let notices =
      notices
      + (told.map { told in
        [told.notice(saved: saved(told.action)) { unchanged(told.action, task, of: state, workgroups) }]
      } ?? [])
    let facts: [(String, HTML)] = [
      ("Case", .tag("a", [("href", context.link("\(SupervisorPages.root)/cases/\(state.id)"))], text: state.id)),
      ("Status", .text(task.status.rawValue)), ("Workbin", .text(Self.name(of: task.target, in: workgroups))),
      ("Assignee", .text(task.offer.map { "offered to \($0.to)" } ?? task.assignee ?? "–")),
      ("Priority", .text(String(task.priority))), ("OLA due", context.time(task.olaDue)),
      ("Scheduled until", context.time(task.scheduledUntil)), ("Case SLA due", context.time(state.slaDue)),
    ]
    let members = workgroups.first { $0.id == task.target }.map { $0.members.map { ($0.user, $0.user) } } ?? []
    let workbins = workgroups.map { ($0.id, $0.name) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    // Only the changes the supervisor may make, by the rules every command is checked by: to
    // a supervisor of another workgroup the others would be refused.
    let forms = changeForms(members: members, workbins: workbins, task: task).filter { action, _ in
      (try? context.cases.permits(Self.probe(action, task: id), on: state, by: context.user)) == true
    }
    let content: [HTML] =
      notices + [
        .tag("h1", text: "\(task.name) \(task.id)"),
        .tag(
          "dl", [("class", "facts")],
          facts.flatMap { name, value in [.tag("dt", text: name), .tag("dd", [], [value])] }),
        .tag("h2", text: "Change the task"),
        forms.isEmpty
          ? .tag("p", text: "You may not change this task: only a supervisor of its workbin may.")
          : .tag("div", [("class", "actions")], forms.map(\.form)),
      ]
    return context.page(given, title: "Task \(task.id)", content)
  }

  /// The page's change forms, each with its action.
  private func changeForms(members: [(String, String)], workbins: [(String, String)], task: TaskState)
    -> [(action: String, form: HTML)]
  {
    [
      (
        "assign",
        context.changeForm("assign", on: path, "Assign", [Self.choice("to", "Assign to", members, selected: task.assignee)])
      ),
      (
        "reassign",
        context.changeForm(
          "reassign", on: path, "Move", [Self.choice("target", "Move to the workbin", workbins, selected: task.target)])
      ),
      (
        "priority",
        context.changeForm(
          "priority", on: path, "Set priority",
          [SupervisorForms.number("priority", "Priority (0 to 100)", String(task.priority), maximum: 100)])
      ),
      ("ola", SupervisorForms.Deadline.ola(task: id).form(on: path, in: context)),
      ("sla", SupervisorForms.Deadline.sla.form(on: path, in: context)),
      (
        "reschedule",
        context.changeForm(
          "reschedule", on: path, "Reschedule",
          [
            SupervisorForms.labelled(
              "until", "Back in the queue at (\(context.zone.name))",
              .void("input", [("id", "until"), ("name", "until"), ("type", "datetime-local"), ("required", "")]))
          ])
      ),
    ]
  }

  /// A command of the change `action` on task `task`, whose values do not matter: asked of the
  /// permission rules, which look at who gives it and the task, not at what it sets.
  private static func probe(_ action: String, task: String) -> Command {
    switch action {
    case "assign": .assign(task: task, to: "")
    case "reassign": .reassign(task: task, target: "")
    case "priority": .setPriority(task: task, priority: 0)
    case "ola": .setOLA(task: task, days: 1, seconds: 0)
    case "sla": .setSLA(days: 1, seconds: 0)
    default: .reschedule(task: task, until: Instant(secondsSinceEpoch: 0))
    }
  }

  /// Workgroup `id`'s name, as the board shows it (an id no longer deployed: the id).
  private static func name(of id: String, in workgroups: [BundleWorkgroup]) -> String {
    workgroups.first { $0.id == id }?.name ?? id
  }

  /// A required list of `values` (each its value and the text shown), `selected` chosen.
  private static func choice(_ name: String, _ label: String, _ values: [(String, String)], selected: String?) -> HTML {
    let options =
      [HTML.tag("option", [("value", "")], text: "Choose…")]
      + values.map { value, text in
        .tag("option", [("value", value)] + (value == selected ? [("selected", "")] : []), text: text)
      }
    return SupervisorForms.labelled(name, label, .tag("select", [("id", name), ("name", name), ("required", "")], options))
  }
}
