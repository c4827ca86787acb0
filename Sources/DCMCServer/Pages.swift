public import DCMCApplication
public import DCMCCalendar

/// The pages as a function, as `API` is the API's (SPEC section 17, docs/server.md "Pages"
/// and "Desk"): the customers' `/forms/TYPE` (`FormPage`) and `/status/LINK` (`StatusPage`),
/// the staff's `/signin` and `/desk` (`Pages+Staff`), and their stylesheet. Server-rendered
/// HTML that works without JavaScript, escaped by construction (`HTML`), every page with the
/// headers of `Page`, every POST checked against its CSRF token (`CSRF`), every anonymous
/// page request within the API's anonymous rate per address.
/// Nothing here reads the clock or the random generator: the shell hands both in.
public struct Pages: Sendable {
  let cases: CaseService
  /// The customers' status links.
  let links: any StatusLinkRepository
  /// The user the pages act as (`serve --as`): who creates the form's cases, attaches their
  /// files and reads the customers' cases; `nil`: the pages are off.
  let user: String?
  let csrf: CSRF
  /// `count` random bytes from the system's generator (CSRF nonces, status links).
  let random: @Sendable (Int) -> [UInt8]
  /// The API's buckets of anonymous requests by address; `nil`: no limit.
  let perAddress: RateLimiter?
  /// Whether the server speaks HTTPS (the cookie is then `Secure`).
  let secure: Bool
  /// The address the customers reach the server at (`serve --public-url`), which the status
  /// link in a notification starts with; `nil`: the link is a path. Never taken from a
  /// request's `Host`, which the sender chooses.
  let publicURL: String?
  /// The report facts `/supervisor/reports` reads; `nil`: the reports are not available.
  let facts: (any ReportFacts)?
  /// The API's tokens, which the staff sign in with.
  let tokens: any TokenRepository
  /// The staff's sessions, shared by every request.
  let sessions: StaffSessions
  /// The API's events, which the desk's live offers read.
  let events: EventHub

  /// The largest body a form may send: an attachment's limit and 1 MiB for the rest.
  public static let maximumBodyBytes = CaseService.maximumAttachmentBytes + (1 << 20)

  /// The pages over `api`'s use cases and rate limit; `secret` signs the CSRF tokens.
  public init(
    api: API, links: any StatusLinkRepository, user: String?, secret: [UInt8], secure: Bool,
    publicURL: String? = nil, random: @escaping @Sendable (Int) -> [UInt8]
  ) {
    self.publicURL = publicURL.map { String($0.reversed().drop { $0 == "/" }.reversed()) }
    cases = api.cases
    self.links = links
    self.user = user
    csrf = CSRF(secret: secret)
    self.random = random
    perAddress = api.perAddress
    self.secure = secure
    tokens = api.tokens
    facts = api.facts
    sessions = StaffSessions()
    events = api.events
  }

  /// Whether `path` is a page's rather than the API's.
  public static func serves(_ path: String) -> Bool {
    path == PageStyle.path || path.hasPrefix("/forms/") || path.hasPrefix("/status/") || servesStaff(path)
  }

  /// Answers `request` for a page as at `now`.
  public func respond(to request: HTTPRequest, at now: Instant) -> HTTPResponse {
    if request.path == PageStyle.path {
      return request.method == "GET" ? Page.stylesheet : Self.notAllowed("GET")
    }
    if Self.servesStaff(request.path) { return respondToStaff(request, at: now).response }
    if let refusal = overRate(request, at: now) { return refusal }
    let service = cases.with(clock: FixedClock(now))
    let segments = request.path.split(separator: "/", omittingEmptySubsequences: false)
    guard segments.count == 3, !segments[2].isEmpty else { return Self.notFound }
    let name = String(segments[2])
    switch (segments[1], request.method) {
    case ("forms", "GET"): return FormPage(pages: self, cases: service, type: name).show(request)
    case ("forms", "POST"): return FormPage(pages: self, cases: service, type: name).submit(request)
    case ("status", "GET"): return StatusPage(pages: self, cases: service).show(link: name)
    case ("forms", _): return Self.notAllowed("GET, POST")
    case ("status", _): return Self.notAllowed("GET")
    default: return Self.notFound
    }
  }

  /// `path` as a log may show it: a status link's secret left out (`/status/ID-…`), since the
  /// link alone opens the page.
  public static func loggedPath(_ path: String) -> String {
    guard path.hasPrefix("/status/") else { return path }
    return "/status/" + path.dropFirst("/status/".count).prefix(16) + "-…"
  }

  /// `respond(to:at:)` as the API's answer, for the shell's request log: a staff page's
  /// names the signed-in user, a customer's page's none.
  public func answer(to request: HTTPRequest, at now: Instant) -> API.Answer {
    Self.servesStaff(request.path)
      ? respondToStaff(request, at: now) : API.Answer(response: respond(to: request, at: now), user: nil)
  }

  /// The answer to an anonymous request over the API's rate for its address; `nil` within it.
  func overRate(_ request: HTTPRequest, at now: Instant) -> HTTPResponse? {
    guard let limiter = perAddress, let seconds = limiter.take(request.remoteAddress, at: now) else { return nil }
    return Page.message(
      429, "Too many requests", "Please wait \(seconds) seconds and try again.",
      headers: [("Retry-After", String(seconds))])
  }

  static let notFound = Page.message(404, "Page not found", "There is nothing at this address.")

  static func notAllowed(_ allowed: String) -> HTTPResponse {
    Page.message(405, "Not allowed", "This page cannot be used that way.", headers: [("Allow", allowed)])
  }

  /// What a page answers when the use cases fail in a way the visitor cannot fix.
  static func unavailable(_ error: ServiceError) -> HTTPResponse {
    switch error {
    case .repository: Page.message(500, "Something went wrong", "Please try again in a few minutes.")
    case .refused: Page.message(503, "Not available", "This page is not available at the moment.")
    }
  }
}
