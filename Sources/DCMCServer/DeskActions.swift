import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// The desk's routes (docs/server.md, "Desk"): its pages, and its actions as CSRF-checked form
/// POSTs, each one use case run as the session's user with the CLI's permission checks. An
/// action done answers `303 See Other` to the page to look at next; a refusal shows the page
/// again with the refusal in words, and nothing changed.
struct DeskActions {
  let pages: Pages
  let session: StaffSession
  let cases: CaseService
  let now: Instant

  /// The largest form an action reads (an outcome's form fields included).
  static let maximumBodyBytes = 256 << 10

  /// Answers `request` for `/desk` or a path under it (`routes`).
  func respond(_ request: HTTPRequest) -> HTTPResponse { PageRoute.respond(Self.routes, request, in: self) }

  /// The desk's pages and actions: the table a request is routed by and a 405's `Allow` is
  /// computed from.
  static let routes: [PageRoute<DeskActions>] = [
    .get("/desk") { actions, _, _ in actions.desk.show() },
    .get("/desk/events") { actions, request, _ in
      DeskEvents.stream(actions.session, pages: actions.pages, cases: actions.cases, request: request)
    },
    .get("/desk/cases/{id}") { actions, _, parameters in actions.casePage(parameters["id", default: ""]).show() },
    .get("/desk/cases/{id}/attachments/{file}") { actions, _, parameters in
      actions.casePage(parameters["id", default: ""]).download(parameters["file", default: ""])
    },
    action("/desk/next") { actions, _, _ in actions.next() },
    action("/desk/presence") { actions, form, _ in actions.presence(form.fields["state"] ?? "") },
    action("/desk/zone") { actions, form, _ in actions.zone(form.fields["zone"] ?? "") },
    action("/desk/tasks/{id}/accept") { actions, _, parameters in
      let id = parameters["id", default: ""]
      return actions.change(.acceptOffer(task: id), task: id, then: { "/desk/cases/\($0)" })
    },
    action("/desk/tasks/{id}/decline") { actions, form, parameters in
      let id = parameters["id", default: ""]
      return actions.change(.declineOffer(task: id, reason: form.fields["reason"] ?? ""), task: id, then: { _ in "/desk" })
    },
    action("/desk/tasks/{id}/escalate") { actions, _, parameters in
      let id = parameters["id", default: ""]
      return actions.change(.escalate(task: id), task: id, then: { _ in "/desk" })
    },
    action("/desk/tasks/{id}/complete") { actions, form, parameters in actions.complete(parameters["id", default: ""], form) },
    action("/desk/cases/{id}/pend") { actions, _, parameters in actions.change(.pend, onCase: parameters["id", default: ""]) },
    action("/desk/cases/{id}/resume") { actions, _, parameters in
      actions.change(.resume, onCase: parameters["id", default: ""])
    },
  ]

  /// An action's route: a POST whose form is read and whose CSRF field is the session's
  /// before `act` runs with it.
  private static func action(
    _ template: String, _ act: @escaping @Sendable (DeskActions, FormBody, [String: String]) -> HTTPResponse
  ) -> PageRoute<DeskActions> {
    .post(template) { actions, request, parameters in
      // A value longer than a value may be is read, for the validator to refuse as its field's.
      guard let form = try? FormBody(page: request, bodyBytes: Self.maximumBodyBytes) else {
        return Page.message(400, "The form could not be read", "Please go back and send it again.")
      }
      guard actions.session.accepts(form, pages: actions.pages) else {
        return Page.message(403, "The form has expired", "Please open the page again and send it.")
      }
      return act(actions, form, parameters)
    }
  }

  private var desk: DeskPage { DeskPage(pages: pages, session: session, cases: cases, now: now) }

  private func casePage(_ id: String) -> DeskCasePage {
    DeskCasePage(pages: pages, session: session, cases: cases, now: now, id: id)
  }

  private func next() -> HTTPResponse {
    do {
      let (_, state) = try cases.claimNext(by: session.user)
      return SignInPage.redirect(to: "/desk/cases/\(state.id)")
    } catch {
      return refused(error) { desk.show(notice: $0, status: $1) }
    }
  }

  private func presence(_ value: String) -> HTTPResponse {
    let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
    guard let choice = parts.first.flatMap(PresenceStatus.Choice.init(rawValue:)) else {
      return desk.show(notice: "Choose a presence from the list.", status: 422)
    }
    do {
      _ = try cases.setPresence(choice, reason: parts.count > 1 ? parts[1] : nil, by: session.user)
      return SignInPage.redirect(to: "/desk")
    } catch {
      return refused(error) { desk.show(notice: $0, status: $1) }
    }
  }

  /// Shows times in zone `name` from now on (empty: in each case's calendar zone); a zone the
  /// desk does not offer (`DeskZone.choices`) is refused with the page again, the zone kept.
  private func zone(_ name: String) -> HTTPResponse {
    let offered = DeskZone.choices(try? cases.definitions.deployed())
    guard name.isEmpty || offered.contains(where: { $0.name == name }) else {
      return desk.show(
        notice: "Not done: '\(name.prefix(40))' is not a time zone the desk offers; choose one from the list.", status: 422)
    }
    pages.sessions.setZone(name.isEmpty ? nil : name, of: session.id)
    return SignInPage.redirect(to: "/desk")
  }

  /// Runs `command` on the case of task `id`, then goes to `then(case id)`; a refusal shows
  /// the desk again.
  private func change(_ command: Command, task id: String, then: (String) -> String) -> HTTPResponse {
    guard let dot = id.lastIndex(of: "."), dot != id.startIndex else { return Pages.notFound }
    let caseID = String(id[..<dot])
    do {
      _ = try cases.execute(command, onCase: caseID, by: session.user)
      return SignInPage.redirect(to: then(caseID))
    } catch {
      return refused(error, case: caseID) { desk.show(notice: $0, status: $1) }
    }
  }

  /// Runs `command` on case `id`, then shows it again; a refusal shows it with the refusal.
  private func change(_ command: Command, onCase id: String) -> HTTPResponse {
    do {
      _ = try cases.execute(command, onCase: id, by: session.user)
      return SignInPage.redirect(to: "/desk/cases/\(id)")
    } catch {
      return refused(error, case: id) { casePage(id).show(notice: $0, status: $1) }
    }
  }

  /// Completes task `id` with the form's outcome and the task's form fields, each sent (one
  /// emptied clears the case's value; one left as shown is the case's now: `FormEdits`); a
  /// field edited over a change made meanwhile is refused (409), invalid values show the case
  /// again with the validator's messages next to their fields, the values kept. The values
  /// the form was read against are the write's condition (`FormEdits.expecting`): a change
  /// that lands between this read and the write has the form read again (`attempt`, up to
  /// `FormEdits.attempts`), so the rule is decided on the case the write is made on.
  private func complete(_ id: String, _ form: FormBody, attempt: Int = 1) -> HTTPResponse {
    guard let dot = id.lastIndex(of: "."), dot != id.startIndex else { return Pages.notFound }
    let caseID = String(id[..<dot])
    let page = casePage(caseID)
    let outcome = form.fields["outcome"] ?? ""
    if let problem = Pages.formIDProblem(outcome, "the outcome") {
      return page.show(notice: "Not done: \(problem).", status: 422)
    }
    let (fields, current) = page.formFields(ofTask: id)
    let edits = FormEdits(
      of: fields, in: form, shown: FormFields.shown(form.fields[FormFields.shownField], count: fields.count),
      current: current)
    // A field the advisor edited that was changed meanwhile: refused as the supervisor's case
    // form refuses it, the form shown again with the advisor's values over the case's now.
    if let refusal = edits.refusal("Not done", again: "complete again") {
      return page.show(refusal, completing: (task: id, outcome: outcome, values: edits.values, errors: []), status: 409)
    }
    let data = edits.values
    do {
      _ = try cases.execute(
        .complete(task: id, outcome: outcome, data: data), onCase: caseID, by: session.user,
        expecting: edits.expecting(data))
      return SignInPage.redirect(to: "/desk")
    } catch .refused(.changedMeanwhile) where attempt < FormEdits.attempts {
      return complete(id, form, attempt: attempt + 1)
    } catch .refused(.rule(let refusal)) where refusal.kind == .invalidInput && !refusal.problems.isEmpty {
      let errors = refusal.problems.map(Problem.fieldError).map { ($0.field ?? "", $0.detail) }
      return page.show(completing: (task: id, outcome: outcome, values: data, errors: errors), status: 422)
    } catch {
      return refused(error, case: caseID) { page.show(notice: $0, status: $1) }
    }
  }

  /// A refusal as the page `show` makes, with its words and status, the instants it quotes
  /// written as the desk writes times for case `caseID` (`RefusalWords`, `DeskZone`); a store
  /// failure as the pages' plain 500.
  private func refused(_ error: ServiceError, case caseID: String? = nil, _ show: (String, Int) -> HTTPResponse)
    -> HTTPResponse
  {
    guard case .refused = error else { return Pages.unavailable(error) }
    let words = RefusalWords(error)
    let zone = DeskZone(definitions: try? cases.definitions.deployed(), picked: session.zone)
    let state = words.instants.isEmpty ? nil : caseID.flatMap { try? cases.load($0) }
    let detail = words.pieces(text: { $0 }, time: { zone.text($0, of: state, toTheSecond: true) }).joined()
    return show("Not done: \(detail).", words.status)
  }
}
