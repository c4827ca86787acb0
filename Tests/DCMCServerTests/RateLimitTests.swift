import DCMCCalendar
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// Rate limits (SPEC section 17): per address without a token that acts, per token with one,
/// 429 with `Retry-After` in whole seconds, on the requests' instants; and 415 for a body not
/// declared JSON. No socket, no clock.
@Suite struct RateLimitTests {
  @Test func requestsWithoutATokenThatActsAreLimitedPerAddress() throws {
    let harness = try APIHarness(limits: RateLimits(perAddress: 2))
    #expect(harness.send("GET", "/api/v1/openapi.json", at: 0).status == 200)
    // A bad token counts against its address as no token does.
    #expect(harness.send("GET", "/api/v1/cases", at: 0, token: "dcmc_guess").status == 401)
    let over = harness.send("GET", "/api/v1/openapi.json", at: 0)
    #expect(over.status == 429 && over.json?.text("code") == "rate_limited")
    #expect(over.response.header("Content-Type") == "application/problem+json")
    // Two a minute: one request back every 30 seconds.
    #expect(over.response.header("Retry-After") == "30")
    #expect(harness.send("GET", "/api/v1/cases", at: 10).response.header("Retry-After") == "20")
    #expect(harness.send("GET", "/api/v1/openapi.json", at: 0, from: "10.0.0.2").status == 200)
    #expect(harness.send("GET", "/api/v1/cases", as: "alice", at: 0).status == 200)
    #expect(harness.send("GET", "/api/v1/openapi.json", at: 30).status == 200)
    #expect(harness.send("GET", "/api/v1/openapi.json", at: 30).status == 429)
  }

  @Test func requestsWithATokenAreLimitedPerTokenWhenALimitIsSet() throws {
    let harness = try APIHarness(limits: RateLimits(perAddress: 1, perToken: 7))
    for _ in 0..<7 { #expect(harness.send("GET", "/api/v1/tasks", as: "alice", at: 0).status == 200) }
    let over = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: 0)
    #expect(over.status == 429)
    // Seven a minute: 60/7 seconds a request, rounded up.
    #expect(over.response.header("Retry-After") == "9")
    #expect(harness.send("GET", "/api/v1/tasks", as: "bob", at: 0).status == 200)
    #expect(harness.send("GET", "/api/v1/tasks", as: "alice", at: 9).status == 200)
    #expect(harness.send("GET", "/api/v1/cases", as: "alice").json?.elements.count == 0)
  }

  @Test func withoutATokenLimitATokenIsNotLimited() throws {
    let harness = try APIHarness(limits: RateLimits(perAddress: 1))
    for _ in 0..<100 { #expect(harness.send("GET", "/api/v1/tasks", as: "alice", at: 0).status == 200) }
  }

  @Test func aFloodOfDistinctClientsLeavesTheTableBounded() {
    let limiter = RateLimiter(perMinute: 1, capacity: 100)
    let now = RepositoryUnderTest.monday
    for index in 0..<10_000 { #expect(limiter.take("10.0.\(index / 256).\(index % 256)", at: now) == nil) }
    #expect(limiter.count <= 100)
    // The most recent clients are remembered and still limited.
    #expect(limiter.take("10.0.39.15", at: now) == 60)
    // A minute on, every bucket is full again: a client is let in as a new one.
    #expect(limiter.take("10.0.39.15", at: now.adding(seconds: 60)) == nil)
  }

  @Test func aClockThatGoesBackRefillsNothing() {
    let limiter = RateLimiter(perMinute: 60)
    let now = RepositoryUnderTest.monday
    for _ in 0..<60 { #expect(limiter.take("a", at: now) == nil) }
    #expect(limiter.take("a", at: now.adding(seconds: -30)) == 1)
    #expect(limiter.take("a", at: now.adding(seconds: 1)) == nil)
  }

  @Test func aBodyNotDeclaredJSONIs415OnARouteThatReadsJSON() throws {
    let harness = try APIHarness()
    for type in ["text/plain", "application/x-www-form-urlencoded", "application/jsonx"] {
      let answer = harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", headers: ["Content-Type": type])
      #expect(answer.status == 415 && answer.json?.text("code") == "unsupported_media_type")
    }
    let charset = harness.send(
      "POST", "/api/v1/cases", APIHarness.form, as: "alice", headers: ["Content-Type": "Application/JSON; charset=utf-8"])
    #expect(charset.status == 201)
    let id = try #require(charset.json?.text("id"))
    // No body, no type: nothing to declare.
    let pend = HTTPRequest(
      method: "POST", path: "/api/v1/cases/\(id)/pend", headers: ["Authorization": "Bearer \(harness.bearer["alice"] ?? "")"])
    #expect(harness.api.respond(to: pend, at: RepositoryUnderTest.monday.adding(seconds: 60)).response.status == 200)
  }
}
