import DCMCCalendar
import DCMCServer
import Testing
import _DCMCTestSupport

/// The admission steps are written once (`API.admission`, `Pages.admission`): a request the
/// headers refuse gets the same answer from the screen, before its body (a client that sent
/// `Expect: 100-continue`), as from `respond`, once its body is in. Each request of the
/// tables is sent both ways, each to a server of its own whose rates start alike. Before the
/// steps were one function, the screen answered some in another order (413 where the whole
/// request got 422 or 404) and passed some the whole request refused (a token over its rate).
@Suite struct AdmissionTests {
  /// A request as the daemon hands it: `declared` in `Content-Length`, and the body it keeps
  /// (at most the limit and one byte over) once it came.
  struct Sent {
    var name: String
    var method: String
    var path: String
    var query: [String: String] = [:]
    var headers: [String: String] = [:]
    var declared = 10
    var kept: Int?
    var repeated: Set<String> = []

    func request(withBody: Bool) -> HTTPRequest {
      var headers = self.headers
      headers["Content-Length"] = String(declared)
      let body = withBody ? [UInt8](repeating: UInt8(ascii: "{"), count: kept ?? declared) : []
      return HTTPRequest(
        method: method, path: path, query: query, headers: headers, body: body, remoteAddress: "192.0.2.7",
        repeatedHeaders: repeated)
    }
  }

  static let now = RepositoryUnderTest.monday.adding(seconds: 60)

  /// Whether two answers are the same: status, headers and body.
  static func same(_ left: HTTPResponse?, _ right: HTTPResponse) -> Bool {
    guard let left else { return false }
    return left.status == right.status && left.body == right.body
      && left.headers.map { "\($0.name): \($0.value)" } == right.headers.map { "\($0.name): \($0.value)" }
  }

  @Test func theAPIAnswersARequestItsHeadersRefuseAlikeBeforeAndAfterItsBody() throws {
    let limits = RateLimits(perAddress: 2, perToken: 1)
    let alice = try APIHarness(limits: limits).bearer["alice", default: ""]
    let json = ["Content-Type": "application/json", "Authorization": "Bearer \(alice)"]
    let over = API.maximumBodyBytes + 1
    let table = [
      Sent(name: "a repeated header", method: "POST", path: "/api/v1/cases", headers: json, repeated: ["authorization"]),
      Sent(name: "no route", method: "POST", path: "/api/v1/nothing", headers: json),
      Sent(name: "a method the path does not take", method: "PUT", path: "/api/v1/cases", headers: json),
      Sent(name: "OPTIONS", method: "OPTIONS", path: "/api/v1/cases"),
      Sent(name: "no token", method: "POST", path: "/api/v1/cases", declared: 5_000_000, kept: over),
      Sent(
        name: "a token that does not act", method: "POST", path: "/api/v1/cases",
        headers: ["Authorization": "Bearer dcmc_0123456789abcdef_" + String(repeating: "0", count: 64)]),
      Sent(name: "over 1 MiB", method: "POST", path: "/api/v1/cases", headers: json, declared: 2 << 20, kept: over),
      Sent(
        name: "an empty query value, over 1 MiB", method: "POST", path: "/api/v1/cases", query: ["request_id": ""],
        headers: json, declared: 2 << 20, kept: over),
      Sent(
        name: "a query name the list does not read", method: "GET", path: "/api/v1/cases", query: ["stauts": "closed"],
        headers: json),
      Sent(name: "the description, over 1 MiB", method: "GET", path: "/api/v1/openapi.json", declared: 2 << 20, kept: over),
    ]
    for sent in table {
      let screened = try APIHarness(limits: limits).api.screen(sent.request(withBody: false), at: Self.now)
      let whole = try APIHarness(limits: limits).api.respond(to: sent.request(withBody: true), at: Self.now)
      #expect(whole.response.status == 204 || whole.response.status >= 400, "\(sent.name): \(whole.response.status)")
      #expect(Self.same(screened?.response, whole.response), "\(sent.name): \(screened?.response.status ?? 0) \(whole.response.status)")
      #expect(screened?.user == whole.user, "\(sent.name)")
    }
    // Over a rate: the request before took the bucket's last place, both ways.
    for (name, first, sent) in [
      ("the token's rate", Sent(name: "", method: "GET", path: "/api/v1/cases", headers: json),
        Sent(name: "", method: "POST", path: "/api/v1/cases", headers: json)),
      ("the address's rate", Sent(name: "", method: "GET", path: "/api/v1/openapi.json"),
        Sent(name: "", method: "POST", path: "/api/v1/cases")),
    ] {
      let screening = try APIHarness(limits: limits)
      let whole = try APIHarness(limits: limits)
      for harness in [screening, whole] {
        for _ in 0..<2 { _ = harness.api.respond(to: first.request(withBody: true), at: Self.now) }
      }
      let screened = screening.api.screen(sent.request(withBody: false), at: Self.now)
      let answered = whole.api.respond(to: sent.request(withBody: true), at: Self.now)
      #expect(answered.response.status == 429, "\(name): \(answered.response.status)")
      #expect(Self.same(screened?.response, answered.response), "\(name): \(screened?.response.status ?? 0)")
    }
  }

  @Test func aRequestTheHeadersAdmitIsLetThroughTakingNoRate() throws {
    let harness = try APIHarness(limits: RateLimits(perAddress: 1, perToken: 1))
    let alice = harness.bearer["alice", default: ""]
    let create = Sent(
      name: "", method: "POST", path: "/api/v1/cases",
      headers: ["Content-Type": "application/json", "Authorization": "Bearer \(alice)"])
    let description = Sent(name: "", method: "GET", path: "/api/v1/openapi.json")
    // Screened twice each, then answered: the request in full takes the one place, once.
    for sent in [create, description] {
      for _ in 0..<2 { #expect(harness.api.screen(sent.request(withBody: false), at: Self.now) == nil) }
      #expect(harness.api.respond(to: sent.request(withBody: true), at: Self.now).response.status != 429)
      #expect(harness.api.screen(sent.request(withBody: false), at: Self.now)?.response.status == 429)
    }
  }

  @Test func thePagesAnswerARequestItsHeadersRefuseAlikeBeforeAndAfterItsBody() throws {
    let limits = RateLimits(perAddress: 1)
    let over = Pages.maximumBodyBytes + 1
    let form = ["Content-Type": "application/x-www-form-urlencoded"]
    let table = [
      Sent(name: "a repeated header", method: "POST", path: "/forms/technical", headers: form, repeated: ["cookie"]),
      Sent(name: "a form over the limit", method: "POST", path: "/forms/technical", headers: form, declared: 100 << 20, kept: over),
      Sent(name: "no such form, over the limit", method: "POST", path: "/forms/nothing", headers: form, declared: 100 << 20, kept: over),
      Sent(name: "signing in, over the limit", method: "POST", path: "/signin", headers: form, declared: 100 << 20, kept: over),
      Sent(name: "a method the page does not take", method: "PUT", path: "/forms/technical", headers: form),
      Sent(name: "OPTIONS", method: "OPTIONS", path: "/desk"),
      Sent(name: "a staff page signed out", method: "POST", path: "/desk/next", headers: form),
    ]
    for sent in table {
      let screened = try PagesHarness(limits: limits).pages.screen(sent.request(withBody: false), at: Self.now)
      let whole = try PagesHarness(limits: limits).pages.answer(to: sent.request(withBody: true), at: Self.now)
      #expect(Self.same(screened?.response, whole.response), "\(sent.name): \(screened?.response.status ?? 0) \(whole.response.status)")
    }
    // Over the customers' rate, with a form over the limit: 429 both ways.
    let screening = try PagesHarness(limits: limits)
    let whole = try PagesHarness(limits: limits)
    let open = Sent(name: "", method: "GET", path: "/forms/technical", declared: 0)
    let post = Sent(name: "", method: "POST", path: "/forms/technical", headers: form, declared: 100 << 20, kept: over)
    for harness in [screening, whole] { _ = harness.pages.answer(to: open.request(withBody: true), at: Self.now) }
    let screened = screening.pages.screen(post.request(withBody: false), at: Self.now)
    let answered = whole.pages.answer(to: post.request(withBody: true), at: Self.now)
    #expect(answered.response.status == 429)
    #expect(Self.same(screened?.response, answered.response), "\(screened?.response.status ?? 0)")
  }
}
