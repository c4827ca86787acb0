import DCMCCalendar
import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

extension ShapeReader {
  mutating func scenario(_ view: MappingView, header: DefinitionHeader) -> Scenario? {
    let caseType = reference(view, "case_type", required: true)
    let start = string(view, "start", required: true).flatMap { timestamp($0) }
    var steps: [ScenarioStep] = []
    if let node = required(view, "steps"), let items = nonEmptyList(node, for: "'steps'") {
      steps = each(items) { $0.step($1) }
    }
    guard let caseType, let start else { return nil }
    return Scenario(header: header, caseType: caseType, start: start, steps: steps)
  }

  mutating func timestamp(_ text: Located<String>) -> Located<Timestamp>? {
    if let instant = Timestamp(text.value) { return Located(instant, at: text.range) }
    report(
      Diagnostic(
        .invalidTimestamp, "invalid timestamp '\(text.value.prefix(40))'", at: text.range,
        help: "write an instant with its offset, like '2026-03-02T09:00:00+01:00' or '2026-03-02T08:00:00Z'"))
    return nil
  }

  /// The keys each step's body accepts.
  static let stepKeys: [ScenarioStep.Action: [String]] = [
    .create: ["fields", "request_id", "customer", "channel", "as"],
    .customer: ["name", "email", "phone", "fields", "as"],
    .claim: ["task", "as"], .open: ["task", "as"], .release: ["task", "as"], .escalate: ["task", "as"],
    .complete: ["task", "outcome", "as", "data"],
    .assign: ["task", "to", "as"], .reassign: ["task", "target", "as"],
    .pend: ["as"], .resume: ["as"], .next: ["as"],
    .presence: ["state", "reason", "user", "as"],
    .reschedule: ["task", "until", "as"], .setOLA: ["task", "ola", "as"], .update: ["fields", "as"],
    .accept: ["task", "as"], .decline: ["task", "reason", "as"], .expectOffer: ["task", "to"],
    .expectPresence: ["user", "state", "reason", "load"],
    .expect: ["task"] + ScenarioStep.taskExpectationKeys
      + ScenarioStep.caseExpectationKeys.filter { !ScenarioStep.taskExpectationKeys.contains($0) },
    .expectNotification: ["template", "to", "channel", "event"],
  ]

  /// The steps `expect_error` may hold, for a diagnostic: `'create', 'customer', ...`.
  static let actingSteps = ScenarioStep.Action.allCases.filter(\.acts).map { "'\($0.rawValue)'" }.joined(
    separator: ", ")

  fileprivate mutating func step(_ node: Node) -> ScenarioStep? {
    guard let entries = node.entries, let first = entries.first else {
      wrongType(node, expected: "a step (a mapping like 'advance: 1h')", for: "a scenario step")
      return nil
    }
    guard let action = ScenarioStep.Action(rawValue: first.key) else {
      var diagnostic = Diagnostic(.unknownStep, "unknown scenario step '\(first.key.prefix(40))'", at: first.keyRange)
      if let close = Suggestion.closest(to: first.key, in: ScenarioStep.Action.allCases.map(\.rawValue)) {
        diagnostic = diagnostic.suggesting("step", close, declaredAt: nil, replacing: first.keyRange)
      }
      report(diagnostic)
      return nil
    }
    var step = ScenarioStep(action: Located(action, at: first.keyRange), range: node.range)
    for extra in entries.dropFirst() {
      report(
        Diagnostic(
          .invalidStep, "step '\(action.rawValue)' has a second key '\(extra.key)'", at: extra.keyRange,
          help: "each step is a mapping with one key; put its details inside it"))
    }
    switch action {
    case .advance:
      guard let duration = duration(first.value, for: "'advance'") else { return nil }
      step.duration = duration
    case .at:
      guard let text = string(first.value, for: "'at'"), let instant = timestamp(text) else { return nil }
      step.instant = instant
    case .expectError:
      guard let view = mapping(first.value, allowed: [], subject: "'expect_error'", checkKeys: false) else {
        return nil
      }
      let actions = view.entries.filter { $0.key != "reason" }
      guard actions.count == 1, let inner = actions.first else {
        report(
          Diagnostic(
            .invalidStep, "'expect_error' must hold exactly one step", at: first.keyRange,
            help: "write the refused step inside it, like 'expect_error: { complete: { task: handle, outcome: x } }'"))
        return nil
      }
      guard ScenarioStep.Action(rawValue: inner.key)?.acts != false else {
        report(
          Diagnostic(
            .invalidStep, "'expect_error' cannot hold '\(inner.key)': only a step that acts on the case can be refused",
            at: inner.keyRange,
            help:
              "'expect_error' holds one of \(Self.actingSteps), and 'reason'; write '\(inner.key)' as a step of its own"
          ))
        return nil
      }
      let innerNode = Node(content: .mapping([inner]), range: inner.keyRange)
      guard let refused = self.step(innerNode) else { return nil }
      step.refused = [refused]
      step.reason = string(view, "reason")
    default:
      guard let keys = Self.stepKeys[action] else { return nil }
      if first.value.isNull, [.pend, .resume, .next].contains(action) { return step }
      guard let view = mapping(first.value, allowed: keys, subject: "step '\(action.rawValue)'") else { return nil }
      fill(&step, from: view)
      if [
        .claim, .open, .release, .escalate, .complete, .assign, .reassign, .reschedule, .setOLA, .accept, .decline,
        .expectOffer,
      ].contains(action),
        step.task == nil
      {
        _ = required(view, "task")
        return nil
      }
      if action == .customer, step.fields.first(where: { $0.field.value == "name" }) == nil {
        _ = required(view, "name")
        return nil
      }
      if action == .presence || action == .expectPresence, step.state == nil {
        _ = required(view, "state")
        return nil
      }
      if action == .expectPresence, step.user == nil {
        _ = required(view, "user")
        return nil
      }
      if action == .complete, step.outcome == nil {
        _ = required(view, "outcome")
        return nil
      }
      if action == .assign || action == .expectOffer, step.user == nil {
        _ = required(view, "to")
        return nil
      }
      if action == .reschedule, step.instant == nil {
        _ = required(view, "until")
        return nil
      }
      if action == .setOLA, step.duration == nil {
        _ = required(view, "ola")
        return nil
      }
      if action == .decline, step.reason == nil {
        _ = required(view, "reason")
        return nil
      }
      if action == .update, step.fields.isEmpty {
        _ = required(view, "fields")
        return nil
      }
      if action == .reassign, step.target == nil {
        _ = required(view, "target")
        return nil
      }
    }
    return step
  }

  private mutating func fill(_ step: inout ScenarioStep, from view: MappingView) {
    step.actor = reference(view, "as")
    if step.action.value == .expect || step.action.value == .expectNotification {
      let isExpect = step.action.value == .expect
      if isExpect {
        step.task = reference(view, "task")
        step.target = reference(view, "target")
      }
      // `target` is also kept as a reference, for the checker to resolve the workgroup.
      for entry in view.entries where !isExpect || entry.key != "task" {
        if let value = string(entry.value, for: "'\(entry.key)'") {
          step.expectations.append((Located(entry.key, at: entry.keyRange), value))
        }
      }
      if isExpect {
        expectationForm(step, view)
      } else if view.entries.isEmpty {
        // No value would match every notification: the step would pass once any was queued.
        report(
          Diagnostic(
            .invalidStep, "'expect_notification' gives no value to check", at: step.action.range,
            help: "give any of \(Self.stepKeys[.expectNotification, default: []].joined(separator: ", ")), "
              + "like 'expect_notification: { template: case_created }'"))
      }
      return
    }
    step.task = reference(view, "task")
    step.outcome = reference(view, "outcome")
    let isPresence = [.presence, .expectPresence].contains(step.action.value)
    step.user = reference(view, isPresence ? "user" : "to")
    step.state = reference(view, "state")
    if isPresence || step.action.value == .decline { step.reason = reference(view, "reason") }
    if step.action.value == .expectPresence { expectedPresence(&step, from: view) }
    step.target = reference(view, "target")
    step.requestID = string(view, "request_id")
    step.customer = reference(view, "customer")
    step.channel = reference(view, "channel")
    if let until = string(view, "until") { step.instant = timestamp(until) }
    if let ola = view.value("ola") { step.duration = duration(ola, for: "'ola'") }
    if step.action.value == .customer {
      for key in ["name", "email", "phone"] {
        guard let entry = view.entries.first(where: { $0.key == key }), let value = string(entry.value, for: "'\(key)'")
        else { continue }
        step.fields.append(FieldAssignment(field: Located(key, at: entry.keyRange), value: value))
      }
      // The profile's fields, after the built-in ones (which no profile field is named).
      if let node = view.value("fields") { step.fields += assignments(node) }
    } else if let node = view.value("fields") ?? view.value("data") {
      step.fields = assignments(node)
    }
  }

  /// An `expect` checks a task (`task: ID` and the task's values) or the case (`case: STATUS`
  /// and the case's values), never both: a key of the other form is reported, not left to
  /// fail at run time.
  private mutating func expectationForm(_ step: ScenarioStep, _ view: MappingView) {
    guard step.task != nil || view.value("case") != nil else {
      report(
        Diagnostic(
          .invalidStep, "'expect' needs 'task' or 'case'", at: step.action.range,
          help: "expect a task's state with 'task: ID' or the case's with 'case: STATUS'"))
      return
    }
    let ofTask = step.task != nil
    let keys = ofTask ? ScenarioStep.taskExpectationKeys : ScenarioStep.caseExpectationKeys
    let other = (ofTask ? ScenarioStep.caseExpectationKeys : ScenarioStep.taskExpectationKeys)
    // An unknown key is DC2004 already.
    for entry in view.entries where other.contains(entry.key) && !keys.contains(entry.key) {
      let subject = step.task.map { "task '\($0.value.prefix(40))'" } ?? "the case"
      report(
        Diagnostic(
          .invalidStep,
          "'expect' of \(subject) cannot check '\(entry.key)', a value of \(ofTask ? "the case" : "a task")",
          at: entry.keyRange,
          help: "an 'expect' of \(ofTask ? "a task" : "the case") gives \(keys.joined(separator: ", ")); check "
            + (ofTask
              ? "the case in a step of its own, like 'expect: { case: closed, resolution: resolved }'"
              : "a task in a step of its own, like 'expect: { task: ID, \(entry.key): ... }'")))
    }
  }

  /// The rest of `expect_presence`: a reason only with `not_ready`, whose reason it is; `load`,
  /// a whole number of units of work, kept with the expectations.
  private mutating func expectedPresence(_ step: inout ScenarioStep, from view: MappingView) {
    if let reason = step.reason, let state = step.state, state.value != "not_ready" {
      report(
        Diagnostic(
          .invalidStep, "'expect_presence' gives a reason only with state 'not_ready'", at: reason.range,
          help: "a user in '\(state.value.prefix(40))' has no reason; remove 'reason' or expect 'not_ready'"))
    }
    guard let entry = view.entries.first(where: { $0.key == "load" }), let load = string(entry.value, for: "'load'")
    else { return }
    guard let units = Int(load.value), units >= 0 else {
      report(
        Diagnostic(
          .invalidValue, "invalid load '\(load.value.prefix(40))' in 'expect_presence'", at: load.range,
          help: "write the summed weight of the tasks the user holds, a whole number like 2"))
      return
    }
    step.expectations.append((Located("load", at: entry.keyRange), Located(String(units), at: load.range)))
  }
}
