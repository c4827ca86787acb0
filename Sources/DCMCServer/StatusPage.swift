import DCMCApplication

/// `/status/LINK`: the cases of the customer a status link shows, in the customer-facing words
/// of SPEC section 14 (`CustomerCaseView`): reference, case type, status, opened, last update,
/// expected by in the calendar's zone (late or on hold in words), resolution in words and what
/// to do (how to send what a pending case waits for, when the case type says), as
/// `customer cases` writes them; nothing internal. An unknown, malformed or revoked link gets
/// the same 404 page (`linkNotValid`), which says the link is not valid and how to get a new
/// one, and never which of the three it is, so a guess learns nothing. Newest first, a page of `CaseFilter.defaultLimit` cases (the API's lists' size) at a time:
/// `?after=CURSOR` the older ones after a page, `?before=CURSOR` the newer ones before it, the
/// cursors `CasePosition`'s, as the API's lists' `after` is. A cursor past the oldest case
/// says "No older requests." and links to the newer ones; past the newest, the reverse.
struct StatusPage {
  let pages: Pages
  let cases: CaseService

  func show(link: String, query: [String: String]) -> HTTPResponse {
    guard let user = pages.user, let start = Self.start(query) else { return Pages.notFound }
    let page: CustomerCasePage
    do {
      guard let customer = try StatusLinkService(links: pages.links, cases: cases).customer(ofLink: link) else {
        return Self.linkNotValid
      }
      page = try cases.customerCases(customer, by: user, from: start, limit: CaseFilter.defaultLimit)
    } catch {
      return Pages.unavailable(error)
    }
    var content: [HTML] = [
      .tag("h1", text: "Your requests"),
      .tag("p", [("class", "lead")], text: "The requests you have made to us, newest first."),
    ]
    if page.total == 0 {
      content.append(.tag("p", text: "You have no requests with us."))
    } else if page.views.isEmpty {
      // A cursor past the oldest or the newest case (a stale or hand-made link): its link leads back.
      content.append(.tag("p", [("id", "shown")], text: page.older == nil ? "No older requests." : "No newer requests."))
    } else if page.views.count < page.total {
      let last = page.first + page.views.count
      content.append(.tag("p", [("id", "shown")], text: "Requests \(page.first + 1) to \(last) of \(page.total)."))
    }
    content += page.views.map(card)
    var links: [HTML] = []
    if let newer = page.newer {
      links.append(.tag("a", [("href", "?before=" + newer.cursor), ("rel", "prev")], text: "Newer requests"))
    }
    if let older = page.older {
      links.append(.tag("a", [("href", "?after=" + older.cursor), ("rel", "next")], text: "Older requests"))
    }
    if !links.isEmpty { content.append(.tag("nav", [("class", "pages"), ("aria-label", "Pages")], links)) }
    return Page(title: "Your requests", content: content).response
  }

  /// What an unknown, malformed or revoked link answers: one page for all three (a revoked
  /// link must not read differently from one never made), still 404, saying how a customer
  /// gets a new link (staff make one with `dcmc customer status-link`, docs/server.md).
  static let linkNotValid = Page(
    status: 404, title: "This link is not valid",
    content: [
      .tag("h1", text: "This link is not valid"),
      .tag(
        "p",
        text: "This link to your requests is not valid, or no longer valid. It may have been copied only in part, "
          + "or it was withdrawn."),
      .tag(
        "p",
        text: "To get a new link, contact us and quote the reference of one of your requests (it is in the "
          + "messages we sent you). We send the new link to the email address or phone number we have for you."),
    ]
  ).response

  /// Where the page asked for starts; `nil` for a cursor that is none, or both given.
  private static func start(_ query: [String: String]) -> CustomerCasePage.Start? {
    switch (query["after"], query["before"]) {
    case (nil, nil): .newest
    case (let after?, nil): CasePosition(cursor: after).map { .olderThan($0) }
    case (nil, let before?): CasePosition(cursor: before).map { .newerThan($0) }
    case (_?, _?): nil
    }
  }

  private func card(_ view: CustomerCaseView) -> HTML {
    var rows: [(String, String)] = [("Opened", view.opened.description), ("Last update", view.updated.description)]
    if let expected = view.expectedByText { rows.append(("Expected by", expected)) }
    if let resolution = view.resolutionText { rows.append(("Resolution", resolution)) }
    if let nextStep = view.nextStep { rows.append(("What to do", nextStep)) }
    return .tag(
      "section", [("class", "card"), ("aria-labelledby", "case-\(view.id)")],
      [
        .tag("h2", [("id", "case-\(view.id)")], text: "\(view.caseType) \(view.id)"),
        .tag("span", [("class", "status")], text: view.status),
        .tag("dl", [], rows.flatMap { name, value in [HTML.tag("dt", text: name), .tag("dd", text: value)] }),
      ])
  }
}
