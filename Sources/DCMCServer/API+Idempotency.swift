import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCJSON
import DCMCModel

/// `Idempotency-Key` on a POST or a PATCH (SPEC section 17; the IETF draft, Stripe's rules):
/// the first answer to a user's key is kept with a fingerprint of the request (method, path,
/// query, the body's JSON, user) for 24 hours; a retry of the same request gets that answer
/// again, marked `Idempotent-Replayed: true`; the same key with another request is 422, and
/// while the first is still being answered 409. An answer that ran nothing is not kept: a
/// server error, and a request refused for what it says (400, 422), so a retry runs again.
///
/// What a request makes or changes is also deduplicated by the store: the key stands for a
/// request id (`APIRequest.idempotency`), recorded in the same append as the case, the
/// customer record or the command's first event, so a retry after a restart or a crash finds
/// it instead of doing it again (`keyed`).
extension API {
  /// The longest key taken, in bytes (the draft's keys are UUIDs; Stripe takes 255).
  static let maximumKeyBytes = 255

  /// The methods a key is taken on: those that are not idempotent by themselves (a PATCH of a
  /// task's OLA counts from now).
  static let keyedMethods: Set<String> = ["POST", "PATCH"]

  /// The route's response to `request`, through its `Idempotency-Key` when a POST or a PATCH
  /// has one.
  func answer(_ route: Route, _ request: APIRequest, at now: Instant) throws(Problem) -> HTTPResponse {
    guard Self.keyedMethods.contains(request.http.method), let header = request.http.headers["idempotency-key"],
      let user = request.user
    else { return try route.respond(request) }
    let key = try Self.key(header)
    // Read once: the fingerprint and the handler's `body()` read the same parse.
    var keyed = request
    let parsed = request.parsed ?? ParsedBody(request.http.body)
    keyed.parsed = parsed
    let fingerprint = Self.fingerprint(request.http, parsed, user: user)
    switch idempotency.begin(key, user: user, fingerprint: fingerprint, at: now) {
    case .proceed: break
    case .replay(var response):
      response.headers.append(("Idempotent-Replayed", "true"))
      return response
    case .reused: throw Self.keyReused
    case .inFlight:
      throw Problem(409, "idempotency_key_in_use", "a request with this idempotency key is still being answered")
    }
    keyed.idempotency = CommandRequest(id: Self.requestID(key, user: user), digest: "sha256:" + fingerprint)
    let response: HTTPResponse
    do {
      response = try route.respond(keyed)
    } catch where error.code == Problem.versionsMoved.code {
      // Decided again by `respond`, under the same key.
      idempotency.abandon(key, user: user)
      throw error
    } catch {
      response = error.response
    }
    if !Self.keeps(response.status) {
      idempotency.abandon(key, user: user)
    } else {
      idempotency.finish(key, user: user, with: response, at: now)
    }
    return response
  }

  /// `body`'s answer, with the store's refusal of the key's request id used before for another
  /// request (a retry after a restart) answered as a reused key is; a body's own `request_id`
  /// (`bodyID`), which takes the key's place, is refused as itself.
  static func keyed<Answer>(
    _ request: APIRequest, bodyID: String? = nil, form: String? = nil, _ body: () throws(ServiceError) -> Answer
  ) throws(Problem) -> Answer {
    do { return try body() } catch {
      switch error {
      case .refused(.requestReused), .refused(.customerRequestReused), .refused(.presenceRequestReused):
        if bodyID == nil, request.idempotency != nil { throw keyReused }
      default: break
      }
      throw Problem(error, form: form)
    }
  }

  /// Whether an answer with `status` is kept for its key: not a server error, nor a request
  /// refused for what it says (400 malformed, 422 invalid), which ran nothing; the client
  /// corrects it and sends it again under the same key (Stripe's rule). A refusal by the
  /// state the request met (403, 409) ran, and is kept.
  static func keeps(_ status: Int) -> Bool { status < 500 && status != 400 && status != 422 }

  /// 422 for a key used before with another request.
  static let keyReused = Problem(
    422, "idempotency_key_reused", "the idempotency key was used for another request")

  /// The key of an `Idempotency-Key` header: its text, or the draft's quoted string
  /// unquoted; 400 when empty, too long or not printable ASCII.
  static func key(_ header: String) throws(Problem) -> String {
    var key = String(header.trimmingSpaces)
    if key.count >= 2, key.hasPrefix("\""), key.hasSuffix("\"") { key = String(key.dropFirst().dropLast()) }
    guard (1...maximumKeyBytes).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ (0x20..<0x7F).contains($0.value) })
    else {
      throw Problem(
        400, "malformed_request", "the idempotency key is not 1 to \(maximumKeyBytes) printable ASCII characters")
    }
    return key
  }

  /// What a key must name the same of: the method, path, query, body and user. The body by
  /// what it says, as the handlers and the store read it: its JSON in the canonical form
  /// (members sorted, no white space, strings unescaped), an empty body as `{}`. A body that
  /// is not JSON is refused 400, an answer not kept: its bytes as they are.
  static func fingerprint(_ request: HTTPRequest, _ body: ParsedBody, user: String) -> String {
    let query = request.query.sorted { $0.key < $1.key }.map { JSONValue.array([.string($0.key), .string($0.value)]) }
    let head = JSONValue.array([.string(request.method), .string(request.path), .array(query), .string(user)])
    return SHA256.hexDigest(of: head.compact() + [10] + canonical(body, of: request.body))
  }

  /// The body `bytes`, read as `parsed`, as the fingerprint reads it (`fingerprint`).
  static func canonical(_ parsed: ParsedBody, of bytes: [UInt8]) -> [UInt8] {
    switch parsed {
    case .blank: JSONValue.object([]).compact()
    case .json(let value): value.compact()
    case .malformed: bytes
    }
  }

  /// The store's request id for `key` of `user`: a digest, so any key makes a valid id and
  /// two users' keys never meet.
  static func requestID(_ key: String, user: String) -> String {
    "idempotency-" + SHA256.hexDigest(of: Array("\(user)\n\(key)".utf8)).prefix(32)
  }
}
