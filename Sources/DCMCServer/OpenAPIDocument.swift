import DCMCJSON

/// `GET /api/v1/openapi.json`: OpenAPI 3.1, made from `APIRoutes.all` and nothing else.
enum OpenAPIDocument {
  static let json: JSONValue = make(APIRoutes.all)

  /// The statuses an operation may answer with a problem, besides success: every one may be
  /// over a rate limit (429), arrive while the server stops (503), carry a body over its limit
  /// (413, read or not), a target too long (414) or a transfer coding the server does not
  /// take (501). 405 is no operation's: it answers a method the path has no operation for.
  static func errorStatuses(_ route: Route) -> [Int] {
    var statuses = [400, 404, 413, 414, 429, 500, 501, 503]
    if route.right == .user { statuses += [401, 403, 409, 422] }
    // A body is read, or (an operation that takes none, but for a GET) refused when it has
    // members (422) or is not JSON (415).
    if route.method != "GET" { statuses += [415, 422] }
    return Set(statuses).sorted()
  }

  /// A response header: what it says, a string (or an integer).
  static func header(_ description: String, integer: Bool = false) -> JSONValue {
    .object([("description", .string(description)), ("schema", APISchemas.type(integer ? "integer" : "string"))])
  }

  /// The headers a problem of `status` carries, besides `Content-Type`.
  static func headers(ofProblem status: Int) -> [(String, JSONValue)] {
    switch status {
    case 401:
      [
        (
          "WWW-Authenticate",
          header(
            "Bearer realm=\"dcmc\" without a token; with error=\"invalid_token\" and error_description for a "
              + "token that is malformed, unknown, revoked or expired (RFC 6750 section 3)")
        )
      ]
    case 429, 503: [("Retry-After", header("the seconds to wait before trying again", integer: true))]
    default: []
    }
  }

  /// `Idempotency-Key` on a POST or a PATCH that needs a user (`API.answer`).
  static let idempotencyKey = JSONValue.object([
    ("name", .string("Idempotency-Key")), ("in", .string("header")), ("required", .bool(false)),
    (
      "description",
      .string(
        "the same user's retry with this key within 24 hours gets the first answer again, with "
          + "Idempotent-Replayed: true (the same request: its body's JSON, member order and white space aside); "
          + "the key with another request is 422 idempotency_key_reused, while the first is answered 409 "
          + "idempotency_key_in_use; a 400 or 422 answer is not kept, so the corrected request may use the key "
          + "(1 to \(API.maximumKeyBytes) printable ASCII characters, else 400)")
    ),
    (
      "schema",
      .object([
        ("type", .string("string")), ("minLength", .number("1")),
        ("maxLength", .number(String(API.maximumKeyBytes))),
      ])
    ),
  ])

  /// `Last-Event-ID` on the event stream: where a reconnecting client resumes.
  static let lastEventID = JSONValue.object([
    ("name", .string("Last-Event-ID")), ("in", .string("header")), ("required", .bool(false)),
    ("description", .string("the id of the last event the client read: the stream resumes after it")),
    ("schema", APISchemas.type("string")),
  ])

  /// What every query parameter's description adds: how a repeated or empty one is read.
  static let queryRule = "; given at most once (a repeated name is 400), never empty (422: leave it out instead)"

  static func make(_ routes: [Route]) -> JSONValue {
    var paths: [(String, JSONValue)] = []
    for template in routes.map(\.template).uniqued() {
      let operations = routes.filter { $0.template == template }.map { ($0.method.lowercased(), operation($0)) }
      paths.append((template, .object(operations)))
    }
    return .object([
      ("openapi", .string("3.1.0")),
      (
        "info",
        .object([
          ("title", .string("dcmc")), ("version", .string("1")),
          ("description", .string("The case management API of dcmc serve (SPEC section 17).")),
        ])
      ),
      ("paths", .object(paths)),
      (
        "components",
        .object([
          ("schemas", .object(APISchemas.components + APISchemas.reports)),
          (
            "securitySchemes",
            .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))])
          ),
        ])
      ),
    ])
  }

  private static func operation(_ route: Route) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("operationId", .string(route.operationID)), ("summary", .string(route.summary)),
    ]
    let parameters =
      route.parameterNames.map { name in
        JSONValue.object([
          ("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
          ("schema", APISchemas.type("string")),
        ])
      }
      + route.queries.map { query in
        JSONValue.object([
          ("name", .string(query.name)), ("in", .string("query")), ("required", .bool(false)),
          ("description", .string(query.summary + Self.queryRule)), ("schema", schema(of: query)),
        ])
      }
      + (API.keyedMethods.contains(route.method) && route.right == .user ? [idempotencyKey] : [])
      + (route.media == ["text/event-stream"] ? [lastEventID] : [])
    if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
    if let request = route.request {
      members.append(
        (
          "requestBody",
          .object([
            ("required", .bool(true)), ("content", .object([("application/json", .object([("schema", request)]))])),
          ])
        ))
    }
    var success: [(String, JSONValue)] = [
      ("description", .string("success")),
      (
        "content",
        .object(
          route.media.map { type in
            (type, .object([("schema", type == "application/json" ? route.response : APISchemas.type("string"))]))
          })
      ),
    ]
    var headers: [(String, JSONValue)] = []
    // A paged list (it takes `after`) names its next page in a `Link` header while one follows.
    if route.queries.contains(where: { $0.name == "after" }) {
      headers.append(("Link", header("<PATH?...&after=CURSOR>; rel=\"next\" while a next page follows")))
    }
    if let locates = route.locates {
      headers.append(("Location", header("what the request made: \(locates)ID, ID the body's id")))
    }
    // The first answer to a key is kept, a refusal under 500 too, and replayed marked.
    let replayed = ("Idempotent-Replayed", header("true: the first answer to this Idempotency-Key, again"))
    let keyed = API.keyedMethods.contains(route.method) && route.right == .user
    if keyed { headers.append(replayed) }
    if !headers.isEmpty { success.append(("headers", .object(headers))) }
    var responses: [(String, JSONValue)] = [(String(route.status), .object(success))]
    for status in errorStatuses(route) {
      var problem: [(String, JSONValue)] = [
        ("description", .string(Problem.titles[status] ?? "error")),
        ("content", .object([("application/problem+json", .object([("schema", APISchemas.reference("Problem"))]))])),
      ]
      if status == 404, let notFound = route.notFound { problem[0] = ("description", .string(notFound)) }
      let carried = Self.headers(ofProblem: status) + (keyed && status < 500 ? [replayed] : [])
      if !carried.isEmpty { problem.append(("headers", .object(carried))) }
      responses.append((String(status), .object(problem)))
    }
    members.append(("responses", .object(responses)))
    members.append(
      ("security", .array(route.right == .user ? [.object([("bearer", .array([]))])] : [])))
    return .object(members)
  }
}

extension OpenAPIDocument {
  /// A query's schema: a non-empty string, or its type within its bounds.
  static func schema(of query: Route.Query) -> JSONValue {
    if query.type == "string" { return .object([("type", .string("string")), ("minLength", .number("1"))]) }
    guard let bounds = query.bounds else { return APISchemas.type(query.type) }
    return .object([
      ("type", .string(query.type)), ("minimum", .number(String(bounds.lowerBound))),
      ("maximum", .number(String(bounds.upperBound))),
    ])
  }
}

extension Array where Element: Hashable {
  /// The elements in order, each once.
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
