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

  /// The largest JSON body read (1 MiB) but by the routes that take a file (`Route.bodyLimit`);
  /// a larger one is answered 413 unread.
  public static let maximumBodyBytes = 1 << 20

  /// The largest body of a route that takes a file in base64 (`attachmentBodyBytes`): the CLI's
  /// largest attachment, as base64 (4 bytes for 3), and 64 KiB for the rest of the JSON.
  static let attachmentBodyBytes = (CaseService.maximumAttachmentBytes + 2) / 3 * 4 + (64 << 10)

  /// The answer to a body larger than `limit` bytes.
  static func tooLarge(_ limit: Int) -> Problem {
    Problem(413, "too_large", "the body is larger than the limit of \(limit >> 20) MiB")
  }

  /// The largest body `method` on `path` reads: its route's (`Route.bodyLimit`), else the
  /// API's. For the daemon, which reads a body before the request is answered.
  static func bodyLimit(_ method: String, _ path: String) -> Int {
    guard case .route(let route, _)? = try? APIRoutes.route(method, path) else { return maximumBodyBytes }
    return route.bodyLimit
  }

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
    self.tokens = tokens
    self.idempotency = idempotency
    perAddress = limits.perAddress.map { RateLimiter(perMinute: $0) }
    perToken = limits.perToken.map { RateLimiter(perMinute: $0) }
    // The changes committed through these use cases (and the tick's, given the same feed:
    // `dcmc serve`) reach the event streams as they are made (`EventHub.committed`).
    var cases = cases
    let feed = cases.feed ?? CommitFeed()
    cases.feed = feed
    self.cases = cases
    feed.receive { [events] changes in events.committed(changes) }
  }

  /// Has `wake` told of the users whose streams have events from this server's own changes,
  /// so that they are read at once (`HTTPDaemon.wake`) rather than at the next poll.
  public func wakeStreams(_ wake: @escaping @Sendable (Set<String>) -> Void) {
    events.wakes(wake)
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
    do throws(Problem) {
      switch try admission(request, bodyBytes: request.body.count, at: now) {
      case .answered(let answer): return answer
      case .route(let route, let parameters):
        return Answer(response: try handle(route, parameters, request, user: nil, cases: cases, at: now), user: nil)
      case .user(let route, let parameters, let token, let first):
        return decided(route, parameters, request, token: token, first: first, at: now)
      }
    } catch {
      return Answer(response: error.response, user: nil)
    }
  }

  /// The answer to `request` on a user's `route`, whose token `admission` checked (`first`):
  /// decided on those versions, and again on the store's when they moved before its commit.
  private func decided(
    _ route: Route, _ parameters: [String: String], _ request: HTTPRequest, token: String, first: Attempt,
    at now: Instant
  ) -> Answer {
    var attempt = first
    do throws(Problem) {
      for _ in 0..<Self.fencedTries {
        var cases = self.cases
        if let versions = attempt.versions { cases = cases.with(versions: versions) }
        let outcome: Result<HTTPResponse, Problem>
        do throws(Problem) {
          outcome = .success(try handle(route, parameters, request, user: attempt.user, cases: cases, at: now))
        } catch where error.code == Problem.versionsMoved.code {
          attempt = try self.attempt(token, request, basis: .fresh(nil), at: now)
          continue
        } catch {
          outcome = .failure(error)
        }
        // Decided on versions kept, with no write whose commit checked them: they count only
        // if they are still the store's.
        if attempt.basis.isKept, cases.fence?.anyCommitted != true {
          let current = try readVersions()
          if current != attempt.versions {
            attempt = try self.attempt(token, request, basis: .fresh(current), at: now)
            continue
          }
        }
        return Answer(response: try outcome.get(), user: attempt.user)
      }
      throw Problem.versionsMoved
    } catch {
      return Answer(response: error.response, user: attempt.user)
    }
  }

  /// How often a write is decided on versions that moved before its commit, before it is
  /// answered 503 (`Problem.versionsMoved`).
  static let fencedTries = 3

  /// Whether `route` is a write whose every change the store checks against the versions it
  /// was decided on (`StoreVersions.fence`): the case writes (create, update, the commands),
  /// whose case changes and customer record go through `CaseService`'s fenced appends. The
  /// other routes read the versions at each request, as the reads do: a read has no commit
  /// to check them at.
  static func fenced(_ route: Route) -> Bool { route.method != "GET" && route.template.hasPrefix("/api/v1/cases") }

  /// `route`'s answer to `request`, admitted (`admission`), acting as `user` on `cases` at `now`.
  private func handle(
    _ route: Route, _ parameters: [String: String], _ request: HTTPRequest, user: String?, cases: CaseService,
    at now: Instant
  ) throws(Problem) -> HTTPResponse {
    // A token acts as `--as USER`, and a user in no workgroup can do nothing: the reads are
    // refused here, for every route (the writes by the command itself, which checks its user
    // and more).
    if route.method == "GET" { try served { () throws(ServiceError) in try cases.reading(by: user) } }
    var parsed: ParsedBody? = nil
    if route.method != "GET", !APIRequest.isBlank(request.body) {
      guard request.declaresJSON else {
        throw route.request == nil
          ? Problem(415, "unsupported_media_type", "this operation takes no body; send none")
          : Problem(415, "unsupported_media_type", "the body is not declared 'application/json'")
      }
      // An operation that reads no body refuses one with members (`pend` with a `reason`,
      // which went nowhere): an integrator must not believe it was recorded. `{}` is no body.
      if route.request == nil {
        parsed = ParsedBody(request.body)
        _ = try APIRequest.body(parsed ?? .blank, allowing: [])
      }
    }
    var context = APIRequest(
      http: request, parameters: parameters, user: user, cases: cases.with(clock: FixedClock(now)), facts: facts,
      events: events, parsed: parsed)
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
    // The tokens' version and the deployment, read together: a failure is the store's, named
    // as any other (`Problem(ServiceError)`), not only the tokens'.
    do { versions = try cases.repository.storeVersions() } catch { throw Problem(ServiceError.repository(error)) }
    if let versions, versions.fence != nil { known.keep(versions) }
    return versions
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
