import DCMCApplication
import DCMCCalendar

/// A request of a signed-in member of staff (docs/server.md, "Desk"): the user its session's
/// token acts as, the session's CSRF token for the forms of its pages, and the page frame with
/// who is signed in and a sign-out button. The desk and the supervisors' page start each
/// handler with `try StaffSession(request, pages:, at:)`; without a live session the browser is
/// sent to sign in and comes back to the page it asked for.
struct StaffSession {
  /// Why a request has no session: the response that sends the browser to sign in.
  struct SignInNeeded: Error {
    var response: HTTPResponse
  }

  /// The session's id, from its cookie.
  let id: String
  /// The user the session's token acts as: every action is theirs, as with `--as USER`.
  let user: String
  /// The time zone the user picked for the pages' times; `nil`: each calendar's own.
  let zone: String?
  /// The hidden field every form of the session's pages sends: the HMAC of the session's id
  /// under the server's secret, so another session's field, or none, is refused.
  let csrfToken: String

  /// The session of `request` at `now`; `SignInNeeded` (a redirect to `/signin` that comes
  /// back to a GET's path) without a live one.
  init(_ request: HTTPRequest, pages: Pages, at now: Instant) throws(SignInNeeded) {
    guard let id = CSRF.nonce(in: request.headers["cookie"], named: StaffSessions.cookie), CSRF.isNonce(id),
      let record = pages.sessions.session(id, tokens: pages.tokens, at: now)
    else {
      let next = request.method == "GET" ? request.path : nil
      throw SignInNeeded(response: SignInPage.redirect(to: SignInPage.path(next: next)))
    }
    self.id = id
    user = record.user
    zone = record.zone
    csrfToken = pages.csrf.token(for: id)
  }

  /// Whether `form` carries this session's CSRF field.
  func accepts(_ form: FormBody, pages: Pages) -> Bool { pages.csrf.accepts(form.fields[CSRF.field], nonce: id) }

  /// The hidden CSRF field of a form on this session's pages.
  var csrfField: HTML { .void("input", [("type", "hidden"), ("name", CSRF.field), ("value", csrfToken)]) }

  /// A form of one button that posts `fields` to `action`, with the CSRF field.
  func button(_ label: String, to action: String, fields: [(String, String)] = [], style: String? = nil) -> HTML {
    .tag(
      "form", [("method", "post"), ("action", action), ("class", "inline")],
      [csrfField] + fields.map { HTML.void("input", [("type", "hidden"), ("name", $0.0), ("value", $0.1)]) } + [
        .tag("button", [("type", "submit")] + (style.map { [("class", $0)] } ?? []), text: label)
      ])
  }

  /// A page of this session: the header names the user and offers sign-out.
  func page(_ title: String, _ content: [HTML], status: Int = 200, scripts: [String] = []) -> HTTPResponse {
    Page(
      status: status, title: title, content: content,
      site: [
        .tag(
          "nav", [("class", "staff"), ("aria-label", "Staff")],
          [
            .tag("a", [("href", "/desk")], text: "Desk"),
            .tag("span", [("class", "who")], text: "Signed in as \(user)"),
            button("Sign out", to: "/signout", style: "quiet"),
          ])
      ], scripts: scripts
    ).response
  }
}
