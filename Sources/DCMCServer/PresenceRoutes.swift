import DCMCApplication
import DCMCJSON
import DCMCRuntime

/// `/api/v1/presence`: what `presence set|list|history --json` do (SPEC section 15).
enum PresenceRoutes {
  static let routes: [Route] = [
    Route(
      method: "GET", template: "/api/v1/presence", operationID: "listPresence",
      summary: "the presence board: each user's state, reason, since when, the work they hold and their capacity",
      queries: [.init(name: "workgroup", summary: "only the members of this workgroup", type: "string")],
      response: APISchemas.array(of: "Presence")
    ) { request throws(Problem) in
      .array(try board(request.query("workgroup"), request).map(\.json))
    },
    Route(
      method: "POST", template: "/api/v1/presence", operationID: "setPresence",
      summary: "set the token's user's presence (a supervisor: a member's, with user)",
      request: APISchemas.object(
        [
          ("state", .object([("enum", .array(PresenceStatus.Choice.allCases.map { .string($0.rawValue) }))])),
          ("reason", APISchemas.type("string")), ("user", APISchemas.identifier),
        ], required: ["state"], open: false),
      response: APISchemas.reference("Presence"), handler: set),
    Route(
      method: "GET", template: "/api/v1/presence/{user}", operationID: "showPresence",
      summary: "a user's presence as the board shows it", response: APISchemas.reference("Presence")
    ) { request throws(Problem) in
      let user = request.parameter("user")
      guard let view = try board(nil, request).first(where: { $0.user == user }) else {
        throw Problem(404, "not_found", "no user '\(user.prefix(40))' in the directory")
      }
      return view.json
    },
    Route(
      method: "GET", template: "/api/v1/presence/{user}/history", operationID: "presenceHistory",
      summary: "every change of a user's presence, oldest first", response: APISchemas.array(of: "PresenceEvent")
    ) { request throws(Problem) in
      let presence = try served { () throws(ServiceError) in try request.cases.presenceService() }
      let events = try served { () throws(ServiceError) in
        try presence.history(of: request.parameter("user"), by: request.user)
      }
      return .array(events.map(\.json))
    },
  ]

  private static func board(_ workgroup: String?, _ request: APIRequest) throws(Problem) -> [PresenceView] {
    try served { () throws(ServiceError) in
      try request.cases.listPresence(workgroup: workgroup, by: request.user, on: try request.cases.presenceService())
    }
  }

  private static func set(_ request: APIRequest) throws(Problem) -> JSONValue {
    let body = try request.body()
    let text = try body.required("state")
    guard let choice = PresenceStatus.Choice(rawValue: text) else {
      let valid = PresenceStatus.Choice.allCases.map(\.rawValue).joined(separator: ", ")
      throw JSONBody.invalid("state", "is not one of \(valid)")
    }
    let (reason, user) = (try body.string("reason"), try body.identifier("user"))
    // An `Idempotency-Key`'s request is recorded on the event: a retry after a restart answers
    // the presence its first run set, doing nothing again.
    return try API.keyed(request) { () throws(ServiceError) in
      let state = try request.cases.setPresence(
        choice, reason: reason, user: user, by: request.user, request: request.idempotency)
      return try request.cases.presenceService().view(of: state)
    }.json
  }
}
