import DCMCApplication
import DCMCRuntime
import DCMCServer
import Foundation
import Testing
import _DCMCTestSupport

/// `/status/LINK` and the headers of every page (SPEC section 17, docs/server.md "Pages"): a
/// link shows its own customer's cases and no other's, in the customer's words; an unknown,
/// malformed or revoked link answers the same 404 page, which says the link is not valid and
/// how to get a new one.
@Suite struct StatusPageTests {
  /// Creates a case from the form for `email` and returns its reference and status link path
  /// (a form whose email matches a record has none: `FormPageTests`, audit34).
  func submit(_ harness: PagesHarness, name: String, email: String) throws -> (String, String) {
    let (reference, link) = try submitAgain(harness, name: name, email: email)
    return (reference, try #require(link))
  }

  /// Creates another case from the form for `email`, whose record a first one added: its
  /// reference, and a status link only when it added a record.
  func submitAgain(_ harness: PagesHarness, name: String, email: String) throws -> (String, String?) {
    let document = try PagesHarness.document(
      harness.post(PagesHarness.form(name: name, email: email), visit: try harness.open()))
    return (try #require(document.element(id: "reference")?.text), document.element(id: "status-link")?["href"])
  }

  /// A file store's link edited to name another customer record showed that customer's cases
  /// (audit36 M4); its record no longer holds its checksum, so the page is the error page (500)
  /// with the file named in the request log only, and shows neither customer's cases.
  @Test func aLinkFileEditedToNameAnotherCustomerShowsTheErrorPageNotTheirCases() throws {
    let harness = try PagesHarness(kind: .files)
    defer { harness.api.store.remove() }
    let (_, janeLink) = try submit(harness, name: "Jane Doe", email: "jane@example.com")
    let (omar, omarLink) = try submit(harness, name: "Omar Khan", email: "omar@example.com")
    let links = try #require(harness.api.store.storePath) + "/status-links/"
    func file(_ link: String) -> String { links + link.dropFirst("/status/".count).prefix(16) + ".json" }
    func customer(_ text: String) throws -> String {
      let start = try #require(text.range(of: "\"customer\":\"")).upperBound
      return String(text[start...].prefix { $0 != "\"" })
    }
    let jane = try String(contentsOfFile: file(janeLink), encoding: .utf8)
    let other = try customer(String(contentsOfFile: file(omarLink), encoding: .utf8))
    try jane.replacingOccurrences(of: try customer(jane), with: other).write(
      toFile: file(janeLink), atomically: false, encoding: .utf8)
    let response = harness.send("GET", janeLink)
    #expect(response.status == 500)
    #expect(response.logNote?.contains(String(file(janeLink).dropFirst(links.count - "status-links/".count))) == true)
    #expect(!String(decoding: response.body, as: UTF8.self).contains(omar))
  }

  @Test func aLinkShowsItsCustomersCasesInTheirWordsAndNothingOfAnothers() throws {
    let harness = try PagesHarness()
    let (jane, janeLink) = try submit(harness, name: "Jane Doe", email: "jane@example.com")
    let (janeAgain, _) = try submitAgain(harness, name: "Jane Doe", email: "JANE@example.com")
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

  /// Audit34 finding 8: a refused refund read "Resolution rejected", a case past its due time
  /// "Expected by" that time with no word that it was late, a pending one "Expected by paused".
  /// The page says them in words, and late at the instant it is served.
  @Test func aCardSaysTheResolutionInWordsWhenTheCaseIsLateAndWhatAPendingCaseWaitsFor() throws {
    let harness = try PagesHarness()
    let (technical, link) = try submit(harness, name: "Jane Doe", email: "jane@example.com")
    let store = harness.api.store
    let customer = try #require(try store.service.load(technical).customer)
    let fields = [
      "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Customer_Phone": "+32470998877",
      "Request_Type": "refund",
      "Amount": "120.50", "Invoice_Number": "INV-204311",
    ]
    /// A finance case of the customer made `seconds` after Monday 09:00, its task claimed and
    /// completed by fiona with `outcome` a minute apart.
    func finance(at seconds: Int, completedWith outcome: String) throws -> CaseState {
      let made = try store.at(seconds).create(
        type: "finance", fields: fields, request: nil, customer: customer, by: "fiona")
      let task = try #require(made.tasks.first).id
      _ = try store.at(seconds + 60).execute(.claim(task: task), onCase: made.id, by: "fiona")
      _ = try store.at(seconds + 120).execute(
        .complete(task: task, outcome: outcome, data: [:]), onCase: made.id, by: "fiona")
      return made
    }
    let refused = try finance(at: 120, completedWith: "refused")
    let pending = try finance(at: 300, completedWith: "need_documents")
    /// The terms and descriptions of case `id`'s card on the page served `seconds` after Monday 09:00.
    func card(_ id: String, at seconds: Int) throws -> [String: String] {
      let page = try PagesHarness.document(harness.send("GET", link, at: seconds))
      let section = try #require(page.elements("section").first { $0["aria-labelledby"] == "case-\(id)" })
      let (terms, descriptions) = (section.all.filter { $0.name == "dt" }, section.all.filter { $0.name == "dd" })
      return Dictionary(uniqueKeysWithValues: zip(terms.map(\.text), descriptions.map(\.text)))
    }
    #expect(try card(refused.id, at: 480)["Resolution"] == "Rejected")
    let page = try PagesHarness.document(harness.send("GET", link, at: 480))
    let refusedCard = try #require(page.elements("section").first { $0["aria-labelledby"] == "case-\(refused.id)" })
    #expect(refusedCard.all.first { $0["class"] == "status" }?.text == "We could not grant your request")
    #expect(try card(pending.id, at: 480)["Expected by"] == "On hold until we hear from you")
    // Stop 34: and what to do about it, as finance's `customer_next_step:` says; a case whose
    // type says nothing (the technical one, the refused refund) shows no such row.
    #expect(
      try card(pending.id, at: 480)["What to do"]
        == "Reply to our email about this request with the documents we asked for attached, and keep its reference "
        + "in the subject.")
    #expect(try card(refused.id, at: 480)["What to do"] == nil)
    #expect(try card(technical, at: 480)["What to do"] == nil)
    // The technical case is due two days after it was opened from the form (60 s after
    // Monday 09:00): on time at that second, late the next.
    let due = 2 * 86_400 + 60
    #expect(try card(technical, at: due)["Expected by"] == "Wednesday 4 March 2026, 09:01 CET")
    #expect(
      try card(technical, at: due + 1)["Expected by"]
        == "Wednesday 4 March 2026, 09:01 CET; it is taking longer than we expected")
  }

  /// A customer's cases come a page of 100 at a time (the API's lists' size), newest first,
  /// with links to the older and newer pages: before 7 December 2026 the page listed every
  /// case (402 cases: 142 KB).
  @Test func aLinkShowsItsCasesAPageAtATimeNewestFirst() throws {
    let harness = try PagesHarness()
    let (oldest, link) = try submit(harness, name: "Jane Doe", email: "jane@example.com")
    let customer = try #require(try harness.api.store.service.load(oldest).customer)
    var references = [oldest]
    // 249 cases more, a minute apart, then one more at the last one's second (the reference
    // orders those two).
    for minute in 1...249 {
      let at = RepositoryUnderTest.monday.adding(seconds: 60 + min(minute, 248) * 60)
      let state = try harness.api.store.service.with(clock: FixedClock(at)).create(
        type: "technical", fields: ["Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com",
          "Product": "internet", "Problem_Description": "case \(minute)"],
        request: nil, customer: customer, by: "alice")
      references.append(state.id)
    }
    let newestFirst = Array(references.reversed())
    /// The page at `href` (relative to the link, as a browser resolves `?after=`): its cards,
    /// its count line, and its newer and older links.
    func page(_ query: [String: String]) throws -> (cards: [String], shown: String?, newer: String?, older: String?) {
      let response = harness.send("GET", link, query: query)
      #expect(response.status == 200 && response.body.count < 50_000, "\(response.status) \(response.body.count)")
      let document = try PagesHarness.document(response)
      let links = document.elements("a")
      func cursor(_ rel: String, _ name: String) -> String? {
        links.first { $0["rel"] == rel }?["href"].map { String($0.dropFirst("?\(name)=".count)) }
      }
      return (
        document.elements("section").compactMap { $0["aria-labelledby"].map { String($0.dropFirst(5)) } },
        document.element(id: "shown")?.text, cursor("prev", "before"), cursor("next", "after")
      )
    }
    let first = try page([:])
    #expect(first.cards == Array(newestFirst[0..<100]) && first.shown == "Requests 1 to 100 of 250.")
    #expect(first.newer == nil)
    let second = try page(["after": try #require(first.older)])
    #expect(second.cards == Array(newestFirst[100..<200]) && second.shown == "Requests 101 to 200 of 250.")
    let third = try page(["after": try #require(second.older)])
    #expect(third.cards == Array(newestFirst[200..<250]) && third.shown == "Requests 201 to 250 of 250.")
    #expect(third.older == nil)
    let back = try page(["before": try #require(third.newer)])
    #expect(back.cards == second.cards && back.shown == second.shown)
    let top = try page(["before": try #require(back.newer)])
    #expect(top.cards == first.cards && top.newer == nil)
    // A cursor past the oldest case (no page gives one) shows no case (it trapped on an empty
    // page's missing first case, then showed the last page; `aCursorPastTheEndSaysSoAndLinksBack`);
    // its newer link, the last 100.
    let pastCursor = CasePosition(createdAt: RepositoryUnderTest.monday, id: "A").cursor
    let past = try page(["after": pastCursor])
    #expect(past.cards.isEmpty && past.older == nil && past.newer == pastCursor)
    let last = try page(["before": pastCursor])
    #expect(last.cards == Array(newestFirst[150..<250]) && last.shown == "Requests 151 to 250 of 250.")
    // A cursor that is none, or both directions at once, is the plain 404.
    #expect(harness.send("GET", link, query: ["after": "nonsense"]).status == 404)
    #expect(harness.send("GET", link, query: ["after": first.older ?? "", "before": first.older ?? ""]).status == 404)
  }

  /// A stale or hand-made link whose cursor is past the oldest case says there are no older
  /// requests and links back to the newer ones; past the newest, the reverse (the first showed
  /// the last page as if it were older; the second, the first page).
  @Test func aCursorPastTheEndSaysSoAndLinksBack() throws {
    let harness = try PagesHarness()
    let (older, link) = try submit(harness, name: "Jane Doe", email: "jane@example.com")
    let (newer, _) = try submitAgain(harness, name: "Jane Doe", email: "jane@example.com")
    let past = CasePosition(createdAt: RepositoryUnderTest.monday, id: "A").cursor
    let ahead = CasePosition(createdAt: RepositoryUnderTest.monday.adding(seconds: 86_400), id: "A").cursor
    // The page asked for, what it says, and its one link: rel, the way back, its words.
    for (asked, cursor, words, rel, back, text) in [
      ("after", past, "No older requests.", "prev", "before", "Newer requests"),
      ("before", ahead, "No newer requests.", "next", "after", "Older requests"),
    ] {
      let document = try PagesHarness.document(harness.send("GET", link, query: [asked: cursor]))
      #expect(document.elements("section").isEmpty && document.element(id: "shown")?.text == words)
      #expect(document.elements("a").map { [$0["rel"], $0["href"], $0.text] } == [[rel, "?\(back)=\(cursor)", text]])
      let returned = try PagesHarness.document(harness.send("GET", link, query: [back: cursor]))
      #expect(returned.elements("section").compactMap { $0["aria-labelledby"] } == ["case-\(newer)", "case-\(older)"])
    }
  }

  /// Before 7 December 2026 (stop 34) these answered the plain "There is nothing at this
  /// address", which told a customer whose link was revoked nothing of what to do.
  @Test func unknownMalformedAndRevokedLinksAnswerTheSameNotValidPageSayingHowToGetANewOne() throws {
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
    let page = try PagesHarness.document(answers[0])
    #expect(page.elements("title").first?.text == "This link is not valid")
    let text = page.root.text
    #expect(text.contains("not valid, or no longer valid") && text.contains("To get a new link, contact us"))
    #expect(!text.contains("There is nothing at this address"))
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

  /// A bearer token in a path (pasted as an id, a misbuilt URL) keeps its id in the log and
  /// loses the rest of its segment, secret and all; the other segments stay as they were.
  @Test func aLoggedPathLeavesATokensSecretOut() {
    let secret = String(repeating: "9f", count: 32)
    #expect(Pages.loggedPath("/api/v1/cases/dcmc_0123456789abcdef_\(secret)/history")
      == "/api/v1/cases/dcmc_0123456789abcdef_…/history")
    #expect(Pages.loggedPath("/api/v1/cases/Bearer%20dcmc_0123456789abcdef_\(secret)")
      == "/api/v1/cases/Bearer%20dcmc_0123456789abcdef_…")
    #expect(Pages.loggedPath("/api/v1/cases/dcmc_0123456789ab") == "/api/v1/cases/dcmc_0123456789ab")
    #expect(Pages.loggedPath("/api/v1/cases/TEC-000001") == "/api/v1/cases/TEC-000001")
    // In any letter case (audit37 L4: `DCMC_` was logged whole), after a near miss too.
    #expect(Pages.loggedPath("/api/v1/x/DCMC_0123456789ABCDEF_\(secret)") == "/api/v1/x/DCMC_0123456789ABCDEF_…")
    #expect(Pages.loggedPath("/api/v1/x/dcmdcMc_0123456789abcdef_\(secret)") == "/api/v1/x/dcmdcMc_0123456789abcdef_…")
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
