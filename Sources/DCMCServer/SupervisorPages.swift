import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// `/supervisor` and the pages under it (SPEC section 17, docs/server.md "Supervisor page"),
/// for a user who supervises some workgroup, acting as `user` at the use cases' instant:
/// the board (`SupervisorPage`), a task's re-planning (`SupervisorTaskPage`), a case's data
/// and SLA (`SupervisorCasePage`) and the reports (`SupervisorReportsPage`). Every change is a
/// POST with the CSRF token, run through the use cases with the CLI's permission checks; a
/// refusal is shown and changes nothing. Times are shown in the viewer's zone (`?zone=`, else
/// the one picked for the session, else the zone of the deployment's first case type's
/// calendar).
struct SupervisorPages {
  let pages: Pages
  let cases: CaseService
  /// The signed-in supervisor's session: the acting user, the forms' CSRF field, the frame.
  let session: StaffSession
  let request: HTTPRequest
  /// The zone times are shown in, and whether the viewer chose it.
  let zone: ZoneRules
  let zoneProblem: String?

  static let root = "/supervisor"

  init(pages: Pages, cases: CaseService, session: StaffSession, request: HTTPRequest) {
    self.pages = pages
    self.cases = cases
    self.session = session
    self.request = request
    let fallback =
      (try? cases.definitions.deployed()).flatMap { definitions in
        definitions.bundle.caseTypes.first.map { definitions.caseTypeCalendar(ofType: $0.id).zone }
      } ?? .utc
    if let name = request.query["zone"] ?? session.zone, !name.isEmpty {
      let rules = TimeZoneDatabase.knownRules(named: name)
      zone = rules ?? fallback
      zoneProblem = rules == nil ? "'\(name.prefix(40))' is not a time zone; times are in \(fallback.name)" : nil
    } else {
      (zone, zoneProblem) = (fallback, nil)
    }
  }

  /// Answers a request whose path starts with `/supervisor` (`routes`).
  func respond() -> HTTPResponse { PageRoute.respond(Self.routes, request, in: self) }

  /// The supervisor's pages and changes: the table a request is routed by and a 405's
  /// `Allow` is computed from.
  static let routes: [PageRoute<SupervisorPages>] = [
    .get(root) { context, _, _ in SupervisorPage(context: context).show() },
    .get(root + "/reports") { context, _, _ in SupervisorReportsPage(context: context).show() },
    .get(root + "/reports.csv") { context, _, _ in SupervisorReportsPage(context: context).csv() },
    .get(root + "/tasks/{id}") { context, request, parameters in
      SupervisorTaskPage(context: context, id: parameters["id", default: ""]).show(
        SupervisorForms.Outcome(request.query))
    },
    .post(root + "/tasks/{id}/{change}") { context, _, parameters in
      SupervisorTaskPage(context: context, id: parameters["id", default: ""]).change(parameters["change", default: ""])
    },
    .get(root + "/cases/{id}") { context, request, parameters in
      SupervisorCasePage(context: context, id: parameters["id", default: ""])
        .show(saved: request.query["saved"] != nil, SupervisorForms.Outcome(request.query))
    },
    .post(root + "/cases/{id}") { context, _, parameters in
      SupervisorCasePage(context: context, id: parameters["id", default: ""]).update()
    },
    .post(root + "/cases/{id}/{change}") { context, _, parameters in
      SupervisorCasePage(context: context, id: parameters["id", default: ""]).change(parameters["change", default: ""])
    },
  ]

  /// Whether the user supervises some workgroup (a store that cannot say: no).
  var isSupervisor: Bool { (try? SupervisorBoard.supervises(user, cases: cases)) ?? false }

  /// The page for someone who supervises no workgroup, in their session's frame.
  var notSupervisor: HTTPResponse {
    session.page(
      "Not a supervisor",
      [.tag("h1", text: "Not a supervisor"), .tag("p", text: "This page is for the supervisors of a workgroup.")],
      status: 403)
  }

  // MARK: - Pieces every supervisor page uses

  /// The acting user.
  var user: String { session.user }

  /// A supervisor page in the session's frame: the sections' links, the zone's problem, then
  /// `content`, in a wide column (`.supervisor`).
  func page(_ status: Int = 200, title: String, _ content: [HTML]) -> HTTPResponse {
    let links: [(String, String)] = [(Self.root, "Board"), ("\(Self.root)/reports", "Reports")]
    let navigation = HTML.tag(
      "nav", [("class", "sections"), ("aria-label", "Supervisor")],
      [.tag("ul", [], links.map { path, text in .tag("li", [], [.tag("a", [("href", link(path))], text: text)]) })])
    var top: [HTML] = [navigation]
    if let zoneProblem { top.append(.tag("p", [("class", "error"), ("role", "alert")], text: zoneProblem)) }
    return session.page(title, [.tag("div", [("class", "supervisor")], top + content)], status: status)
  }

  /// `path` with the viewer's zone kept, and `query`'s other pairs, percent-encoded.
  func link(_ path: String, _ query: [(String, String)] = []) -> String {
    var pairs = query.filter { !$0.1.isEmpty }
    if let chosen = request.query["zone"], !chosen.isEmpty, zoneProblem == nil { pairs.insert(("zone", chosen), at: 0) }
    guard !pairs.isEmpty else { return path }
    return path + "?" + pairs.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&")
  }

  static func encoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      let scalar = Unicode.Scalar(byte)
      if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        || "-._~/".unicodeScalars.contains(scalar)
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
      }
    }
    return out
  }

  /// `2026-03-02 09:00` in the viewer's zone, with its instant for machines.
  func time(_ instant: Instant?) -> HTML {
    guard let instant else { return .text("–") }
    let local = Timestamp(instant, utcOffset: zone.offset(at: instant))
    let minutes = local.secondOfDay / 60
    let text = "\(local.date) \(Self.twoDigits(minutes / 60)):\(Self.twoDigits(minutes % 60))"
    return .tag("time", [("datetime", instant.description)], text: text)
  }

  /// A link to task `task`'s page, saying its name with its id beside it, smaller
  /// (`.ref`): the id in the link keeps each task's link text its own.
  func taskLink(_ task: TaskState) -> HTML {
    .tag(
      "a", [("href", link("\(Self.root)/tasks/\(task.id)"))],
      [.text(task.name + " "), .tag("span", [("class", "ref")], text: task.id)])
  }

  /// A wall-clock duration: `3d 4h`, `2h 05m`, `12m`, `40s`.
  static func age(_ seconds: Int) -> String {
    let (days, hours, minutes) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60)
    if days > 0 { return "\(days)d \(hours)h" }
    if hours > 0 { return "\(hours)h \(twoDigits(minutes))m" }
    return minutes > 0 ? "\(minutes)m" : "\(max(seconds, 0))s"
  }

  static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

  /// The hidden CSRF field of the session's forms.
  var csrf: HTML { session.csrfField }

  /// The form of a POST, once its CSRF field is the session's; `nil` for a body that is no
  /// form or a field that is missing or another session's. `hidden`: the parts the page put
  /// in the form besides its fields (the CSRF field, and the case form's `shown`), which do
  /// not count against `FormBody.maximumParts`.
  /// A value longer than a value may be is read (`FormBody.init(page:)`), for the form's
  /// checks or the validator to refuse as its field's error.
  func postedForm(hidden: Int = 1) -> FormBody? {
    guard let body = try? FormBody(page: request, bodyBytes: Pages.maximumBodyBytes, hidden: hidden),
      session.accepts(body, pages: pages)
    else { return nil }
    return body
  }

  /// A form on the page at `path` that POSTs the change `action` to `path/ACTION` (its id
  /// `form-ACTION`): the CSRF field, `fields` and a submit button saying `button`.
  func changeForm(_ action: String, on path: String, _ button: String, _ fields: [HTML]) -> HTML {
    .tag(
      "form", [("method", "post"), ("action", link("\(path)/\(action)")), ("id", "form-\(action)")],
      [csrf] + fields + [.tag("button", [("type", "submit")], text: button)])
  }

  /// The change `action` that a `changeForm` of the page at `path` POSTed, on case `caseID`:
  /// `command` makes it from the form's fields, the use case runs it with its permission
  /// check. A change made leads back to the page (303, `?done=ACTION`), as does one the engine
  /// found made already, which recorded nothing (`?unchanged=ACTION`, `SupervisorForms.Outcome`);
  /// a form's value the command cannot take (422) or a refusal (its status) shows the page
  /// again, made by `page` with the status and the reason, and nothing changed.
  func change(
    _ action: String, on path: String, ofCase caseID: String,
    _ command: ([String: String]) -> Result<Command, SupervisorForms.Invalid>,
    page: (Int, [HTML]) -> HTTPResponse
  ) -> HTTPResponse {
    guard isSupervisor else { return notSupervisor }
    guard let form = postedForm() else { return Self.expired }
    let made: Command
    switch command(form.fields) {
    case .success(let given): made = given
    case .failure(let invalid): return page(422, [Self.notice(invalid.text, refused: true)])
    }
    let recorded: Bool
    do {
      recorded = try cases.executeRecording(made, onCase: caseID, by: user).recorded
    } catch {
      let (status, notice) = refusal(error)
      return page(status, [notice])
    }
    return SignInPage.redirect(to: link(path, [SupervisorForms.Outcome(action, recorded: recorded).item]))
  }

  /// A refusal's status and notice, the instants it quotes written as the page writes times
  /// (`RefusalWords`, `time`).
  func refusal(_ error: ServiceError) -> (status: Int, notice: HTML) {
    let words = RefusalWords(error)
    return (words.status, Self.notice(words.pieces(text: { .text($0) }, time: { time($0) }), refused: true))
  }

  static let expired = Page.message(
    403, "The form has expired", "Please open the page again and repeat the change.")

  /// A message at the top of a page: a refusal (`role=alert`) or a change made (`role=status`).
  static func notice(_ text: String, refused: Bool) -> HTML { notice([.text(text)], refused: refused) }

  static func notice(_ content: [HTML], refused: Bool) -> HTML {
    .tag("p", [("class", refused ? "notice refused" : "notice done"), ("role", refused ? "alert" : "status")], content)
  }
}
