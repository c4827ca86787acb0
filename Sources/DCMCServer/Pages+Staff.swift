import DCMCApplication
import DCMCCalendar

extension Pages {
  /// Whether `path` is one of the staff's pages (docs/server.md, "Desk").
  static func servesStaff(_ path: String) -> Bool {
    path == SignInPage.path || path == "/signout" || path == DeskScript.path || path == "/desk"
      || path.hasPrefix("/desk/") || path == SupervisorPages.root || path.hasPrefix(SupervisorPages.root + "/")
  }

  /// Answers a staff page's `request` that needs a session, admitted with `session`
  /// (`Pages.admission`), as at `now`, with the signed-in user it acted as for the request log. Signing in and out and the
  /// desk's script are on `Pages.routes`.
  func respondSignedIn(_ request: HTTPRequest, _ session: StaffSession, at now: Instant) -> API.Answer {
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

  /// Why a staff form's value that names something by its id (`what`: `the user to assign the
  /// task to`) cannot name anything, in the page's words, or `nil` when it can: empty asks for
  /// it; else the rule of every id (`UserID.problem`), which a JSON body's member is checked by
  /// (`JSONBody.identifier`, 422). Such a value is the form's mistake (the page again, 422,
  /// nothing changed), not looked for; a well-formed one that names nothing is the use case's
  /// to refuse (404), as in the API.
  static func formIDProblem(_ text: String, _ what: String) -> String? {
    guard !text.isEmpty else { return "choose \(what)" }
    return UserID.problem(text).map { "\(what) \($0)" }
  }

  /// The answer to OPTIONS on a staff page's path, before any session: 204 with the methods
  /// of the desk's or the supervisor's routes that match it, else 404.
  static func staffOptions(_ path: String) -> HTTPResponse {
    func options<Context>(_ table: [PageRoute<Context>]) -> HTTPResponse {
      guard case .options(let methods) = PageRoute.routing(table, "OPTIONS", path) else { return notFound }
      return .options(methods)
    }
    return path.hasPrefix(SupervisorPages.root) ? options(SupervisorPages.routes) : options(DeskActions.routes)
  }

  /// Every method the pages use, each once (`OPTIONS *`).
  static var methods: [String] {
    PageRoute.methods(of: routes) + PageRoute.methods(of: DeskActions.routes) + PageRoute.methods(of: SupervisorPages.routes)
  }
}
