import DCMCServer
import Testing
import _DCMCTestSupport

/// The staff's side of the pages harness: signing in with a user's API token as a browser
/// does (the sign-in form's cookie and CSRF field, then the session cookie), and forms posted
/// within a session.
extension PagesHarness {
  /// What a browser keeps of a session: its cookie, and the CSRF field of its pages.
  struct Staff {
    var cookie: String
    var token: String
  }

  /// The `name=value` of the cookie `response` sets, `nil` without one.
  static func cookie(of response: HTTPResponse) -> String? {
    response.header("Set-Cookie")?.split(separator: ";").first.map(String.init)
  }

  /// Posts `fields` URL-encoded to `path` with `cookie`.
  func postForm(_ path: String, _ fields: [(String, String)], cookie: String?, at seconds: Int = 60) -> HTTPResponse {
    let body = fields.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&")
    var headers = ["Content-Type": "application/x-www-form-urlencoded"]
    if let cookie { headers["Cookie"] = cookie }
    return send("POST", path, body: Array(body.utf8), headers: headers, at: seconds)
  }

  /// Signs in with `token` (by default `user`'s) as a browser does, asking to come back to
  /// `next`; the answer to the sign-in POST.
  func signInResponse(token: String, next: String? = nil, at seconds: Int = 60) throws -> HTTPResponse {
    let form = send("GET", "/signin", at: seconds)
    let nonce = try #require(Self.cookie(of: form))
    let csrf = try Self.document(form).elements("input").first { $0["name"] == "csrf" }?["value"] ?? ""
    return postForm(
      "/signin", [("csrf", csrf), ("token", token)] + (next.map { [("next", $0)] } ?? []), cookie: nonce, at: seconds)
  }

  /// Signs `user` in with their API token and opens the desk, keeping its CSRF field.
  func signIn(_ user: String, at seconds: Int = 60) throws -> Staff {
    let response = try signInResponse(token: try #require(api.bearer[user]), at: seconds)
    let cookie = try #require(Self.cookie(of: response))
    let desk = send("GET", "/desk", headers: ["Cookie": cookie], at: seconds)
    let token = try Self.document(desk).elements("input").first { $0["name"] == "csrf" }?["value"] ?? ""
    return Staff(cookie: cookie, token: token)
  }

  /// `path` opened in `staff`'s session.
  func get(_ path: String, as staff: Staff, at seconds: Int = 60) -> HTTPResponse {
    send("GET", path, headers: ["Cookie": staff.cookie], at: seconds)
  }

  /// `fields` posted to `path` in `staff`'s session, with its CSRF field.
  func post(_ path: String, _ fields: [(String, String)] = [], as staff: Staff, at seconds: Int = 60) -> HTTPResponse {
    postForm(path, [("csrf", staff.token)] + fields, cookie: staff.cookie, at: seconds)
  }

  static func encoded(_ text: String) -> String {
    let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    return text.utf8.map {
      kept.contains($0)
        ? String(UnicodeScalar($0)) : "%" + ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true)
    }.joined()
  }
}
