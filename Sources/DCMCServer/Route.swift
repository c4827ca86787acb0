import DCMCJSON
import DCMCApplication

/// One operation of the API: how it is routed (method and path template), how
/// `openapi.json` describes it, who may call it, and its handler. `APIRoutes.all` is the one
/// table both read, so the description cannot drift from the routes.
struct Route: Sendable {
  enum Right: Sendable {
    /// No token needed (the API's own description).
    case anyone
    /// A bearer token, acting as its user exactly as `--as USER`.
    case user
  }

  /// A query parameter: its name, what it does, and its schema type.
  struct Query: Sendable {
    var name: String
    var summary: String
    var type: String
    /// The values an integer query takes (else 422), as `openapi.json` says them.
    var bounds: ClosedRange<Int>? = nil

    /// `limit`: at most this many `items`, 1 to `maximum` (else `standard`; `APIRequest.limit`
    /// reads it by the same bounds), and what `more` adds.
    static func limit(of items: String, standard: Int, maximum: Int, more: String = "") -> Query {
      Query(
        name: "limit", summary: "at most this many \(items), 1 to \(maximum) (else \(standard))\(more)",
        type: "integer", bounds: 1...maximum)
    }

    /// A list's page: `limit` (1 to `maximum`, else `standard`) and `after` (`CaseRoutes.after`,
    /// `HTTPResponse.linkNext`); `items` says what the list holds, `next` what the next page does.
    static func page(
      of items: String = "cases", next: String, standard: Int = CaseFilter.defaultLimit,
      maximum: Int = CaseFilter.maximumLimit
    ) -> [Query] {
      [
        limit(
          of: items, standard: standard, maximum: maximum,
          more: "; a Link header with rel=\"next\" names the next page (\(next))"),
        Query(name: "after", summary: "the cursor of the next page, from the previous page's Link header", type: "string"),
      ]
    }
  }

  var method: String
  /// `/api/v1/cases/{id}`: `{name}` matches one non-empty path segment.
  var template: String
  var operationID: String
  var summary: String
  var queries: [Query] = []
  /// The body's schema; `nil` for an operation that reads none.
  var request: JSONValue? = nil
  /// The status and body schema of success.
  var status: Int = 200
  var response: JSONValue
  /// The media types of success: JSON, or for a report also CSV, HTML and text.
  var media: [String] = ["application/json"]
  var right: Right = .user
  /// The largest body read, in bytes; a larger one is answered 413 unread.
  var bodyLimit = API.maximumBodyBytes
  /// What a 404 of this operation means, when it is not an unknown id or path (`openapi.json`).
  var notFound: String? = nil
  /// Where a 201 puts what it made: this path, then the response's `id` (its `Location`).
  var locates: String? = nil
  /// The whole response of success.
  var respond: @Sendable (APIRequest) throws(Problem) -> HTTPResponse

  /// A route whose handler answers a JSON value, sent with `status`.
  init(
    method: String, template: String, operationID: String, summary: String, queries: [Query] = [],
    request: JSONValue? = nil, status: Int = 200, response: JSONValue, right: Right = .user,
    bodyLimit: Int = API.maximumBodyBytes, locates: String? = nil, handler: @escaping @Sendable (APIRequest) throws(Problem) -> JSONValue
  ) {
    self.init(
      method: method, template: template, operationID: operationID, summary: summary, queries: queries,
      request: request, status: status, response: response, right: right
    ) { given throws(Problem) in
      var context = given
      context.members = Self.members(ofClosed: request)
      let body = try handler(context)
      var response = HTTPResponse.json(body, status: status)
      if let locates, case .string(let id)? = body["id"] {
        response.headers.append(("Location", locates + SignInPage.percentEncoded(id)))
      }
      return response
    }
    self.bodyLimit = bodyLimit
    self.locates = locates
  }

  /// The members a body of `schema` may have, when it admits no others
  /// (`additionalProperties: false`); `nil` for an open schema or none.
  static func members(ofClosed schema: JSONValue?) -> Set<String>? {
    guard case .bool(false)? = schema?["additionalProperties"], case .object(let properties)? = schema?["properties"]
    else { return nil }
    return Set(properties.map(\.0))
  }

  /// A route whose handler makes the whole response, in one of `media`.
  init(
    method: String, template: String, operationID: String, summary: String, queries: [Query] = [],
    request: JSONValue? = nil, status: Int = 200, response: JSONValue, media: [String] = ["application/json"],
    right: Right = .user, respond: @escaping @Sendable (APIRequest) throws(Problem) -> HTTPResponse
  ) {
    self.method = method
    self.template = template
    self.operationID = operationID
    self.summary = summary
    self.queries = queries
    self.request = request
    self.status = status
    self.response = response
    self.media = media
    self.right = right
    self.respond = respond
  }

  /// The names of the template's `{parameters}`, in order.
  var parameterNames: [String] {
    template.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
  }
}
