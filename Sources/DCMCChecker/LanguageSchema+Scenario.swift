import DCMCJSON
import DCMCModel

extension LanguageSchema {
  static var scenario: JSONValue {
    document(
      .scenario,
      "An executable test of a case type: steps on a clock that starts at a fixed instant.",
      keys: DefinitionKeys.scenario, required: ["case_type", "start", "steps"],
      [
        "case_type": reference("id", "The case type under test."),
        "start": reference("timestamp", "The clock at the first step."),
        "steps": list(
          ref("step"), "What happens, in order; each step is a mapping with one key.", minItems: 1),
      ])
  }

  static var scenarioParts: [(String, JSONValue)] {
    let acting = ScenarioStep.Action.allCases.filter(\.acts)
    var bodies = stepBodies
    var refused = bodies.filter { entry in acting.contains { $0.rawValue == entry.key } }
    refused["reason"] = reference("text", "Text the refusal message must contain.")
    bodies["expect_error"] = mapping(
      "Checks that one acting step is refused and that nothing changed.",
      keys: acting.map(\.rawValue) + ["reason"], refused)
    let steps: [JSONValue] = ScenarioStep.Action.allCases.map { action in
      .object([
        ("type", .string("object")), ("required", .array([.string(action.rawValue)])),
        ("properties", .object([(action.rawValue, bodies[action.rawValue] ?? ref("text"))])),
        ("additionalProperties", .bool(false)),
      ])
    }
    return [
      (
        "step",
        .object([
          (
            "description",
            .string("One step: create, advance, at, claim, ..., expect, expect_error.")
          ),
          ("oneOf", .array(steps)),
        ])
      )
    ]
  }

  /// The body of each step but `expect_error`, by step name.
  private static var stepBodies: [String: JSONValue] {
    func keys(_ action: ScenarioStep.Action) -> [String] { ShapeReader.stepKeys[action] ?? [] }
    let user = reference("id", "The acting user; default: the first member of the task's target.")
    let task = reference("id", "A task of the case type: its latest instance in the case.")
    func taskStep(_ action: ScenarioStep.Action, _ description: String) -> JSONValue {
      mapping(description, keys: keys(action), required: ["task"], ["task": task, "as": user])
    }
    let caseStep = { (description: String) in
      either(
        description, .object([("type", .string("null"))]),
        mapping(description, keys: ["as"], ["as": user]))
    }
    let expected = reference("text", "The expected value.")
    var expect: [String: JSONValue] = [:]
    for key in keys(.expect) { expect[key] = expected }
    expect["task"] = task
    expect["status"] = reference(
      "text", "The expected task status: queued, offered, assigned, working, scheduled, completed, escalated or cancelled.")
    expect["case"] = reference("text", "The expected case status.")
    expect["skill"] = reference("text", "The skill the task is offered by, or 'none'.")
    expect["customer"] = reference("text", "The customer record the case is linked to, or 'none'.")
    expect["identification"] = reference(
      "text", "How the case's customer was found: explicit, matched, created, ambiguous, none or linked.")
    expect["customer_status"] = reference("text", "The words the customer reads for the case's status.")
    var notification: [String: JSONValue] = [:]
    for key in keys(.expectNotification) { notification[key] = expected }
    return [
      "create": mapping(
        "Creates the case.", keys: keys(.create),
        [
          "fields": reference("assignments", "The form data."),
          "request_id": reference("text", "Makes the creation idempotent."), "as": user,
          "customer": reference("text", "Links the case to this customer record (case create --customer)."),
          "channel": reference("text", "The channel the case came in by: email, chat, sms, voice, web or api."),
        ]),
      "customer": mapping(
        "Adds a customer record, as 'customer add' does.", keys: keys(.customer), required: ["name"],
        [
          "name": reference("text", "The customer's name."), "email": reference("text", "An email address."),
          "phone": reference("text", "A phone number, in any formatting."), "as": user,
          "fields": reference("assignments", "Values of the customer profile's fields."),
        ]),
      "advance": reference(
        "duration", "Moves the clock forward in calendar time, firing due timers."),
      "at": reference("timestamp", "Moves the clock to this instant, firing due timers."),
      "claim": taskStep(.claim, "Takes the task from the workbin."),
      "open": taskStep(.open, "Starts working on the task."),
      "release": taskStep(.release, "Puts the task back in the workbin."),
      "escalate": taskStep(.escalate, "Escalates the task by hand."),
      "complete": mapping(
        "Completes the task (claiming and opening it first when needed).", keys: keys(.complete),
        required: ["task", "outcome"],
        [
          "task": task, "outcome": reference("id", "The outcome code."), "as": user,
          "data": reference("assignments", "The form data of a form task."),
        ]),
      "assign": mapping(
        "A supervisor gives the task to a member.", keys: keys(.assign), required: ["task", "to"],
        ["task": task, "to": reference("id", "The member."), "as": user]),
      "reassign": mapping(
        "A supervisor moves the task to another workgroup.", keys: keys(.reassign),
        required: ["task", "target"],
        ["task": task, "target": reference("id", "The workgroup."), "as": user]),
      "next": caseStep("Claims the most urgent task the user may take, as 'task next' does."),
      "presence": mapping(
        "Sets a user's presence, as 'presence set' does.", keys: keys(.presence), required: ["state"],
        [
          "state": reference("text", "ready, not_ready or logged_off."),
          "reason": reference("id", "The not-ready reason, one of the Presence kind's."),
          "user": reference("id", "The user whose presence a supervisor sets; default: the acting user."), "as": user,
        ]),
      "reschedule": mapping(
        "Takes the task out of the queue until a time, as 'task reschedule' does; by default as its assignee, "
          + "else a supervisor of its target.",
        keys: keys(.reschedule), required: ["task", "until"],
        ["task": task, "until": reference("timestamp", "When the task comes back to the queue."), "as": user]),
      "set_ola": mapping(
        "Plans the task's OLA again from now, as 'task set --ola' does; by default as a supervisor of its target.",
        keys: keys(.setOLA), required: ["task", "ola"],
        ["task": task, "ola": reference("duration", "The new OLA, counted from now."), "as": user]),
      "update": mapping(
        "Changes the case's data and reclassifies its queued tasks, as 'case update' does; by default as a task's "
          + "assignee, else a supervisor.",
        keys: keys(.update), required: ["fields"],
        ["fields": reference("assignments", "The new values; an empty one clears an optional field."), "as": user]),
      "accept": mapping(
        "Takes the task offered to the user, as 'task accept' does; by default as the user it is offered to.",
        keys: keys(.accept), required: ["task"], ["task": task, "as": user]),
      "decline": mapping(
        "Turns down the task offered to the user, as 'task decline' does; by default as the user it is offered to.",
        keys: keys(.decline), required: ["task", "reason"],
        ["task": task, "reason": reference("id", "The decline's reason code."), "as": user]),
      "expect_offer": mapping(
        "Checks that the task is among the offers 'task offers' lists for a user.", keys: keys(.expectOffer),
        required: ["task", "to"], ["task": task, "to": reference("id", "The user it is offered to.")]),
      "expect_presence": mapping(
        "Checks a user's line of 'presence list': their state, its reason and the work they hold.",
        keys: keys(.expectPresence), required: ["user", "state"],
        [
          "user": reference("id", "The user whose presence is checked."),
          "state": reference("text", "ready, not_ready, logged_off or wrap_up."),
          "reason": reference("id", "The not-ready reason (RONA for an offer left unanswered)."),
          "load": reference("text", "The summed weight of the tasks they hold, offers included."),
        ]),
      "pend": caseStep("Puts the case in pending."),
      "resume": caseStep("Takes the case out of pending."),
      "expect": mapping(
        "Checks a task's latest instance (task) or the case (case).", keys: keys(.expect), expect),
      "expect_notification": mapping(
        "Checks that the outbox holds a notification with these values.",
        keys: keys(.expectNotification),
        notification),
    ]
  }
}
