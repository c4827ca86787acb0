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
  /// The report facts the reports read; without them `/api/v1/reports` answers 404.
  public var facts: (any ReportFacts)?
  /// The users' events of `/api/v1/events`, shared by their connections.
  let events = EventHub(run: String(UInt32.random(in: .min ... .max), radix: 36))

  /// The largest JSON body read (1 MiB); a larger one is answered 413 unread.
  public static let maximumBodyBytes = 1 << 20

  /// What a request gets while the server stops: 503.
  public static let shuttingDown = Problem(503, "shutting_down", "the server is stopping").response

  public init(cases: CaseService, tokens: any TokenRepository) {
    self.cases = cases
    self.tokens = tokens
  }

  /// What the shell writes back, and the user the request acted as (for its log line).
  public struct Answer: Sendable {
    public var response: HTTPResponse
    public var user: String?
  }

  /// Answers `request` as at `now`.
  public func respond(to request: HTTPRequest, at now: Instant) -> Answer {
    var user: String?
    do throws(Problem) {
      let (route, parameters) = try APIRoutes.route(request.method, request.path)
      if route.right == .user {
        user = try authenticate(request, at: now)
      }
      if request.body.count > Self.maximumBodyBytes {
        throw Problem(413, "too_large", "the body is larger than the limit of \(Self.maximumBodyBytes >> 20) MiB")
      }
      let context = APIRequest(
        http: request, parameters: parameters, user: user, cases: cases.with(clock: FixedClock(now)), facts: facts,
        events: events)
      return Answer(response: try route.respond(context), user: user)
    } catch {
      return Answer(response: error.response, user: user)
    }
  }

  /// The user the request's bearer token acts as; 401 without a token that acts.
  private func authenticate(_ request: HTTPRequest, at now: Instant) throws(Problem) -> String {
    guard let token = request.bearerToken else { throw Problem(TokenRefusal.missing) }
    do {
      return try TokenService(repository: tokens, clock: FixedClock(now)).authenticate(token)
    } catch .unavailable {
      throw Problem(500, "store_failed", "the store failed: \(TokenRefusal.unavailable)")
    } catch {
      throw Problem(error)
    }
  }
}
