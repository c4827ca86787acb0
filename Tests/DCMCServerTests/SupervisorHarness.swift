import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCServer
import Testing
import _DCMCTestSupport

/// The supervisor's pages over `PagesHarness`: requests in a staff session signed in at the
/// request's instant, forms posted with the session's CSRF field, and Technical cases made on
/// Monday morning (employees_group's workbin, which sam supervises and alice and bob work in).
struct SupervisorHarness {
  let pages: PagesHarness

  init() throws { pages = try PagesHarness() }

  /// The harness with `users`' tokens (`PagesHarness(users:)`): another workgroup's supervisor.
  init(users: [String]) throws { pages = try PagesHarness(users: users) }

  /// The harness over a store of `kind` whose writes' loads can be interleaved with
  /// (`APIHarness.beforeNextWriteLoad`).
  init(interleavedOn kind: RepositoryKind) throws { pages = try PagesHarness(kind: kind, interleaved: true) }

  /// Monday 09:00 plus 26 hours: Tuesday 11:00 in Brussels, when a Technical task made on
  /// Monday morning is past its OLA's warning (75% of 12 office hours) and not yet due.
  static let tuesday = 26 * 3600

  /// Els's Finance case, made by alice a minute after Monday 09:00: finances_group's, which
  /// sam does not supervise.
  func financeCase() throws -> CaseState {
    try pages.api.store.at(60).create(
      type: "finance",
      fields: [
        "Customer_Name": "Els", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
        "Request_Type": "refund", "Invoice_Number": "INV-204311",
      ], request: nil, by: "alice")
  }

  /// `user` signed in at `seconds` after Monday 09:00.
  func signIn(_ user: String = "sam", at seconds: Int = tuesday) throws -> PagesHarness.Staff {
    try pages.signIn(user, at: seconds)
  }

  /// `GET path` in `staff`'s session (none: not signed in), at `seconds` after Monday 09:00.
  func get(
    _ path: String, as staff: PagesHarness.Staff?, query: [String: String] = [:], at seconds: Int = tuesday
  ) -> HTTPResponse {
    pages.pages.respond(
      to: HTTPRequest(
        method: "GET", path: path, query: query, headers: staff.map { ["Cookie": $0.cookie] } ?? [:],
        remoteAddress: "127.0.0.1"),
      at: RepositoryUnderTest.monday.adding(seconds: seconds))
  }

  /// `POST path` with `fields` URL-encoded in `staff`'s session, its CSRF field first unless
  /// `csrf` says another (empty: none).
  func post(
    _ path: String, _ fields: [(String, String)], as staff: PagesHarness.Staff, csrf: String? = nil,
    query: [String: String] = [:], at seconds: Int = tuesday
  ) -> HTTPResponse {
    let token = csrf ?? staff.token
    let all = (token.isEmpty ? [] : [("csrf", token)]) + fields
    let body = all.map { "\(PagesHarness.encoded($0.0))=\(PagesHarness.encoded($0.1))" }.joined(separator: "&")
    return pages.pages.respond(
      to: HTTPRequest(
        method: "POST", path: path, query: query,
        headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": staff.cookie], body: Array(body.utf8),
        remoteAddress: "127.0.0.1"),
      at: RepositoryUnderTest.monday.adding(seconds: seconds))
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

  /// The `shown` field of the case's form as `staff` is shown it now: what a save is
  /// compared with (`SupervisorCasePage`).
  func shown(_ id: String, as staff: PagesHarness.Staff) throws -> (String, String) {
    let document = try PagesHarness.document(get("/supervisor/cases/\(id)", as: staff))
    return ("shown", try #require(document.root.all.first { $0["name"] == "shown" }?["value"]))
  }

  /// The case as the store has it now.
  func load(_ id: String) throws -> CaseState { try pages.api.store.service.load(id) }
}
