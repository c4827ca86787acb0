import DCMCApplication
import DCMCJSON
import DCMCRuntime

/// `/api/v1/cases`: what `case create|show|list|update|cancel|pend|resume|attach|link|history --json` do.
enum CaseRoutes {
  static let routes: [Route] = [
    Route(
      method: "GET", template: "/api/v1/cases", operationID: "listCases", summary: "list the cases",
      queries: [
        .init(name: "type", summary: "only the cases of this case type", type: "string"),
        .init(name: "status", summary: "only the cases in this status", type: "string"),
        .init(name: "customer", summary: "only the cases of this customer record", type: "string"),
        .init(name: "unidentified", summary: "true: only the cases whose customer is ambiguous", type: "boolean"),
      ] + Route.Query.page(next: "newer cases"),
      response: APISchemas.array(of: "Case"), respond: list),
    Route(
      method: "POST", template: "/api/v1/cases", operationID: "createCase",
      summary:
        "start a case of a type from its form data (request_id: the same user's retry with the same form "
        + "returns the same case; the id with another form, or another user's, is 422 request_id_reused)",
      request: APISchemas.object(
        [
          ("type", APISchemas.identifier), ("fields", APISchemas.formValues),
          ("request_id", APISchemas.identifier), ("customer", APISchemas.identifier),
          ("channel", APISchemas.type("string")),
        ], required: ["type"], open: false),
      status: 201, response: APISchemas.reference("Case"), locates: "/api/v1/cases/", handler: create),
    Route(
      method: "GET", template: "/api/v1/cases/{id}", operationID: "showCase", summary: "a case with its tasks",
      response: APISchemas.reference("Case")
    ) { request throws(Problem) in try view(try served { () throws(ServiceError) in try request.cases.load(request.parameter("id")) }, request) },
    Route(
      method: "PATCH", template: "/api/v1/cases/{id}", operationID: "updateCase",
      summary:
        "change a case's data and reclassify its queued tasks, or its SLA from its creation (16h, 3d, 2d 4h or "
        + "ISO 8601; a supervisor's action): exactly one of them",
      request: APISchemas.object(
        [("fields", APISchemas.changedFormValues), ("sla", APISchemas.type("string"))], required: [], open: false),
      response: APISchemas.reference("Case"), handler: update),
    Route(
      method: "GET", template: "/api/v1/cases/{id}/history", operationID: "caseHistory",
      summary: "the events of a case, oldest first", response: APISchemas.array(of: "Event")
    ) { request throws(Problem) in
      let id = request.parameter("id")
      return .array(try served { () throws(ServiceError) in try request.cases.history(of: id) }.map { $0.json(caseID: id) })
    },
    change("cancel", "cancelCase", "cancel a case and its open tasks", .cancel),
    change("pend", "pendCase", "put a case on hold: its SLA clock stops", .pend),
    change("resume", "resumeCase", "take a pending case up again: its SLA clock runs on", .resume),
    Route(
      method: "POST", template: "/api/v1/cases/{id}/attachments", operationID: "attachToCase",
      summary:
        "keep a copy of a file as an attachment of the case: its name and its bytes in base64 "
        + "(a file of up to \(CaseService.maximumAttachmentBytes >> 20) MiB, as the CLI takes)",
      request: APISchemas.object(
        [("name", APISchemas.type("string")), ("content", APISchemas.type("string"))], required: ["name", "content"],
        open: false),
      response: APISchemas.reference("Case"), bodyLimit: API.attachmentBodyBytes, handler: attach),
    Route(
      method: "POST", template: "/api/v1/cases/{id}/links", operationID: "linkCase",
      summary:
        "record an interaction (CHANNEL:ID, like phone:call-20260302-0042) on the case, or link a case that has no "
        + "customer to a customer record (a supervisor of its targets): exactly one of them",
      request: APISchemas.object(
        [("interaction", APISchemas.type("string")), ("customer", APISchemas.identifier)], required: [],
        open: false),
      response: APISchemas.reference("Case"), handler: link),
  ]

  /// `POST /api/v1/cases/{id}/ACTION`: a command on the case, answered with the case.
  private static func change(_ action: String, _ operation: String, _ summary: String, _ command: Command) -> Route {
    Route(
      method: "POST", template: "/api/v1/cases/{id}/\(action)", operationID: operation, summary: summary,
      response: APISchemas.reference("Case")
    ) { request throws(Problem) in
      try view(
        try API.keyed(request) { () throws(ServiceError) in
          try request.cases.execute(command, onCase: request.parameter("id"), by: request.user, request: request.idempotency)
        }, request)
    }
  }

  private static func create(_ request: APIRequest) throws(Problem) -> JSONValue {
    let body = try request.body()
    let channel = try body.string("channel").map { (text: String) throws(Problem) -> ContactChannel in
      guard let channel = ContactChannel(rawValue: text) else {
        let valid = ContactChannel.allCases.map(\.rawValue).joined(separator: ", ")
        throw JSONBody.invalid("channel", "is not one of \(valid)")
      }
      return channel
    }
    let (type, fields) = (try body.requiredIdentifier("type"), try body.form("fields"))
    // The body's request id, else the one the Idempotency-Key stands for.
    let bodyID = try body.identifier("request_id")
    let customer = try body.identifier("customer")
    let state = try API.keyed(request, bodyID: bodyID, form: "fields") { () throws(ServiceError) in
      try request.cases.create(
        type: type, fields: fields, request: bodyID ?? request.idempotency?.id, customer: customer, channel: channel,
        by: request.user)
    }
    return try view(state, request)
  }

  /// A page of the cases, oldest first (`CasePosition`): the body is the array of `--json`;
  /// when more cases follow, `Link: <...&after=CURSOR>; rel="next"` names the next page, with
  /// the same query.
  private static func list(_ request: APIRequest) throws(Problem) -> HTTPResponse {
    var status: CaseStatus?
    if let text = request.query("status") {
      guard let given = CaseStatus(rawValue: text) else {
        let valid = CaseStatus.allCases.map(\.rawValue).joined(separator: ", ")
        throw JSONBody.invalid("status", "is not a status: '\(text.prefix(40))'; the statuses are \(valid)")
      }
      status = given
    }
    let after = try after(request)
    let limit = try request.limit(standard: CaseFilter.defaultLimit, maximum: CaseFilter.maximumLimit)
    // One case more than the page tells whether a next page has any.
    let filter = CaseFilter(
      type: request.query("type"), status: status, customer: request.query("customer"),
      unidentified: try request.flag("unidentified"), after: after, limit: limit + 1)
    let found = try served { () throws(ServiceError) in try request.cases.cases(filter) }
    let page = found.prefix(limit)
    var response = HTTPResponse.json(.array(try page.map { state throws(Problem) in try view(state, request) }))
    if found.count > limit, let last = page.last { response.linkNext(after: CasePosition(last).cursor, of: request) }
    return response
  }

  /// A list's `after` query: the position after which its page starts (`nil`: the first page).
  static func after(_ request: APIRequest) throws(Problem) -> CasePosition? {
    try request.query("after").map { text throws(Problem) -> CasePosition in
      guard let position = CasePosition(cursor: text) else {
        throw JSONBody.invalid("after", "is not a cursor of this list (take it from a Link header)")
      }
      return position
    }
  }

  /// `case update` (`fields`) or `case set --sla` (`sla`): one command, one change of the case,
  /// as `PATCH /api/v1/tasks/{id}` takes a task's priority or its OLA.
  private static func update(_ request: APIRequest) throws(Problem) -> JSONValue {
    let body = try request.body()
    let (id, user) = (request.parameter("id"), request.user)
    let state: CaseState
    switch (body.members["fields"], try body.duration("sla")) {
    case (_?, nil):
      let fields = try body.form("fields")
      state = try served(form: "fields") { () throws(ServiceError) in
        try request.cases.update(id, fields: fields, by: user).after
      }
    case (nil, let duration?):
      let command = Command.setSLA(days: duration.days, seconds: duration.seconds)
      state = try served { () throws(ServiceError) in try request.cases.execute(command, onCase: id, by: user) }
    case (nil, nil): throw JSONBody.oneOf("fields", "sla", bothGiven: false)
    case (_?, _?): throw JSONBody.oneOf("fields", "sla", bothGiven: true)
    }
    return try view(state, request)
  }

  /// `case attach`: the file's name and its bytes, decoded from base64.
  private static func attach(_ request: APIRequest) throws(Problem) -> JSONValue {
    let body = try request.body()
    let name = try body.required("name")
    // A name no attachment may have is the body's mistake, 422 (the service's refusal of an
    // id is a path's 404).
    if let problem = UserID.attachmentNameProblem(name) { throw JSONBody.invalid("name", problem) }
    // Required but possibly empty: an empty file is a file.
    guard let content = try body.nullableString("content") else { throw JSONBody.invalid("content", "is required") }
    guard let bytes = Base64.decode(content) else {
      throw JSONBody.invalid("content", "is not base64 (RFC 4648, with its padding)")
    }
    return try view(
      try API.keyed(request) { () throws(ServiceError) in
        try request.cases.attach(
          name: name, bytes: bytes, toCase: request.parameter("id"), by: request.user, request: request.idempotency)
      }, request)
  }

  /// `case link`: an interaction recorded, or the case linked to its customer.
  private static func link(_ request: APIRequest) throws(Problem) -> JSONValue {
    let body = try request.body()
    let (id, user) = (request.parameter("id"), request.user)
    let state: CaseState
    switch (try body.string("interaction"), try body.identifier("customer")) {
    case (let interaction?, nil):
      if let problem = Interaction.problem(interaction) { throw JSONBody.invalid("interaction", problem) }
      state = try API.keyed(request) { () throws(ServiceError) in
        try request.cases.execute(.link(interaction: interaction), onCase: id, by: user, request: request.idempotency)
      }
    case (nil, let customer?):
      state = try served { () throws(ServiceError) in try request.cases.link(id, toCustomer: customer, by: user) }
    case (nil, nil): throw JSONBody.oneOf("interaction", "customer", bothGiven: false)
    case (_?, _?): throw JSONBody.oneOf("interaction", "customer", bothGiven: true)
    }
    return try view(state, request)
  }

  /// The case's JSON of SPEC section 13.
  static func view(_ state: CaseState, _ request: APIRequest) throws(Problem) -> JSONValue {
    try served { () throws(ServiceError) in try request.cases.view(state) }.json
  }
}

extension HTTPResponse {
  /// `Link: <PATH?...&after=CURSOR>; rel="next"`: the next page of the list `request` asked
  /// for, with the same query but its `after` (a `CasePosition`'s cursor, a deployment's number).
  mutating func linkNext(after cursor: String, of request: APIRequest) {
    var query = request.http.query.filter { $0.key != "after" }
    query["after"] = cursor
    let pairs = query.sorted { $0.key < $1.key }.map { name, value in
      SignInPage.percentEncoded(name) + "=" + SignInPage.percentEncoded(value)
    }
    headers.append(("Link", "<\(request.http.path)?\(pairs.joined(separator: "&"))>; rel=\"next\""))
  }
}
