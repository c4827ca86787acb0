import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCModel
import DCMCRuntime

/// `/api/v1/tasks` and `/api/v1/offers`: what `task list|next|offers|accept|decline|claim|open|release|escalate|
/// assign|reassign|complete|set|reschedule --json` do.
enum TaskRoutes {
  static let routes: [Route] = [
    Route(
      method: "GET", template: "/api/v1/tasks", operationID: "listTasks",
      summary: "the active tasks, most urgent first",
      queries: [
        .init(name: "workbin", summary: "only the tasks in this workgroup's workbin", type: "string"),
        .init(name: "mine", summary: "true: only the tasks assigned to the token's user", type: "boolean"),
      ],
      response: APISchemas.array(of: "Task")
    ) { request throws(Problem) in
      let holder = try request.flag("mine") ? request.user : nil
      let shown = try served { () throws(ServiceError) in try request.cases.tasks(inWorkbin: request.query("workbin"), heldBy: holder) }
      return .array(shown.map { TaskView($0.task, of: $0.of).json })
    },
    {
      var next = Route(
        method: "POST", template: "/api/v1/tasks/next", operationID: "claimNextTask",
        summary: "claim the most urgent task the user may take", response: APISchemas.reference("Task")
      ) { request throws(Problem) in
        let (task, state) = try API.keyed(request) { () throws(ServiceError) in
          try request.cases.claimNext(by: request.user, request: request.idempotency)
        }
        return TaskView(task, of: state).json
      }
      next.notFound = "no task the user may take is waiting (not_found, as task next's refusal): nothing was claimed"
      return next
    }(),
    Route(
      method: "GET", template: "/api/v1/offers", operationID: "listOffers",
      summary: "the tasks offered to the token's user", response: APISchemas.array(of: "Task")
    ) { request throws(Problem) in
      let shown = try served { () throws(ServiceError) in try request.cases.offers(to: request.user) }
      return .array(shown.map { TaskView($0.task, of: $0.of).json })
    },
    change("accept", "acceptOffer", "take a task offered to the token's user") { id, _ throws(Problem) in
      .acceptOffer(task: id)
    },
    change(
      "decline", "declineOffer", "turn down a task offered to the token's user",
      request: APISchemas.object([("reason", APISchemas.type("string"))], required: ["reason"], open: false)
    ) { id, request throws(Problem) in .declineOffer(task: id, reason: try request.body().required("reason")) },
    change("claim", "claimTask", "take a task from its workbin") { id, _ throws(Problem) in .claim(task: id) },
    change("open", "openTask", "start work on a claimed task") { id, _ throws(Problem) in .open(task: id) },
    change("release", "releaseTask", "put a task back in its workbin") { id, _ throws(Problem) in .release(task: id) },
    change("escalate", "escalateTask", "escalate a task as its definition says") { id, _ throws(Problem) in
      .escalate(task: id)
    },
    change(
      "assign", "assignTask", "give a task to a user (a supervisor's action)",
      request: APISchemas.object([("to", APISchemas.identifier)], required: ["to"], open: false)
    ) { id, request throws(Problem) in .assign(task: id, to: try request.body().requiredIdentifier("to")) },
    change(
      "reassign", "reassignTask", "move a task to another workgroup's workbin",
      request: APISchemas.object([("target", APISchemas.identifier)], required: ["target"], open: false)
    ) { id, request throws(Problem) in .reassign(task: id, target: try request.body().requiredIdentifier("target")) },
    change(
      "", "setTask", "change a task's priority (0 to 100, low, medium, high or critical) or its OLA from now "
        + "(90m, 16h, 3d, 2d 4h or ISO 8601): exactly one of them", method: "PATCH",
      request: APISchemas.object(
        [("priority", APISchemas.type("integer", "string")), ("ola", APISchemas.type("string"))], required: [],
        open: false),
      replan),
    change(
      "reschedule", "rescheduleTask",
      "take a task out of the queue until a time (ISO 8601 with an offset); its OLA clock stops meanwhile",
      request: APISchemas.object([("until", APISchemas.type("string"))], required: ["until"], open: false)
    ) { id, request throws(Problem) in
      let text = try request.body().required("until")
      guard let time = Timestamp(text), Instant.supported.contains(time.instant) else {
        throw JSONBody.invalid("until", "is not a time in ISO 8601 with an offset, like 2026-03-02T09:00:00+01:00")
      }
      return .reschedule(task: id, until: time.instant)
    },
    change(
      "complete", "completeTask", "complete a task with an outcome",
      request: APISchemas.object(
        [("outcome", APISchemas.identifier), ("data", APISchemas.changedFormValues)], required: ["outcome"], open: false)
    ) { id, request throws(Problem) in
      let body = try request.body()
      return .complete(task: id, outcome: try body.requiredIdentifier("outcome"), data: try body.form("data"))
    },
  ]

  /// `PATCH /api/v1/tasks/{id}`'s command (`task set`): a new priority or a new OLA, not both.
  private static func replan(_ id: String, _ request: APIRequest) throws(Problem) -> Command {
    let body = try request.body()
    switch (body.members["priority"], try body.duration("ola")) {
    case (let given?, nil):
      let text: String
      switch given {
      case .number(let number): text = number
      case .string(let string): text = string
      default: throw JSONBody.invalid("priority", "is neither a number nor a name")
      }
      guard let priority = Priority(text) else {
        throw JSONBody.invalid("priority", "is not 0 to 100, low, medium, high or critical")
      }
      return .setPriority(task: id, priority: priority.value)
    case (nil, let duration?): return .setOLA(task: id, days: duration.days, seconds: duration.seconds)
    case (nil, nil): throw JSONBody.oneOf("priority", "ola", bothGiven: false)
    case (_?, _?): throw JSONBody.oneOf("priority", "ola", bothGiven: true)
    }
  }

  /// `POST /api/v1/tasks/{id}/ACTION` (an empty action: `METHOD /api/v1/tasks/{id}`): a command
  /// on the task's case, answered with the task.
  private static func change(
    _ action: String, _ operation: String, _ summary: String, method: String = "POST", request schema: JSONValue? = nil,
    _ command: @escaping @Sendable (String, APIRequest) throws(Problem) -> Command
  ) -> Route {
    Route(
      method: method, template: "/api/v1/tasks/{id}" + (action.isEmpty ? "" : "/\(action)"), operationID: operation,
      summary: summary,
      request: schema, response: APISchemas.reference("Task")
    ) { request throws(Problem) in
      let id = request.parameter("id")
      guard let dot = id.lastIndex(of: "."), dot != id.startIndex else {
        throw Problem(404, "not_found", "'\(id.prefix(40))' is not a task id: the case id, a dot and a number")
      }
      let given = try command(id, request)
      // An outcome's form is the body's `data`.
      let form: String? = if case .complete = given { "data" } else { nil }
      let state = try API.keyed(request, form: form) { () throws(ServiceError) in
        try request.cases.execute(given, onCase: String(id[..<dot]), by: request.user, request: request.idempotency)
      }
      guard let task = state.task(id) else { throw Problem(404, "not_found", "no task '\(id.prefix(40))'") }
      return TaskView(task, of: state).json
    }
  }
}
