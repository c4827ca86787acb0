import DCMCJSON

/// An error answered as RFC 9457 problem details (`application/problem+json`): `type`,
/// `status`, `title`, `detail`, dcmc's `code`, and for 422 the field errors.
public struct Problem: Error, Sendable, Equatable {
  public var status: Int
  /// Stable, for scripts: `not_found`, `forbidden`, `wrong_state`, `invalid_input`, ...
  public var code: String
  /// One lowercase clause, as the CLI words the same refusal.
  public var detail: String
  /// Each invalid value: the field it is about (when the refusal names one) and what is wrong.
  public var errors: [FieldError]
  /// Extra headers (`Allow` for 405).
  public var headers: [(name: String, value: String)]
  /// What the request log says about the problem beside its code, never sent
  /// (`HTTPResponse.logNote`): a store failure's words with the server's paths.
  var logNote: String?

  public struct FieldError: Sendable, Equatable {
    public var field: String?
    public var detail: String
  }

  init(_ status: Int, _ code: String, _ detail: String, errors: [FieldError] = [], headers: [(String, String)] = []) {
    self.status = status
    self.code = code
    self.detail = detail
    self.errors = errors
    self.headers = headers.map { (name: $0.0, value: $0.1) }
  }

  /// The status's reason phrase, the problem's `title`.
  var title: String { Self.titles[status] ?? "Error" }

  static let titles = [
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    409: "Conflict", 413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
    500: "Internal Server Error", 501: "Not Implemented", 503: "Service Unavailable",
  ]

  var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("type", .string("about:blank")), ("status", .int(status)), ("title", .string(title)),
      ("detail", .string(detail)), ("code", .string(code)),
    ]
    if !errors.isEmpty {
      members.append(
        ("errors", .array(errors.map { .object([("field", .string($0.field)), ("detail", .string($0.detail))]) })))
    }
    return .object(members)
  }

  var response: HTTPResponse {
    HTTPResponse(
      status: status, headers: [("Content-Type", "application/problem+json")] + headers,
      body: Array(json.prettyText().utf8)
    ).noted(logNote)
  }

  public static func == (left: Problem, right: Problem) -> Bool {
    left.status == right.status && left.code == right.code && left.detail == right.detail && left.errors == right.errors
  }
}
