import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// Scenarios are checked for structure and references here; they run in `dcmc test`.
  mutating func check(_ scenario: Scenario) {
    guard
      resolve(scenario.caseType, among: caseTypes, code: .unknownCaseType, noun: "case type", declaredAt: { $0.header.id.range }),
      let caseType = caseTypes[scenario.caseType.value]
    else { return }
    let tasks = Dictionary(caseType.tasks.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
    let fields = Dictionary(caseType.fields.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
    for step in scenario.steps {
      check(step, tasks: tasks, fields: fields, refused: false)
    }
  }

  /// A step inside `expect_error` (`refused`) may name an outcome the task lacks or give
  /// a value its field refuses: that is what the scenario tests the runtime refuses.
  private mutating func check(
    _ step: ScenarioStep, tasks: [String: TaskDefinition], fields: [String: FieldDefinition], refused: Bool
  ) {
    for inner in step.refused {
      check(inner, tasks: tasks, fields: fields, refused: true)
    }
    if let actor = step.actor { resolveUser(actor) }
    if let user = step.user { resolveUser(user) }
    if let target = step.target { resolveWorkgroup(target) }
    var task: TaskDefinition?
    if let id = step.task, resolve(id, among: tasks, code: .unknownTask, noun: "task", declaredAt: { $0.id.range }) {
      task = tasks[id.value]
    }
    if let outcome = step.outcome, let task, !refused {
      let outcomes = Dictionary(task.outcomes.map { ($0.code.value, $0.code.range) }, uniquingKeysWith: { a, _ in a })
      resolve(outcome, among: outcomes, code: .unknownOutcome, noun: "outcome", context: "task '\(task.id.value)'") {
        $0
      }
    }
    switch refused ? nil : step.action.value {
    case .create, .update:
      for assignment in step.fields { checkAssignment(assignment, fields: fields) }
      if let channel = step.channel {
        checkExpectation(key: Located("contact_channel", at: channel.range), value: channel, action: .create)
      }
    case .customer:
      let profile = Dictionary(
        (definitions.customerProfiles.first?.fields ?? []).map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
      for assignment in step.fields where !["name", "email", "phone"].contains(assignment.field.value) {
        checkAssignment(assignment, fields: profile)
      }
    case .complete:
      if let task, task.kind == .form {
        let formFields = Dictionary(task.fields.map { ($0.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        for assignment in step.fields { checkAssignment(assignment, fields: formFields) }
      }
    case .presence:
      if let state = step.state {
        checkExpectation(key: Located("presence", at: state.range), value: state, action: .presence)
      }
    case .expectPresence:
      if let state = step.state {
        checkExpectation(key: Located("presence_state", at: state.range), value: state, action: .expectPresence)
      }
    case .expect, .expectNotification:
      for (key, value) in step.expectations {
        checkExpectation(key: key, value: value, action: step.action.value)
      }
    default:
      break
    }
  }

  static let expectedValues: [String: [String]] = [
    "status": ["queued", "assigned", "working", "completed", "escalated", "cancelled", "scheduled", "offered"],
    "case": ["open", "in_progress", "pending", "escalated", "closed", "cancelled"],
    "channel": Channel.allCases.map(\.rawValue),
    "event": NotificationEvent.allCases.map(\.rawValue),
    // The runtime's `ContactChannel` and `Identification`, which the checker does not link.
    "contact_channel": ["email", "chat", "sms", "voice", "web", "api"],
    "identification": ["explicit", "matched", "created", "ambiguous", "none", "linked"],
    // The states `presence set` takes (the runtime's `PresenceStatus.Choice`).
    "presence": ["ready", "not_ready", "logged_off"],
    // The states a user may be in (the runtime's `PresenceStatus`): also the system's wrap-up.
    "presence_state": ["ready", "not_ready", "logged_off", "wrap_up"],
  ]

  private mutating func checkExpectation(key: Located<String>, value: Located<String>, action: ScenarioStep.Action) {
    switch key.value {
    case "status", "case", "channel", "event", "contact_channel", "identification", "presence", "presence_state":
      let allowed = Self.expectedValues[key.value] ?? []
      if !allowed.contains(value.value) {
        let noun =
          ["contact_channel": "channel", "presence": "presence state", "presence_state": "presence state"][key.value]
          ?? key.value
        var diagnostic = Diagnostic(
          .invalidValue, "unknown \(noun) '\(value.value.prefix(40))' in '\(action.rawValue)'", at: value.range,
          help: "expected one of: \(allowed.joined(separator: ", "))")
        if let close = Suggestion.closest(to: value.value, in: allowed) {
          diagnostic = diagnostic.suggesting("value", close, declaredAt: nil, replacing: value.range)
        }
        report(diagnostic)
      }
    case "assignee":
      resolveUser(value)
    case "template":
      resolveTemplate(value)
    case "priority":
      if Priority(value.value) == nil {
        report(Diagnostic(.invalidPriority, "invalid priority '\(value.value.prefix(40))'", at: value.range))
      }
    default:
      break
    }
  }
}
