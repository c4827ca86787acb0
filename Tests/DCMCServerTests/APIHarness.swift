import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// The API over a store (in memory unless `kind` says otherwise; `store.remove()` removes
/// another) with the reference definitions deployed, and a token for each user a test acts
/// as: requests answered without a socket. The tokens are kept in memory unless
/// `tokensInStore` puts them in the store (a file store's `tokens.json`).
struct APIHarness {
  let store: RepositoryUnderTest
  let tokens: any TokenRepository
  var api: API
  /// The bearer token of each user, made at Monday 09:00.
  var bearer: [String: String] = [:]
  /// With `interleaved`: runs its body once at the next load of a write the API or its pages
  /// make, before it reads (`RepositoryUnderTest.interleaved`).
  let beforeNextWriteLoad: (@Sendable (@escaping @Sendable () -> Void) -> Void)?

  init(
    kind: RepositoryKind = .memory, users: [String] = ["alice", "bob", "sam", "eve", "mallory"],
    limits: RateLimits = RateLimits(), idempotency: IdempotencyKeys = IdempotencyKeys(), tokensInStore: Bool = false,
    interleaved: Bool = false
  ) throws {
    store = try kind.make()
    tokens = tokensInStore ? try #require(store.repository as? any TokenRepository) : InMemoryTokenRepository()
    let hooked = interleaved ? store.interleaved() : nil
    beforeNextWriteLoad = hooked?.beforeNextWriteLoad
    api = API(cases: hooked?.service ?? store.service, tokens: tokens, limits: limits, idempotency: idempotency)
    api.facts = store.repository as? any ReportFacts
    for (index, user) in users.enumerated() {
      bearer[user] = try token(for: user, seed: UInt8(index), expires: nil)
    }
  }

  /// A new token for `user`, its randomness made from `seed`.
  func token(for user: String, seed: UInt8, expires: Instant?) throws -> String {
    let entropy = (0..<TokenService.entropyBytes).map { UInt8(truncatingIfNeeded: Int($0) * 7 + Int(seed) * 31) }
    return try TokenService(repository: tokens, clock: FixedClock(RepositoryUnderTest.monday))
      .create(for: user, expires: expires, entropy: entropy).token
  }

  /// The answer to a request by `user` (none: no token) from `address`, `seconds` after
  /// Monday 09:00; a body is declared JSON unless `headers` say otherwise.
  func send(
    _ method: String, _ path: String, _ body: String? = nil, as user: String? = nil, query: [String: String] = [:],
    at seconds: Int = 60, token: String? = nil, headers extra: [String: String] = [:], from address: String = "127.0.0.1"
  ) -> (status: Int, json: JSONValue?, response: HTTPResponse) {
    var headers: [String: String] = [:]
    if let bearer = token ?? user.flatMap({ bearer[$0] }) { headers["Authorization"] = "Bearer \(bearer)" }
    if body != nil { headers["Content-Type"] = "application/json" }
    headers.merge(extra) { _, given in given }
    let request = HTTPRequest(
      method: method, path: path, query: query, headers: headers, body: Array((body ?? "").utf8),
      remoteAddress: address)
    let answer = api.respond(to: request, at: RepositoryUnderTest.monday.adding(seconds: seconds))
    return (answer.response.status, try? JSONValue.parse(answer.response.body, limits: .init(maxBytes: 1 << 24)),
      answer.response)
  }

  static let form = """
    {"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com",
     "Product": "internet", "Problem_Description": "no signal"}}
    """
}

extension JSONValue {
  /// Member `key` of an object as text (strings as they are, other values compact).
  func text(_ key: String) -> String? {
    guard let value = self[key] else { return nil }
    if case .string(let text) = value { return text }
    return String(decoding: value.compact(), as: UTF8.self)
  }

  var elements: [JSONValue] {
    if case .array(let values) = self { return values }
    return []
  }
}
