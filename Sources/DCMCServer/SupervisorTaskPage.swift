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
/// page (303, `?done=ACTION`), a refusal shows the page again with the reason, unchanged.
struct SupervisorTaskPage {
  let context: SupervisorPages
  let id: String

  static let actions = ["assign", "reassign", "priority", "ola", "sla", "reschedule"]

  func show(done: String?) -> HTTPResponse {
    let notice = done.flatMap {
      Self.actions.contains($0) ? SupervisorPages.notice(Self.saved($0), refused: false) : nil
    }
    return page(notices: notice.map { [$0] } ?? [])
  }

  func change(_ action: String) -> HTTPResponse {
    guard Self.actions.contains(action) else { return Pages.notFound }
    guard context.isSupervisor else { return context.notSupervisor }
    guard let form = context.postedForm() else { return SupervisorPages.expired }
    let command: Command
    switch self.command(action, form.fields) {
    case .success(let made): command = made
    case .failure(let problem): return page(status: 422, notices: [SupervisorPages.notice(problem.text, refused: true)])
    }
    guard let caseID = Self.caseID(of: id) else { return Pages.notFound }
    do {
      _ = try context.cases.execute(command, onCase: caseID, by: context.user)
    } catch {
      let problem = Problem(error)
      return page(status: problem.status, notices: [SupervisorPages.notice(problem.detail, refused: true)])
    }
    let target = context.link("\(SupervisorPages.root)/tasks/\(id)", [("done", action)])
    return SignInPage.redirect(to: target)
  }

  /// A form's value the command cannot take, in the words the page shows.
  struct Invalid: Error {
    var text: String
  }

  /// The command `action` asks for with `fields`.
  private func command(_ action: String, _ fields: [String: String]) -> Result<Command, Invalid> {
    let value = { (name: String) in String((fields[name] ?? "").trimmingSpaces) }
    switch action {
    case "assign":
      guard !value("to").isEmpty else { return .failure(Invalid(text: "choose the user to assign the task to")) }
      return .success(.assign(task: id, to: value("to")))
    case "reassign":
      guard !value("target").isEmpty else { return .failure(Invalid(text: "choose the workbin to move the task to")) }
      return .success(.reassign(task: id, target: value("target")))
    case "priority":
      guard let priority = Int(value("priority")), (0...100).contains(priority) else {
        return .failure(Invalid(text: "the priority is a whole number from 0 to 100"))
      }
      return .success(.setPriority(task: id, priority: priority))
    case "ola", "sla":
      // The OLA's days and hours from now, the case's SLA's from its creation: one form each.
      let prefix = action == "ola" ? "" : "sla-"
      let (days, hours) = (
        Int(value(prefix + "days").isEmpty ? "0" : value(prefix + "days")),
        Int(value(prefix + "hours").isEmpty ? "0" : value(prefix + "hours"))
      )
      guard let days, let hours, days >= 0, hours >= 0, days <= 3650, hours <= 10_000, days + hours > 0 else {
        return .failure(Invalid(text: "the \(action.uppercased()) is a positive number of business days and hours"))
      }
      return .success(
        action == "ola" ? .setOLA(task: id, days: days, seconds: hours * 3600) : .setSLA(days: days, seconds: hours * 3600))
    default:
      guard let until = Self.instant(local: value("until"), in: context.zone) else {
        return .failure(Invalid(text: "the time to reschedule until is a date and time, like 2026-03-02T09:00"))
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

  static func saved(_ action: String) -> String {
    switch action {
    case "assign": "The task is assigned."
    case "reassign": "The task is in its new workbin."
    case "priority": "The priority is set."
    case "ola": "The OLA is set."
    case "sla": "The case's SLA is set."
    default: "The task is rescheduled."
    }
  }

  /// The task's page, with `notices` above it.
  private func page(status given: Int = 200, notices: [HTML]) -> HTTPResponse {
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
    let csrf = context.csrf
    let facts: [(String, HTML)] = [
      ("Case", .tag("a", [("href", context.link("\(SupervisorPages.root)/cases/\(state.id)"))], text: state.id)),
      ("Status", .text(task.status.rawValue)), ("Workbin", .text(task.target)),
      ("Assignee", .text(task.offer.map { "offered to \($0.to)" } ?? task.assignee ?? "–")),
      ("Priority", .text(String(task.priority))), ("OLA due", context.time(task.olaDue)),
      ("Scheduled until", context.time(task.scheduledUntil)), ("Case SLA due", context.time(state.slaDue)),
    ]
    let members = workgroups.first { $0.id == task.target }.map { $0.members.map(\.user) } ?? []
    let content: [HTML] =
      notices + [
        .tag("h1", text: "\(task.name) \(task.id)"),
        .tag(
          "dl", [("class", "facts")],
          facts.flatMap { name, value in [.tag("dt", text: name), .tag("dd", [], [value])] }),
        .tag("h2", text: "Change the task"),
        .tag(
          "div", [("class", "actions")],
          [
            form("assign", "Assign", csrf, [Self.choice("to", "Assign to", members, selected: task.assignee)]),
            form(
              "reassign", "Move", csrf,
              [Self.choice("target", "Move to the workbin", workgroups.map(\.id).sorted(), selected: task.target)]),
            form(
              "priority", "Set priority", csrf,
              [Self.number("priority", "Priority (0 to 100)", String(task.priority), maximum: 100)]),
            form(
              "ola", "Set OLA", csrf,
              [Self.number("days", "OLA: business days from now", ""), Self.number("hours", "and business hours", "")]),
            form(
              "sla", "Set case SLA", csrf,
              [
                Self.number("sla-days", "Case SLA: business days from its creation", ""),
                Self.number("sla-hours", "and business hours", ""),
              ]),
            form(
              "reschedule", "Reschedule", csrf,
              [
                Self.labelled(
                  "until", "Back in the queue at (\(context.zone.name))",
                  .void("input", [("id", "until"), ("name", "until"), ("type", "datetime-local"), ("required", "")]))
              ]),
          ]),
      ]
    return context.page(given, title: "Task \(task.id)", content)
  }

  /// A form that POSTs `action`, its `fields` and a submit button.
  private func form(_ action: String, _ button: String, _ csrf: HTML, _ fields: [HTML]) -> HTML {
    .tag(
      "form",
      [
        ("method", "post"), ("action", context.link("\(SupervisorPages.root)/tasks/\(id)/\(action)")),
        ("id", "form-\(action)"),
      ],
      [csrf] + fields + [.tag("button", [("type", "submit")], text: button)])
  }

  private static func labelled(_ name: String, _ label: String, _ input: HTML) -> HTML {
    .tag("div", [("class", "field")], [.tag("label", [("for", name)], text: label), input])
  }

  /// A number input from 0 to `maximum` (none: no bound the browser checks).
  private static func number(_ name: String, _ label: String, _ value: String, maximum: Int? = nil) -> HTML {
    labelled(
      name, label,
      .void(
        "input",
        [("id", name), ("name", name), ("type", "number"), ("min", "0")] + (maximum.map { [("max", String($0))] } ?? [])
          + [("inputmode", "numeric"), ("value", value)]))
  }

  private static func choice(_ name: String, _ label: String, _ values: [String], selected: String?) -> HTML {
    let options =
      [HTML.tag("option", [("value", "")], text: "Choose…")]
      + values.map { .tag("option", [("value", $0)] + ($0 == selected ? [("selected", "")] : []), text: $0) }
    return labelled(name, label, .tag("select", [("id", name), ("name", name), ("required", "")], options))
  }
}
