public import DCMCApplication
public import DCMCCalendar

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

  /// The largest JSON body read (1 MiB); a larger one is answered 413 unread.
  public static let maximumBodyBytes = 1 << 20

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
      if let repeated = request.repetition {
        throw Problem(400, "malformed_request", "\(repeated) is given more than once; give it once")
      }
      let (route, parameters) = try APIRoutes.route(request.method, request.path)
      // An empty value is refused as every parameter's schema says (`?status=` listed every
      // status while `?limit=` was 422).
      if let empty = request.query.keys.sorted().first(where: { request.query[$0]?.isEmpty == true }) {
        throw JSONBody.invalid(String(empty.prefix(40)), "is empty; leave it out or give a value")
      }
      var cases = self.cases.with(clock: FixedClock(now))
      if route.right == .user {
        let admitted = try admitted(request, at: now)
        user = admitted.user
        if let versions = admitted.versions { cases = cases.with(deployed: versions.deployed) }
      } else {
        try admit(request.remoteAddress, by: perAddress, at: now)
      }
      if request.body.count > Self.maximumBodyBytes {
        throw Problem(413, "too_large", "the body is larger than the limit of \(Self.maximumBodyBytes >> 20) MiB")
      }
      if route.request != nil, !request.declaresJSON, !APIRequest.isBlank(request.body) {
        throw Problem(415, "unsupported_media_type", "the body is not declared 'application/json'")
      }
      let context = APIRequest(
        http: request, parameters: parameters, user: user, cases: cases, facts: facts, events: events)
      return Answer(response: try answer(route, context, at: now), user: user)
    } catch {
      return Answer(response: error.response, user: user)
    }
  }

  /// The user the request's bearer token acts as, within the token's rate, and what the
  /// request read of the store with its token (`authenticate`); without a token that acts,
  /// 401 within the address's rate. Over a rate: 429.
  private func admitted(_ request: HTTPRequest, at now: Instant) throws(Problem)
    -> (user: String, versions: StoreVersions?)
  {
    let token: (user: String, id: String, versions: StoreVersions?)
    do {
      token = try authenticate(request, at: now)
    } catch {
      try admit(request.remoteAddress, by: perAddress, at: now)
      throw error
    }
    // The token's id names its bucket.
    try admit(token.id, by: perToken, at: now)
    return (token.user, token.versions)
  }

  /// Lets a request of `client` through `limiter` (none: no limit), or answers 429.
  private func admit(_ client: String, by limiter: RateLimiter?, at now: Instant) throws(Problem) {
    guard let limiter, let seconds = limiter.take(client, at: now) else { return }
    throw Problem(
      429, "rate_limited", "more than \(limiter.perMinute) requests a minute",
      headers: [("Retry-After", String(seconds))])
  }

  /// The user the request's bearer token acts as, the token's id and what the request read
  /// of the store with it; 401 without a token that acts. Where the store reads the tokens'
  /// version and the deployment in one (`StoreVersions`, PostgreSQL), it reads them here, once
  /// a request: the token is checked at that version, and what the request does runs on that
  /// deployment (`CaseService.with(deployed:)`). Through `CachedTokens`, a token's secret is
  /// checked once a version of the tokens.
  private func authenticate(_ request: HTTPRequest, at now: Instant) throws(Problem)
    -> (user: String, id: String, versions: StoreVersions?)
  {
    guard let token = request.bearerToken else { throw Problem(TokenRefusal.missing) }
    let service = TokenService(repository: tokens, clock: FixedClock(now))
    do throws(TokenRefusal) {
      guard TokenService.isWellFormed(token) else { throw TokenRefusal.malformed }
      let versions: StoreVersions?
      do { versions = try cases.repository.storeVersions() } catch { throw TokenRefusal.unavailable }
      let record: TokenRecord
      if let cache = tokens as? CachedTokens {
        record = try cache.verifiedRecord(of: token, atVersion: versions?.tokens) { token throws(TokenRefusal) in
          try service.record(of: token, tokensVersion: versions?.tokens)
        }
      } else {
        record = try service.record(of: token, tokensVersion: versions?.tokens)
      }
      return (try service.acting(record), record.id, versions)
    } catch .unavailable {
      throw Problem(500, "store_failed", "the store failed: \(TokenRefusal.unavailable)")
    } catch {
      throw Problem(error)
    }
  }
}
