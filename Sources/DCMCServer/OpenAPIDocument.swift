import DCMCJSON

/// `GET /api/v1/openapi.json`: OpenAPI 3.1, made from `APIRoutes.all` and nothing else.
enum OpenAPIDocument {
  static let json: JSONValue = make(APIRoutes.all)

  /// The statuses an operation may answer with a problem, besides success: every one may be
  /// over a rate limit (429) or arrive while the server stops (503).
  static func errorStatuses(_ route: Route) -> [Int] {
    var statuses = [400, 404, 429, 500, 503]
    if route.right == .user { statuses += [401, 403, 409, 422] }
    // A body is read, or (an operation that takes none, but for a GET) refused when it has
    // members or is not JSON.
    if route.method != "GET" { statuses += [413, 415, 422] }
    return Set(statuses).sorted()
  }

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
          ("schemas", .object(APISchemas.components)),
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
          ("description", .string(query.summary + Self.queryRule)),
          ("schema", query.type == "string" ? .object([("type", .string("string")), ("minLength", .number("1"))]) : APISchemas.type(query.type)),
        ])
      }
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
    // A paged list (it takes `after`) names its next page in a `Link` header while one follows.
    if route.queries.contains(where: { $0.name == "after" }) {
      let link = JSONValue.object([
        ("description", .string("<PATH?...&after=CURSOR>; rel=\"next\" while a next page follows")),
        ("schema", APISchemas.type("string")),
      ])
      success.append(("headers", .object([("Link", link)])))
    }
    var responses: [(String, JSONValue)] = [(String(route.status), .object(success))]
    for status in errorStatuses(route) {
      responses.append(
        (
          String(status),
          .object([
            ("description", .string(Problem.titles[status] ?? "error")),
            (
              "content",
              .object([("application/problem+json", .object([("schema", APISchemas.reference("Problem"))]))])
            ),
          ])
        ))
    }
    members.append(("responses", .object(responses)))
    members.append(
      ("security", .array(route.right == .user ? [.object([("bearer", .array([]))])] : [])))
    return .object(members)
  }
}

extension Array where Element: Hashable {
  /// The elements in order, each once.
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
