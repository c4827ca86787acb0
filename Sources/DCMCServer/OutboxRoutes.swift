import DCMCApplication
import DCMCJSON

/// `/api/v1/outbox`: what `outbox list|ack --json` do. Delivering through a command stays the
/// CLI's (`outbox deliver`): a request does not run programs on the server.
enum OutboxRoutes {
  static let routes: [Route] = [
    Route(
      method: "GET", template: "/api/v1/outbox", operationID: "listOutbox",
      summary: "every notification, pending or delivered (a supervisor's)",
      response: APISchemas.array(of: "Notification")
    ) { request throws(Problem) in
      .array(try served { () throws(ServiceError) in try request.cases.outbox(by: request.user) }.map(\.json))
    },
    Route(
      method: "POST", template: "/api/v1/outbox/{case}/{notification}/ack", operationID: "acknowledgeNotification",
      summary:
        "mark notification CASE/NOTIFICATION delivered (by another way than the outbox's delivery; a supervisor's)",
      response: APISchemas.object([("delivered", APISchemas.type("string"))], required: ["delivered"])
    ) { request throws(Problem) in
      let id = request.parameter("case") + "/" + request.parameter("notification")
      try served { () throws(ServiceError) in try request.cases.acknowledge(notification: id, by: request.user) }
      return .object([("delivered", .string(id))])
    },
  ]
}
