public import DCMCApplication
public import DCMCCalendar
import Synchronization

/// The HTTP API as a function: a parsed request and the instant the shell read for it in, a
/// response out (SPEC section 17). It authenticates the bearer token, routes by `APIRoutes`,
/// and runs the handler on the use cases at that instant; every failure is problem details.
/// Nothing here touches a socket or reads the clock, so it is tested without either.
public struct API: Sendable {
  /// The use cases; each request runs them at its own instant.
  public let cases: CaseService
  public let tokens: any TokenRepository
  /// The answered `Idempotency-Key`s, shared by every request (`API+Idempotency`).
  public let idempotency: IdempotencyKeys
  /// The buckets of requests without a token that acts, by address; `nil`: no limit.
  let perAddress: RateLimiter?
  /// The buckets of requests with a token, by token id; `nil`: no limit.
  let perToken: RateLimiter?
  /// The report facts the reports read; without them `/api/v1/reports` answers 404.
  public var facts: (any ReportFacts)?
  /// The users' events of `/api/v1/events`, shared by their connections.
  let events = EventHub(run: String(UInt32.random(in: .min ... .max), radix: 36))
  /// The store's versions read last, which fenced writes are decided on (`respond`).
  let known = KnownVersions()

  /// The largest JSON body read (1 MiB); a larger one is answered 413 unread.
  public static let maximumBodyBytes = 1 << 20

  /// The answer to a body larger than `maximumBodyBytes`.
  static let tooLarge = Problem(413, "too_large", "the body is larger than the limit of \(maximumBodyBytes >> 20) MiB")

  /// The answer to a request that gives `what` (`HTTPRequest.repetition`) more than once.
  static func repeated(_ what: String) -> Problem {
    Problem(400, "malformed_request", "\(what) is given more than once; give it once")
  }

  /// What a request gets while the server stops: 503.
  public static let shuttingDown = Problem(503, "shutting_down", "the server is stopping").response

  public init(
    cases: CaseService, tokens: any TokenRepository, limits: RateLimits = RateLimits(),
    idempotency: IdempotencyKeys = IdempotencyKeys()
  ) {
    self.cases = cases
    self.tokens = tokens
    self.idempotency = idempotency
    perAddress = limits.perAddress.map { RateLimiter(perMinute: $0) }
    perToken = limits.perToken.map { RateLimiter(perMinute: $0) }
  }

  /// What the shell writes back, and the user the request acted as (for its log line).
  public struct Answer: Sendable {
    public var response: HTTPResponse
    public var user: String?

    /// The answer to `request`: for a HEAD, the GET's without its stream (a body libmicrohttpd
    /// does not send to a HEAD, though its length is the `Content-Length`).
    func forHead(_ request: HTTPRequest) -> Answer {
      guard request.method == "HEAD", response.stream != nil else { return self }
      var answer = self
      answer.response.stream = nil
      return answer
    }
  }

  /// Answers `request` as at `now`.
  public func respond(to request: HTTPRequest, at now: Instant) -> Answer {
    routed(request, at: now).forHead(request)
  }

  private func routed(_ request: HTTPRequest, at now: Instant) -> Answer {
    var user: String?
    do throws(Problem) {
      if let repeated = request.repetition { throw Self.repeated(repeated) }
      let (route, parameters): (Route, [String: String])
      switch try APIRoutes.route(request.method, request.path) {
      case .route(let found, let given): (route, parameters) = (found, given)
      case .options(let methods):
        // Answered without a token, as the API's description is, within the address's rate.
        try admit(request.remoteAddress, by: perAddress, at: now)
        return Answer(response: .options(methods), user: nil)
      }
      guard route.right == .user else {
        try admit(request.remoteAddress, by: perAddress, at: now)
        return Answer(response: try handle(route, parameters, request, user: nil, cases: cases, at: now), user: nil)
      }
      let token = try bearer(request, at: now)
      // A write whose every change the store checks against the versions it was decided on
      // is decided on the versions kept from an earlier read, not read again (`fenced`).
      var basis = Basis.fresh(nil)
      if Self.fenced(route), let kept = known.versions { basis = .kept(kept) }
      for _ in 0..<Self.fencedTries {
        let versions: StoreVersions?
        if let given = basis.versions { versions = given } else { versions = try readVersions() }
        let acting: (user: String, id: String)
        do throws(Problem) {
          acting = try authenticate(token, at: now, versions: versions)
        } catch where basis.isKept {
          // Refused at versions kept: a token added since is known at the store's.
          basis = .fresh(nil)
          continue
        } catch {
          try admit(request.remoteAddress, by: perAddress, at: now)
          throw error
        }
        // The token's id names its bucket; a request decided again is taken once, by the
        // first attempt that knew its user.
        let first = user == nil
        user = acting.user
        if first { try admit(acting.id, by: perToken, at: now) }
        var cases = self.cases
        if let versions { cases = cases.with(versions: versions) }
        let outcome: Result<HTTPResponse, Problem>
        do throws(Problem) {
          outcome = .success(try handle(route, parameters, request, user: acting.user, cases: cases, at: now))
        } catch where error.code == Problem.versionsMoved.code {
          basis = .fresh(nil)
          continue
        } catch {
          outcome = .failure(error)
        }
        // Decided on versions kept, with no write whose commit checked them: they count only
        // if they are still the store's.
        if basis.isKept, cases.fence?.anyCommitted != true {
          let current = try readVersions()
          if current != versions {
            basis = .fresh(current)
            continue
          }
        }
        return Answer(response: try outcome.get(), user: user)
      }
      throw Problem.versionsMoved
    } catch {
      return Answer(response: error.response, user: user)
    }
  }

  /// How often a write is decided on versions that moved before its commit, before it is
  /// answered 503 (`Problem.versionsMoved`).
  static let fencedTries = 3

  /// The store versions an attempt of `routed` is decided on.
  private enum Basis {
    /// Kept from an earlier read: they count only if they are still the store's after.
    case kept(StoreVersions)
    /// The store's, read for this request (`nil`: read them when the attempt starts).
    case fresh(StoreVersions?)

    var isKept: Bool {
      if case .kept = self { return true }
      return false
    }

    /// The versions given, or `nil` when the attempt reads the store's.
    var versions: StoreVersions? {
      switch self {
      case .kept(let versions): versions
      case .fresh(let versions): versions
      }
    }
  }

  /// Whether `route` is a write whose every change the store checks against the versions it
  /// was decided on (`StoreVersions.fence`): the case writes (create, update, the commands),
  /// whose case changes and customer record go through `CaseService`'s fenced appends. The
  /// other routes read the versions at each request, as the reads do: a read has no commit
  /// to check them at.
  static func fenced(_ route: Route) -> Bool { route.method != "GET" && route.template.hasPrefix("/api/v1/cases") }

  /// `route`'s answer to `request`, acting as `user` on `cases` at `now`.
  private func handle(
    _ route: Route, _ parameters: [String: String], _ request: HTTPRequest, user: String?, cases: CaseService,
    at now: Instant
  ) throws(Problem) -> HTTPResponse {
    // A token acts as `--as USER`, and a user in no workgroup can do nothing: the reads are
    // refused here, first, for every route (the writes by the command itself, which checks its
    // user and more).
    if route.method == "GET" { try served { () throws(ServiceError) in try cases.reading(by: user) } }
    // An empty value is refused as every parameter's schema says (`?status=` listed every
    // status while `?limit=` was 422).
    if let empty = request.query.keys.sorted().first(where: { request.query[$0]?.isEmpty == true }) {
      throw JSONBody.invalid(String(empty.prefix(40)), "is empty; leave it out or give a value")
    }
    // On an operation that filters by its query, a name it does not read is refused, as a body
    // member it does not describe is: ignored, `?stauts=closed` (or `?limit=`, which it does
    // not have) listed everything, 200. One without query parameters has no answer a name
    // could narrow, and ignores them (a cache-buster, an event-stream polyfill's `lastEventId`).
    let names = route.queries.map(\.name)
    if !names.isEmpty, let unknown = request.query.keys.sorted().first(where: { !names.contains($0) }) {
      throw JSONBody.invalid(
        String(unknown.prefix(40)), "is not a query parameter of this operation; it takes \(names.joined(separator: ", "))")
    }
    if request.body.count > Self.maximumBodyBytes { throw Self.tooLarge }
    if route.request != nil, !request.declaresJSON, !APIRequest.isBlank(request.body) {
      throw Problem(415, "unsupported_media_type", "the body is not declared 'application/json'")
    }
    var context = APIRequest(
      http: request, parameters: parameters, user: user, cases: cases.with(clock: FixedClock(now)), facts: facts,
      events: events)
    if let user, let token = request.bearerToken {
      let tokens = self.tokens
      context.acts = { now in TokenService.acts(token, as: user, tokens: tokens, at: now) }
    }
    return try answer(route, context, at: now)
  }

  /// The store's versions, read (one statement on PostgreSQL, `StoreVersions`), and kept for
  /// the next fenced write when the store checks them (`fence`); `nil` for a store that reads
  /// each on its own.
  func readVersions() throws(Problem) -> StoreVersions? {
    let versions: StoreVersions?
    do { versions = try cases.repository.storeVersions() } catch {
      throw Problem(500, "store_failed", "the store failed: \(TokenRefusal.unavailable)")
    }
    if let versions, versions.fence != nil { known.keep(versions) }
    return versions
  }

  /// The request's bearer token when it has a token's form; 401 (within the address's rate)
  /// without one, before the store is read.
  func bearer(_ request: HTTPRequest, at now: Instant) throws(Problem) -> String {
    guard let token = request.bearerToken, TokenService.isWellFormed(token) else {
      try admit(request.remoteAddress, by: perAddress, at: now)
      throw Problem(request.bearerToken == nil ? TokenRefusal.missing : TokenRefusal.malformed)
    }
    return token
  }

  /// Lets a request of `client` through `limiter` (none: no limit), or answers 429.
  func admit(_ client: String, by limiter: RateLimiter?, at now: Instant) throws(Problem) {
    guard let limiter, let seconds = limiter.take(client, at: now) else { return }
    throw Problem(
      429, "rate_limited", "more than \(limiter.perMinute) requests a minute",
      headers: [("Retry-After", String(seconds))])
  }

  /// The user `token` acts as and the token's id, checked at the tokens' version of
  /// `versions` (read by the caller, or kept from an earlier read for a fenced write); 401
  /// when it does not act. Through `CachedTokens`, a token's secret is checked once a version
  /// of the tokens.
  func authenticate(_ token: String, at now: Instant, versions: StoreVersions?) throws(Problem)
    -> (user: String, id: String)
  {
    let service = TokenService(repository: tokens, clock: FixedClock(now))
    do throws(TokenRefusal) {
      let record = try tokens.verifiedRecord(of: token, atVersion: versions?.tokens) { token throws(TokenRefusal) in
        try service.record(of: token, tokensVersion: versions?.tokens)
      }
      return (try service.acting(record), record.id)
    } catch .unavailable {
      throw Problem(500, "store_failed", "the store failed: \(TokenRefusal.unavailable)")
    } catch {
      throw Problem(error)
    }
  }
}

/// The store's versions `API` read last (`StoreVersions`), shared by its requests: a fenced
/// write is decided on them without reading them (`API.fenced`), and the store's check at
/// its commit refuses it when they moved; the API then reads them again.
final class KnownVersions: Sendable {
  private let kept = Mutex<StoreVersions?>(nil)

  var versions: StoreVersions? { kept.withLock { $0 } }

  func keep(_ versions: StoreVersions) { kept.withLock { $0 = versions } }
}
