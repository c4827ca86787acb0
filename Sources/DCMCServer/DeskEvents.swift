import DCMCApplication

/// `GET /desk/events`: the signed-in user's events as Server-Sent Events, the stream of
/// `/api/v1/events` authenticated by the session's cookie instead of a bearer token (an
/// `EventSource` sends the page's cookies, not headers). `/assets/desk.js` reads it.
enum DeskEvents {
  static func stream(_ session: StaffSession, pages: Pages, cases: CaseService, request: HTTPRequest) -> HTTPResponse {
    let (id, sessions, tokens) = (session.id, pages.sessions, pages.tokens)
    do {
      return try EventRoutes.stream(
        session.user, cases: cases, hub: pages.events, lastEventID: request.headers["last-event-id"],
        acts: { now in sessions.acts(id, tokens: tokens, at: now) })
    } catch {
      return Page.message(error.status, "Not available", "The live offers are not available.")
    }
  }
}
