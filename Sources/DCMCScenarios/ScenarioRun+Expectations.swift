import DCMCApplication
import DCMCModel
import DCMCRuntime

extension ScenarioRun {
  /// `expect: { task: ..., status, target, assignee, priority, skill }` or
  /// `expect: { case: status, resolution, priority, customer, identification, customer_status }`
  /// (`customer_status`: the words of `customer cases`, from `CustomerCaseView`).
  mutating func expect(_ step: ScenarioStep) {
    let expectations = step.expectations.map { ($0.key.value, $0.value.value) }
    guard let state else {
      fail(step, expected: "a case", found: "none created yet")
      return
    }
    if let taskID = step.task?.value {
      guard let task = state.tasks.last(where: { $0.definition == taskID }) else {
        fail(step, expected: "a task '\(taskID)'", found: "tasks \(state.tasks.map(\.definition))")
        return
      }
      for (key, expected) in expectations {
        let found: String? =
          switch key {
          case "status": task.status.rawValue
          case "target": task.target
          case "assignee": task.assignee ?? "none"
          case "priority": String(task.priority)
          case "skill": skill(of: task, in: state) ?? "none"
          default: nil
          }
        guard let found else {
          unchecked(step, key, of: "a task", ScenarioStep.taskExpectationKeys)
          continue
        }
        check(step, "task '\(taskID)' \(key)", expected: key == "priority" ? priorityText(expected) : expected, found)
      }
      return
    }
    for (key, expected) in expectations {
      let found: String? =
        switch key {
        case "case": state.status.rawValue
        case "resolution": state.resolution ?? "none"
        case "priority": String(state.priority)
        case "customer": state.customer ?? "none"
        case "identification": state.identification?.rawValue ?? "none"
        case "customer_status": CustomerCaseView(state, definitions: engine.definitions, at: service.clock.now()).status
        default: nil
        }
      guard let found else {
        unchecked(step, key, of: "the case", ScenarioStep.caseExpectationKeys)
        continue
      }
      let what = key == "case" ? "case status" : "case \(key)"
      check(step, what, expected: key == "priority" ? priorityText(expected) : expected, found)
    }
  }

  /// A key an `expect` of `subject` does not check (the checker reports it, DC8002).
  private mutating func unchecked(_ step: ScenarioStep, _ key: String, of subject: String, _ keys: [String]) {
    fail(step, expected: "one of the values of \(subject) (\(keys.joined(separator: ", ")))", found: "'\(key)'")
  }

  /// `expect_notification: { template, to, channel, event }`: some notification queued so
  /// far has all the values given.
  mutating func expectNotification(_ step: ScenarioStep) {
    let wanted = step.expectations.map { ($0.key.value, $0.value.value) }
    let queued = outbox
    let match = queued.contains { notification in
      wanted.allSatisfy { key, value in
        switch key {
        case "template": notification.template == value
        case "to": notification.to == value
        case "channel": notification.channel == value
        case "event": notification.event == value
        default: false
        }
      }
    }
    if !match {
      let description = wanted.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
      let found = queued.map { "\($0.template) to \($0.to) (\($0.event), \($0.channel))" }
      fail(step, expected: "a notification with \(description)", found: found.isEmpty ? "none" : found.joined(separator: "; "))
    }
  }

  /// `expect_offer: { task, to }`: the task's latest instance is among the offers `task offers`
  /// lists for `to`, read through the same use case.
  mutating func expectOffer(_ step: ScenarioStep) {
    let user = step.user?.value ?? ""
    let task = step.task.flatMap { id in state?.tasks.last { $0.definition == id.value } }
    do throws(ServiceError) {
      let offered = try service.offers(to: user).filter { $0.of.id == caseID }.map(\.task)
      if let task, offered.contains(where: { $0.id == task.id }) { return }
      let found = offered.map(\.definition)
      fail(
        step, expected: "task '\(step.task?.value ?? "")' offered to '\(user)'",
        found: found.isEmpty ? "no offer" : "offers of \(found)")
    } catch {
      fail(step, expected: "the offers to '\(user)'", found: "refused: \(error)")
    }
  }

  /// `expect_presence: { user, state, reason, load }`: the user's line of `presence list`, read
  /// through the same use case (as the user themselves), has the state, the reason (none
  /// unless given) and, when given, the load.
  mutating func expectPresence(_ step: ScenarioStep) {
    let user = step.user?.value ?? ""
    let presence = PresenceService(
      repository: repository, queries: repository, definitions: service.definitions, directory: service.directory,
      clock: service.clock)
    let view: PresenceView
    do throws(ServiceError) {
      guard let found = try presence.list(workgroup: nil, by: user).first(where: { $0.user == user }) else {
        fail(step, expected: "a presence of '\(user)'", found: "none")
        return
      }
      view = found
    } catch {
      fail(step, expected: "the presence of '\(user)'", found: "refused: \(error)")
      return
    }
    let reason = view.status.reason.map { " (\($0))" } ?? ""
    let expectedReason = step.reason.map { " (\($0.value))" } ?? ""
    check(
      step, "presence of '\(user)'", expected: (step.state?.value ?? "") + expectedReason, view.status.name + reason)
    for (key, value) in step.expectations where key.value == "load" {
      check(step, "load of '\(user)'", expected: value.value, String(view.load))
    }
  }

  mutating func check(_ step: ScenarioStep, _ what: String, expected: String, _ found: String) {
    if found != expected { fail(step, expected: "\(what) \(expected)", found: found) }
  }

  /// The skill a task is offered by: the one a creation rule set on the case, else its
  /// distribution's; `nil` for a task not distributed by skill.
  func skill(of task: TaskState, in state: CaseState) -> String? {
    guard let distribution = caseType?.task(task.definition)?.distribution else { return nil }
    return state.skill ?? distribution.skill
  }

  /// `high` as `75`; numbers as they are.
  func priorityText(_ text: String) -> String {
    Priority(text).map { String($0.value) } ?? text
  }
}
