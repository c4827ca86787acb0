import DCMCApplication
import DCMCServer
import Testing
import _DCMCTestSupport

/// `/forms/TYPE` (SPEC section 17, docs/server.md "Pages"): the form generated from the case
/// type, the validator's messages next to their fields, the case created and its files kept,
/// the values shown as text whatever they hold. Without a socket; HTML read strictly.
@Suite struct FormPageTests {
  @Test func theFormLabelsEveryInputAndSetsAStrictCSRFCookie() throws {
    let harness = try PagesHarness()
    let response = harness.send("GET", "/forms/technical")
    #expect(response.status == 200)
    let cookie = try #require(response.header("Set-Cookie"))
    #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/forms"))
    let document = try PagesHarness.document(response)
    let labelled = Set(document.elements("label").compactMap { $0["for"] })
    let inputs = (document.elements("input") + document.elements("select") + document.elements("textarea"))
      .filter { $0["type"] != "hidden" }
    #expect(inputs.count == 9)
    for input in inputs { #expect(labelled.contains(input["id"] ?? "?"), "\(input["name"] ?? "")") }
    #expect(document.element(id: "field-Customer_Email")?["type"] == "email")
    #expect(document.element(id: "field-Customer_Phone")?["type"] == "tel")
    #expect(document.element(id: "field-Product")?.name == "select")
    #expect(document.element(id: "field-Product")?["required"] == "")
    #expect(document.element(id: "field-Problem_Description")?.name == "textarea")
    // The customer's own details from the browser's autofill (audit34 finding 11), by the case
    // type's `customer:` mapping; no other field (the honeypot is kept out of autofill).
    let autofilled = inputs.compactMap { input in input["autocomplete"].map { "\(input["name"] ?? "")=\($0)" } }
    #expect(
      autofilled.sorted() == ["Customer_Email=email", "Customer_Name=name", "Customer_Phone=tel", "website=off"])
  }

  @Test func anInvalidFormComesBackWithTheValidatorsMessagesLinkedToTheirFieldsAndItsValues() throws {
    let harness = try PagesHarness()
    let visit = try harness.open()
    let response = harness.post(PagesHarness.form() + [("Membership_No", "bad")], visit: visit)
    #expect(response.status == 422)
    #expect(try harness.caseCount() == 0)
    let document = try PagesHarness.document(response)
    // The title says the form was refused, the first thing a screen reader reads (audit34).
    #expect(document.elements("title").first?.text.hasPrefix("Error: Technical") == true)
    let summary = try #require(document.root.all.first { $0["role"] == "alert" })
    let link = try #require(summary.all.first { $0.name == "a" })
    #expect(link["href"] == "#field-Membership_No")
    // In the customer's words: the field's name, not its id, and no regular expression.
    #expect(link.text == "Membership number is not in the form described")
    let input = try #require(document.element(id: "field-Membership_No"))
    #expect(input["value"] == "bad" && input["aria-invalid"] == "true")
    let described = (input["aria-describedby"] ?? "").split(separator: " ").map(String.init)
    let texts = described.compactMap { id in document.element(id: id)?.text }
    #expect(texts.contains(link.text))
    #expect(document.element(id: "field-Customer_Name")?["value"] == "Jane Doe")
    #expect(document.element(id: "field-Problem_Description")?.text == "no signal since Monday")
  }

  /// A customer's own value with a bidirectional control is spelt out under its input in the
  /// customer's words, not the staff's ("Shown turned round by a bidirectional control"), beside
  /// the field's error: a `string` refuses it (audit37 L5).
  @Test func aValueWithABidirectionalControlIsSpeltOutInTheCustomersWords() throws {
    let harness = try PagesHarness()
    let visit = try harness.open()
    let response = harness.post(PagesHarness.form(name: "\u{202E}Jane Doe"), visit: visit)
    #expect(response.status == 422)
    let document = try PagesHarness.document(response)
    let input = try #require(document.element(id: "field-Customer_Name"))
    #expect(input["aria-describedby"] == "field-Customer_Name-as-written field-Customer_Name-error-0")
    let note = try #require(document.element(id: "field-Customer_Name-as-written")).text
    #expect(note == "This may show back to front: it holds a character that reverses text. As you typed it: ⟨U+202E⟩Jane Doe")
    #expect(!note.contains("bidirectional"))
  }

  @Test func aFieldsProblemNamesTheFieldAsTheFormLabelsIt() throws {
    let harness = try PagesHarness()
    let visit = try harness.open()
    let response = harness.post(PagesHarness.form(email: "not an address"), visit: visit)
    #expect(response.status == 422)
    let document = try PagesHarness.document(response)
    let summary = try #require(document.root.all.first { $0["role"] == "alert" })
    let texts = summary.all.filter { $0.name == "a" }.map(\.text)
    #expect(texts.contains { $0.hasPrefix("Email ") && !$0.contains("Customer_Email") }, "\(texts)")
  }

  @Test func aValidFormCreatesTheCaseKeepsItsFileAndLinksTheStatusPage() throws {
    let harness = try PagesHarness()
    let response = harness.post(PagesHarness.form(), files: [("scan.pdf", Array("%PDF-1.4".utf8))], visit: try harness.open())
    #expect(response.status == 201)
    let document = try PagesHarness.document(response)
    let reference = try #require(document.element(id: "reference")?.text)
    let state = try harness.api.store.service.load(reference)
    #expect(state.attachments.map(\.name) == ["scan.pdf"])
    #expect(state.channel == .web)
    let customer = try #require(state.customer)
    let link = try #require(document.element(id: "status-link")?["href"])
    let status = harness.send("GET", link)
    #expect(status.status == 200)
    #expect(try PagesHarness.document(status).element(id: "case-\(reference)")?.text == "Technical \(reference)")
    let cases = try harness.api.store.service.customerCases(customer, by: "alice", from: .newest, limit: .max)
    #expect(cases.views.map(\.id) == [reference])
  }

  /// A refresh of the reply sends the very bytes again: the case it made is the answer, with
  /// a status link, and its file is kept once. The form sent again from the page (a new
  /// boundary) is a new request. Before 6 December 2026 each refresh made another case.
  @Test func aRefreshedReplyAnswersTheCaseItMadeAndKeepsItsFileOnce() throws {
    let harness = try PagesHarness()
    let visit = try harness.open()
    let file = [("scan.pdf", Array("%PDF-1.4".utf8))]
    let first = try PagesHarness.document(harness.post(PagesHarness.form(), files: file, visit: visit))
    let again = harness.post(PagesHarness.form(), files: file, visit: visit, at: 90)
    #expect(again.status == 201)
    let reply = try PagesHarness.document(again)
    let reference = try #require(first.element(id: "reference")?.text)
    #expect(reply.element(id: "reference")?.text == reference)
    let link = try #require(reply.element(id: "status-link")?["href"])
    #expect(harness.send("GET", link).status == 200)
    #expect(try harness.caseCount() == 1)
    #expect(try harness.api.store.service.load(reference).attachments.map(\.name) == ["scan.pdf"])
    let sentAgain = harness.post(PagesHarness.form(), files: file, visit: visit, at: 120, boundary: "----another")
    #expect(try PagesHarness.document(sentAgain).element(id: "reference")?.text != reference)
    #expect(try harness.caseCount() == 2)
  }

  /// Pages at `https://help.example.org/` over the reference definitions whose acknowledgement
  /// writes the status link (`Follow it at {{Status_Link}}`).
  static func acknowledgingWithTheLink() throws -> PagesHarness {
    let harness = try PagesHarness(publicURL: "https://help.example.org/")
    let variant = ReferenceBundle.variant { name, text in
      name == "templates.yaml"
        ? text.replacing("  Kind regards,\n", with: "  Follow it at {{Status_Link}}\n\n  Kind regards,\n") : text
    }
    #expect(try harness.api.store.service.deploy(variant.bundle, bytes: variant.bytes, by: nil))
    return harness
  }

  /// audit34 finding 1: a form whose phone (or email) matched a customer's record showed that
  /// record's status link, which lists all of the customer's cases: anyone who typed Jane's
  /// phone number beside their own email read her cases. A matched record gets no link, on the
  /// reply, on its refresh or in the acknowledgement; a record the form adds still does.
  @Test func aFormMatchedToAnotherCustomersRecordShowsNoStatusLink() throws {
    let harness = try Self.acknowledgingWithTheLink()
    let service = harness.api.store.service
    let jane = try service.create(
      type: "technical",
      fields: Dictionary(uniqueKeysWithValues: PagesHarness.form() + [("Customer_Phone", "+32470123456")]),
      request: nil, by: "alice")
    let links = try #require(harness.api.store.repository as? any StoreInventory)
    let before = try links.statusLinks().count
    let visit = try harness.open()
    let eve = PagesHarness.form(name: "Eve", email: "eve@example.org") + [("Customer_Phone", "0470 12 34 56")]
    let response = harness.post(eve, visit: visit)
    #expect(response.status == 201)
    let reply = try PagesHarness.document(response)
    let reference = try #require(reply.element(id: "reference")?.text)
    #expect(try service.load(reference).customer == jane.customer)
    #expect(reply.element(id: "status-link") == nil)
    #expect(reply.element(id: "status-link-withheld")?.text.contains("Ask us for its link") == true)
    let refreshed = try PagesHarness.document(harness.post(eve, visit: visit, at: 90))
    #expect(refreshed.element(id: "reference")?.text == reference)
    #expect(refreshed.element(id: "status-link") == nil)
    #expect(try links.statusLinks().count == before)
    let body = try service.outbox(by: nil).first { $0.caseID == reference }?.body
    // Without a link the acknowledgement's line naming it is left out (before 7 December 2026
    // it read "Follow it at " and nothing).
    #expect(body?.contains("Thank you for contacting ACME") == true)
    #expect(body?.contains("Follow it at") == false, "\(body ?? "")")
  }

  /// audit34 finding 4: the pages user (alice) works on none of a finance case's targets, so
  /// the form's files cannot be kept. The customer is told, and the request log says why
  /// (it said nothing, and the customer was asked to email it with no address given).
  @Test func aFileThePagesUserMayNotKeepIsNamedOnTheReplyAndItsReasonLogged() throws {
    let harness = try PagesHarness()
    let form = [
      ("Customer_Name", "Els Janssens"), ("Customer_Email", "els@example.com"), ("Customer_Phone", "+32470998877"),
      ("Request_Type", "refund"),
      ("Invoice_Number", "INV-204311"), ("Amount", "180.5"), ("Invoice_Date", "2026-02-14"),
      ("Explanation", "charged twice"),
    ]
    let response = harness.post(
      form, files: [("invoice.pdf", Array("%PDF-1.4".utf8))], to: "finance", visit: try harness.open("finance"))
    #expect(response.status == 201)
    let reply = try PagesHarness.document(response)
    let reference = try #require(reply.element(id: "reference")?.text)
    #expect(try harness.api.store.service.load(reference).attachments.isEmpty)
    #expect(reply.root.text.contains("The file 'invoice.pdf' could not be kept: please send it to us another way, with your reference."))
    #expect(
      response.logNote == "1 of 1 files not kept: 'alice' works on none of the case's targets and may not attach files to the case",
      "\(response.logNote ?? "none")")
    #expect(response.logNote?.contains("invoice") == false)
  }

  @Test func theAcknowledgementCarriesTheStatusLinkOfTheReply() throws {
    let harness = try Self.acknowledgingWithTheLink()
    let reply = try PagesHarness.document(harness.post(PagesHarness.form(), visit: try harness.open()))
    let link = try #require(reply.element(id: "status-link")?["href"])
    let bodies = try harness.api.store.service.outbox(by: nil).map(\.body)
    #expect(bodies.count == 1)
    #expect(bodies.first?.contains("Follow it at https://help.example.org\(link)\n") == true)
    // A case made otherwise has no link to give.
    let other = try harness.api.store.service.create(
      type: "technical", fields: Dictionary(uniqueKeysWithValues: PagesHarness.form()), request: nil, by: "alice")
    let body = try harness.api.store.service.outbox(by: nil).first { $0.caseID == other.id }?.body
    // Without a link the acknowledgement's line naming it is left out (before 7 December 2026
    // it read "Follow it at " and nothing).
    #expect(body?.contains("Thank you for contacting ACME") == true)
    #expect(body?.contains("Follow it at") == false, "\(body ?? "")")
  }

  @Test func hostileValuesAndFileNamesShowAsText() throws {
    let harness = try PagesHarness()
    let script = "<script>alert(1)</script>"
    let file = "\"><img src=x onerror=alert(1)>.pdf"
    let visit = try harness.open()
    let invalid = harness.post(PagesHarness.form(name: script) + [("Membership_No", script)], visit: visit)
    let document = try PagesHarness.document(invalid)
    #expect(document.element(id: "field-Customer_Name")?["value"] == script)
    #expect(document.elements("img").isEmpty)
    // A file over the limit is named in the error, as text.
    let large = harness.post(
      PagesHarness.form(name: script), files: [(file, [UInt8](repeating: 0x25, count: CaseService.maximumAttachmentBytes + 1))],
      visit: visit)
    #expect(large.status == 422)
    let refused = try PagesHarness.document(large)
    #expect(refused.elements("img").isEmpty)
    #expect(refused.element(id: "field-attachments-error-0")?.text.contains(file) == true)
    let created = harness.post(PagesHarness.form(name: script), files: [(file, [1, 2, 3])], visit: visit)
    #expect(created.status == 201)
    let reference = try #require(try PagesHarness.document(created).element(id: "reference")?.text)
    #expect(try harness.api.store.service.load(reference).attachments.map(\.name) == [file])
  }

  /// A file name with a right-to-left override showed reordered on the staff's pages
  /// (`invoice\u{202E}fdp.exe` as `invoiceexe.pdf`): a program that reads as a PDF. The form
  /// refuses it with its reason, and nothing is created.
  @Test func aFileNameWithABidirectionalOverrideIsRefused() throws {
    let harness = try PagesHarness()
    let spoofed = "invoice\u{202E}fdp.exe"
    let refused = harness.post(PagesHarness.form(), files: [(spoofed, [1, 2, 3])], visit: try harness.open())
    #expect(refused.status == 422)
    let message = try PagesHarness.document(refused).element(id: "field-attachments-error-0")?.text
    #expect(
      message?.hasSuffix("holds U+202E (a bidirectional embedding or override); an attachment's name is one line of plain text")
        == true)
    #expect(try harness.api.store.service.cases(CaseFilter()).isEmpty)
  }

  @Test func aPostWithoutTheCSRFTokenOrWithAnotherVisitorsIsRefusedWithNothingWritten() throws {
    let harness = try PagesHarness()
    let mine = try harness.open()
    let theirs = try harness.open(from: "10.0.0.7")
    #expect(mine.cookie != theirs.cookie)
    let forged = [
      harness.post(PagesHarness.form(), visit: nil),
      harness.post(PagesHarness.form(), visit: PagesHarness.Visit(cookie: mine.cookie, token: theirs.token)),
      harness.post(PagesHarness.form(), visit: PagesHarness.Visit(cookie: "", token: mine.token)),
      harness.post(PagesHarness.form(), visit: PagesHarness.Visit(cookie: mine.cookie, token: String(mine.token.reversed()))),
      harness.send("POST", "/forms/technical", body: Array("Customer_Name=x".utf8), headers: ["Content-Type": "text/plain"]),
    ]
    #expect(forged.map(\.status) == [403, 403, 403, 403, 400])
    let large = harness.post(
      PagesHarness.form(), files: [("big.pdf", [UInt8](repeating: 0x41, count: Pages.maximumBodyBytes))], visit: mine)
    #expect(large.status == 413)
    #expect(try harness.caseCount() == 0)
    #expect(harness.post(PagesHarness.form(), visit: mine).status == 201)
  }

  @Test func theHoneypotAndTheRateStopAFloodWhileAPersonGetsThrough() throws {
    let harness = try PagesHarness()
    let visit = try harness.open(from: "10.0.0.66")
    var statuses: [Int: Int] = [:]
    for attempt in 0..<200 {
      let response = harness.post(
        PagesHarness.form(email: "bot\(attempt)@example.com") + [("website", "http://spam.example")], visit: visit,
        at: 60 + attempt / 10, from: "10.0.0.66")
      statuses[response.status, default: 0] += 1
    }
    #expect(try harness.caseCount() == 0)
    // 29 tries within the bucket (the form's GET took one) and its refills; the rest 429.
    #expect(statuses[422, default: 0] < 60 && statuses[429, default: 0] > 140)
    #expect(statuses.keys.sorted() == [422, 429])
    let person = try harness.open(from: "192.0.2.10")
    #expect(harness.post(PagesHarness.form(), visit: person, at: 70, from: "192.0.2.10").status == 201)
  }

  @Test func unknownTypesAndMethodsAndPagesTurnedOffAnswerPlainPages() throws {
    let harness = try PagesHarness()
    #expect(harness.send("GET", "/forms/no_such_type").status == 404)
    #expect(harness.send("DELETE", "/forms/technical").status == 405)
    #expect(harness.send("GET", "/forms/technical/extra").status == 404)
    #expect(try PagesHarness(user: nil).send("GET", "/forms/technical").status == 404)
    let css = harness.send("GET", "/pages.css")
    #expect(css.status == 200 && css.header("Content-Type") == "text/css; charset=utf-8")
  }
  /// The pages without a session are routed by one table, as the desk's are: another method
  /// is 405 with the methods the table has for the path, and a flood of them from one address
  /// is still refused (429) before any routing, on the customers' pages only.
  @Test func thePagesWithoutASessionAnswer405WithTheMethodsOfTheirRouteTable() throws {
    let harness = try PagesHarness(limits: RateLimits(perAddress: 3))
    let expected = [
      ("/forms/technical", "GET, HEAD, POST, OPTIONS"), ("/status/nothing", "GET, HEAD, OPTIONS"),
      ("/signin", "GET, HEAD, POST, OPTIONS"), ("/signout", "POST, OPTIONS"), ("/pages.css", "GET, HEAD, OPTIONS"),
      ("/assets/desk.js", "GET, HEAD, OPTIONS"),
    ]
    for (index, (path, allowed)) in expected.enumerated() {
      for method in ["PUT", "DELETE", "PATCH"] where !allowed.contains(method) {
        let answer = harness.send(method, path, from: "10.2.0.\(index)")
        #expect(answer.status == 405 && answer.header("Allow") == allowed, "\(method) \(path)")
      }
    }
    #expect(harness.send("GET", "/signout").header("Allow") == "POST, OPTIONS")
    #expect(harness.send("POST", "/status/nothing", from: "10.2.1.1").header("Allow") == "GET, HEAD, OPTIONS")
    #expect(harness.send("POST", "/pages.css").header("Allow") == "GET, HEAD, OPTIONS")
    // Three requests a minute per address: the customers' fourth is 429 whatever its method.
    let flood = (0..<4).map { _ in harness.send("PUT", "/forms/technical", from: "10.2.2.1").status }
    #expect(flood == [405, 405, 405, 429])
    let signIn = (0..<4).map { _ in harness.send("PUT", "/signin", from: "10.2.2.2").status }
    #expect(signIn == [405, 405, 405, 405])
    #expect(harness.send("GET", "/forms/technical/extra").status == 404 && harness.send("GET", "/forms/").status == 404)
  }
}

/// `serve --as web` with `web` in no workgroup: the form's 503 tells the visitor nothing more,
/// and the request log says why (`HTTPResponse.logNote`); it said nothing.
@Suite struct FormUnavailableLogTests {
  @Test func theRefusalOfThePagesUserIsNotedForTheLog() throws {
    let harness = try PagesHarness(user: "nobody")
    let response = harness.post(PagesHarness.form(), visit: try harness.open())
    #expect(response.status == 503)
    #expect(response.logNote == "user 'nobody' is in no workgroup and can do nothing")
    #expect(!String(decoding: response.body, as: UTF8.self).contains("nobody"))
  }
}

/// A repeated form name (`Product=internet&Product=bogus`) and a name the form does not have
/// (`Evil=1`) are refused as the API refuses them: 422 with the form re-shown. The first value
/// counted, and an unknown name was ignored.
@Suite struct FormNameTests {
  @Test func aRepeatedOrUnknownNameIs422WithTheFormReShown() throws {
    let harness = try PagesHarness()
    for (extra, words) in [(("Evil", "1"), "'Evil', which is not one of its fields"), (("Product", "bogus"), "'Product' twice")] {
      let response = harness.post(PagesHarness.form() + [extra], visit: try harness.open())
      #expect(response.status == 422, "\(extra)")
      let document = try PagesHarness.document(response)
      #expect(document.elements("li").contains { $0.text.contains(words) }, "\(extra)")
      #expect(!document.elements("form").isEmpty)
    }
    #expect(harness.post(PagesHarness.form(), visit: try harness.open()).status == 201)
  }
}

/// A field with `public: false` (technical's `Customer_Segment`, whose `gold` raises the
/// priority) is neither shown on the public form nor accepted from it: a form that sends it is
/// refused as one with an unknown name, and no case is made. The API still sets it. Before
/// 7 December 2026 the form offered every field, and a customer could raise their own
/// priority (audit34 finding 2).
@Suite struct FormPublicFieldTests {
  @Test func aFieldThatIsNotPublicIsOffTheFormAndRefusedFromItButTheAPISetsIt() throws {
    let harness = try PagesHarness()
    let document = try PagesHarness.document(harness.send("GET", "/forms/technical"))
    #expect(document.element(id: "field-Product") != nil)
    #expect(document.element(id: "field-Customer_Segment") == nil)
    #expect(!document.root.all.contains { $0["name"] == "Customer_Segment" })
    let response = harness.post(PagesHarness.form() + [("Customer_Segment", "gold")], visit: try harness.open())
    #expect(response.status == 422)
    let refused = try PagesHarness.document(response)
    #expect(refused.elements("li").contains { $0.text.contains("'Customer_Segment', which is not one of its fields") })
    #expect(refused.element(id: "field-Customer_Segment") == nil)
    #expect(try harness.caseCount() == 0)
    let body = APIHarness.form.replacing(#""Product""#, with: #""Customer_Segment": "gold", "Product""#)
    let created = harness.api.send("POST", "/api/v1/cases", body, as: "alice")
    #expect(created.status == 201)
    let state = try harness.api.store.service.load(try #require(created.json?.text("id")))
    #expect(state.fields["Customer_Segment"] == "gold")
    #expect(state.priority == 75)
  }
}
