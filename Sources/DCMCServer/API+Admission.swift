import DCMCApplication
import DCMCCalendar

/// The steps a request passes before any handler runs, written once, in their one order: a
/// repeated header, the route (404, 405; OPTIONS answered), the address's rate (a route that
/// needs no token) or the bearer token and its check (401, within the address's rate) and the
/// token's rate, then the query (an empty value, a name the operation does not read: 422) and
/// the body's length (413). `respond` begins with them on the whole request; `screen` runs the
/// same steps on the line and headers alone, before the body is read, so a refusal they
/// decide is the same answer either way (`AdmissionTests`).
extension API {
  /// What `admission` decided.
  enum Admission {
    /// Answered by a step: a refusal, or OPTIONS.
    case answered(Answer)
    /// Admitted on a route that needs no token.
    case route(Route, [String: String])
    /// Admitted on a user's route, with the bearer token and the attempt that checked it.
    case user(Route, [String: String], token: String, Attempt)
  }

  /// One decision of a user's request: the user and token id the token acts as, at the store
  /// versions it was checked at, and where those came from.
  struct Attempt {
    var user: String
    var id: String
    var versions: StoreVersions?
    var basis: Basis
  }

  /// The store versions an attempt is decided on.
  enum Basis {
    /// Kept from an earlier read: they count only if they are still the store's after.
    case kept(StoreVersions)
    /// The store's, read for this request (`nil`: read them when the attempt starts).
    case fresh(StoreVersions?)

    var isKept: Bool {
      if case .kept = self { return true }
      return false
    }
  }

  /// The admission of `request` at `now`, whose body has `bodyBytes` (`nil`: not told).
  /// `taking` false: the rates are only looked at (`RateLimiter.peek`), nothing is taken (a
  /// screen's first look: `screen`).
  func admission(_ request: HTTPRequest, bodyBytes: Int?, at now: Instant, taking: Bool = true) throws(Problem)
    -> Admission
  {
    if let repeated = request.repetition { throw Self.repeated(repeated) }
    let (route, parameters): (Route, [String: String])
    switch try APIRoutes.route(request.method, request.path) {
    case .route(let found, let given): (route, parameters) = (found, given)
    case .options(let methods):
      // Answered without a token, as the API's description is, within the address's rate.
      try admit(request.remoteAddress, by: perAddress, at: now, taking: taking)
      return .answered(Answer(response: .options(methods), user: nil))
    }
    guard route.right == .user else {
      try admit(request.remoteAddress, by: perAddress, at: now, taking: taking)
      try check(request, on: route, bodyBytes: bodyBytes)
      return .route(route, parameters)
    }
    let token = try bearer(request, at: now, taking: taking)
    // A write whose every change the store checks against the versions it was decided on
    // is decided on the versions kept from an earlier read, not read again (`fenced`).
    let kept = Self.fenced(route) ? known.versions : nil
    let attempt = try self.attempt(
      token, request, basis: kept.map { .kept($0) } ?? .fresh(nil), at: now, taking: taking)
    do throws(Problem) {
      // The token's id names its bucket: taken once, however often the request is decided.
      try admit(attempt.id, by: perToken, at: now, taking: taking)
      try check(request, on: route, bodyBytes: bodyBytes)
    } catch {
      return .answered(Answer(response: error.response, user: attempt.user))
    }
    return .user(route, parameters, token: token, attempt)
  }

  /// Refuses `request` on `route` for its query (an empty value; on an operation that filters
  /// by its query, a name it does not read) or a body over the limit.
  private func check(_ request: HTTPRequest, on route: Route, bodyBytes: Int?) throws(Problem) {
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
    if let bodyBytes, bodyBytes > route.bodyLimit { throw Self.tooLarge(route.bodyLimit) }
  }

  /// The user `token` acts as, checked at the versions of `basis`: kept ones, or (refused at
  /// those: a token added since is known at the store's) the store's. 401, within the
  /// address's rate, when it does not act at the store's.
  func attempt(_ token: String, _ request: HTTPRequest, basis: Basis, at now: Instant, taking: Bool = true)
    throws(Problem) -> Attempt
  {
    let versions: StoreVersions?
    switch basis {
    case .kept(let given), .fresh(.some(let given)): versions = given
    case .fresh(.none): versions = try readVersions()
    }
    do throws(Problem) {
      let acting = try authenticate(token, at: now, versions: versions)
      return Attempt(user: acting.user, id: acting.id, versions: versions, basis: basis)
    } catch where basis.isKept {
      return try attempt(token, request, basis: .fresh(nil), at: now, taking: taking)
    } catch {
      try admit(request.remoteAddress, by: perAddress, at: now, taking: taking)
      throw error
    }
  }

  /// The request's bearer token when it has a token's form; 401 (within the address's rate)
  /// without one, before the store is read.
  func bearer(_ request: HTTPRequest, at now: Instant, taking: Bool = true) throws(Problem) -> String {
    guard let token = request.bearerToken, TokenService.isWellFormed(token) else {
      try admit(request.remoteAddress, by: perAddress, at: now, taking: taking)
      throw Problem(request.bearerToken == nil ? TokenRefusal.missing : TokenRefusal.malformed)
    }
    return token
  }

  /// Lets a request of `client` through `limiter` (none: no limit), or answers 429; `taking`
  /// false: only looks (`RateLimiter.peek`).
  func admit(_ client: String, by limiter: RateLimiter?, at now: Instant, taking: Bool = true) throws(Problem) {
    guard let limiter, let seconds = taking ? limiter.take(client, at: now) : limiter.peek(client, at: now) else {
      return
    }
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
    } catch .unavailable(let failure) {
      throw .tokensUnavailable(failure)
    } catch {
      throw Problem(error)
    }
  }
}
