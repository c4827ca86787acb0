import DCMCJSON
import DCMCModel
import DCMCPatterns

extension LanguageSchema {
  static var caseType: JSONValue {
    document(
      .caseType,
      "A case type: creation form, rules, service levels, stages and tasks, escalation and notifications.",
      keys: DefinitionKeys.caseType, required: ["stages"],
      [
        "reference": referenceFormat(of: "case", examples: ["TEC-{seq:6}", "RPL-{yyyy}{mm}-{seq:5}"]),
        "calendar": calendarReference(
          "The calendar of the SLA and every OLA; default 24x7 (calendar time)."),
        "priority": reference("priority", "The priority of a new case; default medium."),
        "sla": reference("serviceLevel", "The case's deadline, counted from its creation."),
        "fields": list(ref("field"), "The case creation form."),
        "rules": list(
          ref("rule"),
          "Adjustments made at creation, in order; every rule whose condition holds applies."),
        "escalation": ref("escalation"),
        "stages": list(ref("stage"), "The stages, in order.", minItems: 1),
        "notifications": list(ref("notification"), "Messages sent on events."),
        "customer": customerMapping,
        "customer_status": customerWords(.status),
        "customer_next_step": customerWords(.nextStep),
      ])
  }

  /// `customer:`, at least one of `email` and `phone` (DC7009); the field types are the
  /// linker's to check (DC7007, DC7008).
  private static var customerMapping: JSONValue {
    let schema = mapping(
      "The case fields that identify the customer (email, then phone) and fill a new customer's record.",
      keys: DefinitionKeys.customerMapping,
      [
        "name": reference("id", "A string or text field: the customer's name."),
        "email": reference("id", "An email field: the customer's email."),
        "phone": reference("id", "A phone field: the customer's phone number."),
      ])
    guard case .object(var entries) = schema else { return schema }
    let identifying = CustomerMappingRule.identifyingKeys.map {
      JSONValue.object([("required", .array([.string($0)]))])
    }
    entries.append(("anyOf", .array(identifying)))
    return .object(entries)
  }

  /// `customer_status:` (a key per case status with its default) or `customer_next_step:` (the
  /// same keys, no default); any other key a resolution of the case type (the checker knows
  /// which, DC2004).
  private static func customerWords(_ key: CustomerStatusWords.Key) -> JSONValue {
    let isStatus = key == .status
    let words = Dictionary(
      uniqueKeysWithValues: DefinitionKeys.customerStatus.map { status in
        var entries: [(String, JSONValue)] = [
          (
            "description",
            .string(
              isStatus
                ? "What the customer reads while a case is \(status)."
                : "What the customer can do while a case is \(status).")
          ),
          ("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(key.maximumLength)),
        ]
        if isStatus { entries.append(("default", .string(CustomerStatusWords.defaults[status] ?? ""))) }
        return (status, JSONValue.object(entries))
      })
    let schema = mapping(
      isStatus
        ? "The words a customer reads for the status of a case of this type, or for a resolution it closes with, "
          + "overriding the defaults."
        : "What a customer can do about a case of this type in a status, or once it closes with a resolution "
          + "(how to send what a pending case waits for); nothing when not written.",
      keys: DefinitionKeys.customerStatus, words)
    guard case .object(var entries) = schema, let open = entries.firstIndex(where: { $0.0 == "additionalProperties" })
    else { return schema }
    entries[open].1 = .object([
      (
        "description",
        .string(
          (isStatus ? "What the customer reads" : "What the customer can do")
            + " once a case closes with this resolution (a 'close:' of the case type's outcomes, or 'completed'); "
            + (isStatus ? "else the words of 'closed'." : "else the next step of 'closed'."))
      ),
      ("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(key.maximumLength)),
    ])
    return .object(entries)
  }

  static func calendarReference(_ description: String) -> JSONValue {
    .object([
      ("description", .string(description)),
      (
        "anyOf",
        .array([.object([("const", .string(CalendarDefinition.alwaysOpenID))]), ref("id")])
      ),
    ])
  }

  static var caseTypeParts: [(String, JSONValue)] {
    [
      ("field", field), ("rule", rule), ("serviceLevel", serviceLevel), ("action", action),
      ("escalation", escalation), ("stage", stage), ("task", task), ("outcome", outcome),
      ("notification", notification),
    ]
  }

  private static var field: JSONValue {
    mapping(
      "A form field.", keys: DefinitionKeys.field, required: ["id", "type"],
      [
        "id": reference(
          "id", "The field's name in data, expressions and templates; unique in its form."),
        "name": reference("text", "The label on the form; defaults to the id."),
        "type": choice(FieldKind.allCases.map(\.rawValue), "What values the field accepts."),
        "required": boolean("Whether a value must be given.", default: false),
        "values": list(
          reference("text", "An allowed value."), "The allowed values of an enum field.",
          minItems: 1),
        "pattern": .object([
          (
            "description",
            .string("A regular expression the value must match (string and text fields).")
          ),
          ("type", .string("string")),
        ]),
        "description": reference("text", "Help text."),
        "public": boolean(
          "Whether the case type's public form shows and accepts the field (a case type's fields only);"
            + " staff, the API and the CLI set it either way.",
          default: true),
      ])
  }

  private static var rule: JSONValue {
    mapping(
      "A creation rule: when its condition holds, its changes apply.", keys: DefinitionKeys.rule,
      required: ["when"],
      [
        "when": reference("condition", "The condition, on the case's fields."),
        "priority": reference("priority", "The case's new priority."),
        "set": reference("assignments", "Values written into the case's fields."),
        "target": reference("id", "The workgroup the tasks created with the case go to."),
        "skill": reference("id", "The distribution skill of the case's tasks distributed by skill."),
        "acknowledge": reference(
          "id", "The template of the case_created notification, instead of the one the notification names."),
      ])
  }

  private static var serviceLevel: JSONValue {
    let long = mapping(
      "The long form of an SLA or OLA.", keys: DefinitionKeys.serviceLevel, required: ["within"],
      [
        "within": reference("duration", "The deadline."),
        "calendar": calendarReference(
          "The calendar it is counted on; default: the case type's calendar."),
        "warn": reference("percent", "When the work becomes at risk, as a share of the time."),
        "pause_when_pending": boolean(
          "SLA only: whether the clock stops while the case is pending.", default: true),
        "on_warn": list(ref("action"), "What happens at risk."),
        "on_breach": list(
          ref("action"),
          "What happens at the deadline; default: SLA none, OLA [escalate] when the case type escalates."
        ),
      ])
    return either(
      "A deadline: a duration, or the long form with calendar, warning and actions.",
      ref("duration"), long)
  }

  private static var action: JSONValue {
    func single(_ key: String, _ value: JSONValue, _ description: String) -> JSONValue {
      mapping(description, keys: [key], required: [key], [key: value])
    }
    let notify = mapping(
      "Sends a template; without 'to', to the supervisors of the target concerned.",
      keys: DefinitionKeys.notifyAction,
      required: ["notify"],
      [
        "notify": reference("id", "The template id."),
        "to": reference("templateText", "The recipient."),
      ])
    return .object([
      ("description", .string("A warning or breach action.")),
      (
        "anyOf",
        .array([
          .object([
            ("description", .string("Escalates the task (OLA only).")),
            ("const", .string("escalate")),
          ]),
          single(
            "raise_priority",
            .object([("type", .string("integer")), ("minimum", .int(1)), ("maximum", .int(100))]),
            "Adds to the priority, up to 100."),
          single(
            "reassign", ref("id"), "Moves the task (or the case's active tasks) to this workgroup."),
          notify,
        ])
      ),
    ])
  }

  private static var escalation: JSONValue {
    let level = mapping(
      "One escalation level.", keys: DefinitionKeys.escalationLevel, required: ["target", "task"],
      [
        "target": reference("id", "The workgroup escalated work goes to."),
        "task": reference("id", "The task created there: a task of this case type."),
      ])
    let schema = mapping(
      "Where escalated work goes: target and task, or several levels.",
      keys: DefinitionKeys.escalation,
      [
        "target": reference("id", "The escalation workgroup."),
        "task": reference("id", "The escalation task: a task of this case type."),
        "levels": list(level, "One entry per level, in order.", minItems: 1),
      ])
    guard case .object(var entries) = schema else { return schema }
    entries.append(
      (
        "oneOf",
        .array([
          .object([("required", .array([.string("target"), .string("task")]))]),
          .object([("required", .array([.string("levels")]))]),
        ])
      ))
    return .object(entries)
  }

  private static var stage: JSONValue {
    mapping(
      "A stage: a group of tasks; entering it creates its start tasks.", keys: DefinitionKeys.stage,
      required: ["id", "tasks"],
      [
        "id": reference("id", "Unique within the case type."),
        "name": reference("text", "Defaults to the id."),
        "tasks": list(ref("task"), "The stage's tasks.", minItems: 1),
      ])
  }

  private static var task: JSONValue {
    let conditional = mapping(
      "A target entry: the first whose condition holds gives the workgroup.",
      keys: DefinitionKeys.conditionalTarget,
      required: ["to"],
      [
        "when": reference("condition", "The condition; the last entry has none."),
        "to": reference("id", "The workgroup."),
      ])
    var distributionKeys: [String: JSONValue] = [

        "skill": reference("id", "The skill members are ranked on."),
        "tiers": list(
          .object([("type", .string("integer")), ("minimum", .int(0)), ("maximum", .int(100))]),
          "Minimum proficiency at each step, strictly descending.", minItems: 1),
        "expand_after": reference(
          "duration", "How long each step lasts while the task is unassigned."),
    ]
    distributionKeys.merge(dispatchKeys) { first, _ in first }
    // The skill tiers come all three or not at all.
    let distribution = withDependencies(
      mapping(
        "How the task reaches advisors: pull or push, and skills-based tiers; its keys win over the workgroup's.",
        keys: DefinitionKeys.distribution, distributionKeys),
      DefinitionKeys.skillTiers)
    return mapping(
      "A task of a stage.", keys: DefinitionKeys.task, required: ["id", "target", "outcomes"],
      [
        "id": reference("id", "Unique within the case type, across its stages."),
        "name": reference("text", "Shown to advisors and in {{Task_Name}}; defaults to the id."),
        "description": reference("text", "Instructions for the advisor."),
        "kind": choice(
          TaskKind.allCases.map(\.rawValue),
          "work, approval (outcomes approved and rejected) or form.", default: "work"),
        "start": boolean("Created when the stage is entered.", default: false),
        "target": either(
          "The workgroup, or a list of { when, to } whose last entry has no condition.", ref("id"),
          list(conditional, "Conditional targets.", minItems: 1)),
        "ola": reference("serviceLevel", "The task's deadline, counted from its creation."),
        "priority": reference("priority", "The task's priority; default: the case's."),
        "outcomes": .object([
          (
            "description",
            .string(
              "The wrap-up codes, each with its actions; an outcome without actions ends the task.")
          ),
          ("type", .string("object")), ("minProperties", .int(1)),
          ("propertyNames", .object([("$ref", .string("#/$defs/id"))])),
          (
            "additionalProperties",
            .object([("anyOf", .array([.object([("type", .string("null"))]), ref("outcome")]))])
          ),
        ]),
        "fields": list(ref("field"), "The form of a form task."),
        "distribution": distribution,
        "weight": count(
          "How much of a member's capacity the task takes.", in: TaskDefinition.weights,
          default: TaskDefinition.defaultWeight),
        "allow_claim": boolean(
          "Members may claim the task from the workbin, not only take what 'task next' gives.", default: false),
      ])
  }

  private static var outcome: JSONValue {
    mapping(
      "What choosing an outcome does.", keys: DefinitionKeys.outcome,
      [
        "close": reference("id", "Closes the case with this resolution."),
        "start": either(
          "Creates these tasks (from any stage).", ref("id"),
          list(ref("id"), "Task ids.", minItems: 1)),
        "assign": reference(
          "id", "Gives the started task to a user; 'original' is who handled the escalated task."),
        "escalate": .object([
          ("description", .string("Escalates the task.")), ("const", .bool(true)),
        ]),
        "stage": reference("id", "Moves the case to this stage."),
        "pend": .object([
          ("description", .string("Puts the case in pending.")), ("const", .bool(true)),
        ]),
        "set": reference("assignments", "Values written into the case's fields."),
      ])
  }

  private static var notification: JSONValue {
    mapping(
      "A message sent when something happens to a case.", keys: DefinitionKeys.notification,
      required: ["on", "channel", "to", "template"],
      [
        "on": choice(NotificationEvent.allCases.map(\.rawValue), "When to send."),
        "channel": choice(Channel.allCases.map(\.rawValue), "How to send."),
        "to": reference(
          "templateText", "The recipient; may use variables, like \"{{Customer_Email}}\"."),
        "template": reference("id", "The template to send."),
      ])
  }
}
