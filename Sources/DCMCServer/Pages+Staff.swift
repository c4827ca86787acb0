import DCMCApplication
import DCMCCalendar

extension Pages {
  /// Whether `path` is one of the staff's pages (docs/server.md, "Desk").
  static func servesStaff(_ path: String) -> Bool {
    path == SignInPage.path || path == "/signout" || path == DeskScript.path || path == "/desk"
      || path.hasPrefix("/desk/") || path == SupervisorPages.root || path.hasPrefix(SupervisorPages.root + "/")
  }

  /// Answers a staff page's `request` as at `now`, with the signed-in user it acted as for
  /// the request log: signing in is anonymous and within the API's anonymous rate per
  /// address; every other page needs a session (`StaffSession`).
  func respondToStaff(_ request: HTTPRequest, at now: Instant) -> API.Answer {
    let response: HTTPResponse
    switch (request.path, request.method) {
    case (SignInPage.path, "GET"), (SignInPage.path, "POST"):
      let page = SignInPage(pages: self)
      response =
        overRate(request, at: now) ?? (request.method == "GET" ? page.show(request) : page.signIn(request, at: now))
    case (SignInPage.path, _): response = Self.notAllowed("GET, POST")
    case ("/signout", "POST"): response = SignInPage(pages: self).signOut(request, at: now)
    case ("/signout", _): response = Self.notAllowed("POST")
    case (DeskScript.path, "GET"): response = DeskScript.response
    case (DeskScript.path, _): response = Self.notAllowed("GET")
    default:
      let session: StaffSession
      do { session = try StaffSession(request, pages: self, at: now) } catch {
        return API.Answer(response: error.response, user: nil)
      }
      let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2).map(String.init)
      let service = cases.with(clock: FixedClock(now))
      let answer =
        segments.contains("")
        ? Self.notFound
        : request.path.hasPrefix(SupervisorPages.root)
          ? SupervisorPages(pages: self, cases: service, session: session, request: request).respond()
          : DeskActions(pages: self, session: session, cases: service, now: now).respond(request)
      return API.Answer(response: answer, user: session.user)
    }
    return API.Answer(response: response, user: nil)
  }
}
