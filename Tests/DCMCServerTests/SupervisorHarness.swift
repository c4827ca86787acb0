import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// The supervisor's pages over `PagesHarness`: requests signed in as a staff member, a page's
/// forms posted with the CSRF cookie and field it set, and Technical cases made on Monday
/// morning (employees_group's workbin, which sam supervises and alice and bob work in).
struct SupervisorHarness {
  let pages: PagesHarness

  init() throws { pages = try PagesHarness() }

  /// Monday 09:00 plus 26 hours: Tuesday 11:00 in Brussels, when a Technical task made on
  /// Monday morning is past its OLA's warning (75% of 12 office hours) and not yet due.
  static let tuesday = 26 * 3600

  /// The headers that sign a request in as `user`.
  func signIn(_ user: String?) -> [String: String] {
    guard let user, let token = pages.api.bearer[user] else { return [:] }
    return ["Authorization": "Bearer \(token)"]
  }

  /// `GET path` as `user`, at `seconds` after Monday 09:00.
  func get(_ path: String, as user: String? = "sam", query: [String: String] = [:], at seconds: Int = tuesday)
    -> HTTPResponse
  {
    pages.pages.respond(
      to: HTTPRequest(method: "GET", path: path, query: query, headers: signIn(user), remoteAddress: "127.0.0.1"),
      at: RepositoryUnderTest.monday.adding(seconds: seconds))
  }

  /// What a browser keeps of a page with forms: its CSRF cookie and field.
  func visit(_ path: String, as user: String = "sam", at seconds: Int = tuesday) throws -> PagesHarness.Visit {
    let response = get(path, as: user, at: seconds)
    let cookie = try #require(response.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
    let token = try PagesHarness.document(response).elements("input").first { $0["name"] == "csrf" }?["value"]
    return PagesHarness.Visit(cookie: cookie, token: try #require(token))
  }

  /// `POST path` with `fields` URL-encoded, the visit's CSRF field first (none without a visit).
  func post(
    _ path: String, _ fields: [(String, String)], visit: PagesHarness.Visit?, as user: String? = "sam",
    query: [String: String] = [:], at seconds: Int = tuesday
  ) -> HTTPResponse {
    let all = (visit.map { [("csrf", $0.token)] } ?? []) + fields
    let body = all.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&")
    var headers = signIn(user)
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    if let visit { headers["Cookie"] = visit.cookie }
    return pages.pages.respond(
      to: HTTPRequest(
        method: "POST", path: path, query: query, headers: headers, body: Array(body.utf8), remoteAddress: "127.0.0.1"),
      at: RepositoryUnderTest.monday.adding(seconds: seconds))
  }

  static func encoded(_ text: String) -> String {
    text.utf8.map { byte in
      let scalar = Unicode.Scalar(byte)
      return scalar.properties.isAlphabetic && byte < 128 || (0x30...0x39).contains(byte)
        ? String(scalar) : "%" + String(byte, radix: 16, uppercase: true).leftPadded
    }.joined()
  }

  /// A Technical case made by alice `minutes` after Monday 09:00, with `fields` over the usual ones.
  @discardableResult
  func technical(minutes: Int = 1, _ fields: [String: String] = [:]) throws -> CaseState {
    let base = [
      "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
      "Problem_Description": "no signal",
    ]
    return try pages.api.store.at(minutes * 60).create(
      type: "technical", fields: base.merging(fields) { _, given in given }, request: nil, by: "alice")
  }

  /// The case as the store has it now.
  func load(_ id: String) throws -> CaseState { try pages.api.store.service.load(id) }
}

extension String {
  fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
