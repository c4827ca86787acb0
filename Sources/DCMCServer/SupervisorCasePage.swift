import DCMCApplication
import DCMCBundle
import DCMCReports
import DCMCRuntime

/// `/supervisor/cases/ID`: a case's data as a form of its case type's fields (the public
/// form's inputs, `FormFields`), and its tasks. POST changes the fields whose values differ
/// as `case update` does (an emptied optional field is cleared), through the use cases and
/// their permission check; invalid values come back with the validator's own messages next
/// to their fields and the values as sent, and nothing changes. To a supervisor who may set
/// it, the case's SLA form too (`POST /supervisor/cases/ID/sla`), the task page's
/// (`SupervisorForms.Deadline`), answered as the task page answers its changes (a repeat
/// that recorded nothing says so, `SupervisorForms.Outcome`).
///
/// What the supervisor changed is told from what the form showed, not from what the case
/// holds when the form comes back: the form carries each value as shown (`shown`, digests),
/// so a field another change set meanwhile keeps that change unless the supervisor edited the
/// same field, which is refused (409) with the value it has now, until saved again.
struct SupervisorCasePage {
  let context: SupervisorPages
  let id: String

  /// The page, saying that its data was saved (`saved`) or what the change of `outcome` did
  /// (the SLA's: set, or already the case's, which recorded nothing).
  func show(saved: Bool, _ outcome: SupervisorForms.Outcome?) -> HTTPResponse {
    let notices = saved ? [SupervisorPages.notice("The case data is saved.", refused: false)] : []
    return page(notices: notices, told: outcome?.action == Self.sla.action ? outcome : nil)
  }

  /// The case's SLA, the one change besides its data made here (`POST .../sla`), as the task
  /// page makes it, through the same use case.
  static let sla = SupervisorForms.Deadline.sla

  func change(_ action: String) -> HTTPResponse {
    guard action == Self.sla.action else { return Pages.notFound }
    return context.change(action, on: path, ofCase: id, Self.sla.command) { page(status: $0, notices: $1) }
  }

  /// The page's path, which its forms POST to.
  private var path: String { "\(SupervisorPages.root)/cases/\(id)" }

  /// Saves the form's edits, the values it was read against the write's condition
  /// (`FormEdits.expecting`): a change that lands between this read and the write has the
  /// form read again (`attempt`, up to `FormEdits.attempts`).
  func update(attempt: Int = 1) -> HTTPResponse {
    guard context.isSupervisor else { return context.notSupervisor }
    // The CSRF field and `shown` besides the case type's fields: 64 fields fit.
    guard let form = context.postedForm(hidden: 2) else { return SupervisorPages.expired }
    let state: CaseState
    let caseType: BundleCaseType
    switch load() {
    case .found(let found, let type): (state, caseType) = (found, type)
    case .answered(let response): return response
    }
    guard let shown = FormFields.shown(form.fields[FormFields.shownField], count: caseType.fields.count) else {
      return SupervisorPages.expired
    }
    // The supervisor's edits over the case's values now (`FormEdits`, the desk's rule too).
    let edits = FormEdits(of: caseType.fields, in: form, shown: shown, current: state.fields)
    if let refusal = edits.refusal("Not saved", again: "save again") {
      return page(status: 409, values: edits.values, notices: [SupervisorPages.notice(refusal, refused: true)])
    }
    guard !edits.changed.isEmpty else {
      return page(notices: [
        SupervisorPages.notice("Nothing was changed: the values are those the case has.", refused: false)
      ])
    }
    do {
      _ = try context.cases.update(
        id, fields: edits.changed, by: context.user, expecting: edits.expecting(edits.changed))
    } catch .refused(.changedMeanwhile) where attempt < FormEdits.attempts {
      return update(attempt: attempt + 1)
    } catch .refused(.rule(let refusal)) where refusal.kind == .invalidInput {
      let errors = refusal.problems.map(Problem.fieldError).map { ($0.field ?? "", $0.detail) }
      return page(status: 422, values: edits.sent, shown: shown, errors: errors, notices: [])
    } catch {
      let (status, notice) = context.refusal(error)
      return page(status: status, values: edits.sent, shown: shown, notices: [notice])
    }
    return SignInPage.redirect(to: context.link(path, [("saved", "1")]))
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


  /// The page with `values` in the form (else the case's) and `errors` (field id, message);
  /// `shown`, the digests the form carries: those the edit started from (else the case's
  /// values now).
  private func page(
    status: Int = 200, values: [String: String]? = nil, shown digests: [String]? = nil, errors: [(String, String)] = [],
    notices: [HTML], told: SupervisorForms.Outcome? = nil
  ) -> HTTPResponse {
    let state: CaseState
    let caseType: BundleCaseType
    switch load() {
    case .found(let found, let type): (state, caseType) = (found, type)
    case .answered(let response): return response
    }
    let notices =
      notices + (told.map { [$0.notice(saved: Self.sla.saved) { Self.sla.unchanged(in: state, context) }] } ?? [])
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
    let asShown = digests ?? caseType.fields.map { FormFields.digest(state.fields[$0.id] ?? "") }
    let shownInput = HTML.void(
      "input", [("type", "hidden"), ("name", FormFields.shownField), ("value", asShown.joined(separator: "."))])
    content.append(
      .tag(
        "form",
        [
          ("method", "post"), ("action", context.link(path)),
          ("id", "case-data"),
        ],
        [csrf, shownInput] + fields + [.tag("button", [("type", "submit")], text: "Save the case data")]))
    // Offered to who may set it (a supervisor of one of the case's targets) while the case is
    // open and its type has an SLA: to anyone else the change would be refused.
    let maySetSLA =
      !state.isFinished && caseType.sla != nil
      && (try? context.cases.permits(.setSLA(days: 1, seconds: 0), on: state, by: context.user)) == true
    if maySetSLA {
      content += [
        .tag("h2", text: "Case SLA"), .tag("div", [("class", "actions")], [Self.sla.form(on: path, in: context)]),
      ]
    }
    content.append(.tag("h2", text: "Tasks"))
    content.append(
      .tag(
        "ul", [],
        state.tasks.map { task in
          .tag(
            "li", [],
            [
              context.taskLink(task),
              .text(": \(task.status.rawValue)" + (task.assignee.map { ", \($0)" } ?? "")),
            ])
        }))
    return context.page(status, title: "Case \(state.id)", content)
  }
}
