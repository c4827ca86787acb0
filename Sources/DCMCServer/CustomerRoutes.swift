import DCMCApplication
import DCMCJSON

/// `/api/v1/customers`: what `customer add|show|update|find|cases|merge|export|status-link --json` do
/// (SPEC section 14).
enum CustomerRoutes {
  static let defaultLimit = CustomerService.defaultFindLimit
  static let maximumLimit = CustomerService.maximumFindLimit

  static let details: [(String, JSONValue)] = [
    ("name", APISchemas.type("string")), ("email", APISchemas.type("string", "null")),
    ("phone", APISchemas.type("string", "null")), ("fields", APISchemas.formValues),
  ]

  static let routes: [Route] = [
    Route(
      method: "POST", template: "/api/v1/customers", operationID: "addCustomer",
      summary:
        "add a customer record (request_id: the same user's retry with the same details returns the same "
        + "record; the id with other details, or another user's, is 422 request_id_reused; "
        + "an email or phone another record has is 409 unless shared is true)",
      request: APISchemas.object(
        details + [("request_id", APISchemas.identifier), ("shared", APISchemas.type("boolean"))],
        required: ["name"], open: false),
      status: 201, response: APISchemas.reference("Customer"), locates: "/api/v1/customers/"
    ) { request throws(Problem) in
      let body = try request.body()
      let name = try body.required("name")
      let (email, phone) = (try body.nullableString("email"), try body.nullableString("phone"))
      let (fields, bodyID) = (try body.form("fields"), try body.identifier("request_id"))
      let shared = try body.flag("shared")
      let customers = try request.customers()
      // The body's request id, else the one the Idempotency-Key stands for (as a case's create).
      return CustomerView(
        try API.keyed(request, bodyID: bodyID) { () throws(ServiceError) in
          try customers.add(
            name: name, email: email, phone: phone, fields: fields, request: bodyID ?? request.idempotency?.id,
            shared: shared, by: request.user)
        }
      ).json
    },
    Route(
      method: "GET", template: "/api/v1/customers", operationID: "findCustomers",
      summary: "find records by exact email, by phone number or by the start of the name",
      queries: [
        .init(name: "q", summary: "an email, a phone number in any formatting, or a name's start", type: "string"),
        .limit(of: "records", standard: defaultLimit, maximum: maximumLimit),
      ],
      response: APISchemas.array(of: "Customer")
    ) { request throws(Problem) in
      guard let text = request.query("q") else { throw JSONBody.invalid("q", "is required") }
      let limit = try request.limit(standard: defaultLimit, maximum: maximumLimit)
      let customers = try request.customers()
      let found = try served { () throws(ServiceError) in try customers.find(text, limit: limit, by: request.user) }
      return .array(found.map { CustomerView($0).json })
    },
    Route(
      method: "GET", template: "/api/v1/customers/{id}", operationID: "showCustomer",
      summary: "a customer record (a merged id shows the record it was merged into)",
      response: APISchemas.reference("Customer")
    ) { request throws(Problem) in
      let customers = try request.customers()
      return CustomerView(
        try served { () throws(ServiceError) in try customers.show(request.parameter("id"), by: request.user) }
      ).json
    },
    Route(
      method: "PATCH", template: "/api/v1/customers/{id}", operationID: "updateCustomer",
      summary:
        "correct a customer record: only what is given changes (an empty value clears it; "
        + "an email or phone another record has is 409 unless shared is true)",
      request: APISchemas.object(details + [("shared", APISchemas.type("boolean"))], required: [], open: false),
      response: APISchemas.reference("Customer")
    ) { request throws(Problem) in
      let body = try request.body()
      let name = try body.string("name")
      let (email, phone) = (try body.nullableString("email"), try body.nullableString("phone"))
      let (fields, shared) = (try body.form("fields"), try body.flag("shared"))
      let customers = try request.customers()
      return CustomerView(
        try served { () throws(ServiceError) in
          try customers.update(
            request.parameter("id"), name: name, email: email, phone: phone, fields: fields, shared: shared,
            by: request.user)
        }
      ).json
    },
    Route(
      method: "GET", template: "/api/v1/customers/{id}/cases", operationID: "customerCases",
      summary: "a customer's cases, newest first, in the words the customer reads",
      queries: Route.Query.page(next: "older cases"), response: APISchemas.array(of: "CustomerCase"), respond: customerCases),
    Route(
      method: "POST", template: "/api/v1/customers/{id}/merge", operationID: "mergeCustomers",
      summary: "merge record duplicate into this one, for good (a supervisor's action)",
      request: APISchemas.object([("duplicate", APISchemas.identifier)], required: ["duplicate"], open: false),
      response: APISchemas.reference("Customer")
    ) { request throws(Problem) in
      let duplicate = try request.body().requiredIdentifier("duplicate")
      return CustomerView(
        try served { () throws(ServiceError) in
          try request.cases.mergeCustomers(keep: request.parameter("id"), duplicate: duplicate, by: request.user)
        }
      ).json
    },
    Route(
      method: "GET", template: "/api/v1/customers/{id}/export", operationID: "exportCustomer",
      summary: "everything held about a customer: the record, merged records, cases, histories and notifications",
      response: APISchemas.reference("CustomerExport")
    ) { request throws(Problem) in
      try served { () throws(ServiceError) in try request.cases.export(customer: request.parameter("id"), by: request.user) }
        .json
    },
    Route(
      method: "POST", template: "/api/v1/customers/{id}/status-links", operationID: "issueStatusLink",
      summary:
        "make a link to the customer's status page, shown once: anyone with it sees the customer's cases until "
        + "the links are revoked (url: the server's public address the link starts with)",
      request: APISchemas.object([("url", APISchemas.type("string"))], required: [], open: false),
      status: 201,
      response: APISchemas.object(
        [("customer", APISchemas.type("string")), ("link", APISchemas.type("string"))], required: ["customer", "link"])
    ) { request throws(Problem) in
      let (id, url) = (request.parameter("id"), try request.body().string("url"))
      if let url, let problem = StatusLinkService.publicURLProblem(url) {
        let detail = "'url': \(problem)"
        throw Problem(422, "invalid_input", detail, errors: [Problem.FieldError(field: "url", detail: detail)])
      }
      let service = try statusLinks(request)
      let issued = try served { () throws(ServiceError) in
        try service.issue(for: id, entropy: request.random(StatusLinkService.entropyBytes), by: request.user)
      }
      return .object([("customer", .string(id)), ("link", .string(StatusLinkService.address(of: issued, at: url)))])
    },
    Route(
      method: "DELETE", template: "/api/v1/customers/{id}/status-links", operationID: "revokeStatusLinks",
      summary: "revoke every status page link of the customer and of the records merged into it",
      response: APISchemas.object(
        [("customer", APISchemas.type("string")), ("revoked", APISchemas.type("integer"))],
        required: ["customer", "revoked"])
    ) { request throws(Problem) in
      let id = request.parameter("id")
      let service = try statusLinks(request)
      let count = try served { () throws(ServiceError) in try service.revoke(for: id, by: request.user) }
      return .object([("customer", .string(id)), ("revoked", .number(String(count)))])
    },
  ]

  /// A page of a customer's cases, newest first: the body the array of `customer cases
  /// --json`'s views; when older cases follow, `Link: <...&after=CURSOR>; rel="next"` names
  /// the next page, as `GET /api/v1/cases` does (that list is oldest first). A cursor past the
  /// oldest case: an empty array, no `Link`.
  private static func customerCases(_ request: APIRequest) throws(Problem) -> HTTPResponse {
    let after = try CaseRoutes.after(request)
    let limit = try request.limit(standard: CaseFilter.defaultLimit, maximum: CaseFilter.maximumLimit)
    let page = try served { () throws(ServiceError) in
      try request.cases.customerCases(
        request.parameter("id"), by: request.user, from: after.map { .olderThan($0) } ?? .newest, limit: limit)
    }
    var response = HTTPResponse.json(.array(page.views.map(\.json)))
    if let older = page.older { response.linkNext(after: older.cursor, of: request) }
    return response
  }

  /// The status link use cases on the request's store; 404 for a store that keeps no links.
  private static func statusLinks(_ request: APIRequest) throws(Problem) -> StatusLinkService {
    guard let links = request.cases.repository as? any StatusLinkRepository else {
      throw Problem(404, "not_found", "the store keeps no status links")
    }
    return StatusLinkService(links: links, cases: request.cases)
  }
}
