import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCModel

/// `/signin` and `/signout`: the staff sign in to the pages with an API token (`dcmc token
/// create USER`), which opens a session (`StaffSessions`) kept in an HttpOnly, SameSite=Strict
/// cookie (Secure under TLS), and sign out with a CSRF-checked POST that forgets it. The
/// sign-in form has its own double-submit CSRF cookie, so another site cannot sign a browser
/// in as someone else. After signing in the browser goes to `next` when it is a path of this
/// site, else to the desk.
struct SignInPage {
  let pages: Pages

  func show(_ request: HTTPRequest) -> HTTPResponse {
    form(next: request.query["next"], problem: nil, nonce: CSRF.nonce(in: request.headers["cookie"]))
  }

  func signIn(_ request: HTTPRequest, at now: Instant) -> HTTPResponse {
    guard let body = try? FormBody(request.body, contentType: request.headers["content-type"]) else {
      return Page.message(400, "The form could not be read", "Please go back and send it again.")
    }
    let nonce = CSRF.nonce(in: request.headers["cookie"])
    guard pages.csrf.accepts(body.fields[CSRF.field], nonce: nonce) else {
      return form(
        next: body.fields["next"], problem: "The form had expired; please sign in again.", nonce: nil, status: 403)
    }
    let token = String((body.fields["token"] ?? "").trimmingSpaces)
    let user: String
    do {
      user = try TokenService(repository: pages.tokens, clock: FixedClock(now)).authenticate(token)
    } catch .unavailable(let failure) {
      return form(
        next: body.fields["next"], problem: "Signing in is not available at the moment.", nonce: nonce, status: 500
      ).noted(failure)
    } catch {
      return form(next: body.fields["next"], problem: "This token cannot sign in: \(error).", nonce: nonce, status: 401)
    }
    let id = SHA256.hex(pages.random(16))
    pages.sessions.open(id, user: user, token: token, at: now)
    return Self.redirect(
      to: Self.safe(body.fields["next"]) ?? "/desk",
      headers: [("Set-Cookie", StaffSessions.setCookie(id, secure: pages.secure))])
  }

  func signOut(_ request: HTTPRequest, at now: Instant) -> HTTPResponse {
    let session: StaffSession
    do { session = try StaffSession(request, pages: pages, at: now) } catch { return error.response }
    guard let body = try? FormBody(request.body, contentType: request.headers["content-type"]),
      session.accepts(body, pages: pages)
    else { return Page.message(403, "Not signed out", "The form had expired; please go back and try again.") }
    pages.sessions.close(session.id)
    return Self.redirect(
      to: Self.path, headers: [("Set-Cookie", StaffSessions.clearCookie(secure: pages.secure))])
  }

  private func form(next: String?, problem: String?, nonce given: String?, status: Int = 200) -> HTTPResponse {
    let nonce = given.flatMap { CSRF.isNonce($0) ? $0 : nil } ?? SHA256.hex(pages.random(16))
    let cookie =
      given == nonce ? [] : [(name: "Set-Cookie", value: CSRF.setCookie(nonce, secure: pages.secure, path: Self.path))]
    var content: [HTML] = [
      .tag("h1", text: "Sign in"),
      .tag("p", [("class", "lead")], text: "Sign in with your API token (dcmc token create USER)."),
    ]
    if let problem {
      content.append(.tag("div", [("class", "summary"), ("role", "alert")], [.tag("p", text: problem)]))
    }
    var fields: [HTML] = [
      .void("input", [("type", "hidden"), ("name", CSRF.field), ("value", pages.csrf.token(for: nonce))])
    ]
    if let next = Self.safe(next) {
      fields.append(.void("input", [("type", "hidden"), ("name", "next"), ("value", next)]))
    }
    fields += [
      .tag(
        "div", [("class", "field")],
        [
          .tag("label", [("for", "token")], text: "Token"),
          .void(
            "input",
            [("type", "password"), ("id", "token"), ("name", "token"), ("required", ""), ("autocomplete", "off")]),
        ]),
      .tag("button", [("type", "submit")], text: "Sign in"),
    ]
    content.append(.tag("form", [("method", "post"), ("action", Self.path)], fields))
    return Page(
      status: status, title: "Sign in", content: content, headers: cookie, site: [.tag("p", text: "Staff pages")]
    ).response
  }

  static let path = "/signin"

  /// `/signin`, with `next` (a safe path) to come back to.
  static func path(next: String?) -> String {
    guard let next = safe(next), next != "/desk" else { return path }
    return path + "?next=" + percentEncoded(next)
  }

  /// `next` when it is a path of this site: one `/` then no `/` or `\`, printable ASCII only,
  /// so that neither `//evil.example` nor `https://evil.example` nor a header break passes.
  static func safe(_ next: String?) -> String? {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.utf8.count <= 512,
      next.utf8.allSatisfy({ (0x21...0x7e).contains($0) && $0 != UInt8(ascii: "\\") })
    else { return nil }
    return next
  }

  /// A `303 See Other` to `location` (a path of this site).
  static func redirect(to location: String, headers: [(name: String, value: String)] = []) -> HTTPResponse {
    HTTPResponse(
      status: 303, headers: [("Location", location)] + Page.securityHeaders + headers, body: [])
  }

  /// `text` with every byte but the unreserved characters and `/` percent-encoded: for a path
  /// or a query value.
  static func percentEncoded(_ text: String) -> String {
    let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
    return text.utf8.map { kept.contains($0) ? String(UnicodeScalar($0)) : "%" + SHA256.hex([$0]).uppercased() }.joined()
  }
}
