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
    self.publicURL = publicURL
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
    answer(to: request, at: now).response
  }

  /// The pages answered without a session: the customers' form and status pages, signing in
  /// and out, and the assets. The table a request is routed by and a 405's `Allow` is computed
  /// from; a path it lacks is a signed-in staff page's (`respondSignedIn`) or 404.
  static let routes: [PageRoute<Visit>] = [
    .get(PageStyle.path) { _, _, _ in Page.stylesheet },
    .get(DeskScript.path) { _, _, _ in DeskScript.response },
    .get("/forms/{type}") { visit, request, parameters in visit.form(parameters).show(request) },
    .post("/forms/{type}") { visit, request, parameters in visit.form(parameters).submit(request) },
    .get("/status/{link}") { visit, request, parameters in
      StatusPage(pages: visit.pages, cases: visit.cases).show(link: parameters["link", default: ""], query: request.query)
    },
    .get(SignInPage.path) { visit, request, _ in
      visit.pages.overRate(request, at: visit.now) ?? SignInPage(pages: visit.pages).show(request)
    },
    .post(SignInPage.path) { visit, request, _ in
      visit.pages.overRate(request, at: visit.now) ?? SignInPage(pages: visit.pages).signIn(request, at: visit.now)
    },
    .post("/signout") { visit, request, _ in SignInPage(pages: visit.pages).signOut(request, at: visit.now) },
  ]

  /// A request to a page of `routes`: the pages, and the instant it is answered at.
  struct Visit {
    let pages: Pages
    let now: Instant

    /// The use cases at the visit's instant.
    var cases: CaseService { pages.cases.with(clock: FixedClock(now)) }

    func form(_ parameters: [String: String]) -> FormPage {
      FormPage(pages: pages, cases: cases, type: parameters["type", default: ""])
    }
  }

  /// Whether `path` is a customer's page, on which every request from an address counts
  /// against its anonymous rate before it is routed: a flood is refused before any work.
  static func servesCustomers(_ path: String) -> Bool { path.hasPrefix("/forms/") || path.hasPrefix("/status/") }

  /// `path` as a log may show it: a status link's secret left out (`/status/ID-…`), since the
  /// link alone opens the page, and so is what follows a bearer token's id anywhere in a path
  /// (`dcmc_ID_…`, in any letter case: `DCMC_` too, audit37 L4): a token pasted as a case id,
  /// or a misbuilt URL, must not put the secret in the log, whatever the rest of the segment
  /// holds.
  public static func loggedPath(_ path: String) -> String {
    if path.hasPrefix("/status/") { return "/status/" + path.dropFirst("/status/".count).prefix(16) + "-…" }
    guard tokenPrefixEnd(in: Substring(path)) != nil else { return path }
    return path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> Substring in
      guard let start = tokenPrefixEnd(in: segment) else { return segment }
      let kept = segment[start...].prefix(17)  // the 16-character id and its "_"
      return kept.endIndex == segment.endIndex ? segment : segment[..<kept.endIndex] + "…"
    }.joined(separator: "/")
  }

  /// Where the first `dcmc_` of `text`, in any letter case, ends; `nil` when there is none.
  private static func tokenPrefixEnd(in text: Substring) -> Substring.Index? {
    let prefix = Array("dcmc_".utf8)
    let bytes = text.utf8
    var start = bytes.startIndex
    while let first = bytes[start...].firstIndex(where: { $0 | 0x20 == prefix[0] }) {
      var index = first
      var matched = 0
      // `| 0x20` folds ASCII letters to lower case; `_` (0x5F) is compared as it is.
      while matched < prefix.count, index != bytes.endIndex,
        (matched == prefix.count - 1 ? bytes[index] : bytes[index] | 0x20) == prefix[matched]
      {
        matched += 1
        index = bytes.index(after: index)
      }
      if matched == prefix.count { return index }
      start = bytes.index(after: first)
    }
    return nil
  }

  /// `respond(to:at:)` as the API's answer, for the shell's request log: a signed-in staff
  /// page's names its user, every other page's none.
  public func answer(to request: HTTPRequest, at now: Instant) -> API.Answer {
    routed(request, at: now).forHead(request)
  }

  private func routed(_ request: HTTPRequest, at now: Instant) -> API.Answer {
    switch admission(request, bodyBytes: request.body.count, at: now) {
    case .answered(let response): API.Answer(response: response, user: nil)
    case .route(let route, let parameters):
      API.Answer(response: route.handle(Visit(pages: self, now: now), request, parameters), user: nil)
    case .staff(let session): respondSignedIn(request, session, at: now)
    }
  }

  /// The answer to an anonymous request over the API's rate for its address; `nil` within it.
  /// `taking` false: the rate is only looked at (`RateLimiter.peek`).
  func overRate(_ request: HTTPRequest, at now: Instant, taking: Bool = true) -> HTTPResponse? {
    guard let limiter = perAddress,
      let seconds = taking ? limiter.take(request.remoteAddress, at: now) : limiter.peek(request.remoteAddress, at: now)
    else { return nil }
    return Page.message(
      429, "Too many requests", "Please wait \(seconds) seconds and try again.",
      headers: [("Retry-After", String(seconds))])
  }

  static let notFound = Page.message(404, "Page not found", "There is nothing at this address.")

  static func notAllowed(_ allowed: String) -> HTTPResponse {
    Page.message(405, "Not allowed", "This page cannot be used that way.", headers: [("Allow", allowed)])
  }

  /// What a page answers when the use cases fail in a way the visitor cannot fix; a store
  /// failure's words (the file it names: a status link whose record does not hold its
  /// checksum, say) go to the request log only, as the API's 500 `store_failed` notes them.
  static func unavailable(_ error: ServiceError) -> HTTPResponse {
    switch error {
    case .repository(let failure):
      Page.message(500, "Something went wrong", "Please try again in a few minutes.").noted("\(failure)")
    case .refused(let refusal):
      Page.message(503, "Not available", "This page is not available at the moment.").noted(Self.operatorReason(refusal))
    }
  }

  /// A refusal that says the server is not set up to answer (its `--as` user in no workgroup,
  /// nothing deployed) in the CLI's words, for the request log; `nil` for any other, whose
  /// words may hold what a visitor sent.
  static func operatorReason(_ refusal: ServiceRefusal) -> String? {
    switch refusal {
    case .noActingUser, .unknownUser, .notDeployed, .bundleUnusable: "\(refusal)"
    default: nil
    }
  }
}
