import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCModel

/// What a handler gets: the request, its path parameters, the acting user (the token's) and
/// the use cases at the request's instant. Handlers are functions of it: no socket, no clock.
struct APIRequest: Sendable {
  var http: HTTPRequest
  var parameters: [String: String]
  var user: String?
  var cases: CaseService
  /// The request that the request's `Idempotency-Key` stands for in the store: its id, recorded
  /// by what the request makes or changes, so a retry after a restart finds it; its digest, the
  /// request's fingerprint. `nil` without a key.
  var idempotency: CommandRequest? = nil
  var facts: (any ReportFacts)?
  var events: EventHub
  /// Whether the request's token still acts as its user at an instant: an event stream asks
  /// at each poll and ends when it does not (revoked, expired).
  var acts: @Sendable (Instant) -> Bool = { _ in true }
  /// The members the route's body may have; `nil`: any.
  var members: Set<String>? = nil
  /// The body's JSON once read (`ParsedBody`): by the `Idempotency-Key`'s fingerprint, or by the
  /// check of a route that takes no body, so `body()` reads it no second time; `nil` until then.
  var parsed: ParsedBody? = nil
  /// `count` random bytes from the system's generator (a status link's secret).
  var random: @Sendable (Int) -> [UInt8] = Entropy.system

  /// Path parameter `name`, which the route's template guarantees.
  func parameter(_ name: String) -> String { parameters[name] ?? "" }

  /// The customer use cases on the same store and instant; 404 for a store that keeps no
  /// customer records.
  func customers() throws(Problem) -> CustomerService {
    guard let service = cases.customerUseCases else {
      throw Problem(404, "not_found", "the store keeps no customer records")
    }
    return service
  }

  /// Query parameter `name` (never empty: `API` refuses an empty value).
  func query(_ name: String) -> String? { http.query[name] }

  /// Query parameter `limit`: a whole number from 1 to `maximum`, `standard` when absent; 422
  /// for anything else.
  func limit(standard: Int, maximum: Int) throws(Problem) -> Int {
    guard let given = http.query["limit"] else { return standard }
    guard let number = Int(given), (1...maximum).contains(number) else {
      throw JSONBody.invalid("limit", "is not a whole number from 1 to \(maximum)")
    }
    return number
  }

  /// Boolean query parameter `name`: `true` or `false`, absent is false; 422 for anything else.
  func flag(_ name: String) throws(Problem) -> Bool {
    switch http.query[name] {
    case nil, "false"?: return false
    case "true"?: return true
    default: throw JSONBody.invalid(name, "is neither true nor false")
    }
  }

  /// The body as one JSON object's members, parsed with the API's limits (an empty body is an
  /// empty object); 400 when it is not JSON or not an object. A member's number out of range
  /// (`1e400`, `0.1e-400`: `JSONValue.canonicalNumber`) is well-formed JSON the API cannot
  /// keep: 422 naming the member by its path (`fields.Amount`), as a form's bad value is.
  func body() throws(Problem) -> JSONBody { try Self.body(parsed ?? ParsedBody(http.body), allowing: members) }

  /// `parsed` read as `body()` reads a request's, `allowing` those members only (`nil`: any).
  static func body(_ parsed: ParsedBody, allowing members: Set<String>?) throws(Problem) -> JSONBody {
    let value: JSONValue
    switch parsed {
    case .blank: return JSONBody(members: [:])
    case .json(let json): value = json
    case .malformed(let error):
      if error.isNumberOutOfRange, !error.path.isEmpty {
        let member = error.path.map { String($0.prefix(40)) }.joined(separator: ".")
        throw JSONBody.invalid(member, "is out of range: \(JSONValue.numberRange)")
      }
      throw Problem(400, "malformed_request", "the body is not valid JSON: \(error.message) at byte \(error.offset)")
    }
    guard case .object(let given) = value else {
      throw Problem(400, "malformed_request", "the body is not a JSON object")
    }
    if let allowed = members, let unknown = given.map(\.0).first(where: { !allowed.contains($0) }) {
      throw JSONBody.invalid(
        String(unknown.prefix(40)), allowed.isEmpty ? "is not read: this operation takes no body" : "is not a member of this body")
    }
    return JSONBody(members: Dictionary(given) { first, _ in first })
  }

  /// The limits a body's JSON is parsed with.
  static let bodyLimits = JSONValue.Limits(maxBytes: API.attachmentBodyBytes, maxDepth: 32)

  /// Whether `body` is empty or JSON white space only (read as an empty object).
  static func isBlank(_ body: [UInt8]) -> Bool { body.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) } }
}

/// A request's body read as JSON once, with the API's limits (`APIRequest.bodyLimits`): what
/// the handler's `body()` and the `Idempotency-Key`'s fingerprint both read.
enum ParsedBody: Sendable {
  /// Empty, or JSON white space only: read as an empty object.
  case blank
  case json(JSONValue)
  case malformed(JSONValue.ParseError)

  init(_ bytes: [UInt8]) {
    if APIRequest.isBlank(bytes) {
      self = .blank
      return
    }
    do throws(JSONValue.ParseError) {
      self = .json(try JSONValue.parse(bytes, limits: APIRequest.bodyLimits))
    } catch {
      self = .malformed(error)
    }
  }
}

/// The members of a request's JSON object, read with 422s that name the member.
struct JSONBody {
  var members: [String: JSONValue]

  /// Member `key` as a string; `nil` when absent. A null is refused as the description's
  /// `string` refuses it (a `{"name": null}` correction was taken, 200, as no change).
  func string(_ key: String) throws(Problem) -> String? {
    switch members[key] {
    case nil: return nil
    case .string(let text)?: return text
    default: throw Self.invalid(key, "is not a string")
    }
  }

  /// Member `key` as a string; `nil` when absent or null (a member described `string, null`).
  func nullableString(_ key: String) throws(Problem) -> String? {
    if case .null? = members[key] { return nil }
    return try string(key)
  }

  /// Member `key` as an id (of a user, workgroup, case type, outcome, customer or request);
  /// `nil` when absent. The one rule of a body's ids: one that cannot be an id (`UserID.problem`:
  /// empty, longer than 128 bytes, a '/', a control character, '.' first) is the request's
  /// mistake, 422 naming the member; a well-formed one that names nothing is left to the use
  /// case, whose refusal is 404. (A path's id that cannot be one is 404: it names nothing.)
  func identifier(_ key: String) throws(Problem) -> String? {
    guard let text = try string(key) else { return nil }
    return try Self.identifier(text, of: key)
  }

  /// Member `key` as an id that is given (`required`: absent, null or empty refused); else
  /// as `identifier`.
  func requiredIdentifier(_ key: String) throws(Problem) -> String {
    try Self.identifier(try required(key), of: key)
  }

  private static func identifier(_ text: String, of key: String) throws(Problem) -> String {
    if let problem = UserID.problem(text) { throw invalid(key, problem) }
    return text
  }

  /// Member `key` as a boolean; `false` when absent.
  func flag(_ key: String) throws(Problem) -> Bool {
    switch members[key] {
    case nil: return false
    case .bool(let value)?: return value
    default: throw Self.invalid(key, "is not true or false")
    }
  }

  /// Member `key` as a string that is given: absent or null is `'key' is required`, empty
  /// `'key' is empty` (it was given: "required" read as a member left out).
  func required(_ key: String) throws(Problem) -> String {
    guard let text = try nullableString(key) else { throw Self.invalid(key, "is required") }
    guard !text.isEmpty else { throw Self.invalid(key, "is empty; give a value") }
    return text
  }

  /// Member `key` as form values (`FormValues`); an empty mapping when absent (a null is not
  /// the object the description names).
  func form(_ key: String) throws(Problem) -> [String: String] {
    guard let value = members[key] else { return [:] }
    switch FormValues.strings(value) {
    case .success(let values): return values
    case .failure(let problem): throw Self.invalid(problem.field.map { "\(key).\($0)" } ?? key, problem.detail)
    }
  }

  /// Member `key` as a positive duration as definitions write them (`Duration.parse`); `nil`
  /// when absent.
  func duration(_ key: String) throws(Problem) -> Duration? {
    guard let text = try string(key) else { return nil }
    switch Duration.parse(text) {
    case .success(let duration): return duration
    case .failure(.notPositive): throw Self.invalid(key, "is not a positive duration")
    case .failure(.malformed): throw Self.invalid(key, "is not a duration like 90m, 16h, 3d, 2d 4h or PT12H")
    }
  }

  static func invalid(_ key: String, _ detail: String) -> Problem {
    Problem(
      422, "invalid_input", "'\(key)' \(detail)", errors: [Problem.FieldError(field: key, detail: "'\(key)' \(detail)")])
  }

  /// 422 for a body that must give exactly one of `first` and `second`: each named in the
  /// errors, as every 422's members are.
  static func oneOf(_ first: String, _ second: String, bothGiven: Bool) -> Problem {
    let detail = bothGiven ? "give '\(first)' or '\(second)', not both" : "give '\(first)' or '\(second)'"
    return Problem(
      422, "invalid_input", detail,
      errors: [Problem.FieldError(field: first, detail: detail), Problem.FieldError(field: second, detail: detail)])
  }
}
