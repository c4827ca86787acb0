import DCMCApplication

/// `/status/LINK`: the cases of the customer a status link shows, in the customer-facing words
/// of SPEC section 14 (`CustomerCaseView`): reference, case type, status, opened, last update,
/// expected by in the calendar's zone (or paused) and resolution; nothing internal. An unknown,
/// malformed or revoked link gets the same plain 404 page, so a guess learns nothing.
struct StatusPage {
  let pages: Pages
  let cases: CaseService

  func show(link: String) -> HTTPResponse {
    guard let user = pages.user else { return Pages.notFound }
    let views: [CustomerCaseView]
    do {
      guard let customer = try StatusLinkService(links: pages.links, cases: cases).customer(ofLink: link) else {
        return Pages.notFound
      }
      views = try cases.customerCases(customer, by: user)
    } catch {
      return Pages.unavailable(error)
    }
    var content: [HTML] = [
      .tag("h1", text: "Your requests"),
      .tag("p", [("class", "lead")], text: "The requests you have made to us, newest first."),
    ]
    if views.isEmpty { content.append(.tag("p", text: "You have no requests with us.")) }
    content += views.map(card)
    return Page(title: "Your requests", content: content).response
  }

  private func card(_ view: CustomerCaseView) -> HTML {
    var rows: [(String, String)] = [("Opened", view.opened.description), ("Last update", view.updated.description)]
    if let expected = view.expectedByText { rows.append(("Expected by", expected)) }
    if let resolution = view.resolution { rows.append(("Resolution", resolution)) }
    return .tag(
      "section", [("class", "card"), ("aria-labelledby", "case-\(view.id)")],
      [
        .tag("h2", [("id", "case-\(view.id)")], text: "\(view.caseType) \(view.id)"),
        .tag("span", [("class", "status")], text: view.status),
        .tag("dl", [], rows.flatMap { name, value in [HTML.tag("dt", text: name), .tag("dd", text: value)] }),
      ])
  }
}
