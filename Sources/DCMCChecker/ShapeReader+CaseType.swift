import DCMCDiagnostics
import DCMCExpressions
import DCMCModel
import DCMCPatterns
import DCMCSyntax

extension ShapeReader {
  /// The longest creation form that does not get the warning DC4015.
  static let maximumFormFields = 20

  mutating func caseType(_ view: MappingView, header: DefinitionHeader) -> CaseType? {
    let reference = string(view, "reference").flatMap { referenceFormat($0, of: "case") }
    let calendar =
      view.value("calendar").flatMap { calendarID($0) }
      ?? Located(CalendarDefinition.alwaysOpenID, at: view.headRange)
    let priority = view.value("priority").flatMap { self.priority($0, for: "'priority'") } ?? Priority(50)
    let sla = view.value("sla").flatMap { serviceLevel($0, for: "the SLA", allowsEscalate: false) }
    let fields = view.value("fields").map { fieldList($0, owner: view.subject, isCreationForm: true) } ?? []
    if fields.count > Self.maximumFormFields {
      // At the first field past the limit, where the form becomes too long.
      let first = fields[Self.maximumFormFields]
      report(
        Diagnostic(
          .tooManyFields,
          "\(view.subject) has \(fields.count) form fields, more than \(Self.maximumFormFields)",
          at: first.id.range, help: "long forms slow down case capture; move rarely used data to a form task"))
    }
    var rules: [Rule] = []
    if let node = view.value("rules"), let items = list(node, for: "'rules'") {
      rules = each(items) { $0.rule($1) }
    }
    let escalation = view.value("escalation").flatMap { self.escalation($0) }
    var stages: [Stage] = []
    var stagesArePartial = false
    if let node = required(view, "stages"), let items = nonEmptyList(node, for: "'stages'") {
      stages = each(items) { $0.stage($1) }
      stagesArePartial = stages.count != items.count
    }
    var notifications: [NotificationRule] = []
    if let node = view.value("notifications"), let items = list(node, for: "'notifications'") {
      notifications = each(items) { $0.notification($1) }
    }
    var caseType = CaseType(
      header: header, reference: reference, calendar: calendar, priority: priority, sla: sla, fields: fields,
      rules: rules, escalation: escalation, stages: stages, notifications: notifications)
    caseType.customer = view.value("customer").flatMap { customerMapping($0) }
    // The resolutions its outcomes close with, and `completed`, which a case closes with when
    // its last stage completes (as `BundleCaseType.resolutions` reads the compiled case type).
    let resolutions = Set(caseType.tasks.flatMap { $0.outcomes.compactMap { $0.close?.value } }).union(["completed"])
    caseType.customerStatus =
      view.value("customer_status").map { customerWords($0, in: .status, resolutions: resolutions) } ?? []
    caseType.customerNextStep =
      view.value("customer_next_step").map { customerWords($0, in: .nextStep, resolutions: resolutions) } ?? []
    caseType.isPartial = stagesArePartial
    return caseType
  }

  /// A list with at least one item, or DC2019.
  mutating func nonEmptyList(_ node: Node, for what: @autoclosure () -> String) -> [Node]? {
    guard let items = list(node, for: what()) else { return nil }
    if items.isEmpty {
      report(Diagnostic(.emptyList, "\(what()) must have at least one item", at: node.range))
      return nil
    }
    return items
  }

  /// A calendar's id, or the built-in `24x7`.
  mutating func calendarID(_ node: Node) -> Located<String>? {
    reference(node, for: "'calendar'")
  }

  /// `"TEC-{seq:6}"`: text with `{seq:N}` (required, N 1...12), `{yyyy}` and `{mm}`, by the
  /// rule the bundle loader applies too (`ReferenceFormat`); the ids of the cases of a case
  /// type, or (`noun` "customer") of customers.
  mutating func referenceFormat(_ text: Located<String>, of noun: String) -> Located<String>? {
    guard let problem = ReferenceFormat.problem(in: text.value, idOf: noun) else { return text }
    report(
      Diagnostic(
        .invalidReferenceFormat, "invalid \(noun) reference format: \(problem)", at: text.range,
        help: "a reference is text with '{seq:N}' (N digits, 1 to 12), and optionally '{yyyy}' and '{mm}'"))
    return nil
  }

  mutating func serviceLevel(_ node: Node, for what: @autoclosure () -> String, allowsEscalate: Bool) -> ServiceLevel? {
    if node.scalar != nil {
      return duration(node, for: what()).map {
        ServiceLevel(within: $0, calendar: nil, warn: nil, pauseWhenPending: true, onWarn: [], onBreach: nil)
      }
    }
    guard let view = mapping(node, allowed: DefinitionKeys.serviceLevel, subject: what()),
      let withinNode = required(view, "within"), let within = duration(withinNode, for: what())
    else { return nil }
    let calendar = view.value("calendar").flatMap { calendarID($0) }
    let warn = view.value("warn").flatMap { percent($0, for: "'warn'") }
    let pause = bool(view, "pause_when_pending") ?? true
    let onWarn = view.value("on_warn").map { breachActions($0, allowsEscalate: allowsEscalate) } ?? []
    let onBreach = view.value("on_breach").map { breachActions($0, allowsEscalate: allowsEscalate) }
    return ServiceLevel(
      within: within, calendar: calendar, warn: warn, pauseWhenPending: pause, onWarn: onWarn, onBreach: onBreach)
  }

  private mutating func breachActions(_ node: Node, allowsEscalate: Bool) -> [BreachAction] {
    guard let items = list(node, for: "breach actions") else { return [] }
    var actions: [BreachAction] = []
    for item in items {
      if let scalar = item.scalar {
        guard scalar.value == "escalate", allowsEscalate else {
          let help =
            allowsEscalate
            ? "an action is 'escalate', or a mapping with 'raise_priority', 'reassign' or 'notify'"
            : "the case SLA cannot escalate; use 'raise_priority', 'reassign' or 'notify'"
          report(Diagnostic(.invalidValue, "unknown action '\(scalar.value.prefix(40))'", at: item.range, help: help))
          continue
        }
        actions.append(.escalate(item.range))
        continue
      }
      // The action is its known key wherever it stands: `{ to: x, notify: y }` is `{ notify: y, to: x }`.
      guard let entries = item.entries,
        let first = entries.first(where: { DefinitionKeys.breachActions.contains($0.key) }) ?? entries.first
      else {
        wrongType(item, expected: "an action", for: "breach actions")
        continue
      }
      switch first.key {
      case "raise_priority":
        guard let view = mapping(item, allowed: ["raise_priority"], subject: "'raise_priority'"),
          let amount = integer(first.value, in: 1...100, for: "'raise_priority'")
        else { continue }
        _ = view
        actions.append(.raisePriority(amount))
      case "reassign":
        guard mapping(item, allowed: ["reassign"], subject: "'reassign'") != nil,
          let target = reference(first.value, for: "'reassign'")
        else { continue }
        actions.append(.reassign(target))
      case "notify":
        guard let view = mapping(item, allowed: DefinitionKeys.notifyAction, subject: "'notify'"),
          let template = reference(first.value, for: "'notify'")
        else { continue }
        let to = string(view, "to").flatMap { templateText($0) }
        actions.append(.notify(template: template, to: to))
      default:
        var diagnostic = Diagnostic(
          .invalidValue, "unknown action '\(first.key.prefix(40))'", at: first.keyRange,
          help: "an action is 'escalate', or a mapping with 'raise_priority', 'reassign' or 'notify'")
        if let close = Suggestion.closest(to: first.key, in: DefinitionKeys.breachActions) {
          diagnostic = diagnostic.suggesting("action", close, declaredAt: nil, replacing: first.keyRange)
        }
        report(diagnostic)
      }
    }
    return actions
  }

  fileprivate mutating func rule(_ node: Node) -> Rule? {
    guard let view = mapping(node, allowed: DefinitionKeys.rule, subject: "a rule"),
      let whenNode = required(view, "when"), let condition = condition(whenNode)
    else { return nil }
    let priority = view.value("priority").flatMap { self.priority($0, for: "'priority'") }
    let set = view.value("set").map { assignments($0) } ?? []
    if DefinitionKeys.ruleChanges.allSatisfy({ view.value($0) == nil }) {
      report(
        Diagnostic(
          .missingKey, "a rule is missing required key 'priority' or 'set'", at: view.headRange,
          help: "a rule changes the priority, sets fields, or sets the target, skill or acknowledgement"))
    }
    return Rule(
      when: condition, priority: priority, set: set, target: reference(view, "target"), skill: id(view, "skill"),
      acknowledge: reference(view, "acknowledge"))
  }

  /// A `when:` text, parsed. Type checking happens later, against the case type's fields.
  mutating func condition(_ node: Node) -> Condition? {
    guard let text = string(node, for: "'when'"), let scalar = node.scalar else { return nil }
    let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
    let width = text.range.end.column - text.range.start.column
    let exact =
      text.range.start.line == text.range.end.line
      && (scalar.style == .plain && width == text.value.unicodeScalars.count
        || quoted && width == text.value.unicodeScalars.count + 2)
    var start = text.range.start
    if quoted {
      start.column += 1
      start.offset += 1
    }
    let origin = TextOrigin(file: text.range.file, start: start, exact: exact, fallback: text.range)
    let (expression, problems) = ExpressionParser.parse(text.value, origin: origin)
    diagnostics += problems
    return Condition(text: text, expression: expression)
  }

  mutating func assignments(_ node: Node) -> [FieldAssignment] {
    guard let view = mapping(node, allowed: [], subject: "'set'", checkKeys: false) else { return [] }
    var result: [FieldAssignment] = []
    for entry in view.entries {
      guard let value = entry.value.scalar, !entry.value.isNull else {
        wrongType(entry.value, expected: "a value", for: "field '\(entry.key)'")
        continue
      }
      result.append(
        FieldAssignment(
          field: Located(entry.key, at: entry.keyRange), value: Located(value.value, at: entry.value.range)))
    }
    return result
  }

  private mutating func escalation(_ node: Node) -> Escalation? {
    guard let view = mapping(node, allowed: DefinitionKeys.escalation, subject: "'escalation'") else { return nil }
    if let levelsNode = view.value("levels") {
      if let extra = view.entry("target") ?? view.entry("task") {
        report(
          Diagnostic(
            .conflictingOutcomeActions, "'escalation' has both 'levels' and '\(extra.key)'", at: extra.keyRange,
            help: "put the first level's target and task in 'levels'"))
      }
      guard let items = nonEmptyList(levelsNode, for: "'levels'") else { return nil }
      let levels = each(items) { reader, item -> Escalation.Level? in
        guard let level = reader.mapping(item, allowed: DefinitionKeys.escalationLevel, subject: "an escalation level"),
          let target = reader.reference(level, "target", required: true),
          let task = reader.reference(level, "task", required: true)
        else { return nil }
        return Escalation.Level(target: target, task: task)
      }
      return levels.count == items.count ? Escalation(levels: levels) : nil
    }
    guard let target = reference(view, "target", required: true), let task = reference(view, "task", required: true)
    else {
      return nil
    }
    return Escalation(levels: [Escalation.Level(target: target, task: task)])
  }

  fileprivate mutating func notification(_ node: Node) -> NotificationRule? {
    guard let view = mapping(node, allowed: DefinitionKeys.notification, subject: "a notification") else {
      return nil
    }
    let event = required(view, "on").flatMap { choice($0, NotificationEvent.self, for: "event") }
    let channel = required(view, "channel").flatMap { choice($0, Channel.self, for: "channel") }
    let to = string(view, "to", required: true).flatMap { templateText($0) }
    let template = reference(view, "template", required: true)
    guard let event, let channel, let to, let template else { return nil }
    return NotificationRule(event: event, channel: channel, to: to, template: template)
  }
}
