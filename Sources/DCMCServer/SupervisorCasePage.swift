import DCMCApplication
import DCMCBundle
import DCMCRuntime

/// `/supervisor/cases/ID`: a case's data as a form of its case type's fields (the public
/// form's inputs, `FormFields`), and its tasks. POST changes the fields whose values differ
/// as `case update` does (an emptied optional field is cleared), through the use cases and
/// their permission check; invalid values come back with the validator's own messages next
/// to their fields and the values as sent, and nothing changes.
struct SupervisorCasePage {
  let context: SupervisorPages
  let id: String

  func show(saved: Bool) -> HTTPResponse {
    page(notices: saved ? [SupervisorPages.notice("The case data is saved.", refused: false)] : [])
  }

  func update() -> HTTPResponse {
    guard context.isSupervisor else { return context.notSupervisor }
    guard let form = context.postedForm() else { return SupervisorPages.expired }
    let state: CaseState
    let caseType: BundleCaseType
    switch load() {
    case .found(let found, let type): (state, caseType) = (found, type)
    case .answered(let response): return response
    }
    var sent: [String: String] = [:]
    var changed: [String: String] = [:]
    for field in caseType.fields {
      let value = form.fields[field.id] ?? (field.type == .boolean && state.fields[field.id] != nil ? "false" : "")
      sent[field.id] = value
      if value != (state.fields[field.id] ?? "") { changed[field.id] = value }
    }
    guard !changed.isEmpty else {
      return page(notices: [
        SupervisorPages.notice("Nothing was changed: the values are those the case has.", refused: false)
      ])
    }
    do {
      _ = try context.cases.update(id, fields: changed, by: context.user)
    } catch .refused(.rule(let refusal)) where refusal.kind == .invalidInput {
      let errors = refusal.problems.map(Problem.fieldError).map { ($0.field ?? "", $0.detail) }
      return page(status: 422, values: sent, errors: errors, notices: [])
    } catch {
      let problem = Problem(error)
      return page(
        status: problem.status, values: sent, notices: [SupervisorPages.notice(problem.detail, refused: true)])
    }
    return SignInPage.redirect(to: context.link("\(SupervisorPages.root)/cases/\(id)", [("saved", "1")]))
  }

  /// The case and its case type (of the bundle it runs on), or the page that says why not.
  private func load() -> Loaded {
    do {
      guard context.isSupervisor else { return .answered(context.notSupervisor) }
      let state = try context.cases.load(id)
      guard let caseType = try context.cases.definitions.definitions(state.bundle).caseType(state.type) else {
        return .answered(Pages.notFound)
      }
      return .found(state, caseType)
    } catch .refused(let refusal) where refusal.kind == .notFound {
      return .answered(Pages.notFound)
    } catch {
      return .answered(Pages.unavailable(error))
    }
  }

  /// A case and its case type, or the page that answers instead.
  private enum Loaded {
    case found(CaseState, BundleCaseType)
    case answered(HTTPResponse)
  }

  /// The page with `values` in the form (else the case's) and `errors` (field id, message).
  private func page(
    status: Int = 200, values: [String: String]? = nil, errors: [(String, String)] = [], notices: [HTML]
  ) -> HTTPResponse {
    let state: CaseState
    let caseType: BundleCaseType
    switch load() {
    case .found(let found, let type): (state, caseType) = (found, type)
    case .answered(let response): return response
    }
    let csrf = context.csrf
    let shown = values ?? state.fields
    var content: [HTML] =
      notices + [
        .tag("h1", text: "\(caseType.name) \(state.id)"),
        .tag(
          "p", [("class", "lead")],
          [
            .text("Status \(state.status.rawValue), opened "), context.time(state.createdAt), .text(", SLA due "),
            context.time(state.slaDue),
          ]),
      ]
    if !errors.isEmpty { content.append(FormFields.summary(errors)) }
    let fields = FormFields.fields(of: caseType, values: shown, errors: errors, for: .staff)
    content.append(
      .tag(
        "form",
        [
          ("method", "post"), ("action", context.link("\(SupervisorPages.root)/cases/\(state.id)")),
          ("id", "case-data"),
        ],
        [csrf] + fields + [.tag("button", [("type", "submit")], text: "Save the case data")]))
    content.append(.tag("h2", text: "Tasks"))
    content.append(
      .tag(
        "ul", [],
        state.tasks.map { task in
          .tag(
            "li", [],
            [
              .tag("a", [("href", context.link("\(SupervisorPages.root)/tasks/\(task.id)"))], text: task.id),
              .text(" \(task.name): \(task.status.rawValue)" + (task.assignee.map { ", \($0)" } ?? "")),
            ])
        }))
    return context.page(status, title: "Case \(state.id)", content)
  }
}
