import DCMCApplication
import DCMCCalendar

extension Pages {
  /// Whether `path` is one of the staff's pages (docs/server.md, "Desk").
  static func servesStaff(_ path: String) -> Bool {
    path == SignInPage.path || path == "/signout" || path == DeskScript.path || path == "/desk"
      || path.hasPrefix("/desk/") || path == SupervisorPages.root || path.hasPrefix(SupervisorPages.root + "/")
  }

  /// Answers a staff page's `request` as at `now`: signing in is anonymous and within the
  /// API's anonymous rate per address; every other page needs a session (`StaffSession`).
  func respondToStaff(_ request: HTTPRequest, at now: Instant) -> HTTPResponse {
    switch (request.path, request.method) {
    case (SignInPage.path, "GET"), (SignInPage.path, "POST"):
      if let refusal = overRate(request, at: now) { return refusal }
      let page = SignInPage(pages: self)
      return request.method == "GET" ? page.show(request) : page.signIn(request, at: now)
    case (SignInPage.path, _): return Self.notAllowed("GET, POST")
    case ("/signout", "POST"): return SignInPage(pages: self).signOut(request, at: now)
    case ("/signout", _): return Self.notAllowed("POST")
    case (DeskScript.path, "GET"): return DeskScript.response
    case (DeskScript.path, _): return Self.notAllowed("GET")
    default:
      let session: StaffSession
      do { session = try StaffSession(request, pages: self, at: now) } catch { return error.response }
      let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2).map(String.init)
      guard !segments.contains("") else { return Self.notFound }
      if request.path.hasPrefix(SupervisorPages.root) {
        return SupervisorPages(pages: self, cases: cases.with(clock: FixedClock(now)), session: session, request: request)
          .respond()
      }
      return DeskActions(pages: self, session: session, cases: cases.with(clock: FixedClock(now)), now: now)
        .respond(request, segments)
    }
  }
}
