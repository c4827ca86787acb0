import DCMCApplication
import DCMCServer
import Testing
import _DCMCTestSupport

/// `/status/LINK` and the headers of every page (SPEC section 17, docs/server.md "Pages"): a
/// link shows its own customer's cases and no other's, in the customer's words; an unknown,
/// malformed or revoked link answers the same plain 404.
@Suite struct StatusPageTests {
  /// Creates a case from the form for `email` and returns its reference and status link path.
  func submit(_ harness: PagesHarness, name: String, email: String) throws -> (String, String) {
    let document = try PagesHarness.document(
      harness.post(PagesHarness.form(name: name, email: email), visit: try harness.open()))
    return (try #require(document.element(id: "reference")?.text), try #require(document.element(id: "status-link")?["href"]))
  }

  @Test func aLinkShowsItsCustomersCasesInTheirWordsAndNothingOfAnothers() throws {
    let harness = try PagesHarness()
    let (jane, janeLink) = try submit(harness, name: "Jane Doe", email: "jane@example.com")
    let (janeAgain, _) = try submit(harness, name: "Jane Doe", email: "JANE@example.com")
    let (omar, omarLink) = try submit(harness, name: "Omar <b>Khan</b>", email: "omar@example.com")
    let page = try PagesHarness.document(harness.send("GET", janeLink))
    let cards = page.elements("section").compactMap { $0["id"] ?? $0["aria-labelledby"] }
    #expect(cards == ["case-\(janeAgain)", "case-\(jane)"])
    let text = page.root.text
    #expect(text.contains("We are working on it") && text.contains("Expected by"))
    #expect(!text.contains(omar) && !text.contains("alice") && !text.contains("employees_group"))
    let other = try PagesHarness.document(harness.send("GET", omarLink))
    #expect(other.elements("section").compactMap { $0["aria-labelledby"] } == ["case-\(omar)"])
    #expect(!other.root.text.contains(jane))
  }

  @Test func unknownMalformedAndRevokedLinksAnswerTheSamePlainNotFound() throws {
    let harness = try PagesHarness()
    let (reference, link) = try submit(harness, name: "Jane Doe", email: "jane@example.com")
    let id = link.dropFirst("/status/".count).prefix(16)
    let answers = [
      harness.send("GET", "/status/\(id)-\(String(repeating: "0", count: 64))"),
      harness.send("GET", "/status/0000000000000000-\(String(repeating: "0", count: 64))"),
      harness.send("GET", "/status/..%2Fstore.json"), harness.send("GET", "/status/\(link.dropFirst(8).dropLast())"),
    ]
    #expect(answers.map(\.status) == [404, 404, 404, 404])
    #expect(Set(answers.map(\.body)).count == 1)
    let customer = try #require(try harness.api.store.service.load(reference).customer)
    let links = try #require(harness.api.store.repository as? any StatusLinkRepository)
    let service = StatusLinkService(links: links, cases: harness.api.store.service)
    #expect(try service.revoke(for: customer, by: "alice") == 1)
    let revoked = harness.send("GET", link)
    #expect(revoked.status == 404 && revoked.body == answers[0].body)
  }

  @Test func aLoggedPathLeavesTheLinksSecretOut() {
    let link = "/status/0123456789abcdef-" + String(repeating: "ab", count: 32)
    #expect(Pages.loggedPath(link) == "/status/0123456789abcdef-…")
    #expect(Pages.loggedPath("/forms/technical") == "/forms/technical")
  }

  @Test func everyPageCarriesTheSecurityHeaders() throws {
    let harness = try PagesHarness(limits: RateLimits(perAddress: 3))
    let (_, link) = try submit(harness, name: "Jane Doe", email: "jane@example.com")
    let responses = [
      harness.send("GET", "/forms/technical", from: "10.1.0.1"), harness.send("GET", link, from: "10.1.0.2"),
      harness.send("GET", "/status/nothing", from: "10.1.0.3"), harness.send("GET", "/pages.css"),
      harness.post(PagesHarness.form(), visit: nil, from: "10.1.0.4"),
      harness.send("PUT", "/forms/technical", from: "10.1.0.5"),
    ] + (0..<4).map { _ in harness.send("GET", "/forms/technical", from: "10.1.0.6") }
    #expect(Set(responses.map(\.status)) == [200, 403, 404, 405, 429])
    for response in responses {
      let policy = try #require(response.header("Content-Security-Policy"))
      #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
      #expect(policy.contains("form-action 'self'") && !policy.contains("unsafe"))
      #expect(response.header("X-Content-Type-Options") == "nosniff")
      #expect(response.header("Referrer-Policy") == "no-referrer")
      if response.header("Content-Type")?.hasPrefix("text/html") == true { _ = try PagesHarness.document(response) }
    }
  }
}
