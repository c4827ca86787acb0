import DCMCApplication
import DCMCCalendar
import DCMCServer
import Testing
import _DCMCTestSupport

/// `/signin` and `/signout` (docs/server.md, "Desk"): an API token opens a session kept in an
/// HttpOnly, SameSite=Strict cookie; the session ends with its token, when idle too long, or
/// on sign-out; `next` leads back only to a path of this site.
@Suite struct SignInPageTests {
  @Test func aTokenSignsInWithASessionCookieAndTheDeskNamesTheUser() throws {
    let harness = try PagesHarness()
    let form = harness.send("GET", "/signin")
    let page = try PagesHarness.document(form)
    let input = try #require(page.element(id: "token"))
    #expect(input["type"] == "password" && page.elements("label").contains { $0["for"] == "token" })
    #expect(form.header("Set-Cookie")?.contains("Path=/signin; HttpOnly; SameSite=Strict") == true)
    let response = try harness.signInResponse(token: try #require(harness.api.bearer["bob"]))
    #expect(response.status == 303 && response.header("Location") == "/desk")
    let cookie = try #require(response.header("Set-Cookie"))
    #expect(cookie.hasPrefix("dcmc_session=") && cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Strict"))
    #expect(!cookie.contains("Secure"))
    let desk = harness.send("GET", "/desk", headers: ["Cookie": try #require(PagesHarness.cookie(of: response))])
    #expect(desk.status == 200)
    #expect(try PagesHarness.document(desk).root.text.contains("Signed in as bob"))
  }

  @Test func underTLSTheCookiesAreSecure() throws {
    let harness = try PagesHarness(secure: true)
    #expect(harness.send("GET", "/signin").header("Set-Cookie")?.hasSuffix("; Secure") == true)
    let response = try harness.signInResponse(token: try #require(harness.api.bearer["bob"]))
    #expect(response.header("Set-Cookie")?.hasSuffix("; Path=/; HttpOnly; SameSite=Strict; Secure") == true)
    let staff = try harness.signIn("bob")
    #expect(harness.post("/signout", as: staff).header("Set-Cookie")?.hasSuffix("; Secure") == true)
  }

  @Test func aTokenThatDoesNotActOrAFormWithoutItsCSRFFieldOpensNoSession() throws {
    let harness = try PagesHarness()
    let wrong = try harness.signInResponse(token: "dcmc_0000000000000000_" + String(repeating: "0", count: 64))
    #expect(wrong.status == 401 && PagesHarness.cookie(of: wrong)?.hasPrefix("dcmc_session") != true)
    #expect(try PagesHarness.document(wrong).root.text.contains("the bearer token is not known"))
    let forged = harness.postForm("/signin", [("token", try #require(harness.api.bearer["bob"]))], cookie: nil)
    #expect(forged.status == 403 && PagesHarness.cookie(of: forged)?.hasPrefix("dcmc_session") != true)
  }

  @Test func aPageWithoutASessionSendsTheBrowserToSignInAndBackToIt() throws {
    let harness = try PagesHarness()
    let away = harness.send("GET", "/desk/cases/TEC-2026-000001")
    #expect(away.status == 303 && away.header("Location") == "/signin?next=/desk/cases/TEC-2026-000001")
    let back = try harness.signInResponse(token: try #require(harness.api.bearer["bob"]), next: "/desk/cases/X")
    #expect(back.header("Location") == "/desk/cases/X")
    #expect(
      harness.send("GET", "/desk", headers: ["Cookie": "dcmc_session=" + String(repeating: "a", count: 32)])
        .header("Location") == "/signin")
  }

  @Test(arguments: [
    "//evil.example/desk", "https://evil.example", "/\\evil.example", "evil", "/desk\r\nSet-Cookie: x=1", "/\t/evil",
  ])
  func nextLeadsNowhereButAPathOfThisSite(_ next: String) throws {
    let harness = try PagesHarness()
    let response = try harness.signInResponse(token: try #require(harness.api.bearer["bob"]), next: next)
    #expect(response.status == 303 && response.header("Location") == "/desk")
    let form = try PagesHarness.document(harness.send("GET", "/signin", query: ["next": next]))
    #expect(!form.elements("input").contains { $0["name"] == "next" })
  }

  @Test func aRevokedTokensSessionIsRefusedAtTheNextRequest() throws {
    let harness = try PagesHarness()
    let staff = try harness.signIn("bob")
    #expect(harness.get("/desk", as: staff).status == 200)
    let service = TokenService(repository: harness.api.tokens, clock: FixedClock(RepositoryUnderTest.monday))
    let id = try #require(try service.list().first { $0.user == "bob" }?.id)
    _ = try service.revoke(id)
    let refused = harness.get("/desk", as: staff, at: 61)
    #expect(refused.status == 303 && refused.header("Location") == "/signin")
    #expect(harness.post("/desk/next", as: staff, at: 62).status == 303)
  }

  @Test func aSessionIdleForAnHourIsForgotten() throws {
    let harness = try PagesHarness()
    let staff = try harness.signIn("bob")
    #expect(harness.get("/desk", as: staff, at: 60 + 3599).status == 200)
    #expect(harness.get("/desk", as: staff, at: 60 + 3599 + 3599).status == 200)
    #expect(harness.get("/desk", as: staff, at: 60 + 3599 * 3 + 1).status == 303)
  }

  @Test func signingOutNeedsTheSessionsOwnCSRFFieldAndEndsTheSession() throws {
    let harness = try PagesHarness()
    let bob = try harness.signIn("bob")
    let sam = try harness.signIn("sam")
    #expect(harness.postForm("/signout", [], cookie: bob.cookie).status == 403)
    #expect(harness.postForm("/signout", [("csrf", sam.token)], cookie: bob.cookie).status == 403)
    #expect(harness.get("/desk", as: bob).status == 200)
    let out = harness.post("/signout", as: bob)
    #expect(out.status == 303 && out.header("Location") == "/signin")
    #expect(out.header("Set-Cookie")?.hasPrefix("dcmc_session=; Path=/; Max-Age=0") == true)
    #expect(harness.get("/desk", as: bob).status == 303)
    #expect(harness.get("/desk", as: sam).status == 200)
  }
}
