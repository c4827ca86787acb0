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

  /// Answers `request` for `/desk` or a path under it, split into `segments` after `desk`.
  func respond(_ request: HTTPRequest, _ segments: [String]) -> HTTPResponse {
    let desk = DeskPage(pages: pages, session: session, cases: cases, now: now)
    // The path's segments as a tuple a switch can match: the count, then up to four, "" past the end.
    let part = { (index: Int) in segments.indices.contains(index) ? segments[index] : "" }
    let path = (segments.count, part(0), part(1), part(2))
    if request.method == "GET" {
      switch path {
      case (0, _, _, _): return desk.show()
      case (1, "events", _, _): return DeskEvents.stream(session.user, pages: pages, cases: cases, request: request)
      case (2, "cases", let id, _): return casePage(id).show()
      case (4, "cases", let id, "attachments"): return casePage(id).download(part(3))
      default: return Pages.notFound
      }
    }
    guard request.method == "POST" else { return Pages.notAllowed("GET") }
    guard request.body.count <= Self.maximumBodyBytes,
      let form = try? FormBody(request.body, contentType: request.headers["content-type"])
    else { return Page.message(400, "The form could not be read", "Please go back and send it again.") }
    guard session.accepts(form, pages: pages) else {
      return Page.message(403, "The form has expired", "Please open the page again and send it.")
    }
    switch path {
    case (1, "next", _, _): return next(desk)
    case (1, "presence", _, _): return presence(form.fields["state"] ?? "", desk)
    case (1, "zone", _, _):
      let zone = form.fields["zone"].flatMap { $0.isEmpty ? nil : $0 }
      pages.sessions.setZone(zone, of: session.id)
      return SignInPage.redirect(to: "/desk")
    case (3, "tasks", let id, "accept"): return change(.acceptOffer(task: id), task: id, then: { "/desk/cases/\($0)" })
    case (3, "tasks", let id, "decline"):
      return change(.declineOffer(task: id, reason: form.fields["reason"] ?? ""), task: id, then: { _ in "/desk" })
    case (3, "tasks", let id, "escalate"): return change(.escalate(task: id), task: id, then: { _ in "/desk" })
    case (3, "tasks", let id, "complete"): return complete(id, form)
    case (3, "cases", let id, "pend"): return change(.pend, onCase: id)
    case (3, "cases", let id, "resume"): return change(.resume, onCase: id)
    default: return Pages.notFound
    }
  }

  private func casePage(_ id: String) -> DeskCasePage {
    DeskCasePage(pages: pages, session: session, cases: cases, now: now, id: id)
  }

  private func next(_ desk: DeskPage) -> HTTPResponse {
    do {
      let (_, state) = try cases.claimNext(by: session.user)
      return SignInPage.redirect(to: "/desk/cases/\(state.id)")
    } catch {
      return refused(error) { desk.show(notice: $0, status: $1) }
    }
  }

  private func presence(_ value: String, _ desk: DeskPage) -> HTTPResponse {
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

  /// Runs `command` on the case of task `id`, then goes to `then(case id)`; a refusal shows
  /// the desk again.
  private func change(_ command: Command, task id: String, then: (String) -> String) -> HTTPResponse {
    guard let dot = id.lastIndex(of: "."), dot != id.startIndex else { return Pages.notFound }
    let caseID = String(id[..<dot])
    do {
      _ = try cases.execute(command, onCase: caseID, by: session.user)
      return SignInPage.redirect(to: then(caseID))
    } catch {
      return refused(error) {
        DeskPage(pages: pages, session: session, cases: cases, now: now).show(notice: $0, status: $1)
      }
    }
  }

  /// Runs `command` on case `id`, then shows it again; a refusal shows it with the refusal.
  private func change(_ command: Command, onCase id: String) -> HTTPResponse {
    do {
      _ = try cases.execute(command, onCase: id, by: session.user)
      return SignInPage.redirect(to: "/desk/cases/\(id)")
    } catch {
      return refused(error) { casePage(id).show(notice: $0, status: $1) }
    }
  }

  /// Completes task `id` with the form's outcome and the task's form fields; invalid values
  /// show the case again with the validator's messages next to their fields, the values kept.
  private func complete(_ id: String, _ form: FormBody) -> HTTPResponse {
    guard let dot = id.lastIndex(of: "."), dot != id.startIndex else { return Pages.notFound }
    let caseID = String(id[..<dot])
    let page = casePage(caseID)
    let outcome = form.fields["outcome"] ?? ""
    var data: [String: String] = [:]
    for field in page.formFields(ofTask: id) {
      if let value = form.fields[field.id], !value.isEmpty { data[field.id] = value }
    }
    do {
      _ = try cases.execute(.complete(task: id, outcome: outcome, data: data), onCase: caseID, by: session.user)
      return SignInPage.redirect(to: "/desk")
    } catch .refused(.rule(let refusal)) where refusal.kind == .invalidInput && !refusal.problems.isEmpty {
      let errors = refusal.problems.map(Problem.fieldError).map { ($0.field ?? "", $0.detail) }
      return page.show(completing: (task: id, outcome: outcome, values: data, errors: errors), status: 422)
    } catch {
      return refused(error) { page.show(notice: $0, status: $1) }
    }
  }

  /// A refusal as the page `show` makes, with its words and status; a store failure as the
  /// pages' plain 500.
  private func refused(_ error: ServiceError, _ show: (String, Int) -> HTTPResponse) -> HTTPResponse {
    guard case .refused = error else { return Pages.unavailable(error) }
    let problem = Problem(error)
    return show("Not done: \(problem.detail).", problem.status)
  }
}
